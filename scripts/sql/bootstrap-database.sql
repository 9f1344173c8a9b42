-- Per-database set-up, run as the superuser in each application database; idempotent.
-- The public schema is closed so that a workspace role can reach nothing outside its own schema.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SELECT format('GRANT ALL ON SCHEMA public TO %I', :'app_user') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT ALL ON DATABASE %I TO %I', current_database(), :'app_user') \gexec
-- Statement statistics per role: the N+1 tests count what a request ran in its workspace (needs the library preloaded,
-- which scripts/stack.sh does; elsewhere the extension exists and stays unused). pg_read_all_stats shows other roles' rows.
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SELECT format('GRANT pg_read_all_stats TO %I', :'app_user') WHERE NOT pg_has_role(:'app_user', 'pg_read_all_stats', 'MEMBER') \gexec
