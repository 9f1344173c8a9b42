-- Per-workspace settings (currency, locale, week start, ...), one value per key.
CREATE TABLE workspace_settings (
    key text PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 100),
    value text NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
