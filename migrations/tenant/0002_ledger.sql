-- The ledger: accounts, categories, tags, transactions with their split lines, and their change history.
-- Amounts are signed minor units (BIGINT) of the row's currency: negative leaves the account, positive enters it.

CREATE TABLE accounts (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind text NOT NULL CHECK (kind IN ('CASH', 'CHECKING', 'SAVINGS', 'CREDIT_CARD', 'LOAN', 'INVESTMENT', 'OTHER')),
    currency char(3) NOT NULL,
    opening_balance bigint NOT NULL DEFAULT 0,
    opening_date date NOT NULL,
    archived_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid
);
CREATE UNIQUE INDEX accounts_live_name ON accounts (lower(name)) WHERE archived_at IS NULL;

-- One level of hierarchy: a category's parent has no parent (checked by the trigger below).
-- `key` names a default category (from Plaid's personal-finance primary categories), null for custom ones.
CREATE TABLE categories (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind text NOT NULL CHECK (kind IN ('INCOME', 'EXPENSE')),
    parent_id uuid REFERENCES categories (id),
    key text UNIQUE,
    archived_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX categories_live_name
    ON categories (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), lower(name)) WHERE archived_at IS NULL;

CREATE FUNCTION categories_one_level() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.parent_id IS NOT NULL THEN
        IF NEW.parent_id = NEW.id OR EXISTS (SELECT FROM categories WHERE id = NEW.parent_id AND parent_id IS NOT NULL)
           OR EXISTS (SELECT FROM categories WHERE parent_id = NEW.id) THEN
            RAISE EXCEPTION 'categories have one level of hierarchy' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER categories_one_level BEFORE INSERT OR UPDATE OF parent_id ON categories
    FOR EACH ROW EXECUTE FUNCTION categories_one_level();

CREATE TABLE tags (
    id uuid PRIMARY KEY,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX tags_name ON tags (lower(name));

CREATE TABLE transactions (
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('EXPENSE', 'INCOME', 'TRANSFER')),
    account_id uuid NOT NULL REFERENCES accounts (id),
    date date NOT NULL,
    amount bigint NOT NULL CHECK (amount <> 0),
    currency char(3) NOT NULL,
    payee text NOT NULL DEFAULT '' CHECK (length(payee) <= 200),
    description text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 5000),
    -- Null for a split transaction (its lines carry the categories), a transfer, or an uncategorised one.
    category_id uuid REFERENCES categories (id),
    status text NOT NULL CHECK (status IN ('PENDING', 'CLEARED')),
    source text NOT NULL CHECK (source IN ('MANUAL', 'IMPORT', 'RECEIPT', 'BANK', 'RECURRING')),
    -- Both legs of a transfer share one transfer_id; each leg is in its own account's currency.
    transfer_id uuid,
    import_id uuid,
    -- The bank's id of the transaction (OFX FITID), else our hash of date, amount, payee and occurrence.
    external_id text,
    recurring_rule_id uuid,
    recurring_index integer,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by uuid,
    updated_at timestamptz NOT NULL DEFAULT now(),
    updated_by uuid,
    search tsvector GENERATED ALWAYS AS (to_tsvector('simple', payee || ' ' || description || ' ' || notes)) STORED,
    CHECK (kind <> 'EXPENSE' OR amount < 0),
    CHECK (kind <> 'INCOME' OR amount > 0),
    CHECK ((kind = 'TRANSFER') = (transfer_id IS NOT NULL))
);
CREATE INDEX transactions_by_date ON transactions (date DESC, id DESC);
CREATE INDEX transactions_by_account ON transactions (account_id, date DESC);
CREATE INDEX transactions_by_category ON transactions (category_id, date DESC);
CREATE INDEX transactions_by_transfer ON transactions (transfer_id) WHERE transfer_id IS NOT NULL;
CREATE INDEX transactions_search ON transactions USING gin (search);
-- Importing the same statement twice adds nothing.
CREATE UNIQUE INDEX transactions_external ON transactions (account_id, external_id) WHERE external_id IS NOT NULL;
-- Materialising a recurring rule twice adds nothing.
CREATE UNIQUE INDEX transactions_recurring ON transactions (recurring_rule_id, recurring_index) WHERE recurring_rule_id IS NOT NULL;

