-- An import can be undone: its transactions are deleted and the import is kept as UNDONE, with what it removed.
-- The index serves that delete and every read of an import's transactions (events, budget alerts after a commit).
ALTER TABLE imports DROP CONSTRAINT imports_status_check;
ALTER TABLE imports ADD CONSTRAINT imports_status_check CHECK (status IN ('UPLOADED', 'COMMITTED', 'UNDONE'));
ALTER TABLE imports ADD COLUMN undone_at timestamptz, ADD COLUMN removed_count integer;
CREATE INDEX transactions_by_import ON transactions (import_id) WHERE import_id IS NOT NULL;
