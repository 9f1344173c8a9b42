-- Invitations to business workspaces, and advisors' access to client workspaces.

-- An invitation is accepted by whoever holds the link's token and is signed in with the invited e-mail address.
CREATE TABLE control.invitations (
    id uuid PRIMARY KEY,
    workspace_id uuid NOT NULL REFERENCES control.workspaces (id) ON DELETE CASCADE,
    email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    role text NOT NULL CHECK (role IN ('ADMIN', 'MEMBER', 'VIEWER')),
    token_hash bytea NOT NULL UNIQUE,
    invited_by uuid REFERENCES control.users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    accepted_at timestamptz,
    accepted_by uuid REFERENCES control.users (id) ON DELETE SET NULL,
    revoked_at timestamptz
);
CREATE INDEX invitations_workspace ON control.invitations (workspace_id, created_at DESC);
CREATE INDEX invitations_email ON control.invitations (lower(email)) WHERE accepted_at IS NULL AND revoked_at IS NULL;

-- An advisor workspace's access to a client workspace. Offered by the client or requested by the advisor; the other
-- side accepts. Either side may revoke at any time; an expired grant opens nothing.
CREATE TABLE control.advisor_grants (
    id uuid PRIMARY KEY,
    advisor_workspace_id uuid NOT NULL REFERENCES control.workspaces (id) ON DELETE CASCADE,
    client_workspace_id uuid NOT NULL REFERENCES control.workspaces (id) ON DELETE CASCADE,
    access text NOT NULL CHECK (access IN ('ADVISOR_READ', 'ADVISOR_WRITE')),
    status text NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'DECLINED', 'REVOKED')),
    initiated_by text NOT NULL CHECK (initiated_by IN ('CLIENT', 'ADVISOR')),
    created_by uuid REFERENCES control.users (id) ON DELETE SET NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz,
    responded_at timestamptz,
    responded_by uuid REFERENCES control.users (id) ON DELETE SET NULL,
    revoked_at timestamptz,
    revoked_by uuid REFERENCES control.users (id) ON DELETE SET NULL,
    CHECK (advisor_workspace_id <> client_workspace_id)
);
-- At most one open (pending or active) grant per pair.
CREATE UNIQUE INDEX advisor_grants_open_pair ON control.advisor_grants (advisor_workspace_id, client_workspace_id)
    WHERE status IN ('PENDING', 'ACTIVE');
CREATE INDEX advisor_grants_client ON control.advisor_grants (client_workspace_id, status);
