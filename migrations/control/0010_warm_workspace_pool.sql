-- Pooled ids whose schema is already created and migrated ("warm"). A workspace's tables, triggers and default
-- categories cost tens of milliseconds of DDL; taking a warm entry makes provisioning a matter of moving one row.
-- schema_digest: SHA-256 over the checksums of the tenant migrations the schema was built with (NULL: the role
-- only, no schema yet); schema_version: the highest of their versions, so a binary can tell warm schemas older than
-- its migrations (rebuilt) from newer ones (left to the binary that built them).
ALTER TABLE control.workspace_role_pool
    ADD COLUMN schema_digest text,
    ADD COLUMN schema_version integer,
    ADD CONSTRAINT workspace_role_pool_warm_columns CHECK ((schema_digest IS NULL) = (schema_version IS NULL));