CREATE TABLE transaction_splits (
    transaction_id uuid NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    position integer NOT NULL CHECK (position >= 0),
    category_id uuid REFERENCES categories (id),
    amount bigint NOT NULL CHECK (amount <> 0),
    memo text NOT NULL DEFAULT '' CHECK (length(memo) <= 500),
    PRIMARY KEY (transaction_id, position)
);
CREATE INDEX transaction_splits_by_category ON transaction_splits (category_id);

-- The lines of a split transaction add up to its amount: checked at commit, whichever table changed.
CREATE FUNCTION splits_sum_to_total() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    target uuid;
    total bigint;
    lines bigint;
    line_count integer;
BEGIN
    -- Each branch names only fields its table has: PL/pgSQL resolves record fields when it runs the expression.
    IF TG_TABLE_NAME = 'transactions' THEN
        target := NEW.id;
    ELSIF TG_OP = 'DELETE' THEN
        target := OLD.transaction_id;
    ELSE
        target := NEW.transaction_id;
    END IF;
    SELECT amount INTO total FROM transactions WHERE id = target;
    IF total IS NULL THEN RETURN NULL; END IF;
    SELECT coalesce(sum(amount), 0), count(*) INTO lines, line_count FROM transaction_splits WHERE transaction_id = target;
    IF line_count > 0 AND lines <> total THEN
        RAISE EXCEPTION 'split lines of transaction % sum to %, not %', target, lines, total USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER splits_sum_to_total AFTER INSERT OR UPDATE OR DELETE ON transaction_splits
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION splits_sum_to_total();
CREATE CONSTRAINT TRIGGER transaction_total_matches_splits AFTER UPDATE OF amount ON transactions
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION splits_sum_to_total();

CREATE TABLE transaction_tags (
    transaction_id uuid NOT NULL REFERENCES transactions (id) ON DELETE CASCADE,
    tag_id uuid NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (transaction_id, tag_id)
);
CREATE INDEX transaction_tags_by_tag ON transaction_tags (tag_id);

-- Who changed or deleted a transaction, when, and what it was before and after. The acting user comes from the
-- transaction-local setting budgetai.actor, which the service sets before writing.
CREATE TABLE transaction_changes (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    transaction_id uuid NOT NULL,
    action text NOT NULL CHECK (action IN ('UPDATE', 'DELETE')),
    changed_by uuid,
    changed_at timestamptz NOT NULL DEFAULT now(),
    before jsonb NOT NULL,
    after jsonb
);
CREATE INDEX transaction_changes_by_transaction ON transaction_changes (transaction_id, id);

CREATE FUNCTION record_transaction_changes() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    actor uuid := nullif(current_setting('budgetai.actor', true), '')::uuid;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        INSERT INTO transaction_changes (transaction_id, action, changed_by, before, after)
        SELECT o.id, 'UPDATE', actor, to_jsonb(o) - 'search', to_jsonb(n) - 'search'
        FROM old_rows o JOIN new_rows n USING (id)
        WHERE (to_jsonb(o) - 'search' - 'updated_at' - 'updated_by') IS DISTINCT FROM (to_jsonb(n) - 'search' - 'updated_at' - 'updated_by');
    ELSE
        INSERT INTO transaction_changes (transaction_id, action, changed_by, before)
        SELECT o.id, 'DELETE', actor, to_jsonb(o) - 'search' FROM old_rows o;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER transactions_updated AFTER UPDATE ON transactions
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION record_transaction_changes();
CREATE TRIGGER transactions_deleted AFTER DELETE ON transactions
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION record_transaction_changes();

-- Every categorised amount: a split transaction's lines, or the transaction itself. What reports add up.
CREATE VIEW ledger_lines AS
SELECT t.id AS transaction_id, t.kind, t.account_id, t.date, t.currency, t.status, t.payee,
       coalesce(s.category_id, t.category_id) AS category_id, coalesce(s.amount, t.amount) AS amount
FROM transactions t
LEFT JOIN transaction_splits s ON s.transaction_id = t.id;
