-- People, their place in workspaces, and the append-only audit log.

-- Workspaces get a display name (the personal one is named after its user).
ALTER TABLE control.workspaces ADD COLUMN name text NOT NULL DEFAULT '' CHECK (length(name) <= 200);

-- One row per account. The e-mail is stored as typed and compared lower-cased.
CREATE TABLE control.users (
    id uuid PRIMARY KEY,
    email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
    platform_role text NOT NULL DEFAULT 'USER' CHECK (platform_role IN ('USER', 'SUPPORT', 'ADMIN')),
    -- Granted by a platform admin: may create BUSINESS and ADVISOR workspaces beyond the free allowance.
    is_business boolean NOT NULL DEFAULT false,
    email_verified_at timestamptz,
    disabled_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_lower ON control.users (lower(email));
CREATE INDEX users_created_at ON control.users (created_at, id);

-- Who belongs to which workspace, with which role. An advisor reaches client workspaces through
-- control.advisor_grants, never through a membership.
CREATE TABLE control.memberships (
    workspace_id uuid NOT NULL REFERENCES control.workspaces (id) ON DELETE CASCADE,
    user_id uuid NOT NULL REFERENCES control.users (id) ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ('OWNER', 'ADMIN', 'MEMBER', 'VIEWER')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (workspace_id, user_id)
);
CREATE INDEX memberships_user ON control.memberships (user_id);

-- Append-only: the table belongs to a role the application does not log in as, and the application is granted
-- SELECT and INSERT only, so UPDATE, DELETE and TRUNCATE fail with permission denied. The trigger refuses them even
-- for the owner.
CREATE TABLE control.audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    action text NOT NULL CHECK (action ~ '^[a-z_]+(\.[a-z_]+)+$'),
    actor_user_id uuid,
    actor_address text,
    workspace_id uuid,
    target_type text,
    target_id text,
    details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON control.audit_log (at DESC, id DESC);
CREATE INDEX audit_log_actor ON control.audit_log (actor_user_id, at DESC);
CREATE INDEX audit_log_workspace ON control.audit_log (workspace_id, at DESC);

CREATE FUNCTION control.audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    RAISE EXCEPTION 'control.audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END
$fn$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON control.audit_log
    FOR EACH ROW EXECUTE FUNCTION control.audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON control.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION control.audit_log_is_append_only();

DO $do$
DECLARE
    owner_role text := current_user || '_audit';
BEGIN
    -- Roles are cluster-wide: a second database on the same cluster reuses the role.
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = owner_role) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', owner_role);
    END IF;
    -- Changing a table's owner needs membership in the new owner; it is taken back right after.
    EXECUTE format('GRANT %I TO CURRENT_USER', owner_role);
    -- A new owner needs CREATE on the schema; it keeps USAGE only.
    EXECUTE format('GRANT USAGE, CREATE ON SCHEMA control TO %I', owner_role);
    EXECUTE format('ALTER TABLE control.audit_log OWNER TO %I', owner_role);
    EXECUTE format('REVOKE CREATE ON SCHEMA control FROM %I', owner_role);
    -- Granted by the new owner; the application's own rights on the table were the old owner's and went with it.
    EXECUTE format('SET LOCAL ROLE %I', owner_role);
    EXECUTE format('GRANT SELECT, INSERT ON control.audit_log TO %I', session_user);
    RESET ROLE;
    EXECUTE format('REVOKE %I FROM CURRENT_USER', owner_role);
END
$do$;
