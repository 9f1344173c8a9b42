-- Recurring rules (materialised into transactions by `budgetai materialize-recurring`), budgets with their threshold
-- alerts, and imports of bank statements.

CREATE TABLE recurring_rules (
    id uuid PRIMARY KEY,
    account_id uuid NOT NULL REFERENCES accounts (id),
    kind text NOT NULL CHECK (kind IN ('EXPENSE', 'INCOME')),
    amount bigint NOT NULL CHECK (amount <> 0),
    payee text NOT NULL DEFAULT '',
    description text NOT NULL DEFAULT '',
    category_id uuid REFERENCES categories (id),
    frequency text NOT NULL CHECK (frequency IN ('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY')),
    every integer NOT NULL DEFAULT 1 CHECK (every BETWEEN 1 AND 366),
    day_of_month integer CHECK (day_of_month BETWEEN 1 AND 31),
    last_day_of_month boolean NOT NULL DEFAULT false,
    start_date date NOT NULL,
    end_date date,
    max_count integer CHECK (max_count >= 1),
    -- The index of the last occurrence written as a transaction; null before the first.
    materialized_index integer,
    paused boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid
);

-- A limit per category (null: every expense) and period. Amounts are in the workspace's base currency.
CREATE TABLE budgets (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    category_id uuid REFERENCES categories (id),
    period text NOT NULL CHECK (period IN ('WEEKLY', 'MONTHLY', 'QUARTERLY', 'YEARLY', 'CUSTOM')),
    period_days integer CHECK (period_days BETWEEN 1 AND 3660),
    anchor date NOT NULL,
    amount bigint NOT NULL CHECK (amount > 0),
    currency char(3) NOT NULL,
    rollover boolean NOT NULL DEFAULT false,
    rollover_cap bigint CHECK (rollover_cap >= 0),
    thresholds integer[] NOT NULL DEFAULT '{80,100}',
    archived_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    CHECK ((period = 'CUSTOM') = (period_days IS NOT NULL))
);

-- Threshold crossings, one per budget, period and threshold: recorded when a write makes spending cross it.
-- Delivery to people (in-app, e-mail) comes with the notifications issue.
CREATE TABLE budget_alerts (
    budget_id uuid NOT NULL REFERENCES budgets (id) ON DELETE CASCADE,
    period_start date NOT NULL,
    threshold integer NOT NULL,
    spent bigint NOT NULL,
    available bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (budget_id, period_start, threshold)
);

CREATE TABLE imports (
    id uuid PRIMARY KEY,
    file_name text NOT NULL DEFAULT '',
    format text NOT NULL CHECK (format IN ('CSV', 'OFX', 'QIF')),
    content bytea NOT NULL,
    status text NOT NULL CHECK (status IN ('UPLOADED', 'COMMITTED')),
    account_id uuid REFERENCES accounts (id),
    row_count integer,
    added_count integer,
    duplicate_count integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    committed_at timestamptz
);

-- Rows of an import being committed: filled with COPY, then moved into transactions by one INSERT ... SELECT.
CREATE UNLOGGED TABLE import_staging (
    import_id uuid NOT NULL,
    line integer NOT NULL,
    date date NOT NULL,
    amount bigint NOT NULL,
    payee text NOT NULL,
    description text NOT NULL,
    external_id text NOT NULL,
    category_id uuid
);
CREATE INDEX import_staging_by_import ON import_staging (import_id);
