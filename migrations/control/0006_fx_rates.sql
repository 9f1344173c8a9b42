-- Foreign-exchange reference rates: platform-wide reference data (not tenant data), shared by every workspace and
-- read in control-plane transactions. Loaded by `budgetai import-fx-rates` from the ECB's CSV files.

-- One row per published rate: on `day`, 1 `base` = `rate` `quote` (ECB: base EUR). The key leads with the pair, so
-- "this pair from day A to day B" (how rates are read: a few currencies over a date range) is one index range scan.
CREATE TABLE control.fx_rates (
    day date NOT NULL,
    base char(3) NOT NULL CHECK (base ~ '^[A-Z]{3}$'),
    quote char(3) NOT NULL CHECK (quote ~ '^[A-Z]{3}$'),
    -- Exact, never floating point. 16 digits before the point and 12 after hold every published rate (the ECB gives
    -- at most 6 significant digits) and a derived rate stored at the precision the application rounds it to.
    rate numeric(28,12) NOT NULL CHECK (rate > 0),
    -- Where the rate came from; a later import from any source replaces the row (the latest import wins).
    source text NOT NULL DEFAULT 'ECB' CHECK (length(source) BETWEEN 1 AND 50),
    -- When this row's value was last written; an import that brings the same value leaves it alone.
    imported_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (base, quote, day),
    -- A currency is worth exactly 1 of itself; such a row would only be a second, possibly different, answer.
    CHECK (base <> quote)
);
