-- Identity: password credentials, sessions and their rotating refresh tokens, single-use e-mail verification and
-- password reset tokens, login attempts (for the record; throttling itself counts in Redis) and the mail outbox.
-- Every token is stored as the SHA-256 of its bytes, never as the token.

-- One argon2id PHC string per user ($argon2id$v=19$m=...,t=...,p=...$salt$hash).
CREATE TABLE control.credentials (
    user_id uuid PRIMARY KEY REFERENCES control.users (id) ON DELETE CASCADE,
    password_hash text NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per login: a refresh-token family. Revoking the session revokes every token of the family.
CREATE TABLE control.sessions (
    id uuid PRIMARY KEY,
    user_id uuid NOT NULL REFERENCES control.users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_used_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    remember_me boolean NOT NULL DEFAULT false,
    user_agent text CHECK (length(user_agent) <= 300),
    address text CHECK (length(address) <= 100),
    revoked_at timestamptz,
    revoked_reason text
);
-- Live sessions of a user, newest first (sessions list, revoke all).
CREATE INDEX sessions_user_live ON control.sessions (user_id, created_at DESC) WHERE revoked_at IS NULL;

-- Refresh tokens: each use marks the token used and points at its replacement; presenting a used token again
-- revokes the whole session.
CREATE TABLE control.refresh_tokens (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    session_id uuid NOT NULL REFERENCES control.sessions (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz,
    replaced_by bytea REFERENCES control.refresh_tokens (token_hash) ON DELETE SET NULL
);
CREATE INDEX refresh_tokens_session ON control.refresh_tokens (session_id);
CREATE INDEX refresh_tokens_replaced_by ON control.refresh_tokens (replaced_by) WHERE replaced_by IS NOT NULL;

-- Sent in the verification mail; single use.
CREATE TABLE control.email_verification_tokens (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id uuid NOT NULL REFERENCES control.users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);
CREATE INDEX email_verification_tokens_user ON control.email_verification_tokens (user_id) WHERE used_at IS NULL;

-- Sent in the reset mail; single use; a reset or a new request voids the others.
CREATE TABLE control.password_reset_tokens (
    token_hash bytea PRIMARY KEY CHECK (length(token_hash) = 32),
    user_id uuid NOT NULL REFERENCES control.users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);
CREATE INDEX password_reset_tokens_user ON control.password_reset_tokens (user_id) WHERE used_at IS NULL;

-- Every login attempt: by user when the e-mail belongs to one, else by the SHA-256 of the lower-cased e-mail.
CREATE TABLE control.login_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id uuid REFERENCES control.users (id) ON DELETE CASCADE,
    email_hash bytea NOT NULL CHECK (length(email_hash) = 32),
    address text CHECK (length(address) <= 100),
    success boolean NOT NULL,
    at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX login_attempts_user ON control.login_attempts (user_id, at DESC) WHERE user_id IS NOT NULL;
CREATE INDEX login_attempts_email ON control.login_attempts (email_hash, at DESC);
CREATE INDEX login_attempts_address ON control.login_attempts (address, at DESC);

-- Mail waiting for the sender job; written in the transaction of the action that sends it.
CREATE TABLE control.mail_outbox (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_address text NOT NULL CHECK (length(to_address) BETWEEN 3 AND 254),
    template text NOT NULL CHECK (template ~ '^[a-z_]+$'),
    subject text NOT NULL CHECK (length(subject) <= 300),
    text_body text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
    sent_at timestamptz,
    attempts integer NOT NULL DEFAULT 0,
    last_error text
);
CREATE INDEX mail_outbox_pending ON control.mail_outbox (created_at, id) WHERE sent_at IS NULL;
CREATE INDEX mail_outbox_to ON control.mail_outbox (lower(to_address), created_at DESC);
