-- Matching schema v2 (SQL Server): department extracts as batches of source records; an audit of refused imports.

-- 'loaded' for low-income snapshots; department batches start 'pending' and become 'superseded' when a newer
-- extract of the same department arrives (both stay in history). A NOT NULL column added with a default fills the
-- rows already there.
IF COL_LENGTH(N'import_batch', N'status') IS NULL
ALTER TABLE import_batch ADD status NVARCHAR(20) COLLATE Latin1_General_100_BIN2 NOT NULL
    CONSTRAINT df_import_batch_status DEFAULT N'loaded';
IF COL_LENGTH(N'import_batch', N'superseded_by') IS NULL
ALTER TABLE import_batch ADD superseded_by BIGINT CONSTRAINT fk_import_batch_superseded_by REFERENCES import_batch (batch_id);
IF COL_LENGTH(N'import_batch', N'reject_report') IS NULL
ALTER TABLE import_batch ADD reject_report NVARCHAR(MAX);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_import_batch_department' AND object_id = OBJECT_ID(N'import_batch'))
CREATE INDEX ix_import_batch_department ON import_batch (kind, department, status);

IF OBJECT_ID(N'source_record', N'U') IS NULL
CREATE TABLE source_record (
    batch_id   BIGINT NOT NULL CONSTRAINT fk_source_record_batch REFERENCES import_batch (batch_id),
    source_row BIGINT NOT NULL,                       -- the row number a spreadsheet shows
    id_kind    NVARCHAR(MAX) NOT NULL,                -- what the ID cell was (IdKind)
    id_key     BIGINT,                                -- first 17 digits of the canonical ID, when valid
    raw_id     NVARCHAR(MAX),                         -- the ID cell as typed, when it was not canonical
    name       NVARCHAR(MAX) NOT NULL DEFAULT N'',
    fields     NVARCHAR(MAX) NOT NULL DEFAULT N'{}',  -- the department's other fields, JSON
    CONSTRAINT pk_source_record PRIMARY KEY (batch_id, source_row)
);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_source_record_id_key' AND object_id = OBJECT_ID(N'source_record'))
CREATE INDEX ix_source_record_id_key ON source_record (id_key);

IF OBJECT_ID(N'import_attempt', N'U') IS NULL
CREATE TABLE import_attempt (
    attempt_id   BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_import_attempt PRIMARY KEY,
    kind         NVARCHAR(MAX) NOT NULL,
    department   NVARCHAR(MAX),
    file_name    NVARCHAR(MAX) NOT NULL,
    sha256       NVARCHAR(MAX),
    size_bytes   BIGINT,
    operator     NVARCHAR(MAX) NOT NULL,
    attempted_at NVARCHAR(MAX) NOT NULL,
    error        NVARCHAR(MAX) NOT NULL               -- the one-line message the operator saw (IDs masked)
);
