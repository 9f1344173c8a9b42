-- Per-database set-up, run as the superuser in each application database; idempotent.
-- The public schema is closed so that a workspace role can reach nothing outside its own schema.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SELECT format('GRANT ALL ON SCHEMA public TO %I', :'app_user') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT ALL ON DATABASE %I TO %I', current_database(), :'app_user') \gexec
-- Statement statistics per role: the N+1 tests count what a request ran under its workspace's role (needs the library
-- preloaded, which scripts/stack.sh does; elsewhere the extension exists and stays unused). Call counts are visible to
-- every role; only other roles' query texts are hidden, and the tests do not need them.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
