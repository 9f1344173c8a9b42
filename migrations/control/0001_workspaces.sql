-- Platform-wide registry of workspaces. Each row owns one schema ws_<32 hex> and the role of the same name.
CREATE TABLE control.workspaces (
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('PERSONAL', 'BUSINESS', 'ADVISOR')),
    schema_name text NOT NULL UNIQUE CHECK (schema_name ~ '^ws_[0-9a-f]{32}$'),
    plan text NOT NULL DEFAULT 'FREE',
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX workspaces_created_at ON control.workspaces (created_at, id);

-- Workspace roles get no way in to the control schema (scripts/sql/bootstrap.sql does the same for public).
REVOKE ALL ON SCHEMA control FROM PUBLIC;
