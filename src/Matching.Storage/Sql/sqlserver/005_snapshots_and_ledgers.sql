-- Matching schema v5 (SQL Server): departments send lists (snapshots) and events (ledgers); record fields typed; undo.
-- A snapshot department's current batch is its newest one not withdrawn that accepted rows; a ledger department's
-- batches all count (each event once: the row with counted = 1). The kind comes from the department's header map.
-- 'superseded' is no longer stored: it is what a snapshot batch older than the current one is. Statements that
-- use a column this script adds run through EXEC: a batch is compiled before its ALTERs run.

IF COL_LENGTH(N'import_batch', N'layout') IS NULL
ALTER TABLE import_batch ADD
    layout          NVARCHAR(MAX),
    rows_usable     BIGINT NOT NULL CONSTRAINT df_import_batch_rows_usable DEFAULT 0,
    new_events      BIGINT,
    known_events    BIGINT,
    withdrawn_at    NVARCHAR(MAX),
    withdrawn_by    NVARCHAR(MAX),
    withdraw_reason NVARCHAR(MAX);

UPDATE import_batch SET status = N'processed' WHERE status = N'superseded';
EXEC (N'UPDATE import_batch SET rows_usable = (SELECT COUNT(*) FROM source_record r WHERE r.batch_id = import_batch.batch_id AND r.id_key IS NOT NULL)
WHERE kind = N''department''');

EXEC (N'UPDATE import_batch
SET status = N''withdrawn'', withdrawn_at = CONVERT(NVARCHAR(19), SYSUTCDATETIME(), 126) + N''Z'', withdrawn_by = N''matching init'',
    withdraw_reason = N''the same file as batch '' + CAST((SELECT MIN(o.batch_id) FROM import_batch o WHERE o.kind = N''department''
        AND o.department = import_batch.department AND o.sha256 = import_batch.sha256) AS NVARCHAR(20)) + N'', imported twice at once (schema v5 upgrade)''
WHERE kind = N''department'' AND EXISTS (SELECT 1 FROM import_batch o WHERE o.kind = N''department'' AND o.department = import_batch.department
    AND o.sha256 = import_batch.sha256 AND o.batch_id < import_batch.batch_id)');
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ux_import_batch_file' AND object_id = OBJECT_ID(N'import_batch'))
CREATE UNIQUE INDEX ux_import_batch_file ON import_batch (department, sha256) WHERE kind = N'department' AND status <> N'withdrawn';

IF COL_LENGTH(N'source_record', N'birth') IS NULL
ALTER TABLE source_record ADD
    birth     NVARCHAR(MAX) NOT NULL CONSTRAINT df_source_record_birth DEFAULT N'',
    counted   BIGINT NOT NULL CONSTRAINT df_source_record_counted DEFAULT 1,
    event_day BIGINT,
    event_hi  BIGINT,
    event_lo  BIGINT,
    text0     NVARCHAR(MAX),
    text1     NVARCHAR(MAX),
    text2     NVARCHAR(MAX),
    text3     NVARCHAR(MAX),
    date0     NVARCHAR(10),
    date1     NVARCHAR(10),
    fen0      BIGINT,
    fen1      BIGINT,
    fen2      BIGINT,
    fen3      BIGINT,
    flag0     BIGINT,
    flag1     BIGINT;
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_source_record_event' AND object_id = OBJECT_ID(N'source_record'))
EXEC (N'CREATE INDEX ix_source_record_event ON source_record (event_day, event_hi) WHERE event_day IS NOT NULL');

-- What a run needs to tell, without reading a warning's texts, whether it would change: 128-bit hashes of its identity
-- (code, subject, receiver), of its facts (detail) and of the row a run writes. NULL on warnings from before v5 (a
-- run works them out from the texts once and stores them).
IF COL_LENGTH(N'warning', N'key_hi') IS NULL
ALTER TABLE warning ADD
    key_hi   BIGINT,
    key_lo   BIGINT,
    facts_hi BIGINT,
    facts_lo BIGINT,
    row_hi   BIGINT,
    row_lo   BIGINT;
