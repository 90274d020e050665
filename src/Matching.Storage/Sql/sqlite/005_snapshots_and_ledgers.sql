-- Matching schema v5 (SQLite): departments send lists (snapshots) and events (ledgers); record fields typed; undo.
-- A snapshot department's current batch is its newest one not withdrawn that accepted rows; a ledger department's
-- batches all count (each event once: the row with counted = 1). The kind comes from the department's header map.
-- 'superseded' is no longer stored: it is what a snapshot batch older than the current one is.

ALTER TABLE import_batch ADD COLUMN layout TEXT;                       -- the typed fields its rows were stored with (RecordLayout); NULL: JSON fields from before v5, converted by `matching init`
ALTER TABLE import_batch ADD COLUMN rows_usable INTEGER NOT NULL DEFAULT 0; -- accepted rows that identify someone (the shrink guard measures them)
ALTER TABLE import_batch ADD COLUMN new_events INTEGER;                -- ledger: events no counting batch had
ALTER TABLE import_batch ADD COLUMN known_events INTEGER;              -- ledger: events sent before (counted once, elsewhere)
ALTER TABLE import_batch ADD COLUMN withdrawn_at TEXT;                 -- ISO 8601, UTC
ALTER TABLE import_batch ADD COLUMN withdrawn_by TEXT;
ALTER TABLE import_batch ADD COLUMN withdraw_reason TEXT;

UPDATE import_batch SET status = 'processed' WHERE status = 'superseded';
UPDATE import_batch SET rows_usable = (SELECT COUNT(*) FROM source_record r WHERE r.batch_id = import_batch.batch_id AND r.id_key IS NOT NULL)
WHERE kind = 'department';

-- Two imports of one file at once could make two batches (fixed now by the unique index below): the later copy is
-- withdrawn, with the reason.
UPDATE import_batch
SET status = 'withdrawn', withdrawn_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), withdrawn_by = 'matching init',
    withdraw_reason = 'the same file as batch ' || (SELECT MIN(o.batch_id) FROM import_batch o WHERE o.kind = 'department'
        AND o.department = import_batch.department AND o.sha256 = import_batch.sha256) || ', imported twice at once (schema v5 upgrade)'
WHERE kind = 'department' AND EXISTS (SELECT 1 FROM import_batch o WHERE o.kind = 'department' AND o.department = import_batch.department
    AND o.sha256 = import_batch.sha256 AND o.batch_id < import_batch.batch_id);
CREATE UNIQUE INDEX IF NOT EXISTS ux_import_batch_file ON import_batch (department, sha256) WHERE kind = 'department' AND status <> 'withdrawn';

ALTER TABLE source_record ADD COLUMN birth TEXT NOT NULL DEFAULT '';   -- the birth date cell as typed (fallback matching)
ALTER TABLE source_record ADD COLUMN counted INTEGER NOT NULL DEFAULT 1; -- ledger: 1 on the one row an event counts by
ALTER TABLE source_record ADD COLUMN event_day INTEGER;                -- ledger: the event's date (day number; -1 none)
ALTER TABLE source_record ADD COLUMN event_hi INTEGER;                 -- ledger: the event's identity, a 128-bit hash
ALTER TABLE source_record ADD COLUMN event_lo INTEGER;
ALTER TABLE source_record ADD COLUMN text0 TEXT;                       -- typed fields by slot (the batch's layout names them)
ALTER TABLE source_record ADD COLUMN text1 TEXT;
ALTER TABLE source_record ADD COLUMN text2 TEXT;
ALTER TABLE source_record ADD COLUMN text3 TEXT;
ALTER TABLE source_record ADD COLUMN date0 TEXT;                       -- yyyy-MM-dd
ALTER TABLE source_record ADD COLUMN date1 TEXT;
ALTER TABLE source_record ADD COLUMN fen0 INTEGER;                     -- amounts in fen (分)
ALTER TABLE source_record ADD COLUMN fen1 INTEGER;
ALTER TABLE source_record ADD COLUMN fen2 INTEGER;
ALTER TABLE source_record ADD COLUMN fen3 INTEGER;
ALTER TABLE source_record ADD COLUMN flag0 INTEGER;                    -- 1 yes, 0 no
ALTER TABLE source_record ADD COLUMN flag1 INTEGER;
CREATE INDEX IF NOT EXISTS ix_source_record_event ON source_record (event_day, event_hi) WHERE event_day IS NOT NULL;

-- What a run needs to tell, without reading a warning's texts, whether it would change: 128-bit hashes of its identity
-- (code, subject, receiver), of its facts (detail) and of the row a run writes. NULL on warnings from before v5 (a
-- run works them out from the texts once and stores them).
ALTER TABLE warning ADD COLUMN key_hi INTEGER;
ALTER TABLE warning ADD COLUMN key_lo INTEGER;
ALTER TABLE warning ADD COLUMN facts_hi INTEGER;
ALTER TABLE warning ADD COLUMN facts_lo INTEGER;
ALTER TABLE warning ADD COLUMN row_hi INTEGER;
ALTER TABLE warning ADD COLUMN row_lo INTEGER;
