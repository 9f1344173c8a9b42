-- Workspace ids whose role ws_<32 hex> already exists and is granted to the application's role.
--
-- Every role change (CREATE ROLE, GRANT, DROP ROLE) makes every PostgreSQL backend rebuild its cached list of the
-- application role's memberships on its next SET ROLE, and with thousands of workspace roles that rebuild costs
-- tens to hundreds of milliseconds. Creating roles ahead, many per transaction, makes that happen once per batch
-- instead of once per new workspace. A workspace takes its id from this pool when it is provisioned.
CREATE TABLE control.workspace_role_pool (
    workspace_id uuid PRIMARY KEY,
    created_at timestamptz NOT NULL DEFAULT now()
);
