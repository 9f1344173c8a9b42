-- Notifications: what each user is told in the app (and by e-mail), their channel preferences per type, and the keys
-- that let a notification go out at most once (a bill reminder per occurrence, an advisor's access per grant and day).

-- One row per notification and recipient, written before it is published to subscriptions. The id orders them: a
-- client that reconnects reads what it missed with `notifications(after: <last id seen>)`, so ids only grow.
CREATE TABLE control.notifications (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES control.users (id) ON DELETE CASCADE,
    -- The workspace it is about, if any; deleting the workspace deletes what was said about it.
    workspace_id uuid REFERENCES control.workspaces (id) ON DELETE CASCADE,
    type text NOT NULL CONSTRAINT notifications_type_known CHECK (type IN (
        'BUDGET_THRESHOLD', 'UNUSUAL_SPENDING', 'BILL_REMINDER', 'IMPORT_FINISHED', 'MEMBER_INVITED',
        'ADVISOR_ACCESS_GRANTED', 'ADVISOR_ACCESS_USED', 'SYSTEM_ANNOUNCEMENT')),
    priority text NOT NULL DEFAULT 'NORMAL' CHECK (priority IN ('LOW', 'NORMAL', 'HIGH')),
    title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    body text NOT NULL DEFAULT '' CHECK (length(body) <= 4000),
    -- What the notification refers to (ids, amounts, dates) as a JSON object of strings, for the client to link to.
    data jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(data) = 'object'),
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    read_at timestamptz
);
-- A user's notifications by id, read either way: the inbox (newest first, then older pages before an id) and catching
-- up after an id.
CREATE INDEX notifications_user ON control.notifications (user_id, id);
-- The unread ones: the badge count, "unread only" and marking all read touch only these.
CREATE INDEX notifications_user_unread ON control.notifications (user_id, id) WHERE read_at IS NULL;
-- Deleting a workspace finds its notifications without reading the whole table.
CREATE INDEX notifications_workspace ON control.notifications (workspace_id) WHERE workspace_id IS NOT NULL;

-- A user's choice of channels for one type. Without a row the type's default applies (defaults live in the code:
-- NotificationType.defaultChannels), so changing a default reaches everyone who never chose.
CREATE TABLE control.notification_preferences (
    user_id uuid NOT NULL REFERENCES control.users (id) ON DELETE CASCADE,
    type text NOT NULL CONSTRAINT notification_preferences_type_known CHECK (type IN (
        'BUDGET_THRESHOLD', 'UNUSUAL_SPENDING', 'BILL_REMINDER', 'IMPORT_FINISHED', 'MEMBER_INVITED',
        'ADVISOR_ACCESS_GRANTED', 'ADVISOR_ACCESS_USED', 'SYSTEM_ANNOUNCEMENT')),
    in_app boolean NOT NULL,
    email boolean NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, type)
);

-- A notification that must reach a recipient at most once claims its key here in the transaction that writes it; a
-- later claim finds the key taken and sends nothing, whichever channels are on (so an e-mail-only preference cannot
-- bypass it). Keys older than anything that could claim them again may be deleted.
CREATE TABLE control.notification_keys (
    user_id uuid NOT NULL REFERENCES control.users (id) ON DELETE CASCADE,
    key text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX notification_keys_created ON control.notification_keys (created_at);
