-- Retries for the mail outbox: a failed send waits until next_attempt_at (exponential backoff, set by the sender);
-- after the last allowed attempt the mail is given up: failed_at is set and last_error says why. attempts and
-- last_error (0004) count and describe the tries.
ALTER TABLE control.mail_outbox
    ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN failed_at timestamptz;

-- What the sender reads: due mails that are neither sent nor given up, in the order they became due.
DROP INDEX control.mail_outbox_pending;
CREATE INDEX mail_outbox_due ON control.mail_outbox (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;
