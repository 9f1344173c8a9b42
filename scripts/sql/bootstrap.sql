-- Cluster-level set-up, run as the superuser by scripts/stack.sh and docker/initdb.sh; idempotent.
-- psql variables: app_user, app_password, databases (comma-separated).
--
-- The application's role logs in, creates workspace roles (CREATEROLE) and is NOINHERIT: it can SET ROLE to a
-- workspace role it was granted, but never holds a workspace's rights otherwise. It is not a superuser.
SELECT format('CREATE ROLE %I LOGIN', :'app_user')
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_user') \gexec
SELECT format('ALTER ROLE %I LOGIN NOSUPERUSER NOINHERIT CREATEROLE NOCREATEDB NOBYPASSRLS PASSWORD %L', :'app_user', :'app_password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', name, :'app_user')
FROM unnest(string_to_array(:'databases', ',')) AS name
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = name) \gexec
