-- Matching schema v5 (PostgreSQL): departments send lists (snapshots) and events (ledgers); record fields typed; undo.
-- A snapshot department's current batch is its newest one not withdrawn that accepted rows; a ledger department's
-- batches all count (each event once: the row with counted = 1). The kind comes from the department's header map.
-- 'superseded' is no longer stored: it is what a snapshot batch older than the current one is.

ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS layout TEXT;
ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS rows_usable BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS new_events BIGINT;
ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS known_events BIGINT;
ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS withdrawn_at TEXT;
ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS withdrawn_by TEXT;
ALTER TABLE import_batch ADD COLUMN IF NOT EXISTS withdraw_reason TEXT;

UPDATE import_batch SET status = 'processed' WHERE status = 'superseded';
UPDATE import_batch SET rows_usable = (SELECT COUNT(*) FROM source_record r WHERE r.batch_id = import_batch.batch_id AND r.id_key IS NOT NULL)
WHERE kind = 'department';

UPDATE import_batch
SET status = 'withdrawn', withdrawn_at = to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), withdrawn_by = 'matching init',
    withdraw_reason = 'the same file as batch ' || (SELECT MIN(o.batch_id) FROM import_batch o WHERE o.kind = 'department'
        AND o.department = import_batch.department AND o.sha256 = import_batch.sha256) || ', imported twice at once (schema v5 upgrade)'
WHERE kind = 'department' AND EXISTS (SELECT 1 FROM import_batch o WHERE o.kind = 'department' AND o.department = import_batch.department
    AND o.sha256 = import_batch.sha256 AND o.batch_id < import_batch.batch_id);
CREATE UNIQUE INDEX IF NOT EXISTS ux_import_batch_file ON import_batch (department, sha256) WHERE kind = 'department' AND status <> 'withdrawn';

ALTER TABLE source_record ADD COLUMN IF NOT EXISTS birth TEXT NOT NULL DEFAULT '';
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS counted BIGINT NOT NULL DEFAULT 1;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS event_day BIGINT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS event_hi BIGINT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS event_lo BIGINT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS text0 TEXT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS text1 TEXT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS text2 TEXT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS text3 TEXT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS date0 TEXT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS date1 TEXT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS fen0 BIGINT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS fen1 BIGINT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS fen2 BIGINT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS fen3 BIGINT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS flag0 BIGINT;
ALTER TABLE source_record ADD COLUMN IF NOT EXISTS flag1 BIGINT;
CREATE INDEX IF NOT EXISTS ix_source_record_event ON source_record (event_day, event_hi) WHERE event_day IS NOT NULL;

-- What a run needs to tell, without reading a warning's texts, whether it would change: 128-bit hashes of its identity
-- (code, subject, receiver), of its facts (detail) and of the row a run writes. NULL on warnings from before v5 (a
-- run works them out from the texts once and stores them).
ALTER TABLE warning ADD COLUMN IF NOT EXISTS key_hi BIGINT;
ALTER TABLE warning ADD COLUMN IF NOT EXISTS key_lo BIGINT;
ALTER TABLE warning ADD COLUMN IF NOT EXISTS facts_hi BIGINT;
ALTER TABLE warning ADD COLUMN IF NOT EXISTS facts_lo BIGINT;
ALTER TABLE warning ADD COLUMN IF NOT EXISTS row_hi BIGINT;
ALTER TABLE warning ADD COLUMN IF NOT EXISTS row_lo BIGINT;
