-- Per-database set-up, run as the superuser in each application database; idempotent.
-- The public schema is closed so that a workspace role can reach nothing outside its own schema.
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SELECT format('GRANT ALL ON SCHEMA public TO %I', :'app_user') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT ALL ON DATABASE %I TO %I', current_database(), :'app_user') \gexec
