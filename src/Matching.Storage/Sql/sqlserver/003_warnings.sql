-- Matching schema v3 (SQL Server): runs, warnings and their history (一户一条救助链). Nothing here is ever deleted:
-- a warning changes status (新增, 持续, 已解除, 已处理) and every change is a warning_event row.
-- Department batches become 'processed' once a run has used them (a newer extract still supersedes them).

IF OBJECT_ID(N'run', N'U') IS NULL
CREATE TABLE run (
    run_id             BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_run PRIMARY KEY,
    started_at         NVARCHAR(MAX) NOT NULL,                 -- ISO 8601, UTC
    finished_at        NVARCHAR(MAX),
    as_of              NVARCHAR(MAX) NOT NULL,                 -- the run date the rules measured windows from (yyyy-MM-dd)
    operator           NVARCHAR(MAX) NOT NULL,
    outcome            NVARCHAR(MAX) NOT NULL DEFAULT N'running', -- running | succeeded | failed | interrupted
    lowincome_batch_id BIGINT CONSTRAINT fk_run_lowincome_batch REFERENCES import_batch (batch_id),
    batches            NVARCHAR(MAX) NOT NULL DEFAULT N'',     -- department batch ids used, comma-separated
    records            BIGINT NOT NULL DEFAULT 0,
    error              NVARCHAR(MAX)                           -- the one-line message, IDs masked
);

IF OBJECT_ID(N'run_count', N'U') IS NULL
CREATE TABLE run_count (
    run_id     BIGINT NOT NULL CONSTRAINT fk_run_count_run REFERENCES run (run_id),
    code       NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    found      BIGINT NOT NULL DEFAULT 0,
    new        BIGINT NOT NULL DEFAULT 0,
    continuing BIGINT NOT NULL DEFAULT 0,
    closed     BIGINT NOT NULL DEFAULT 0,
    resolved   BIGINT NOT NULL DEFAULT 0,
    CONSTRAINT pk_run_count PRIMARY KEY (run_id, code)
);

-- The key (code, subject, receiver) is one index entry: 200 + 800 + 200 bytes, within SQL Server's 1,700-byte limit
-- for a unique constraint. A subject is a canonical ID or 'raw:<cell>|<name>' for an unusable ID, so 400
-- characters leave room for any damaged ID cell.
IF OBJECT_ID(N'warning', N'U') IS NULL
CREATE TABLE warning (
    warning_id       BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_warning PRIMARY KEY,
    code             NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    subject          NVARCHAR(400) COLLATE Latin1_General_100_BIN2 NOT NULL,
    receiver         NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL,
    label            NVARCHAR(MAX) NOT NULL,
    measure          NVARCHAR(MAX) NOT NULL,
    id_number        NVARCHAR(MAX) NOT NULL,
    name             NVARCHAR(MAX) NOT NULL,
    household_id     NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL DEFAULT N'',
    subdistrict      NVARCHAR(MAX) NOT NULL DEFAULT N'',
    village          NVARCHAR(MAX) NOT NULL DEFAULT N'',
    categories       NVARCHAR(MAX) NOT NULL DEFAULT N'',
    department       NVARCHAR(MAX) NOT NULL,
    method           NVARCHAR(MAX) NOT NULL DEFAULT N'',
    detail           NVARCHAR(MAX) NOT NULL,
    batch_id         BIGINT,
    source_row       BIGINT,
    status           NVARCHAR(20) COLLATE Latin1_General_100_BIN2 NOT NULL,
    first_date       NVARCHAR(MAX) NOT NULL,                -- 首次预警日期 (the run date that raised it, yyyy-MM-dd)
    first_run_id     BIGINT NOT NULL CONSTRAINT fk_warning_first_run REFERENCES run (run_id),
    last_run_id      BIGINT NOT NULL CONSTRAINT fk_warning_last_run REFERENCES run (run_id),
    resolved_date    NVARCHAR(MAX),
    disposition      NVARCHAR(MAX),                         -- 处理结果 as the department wrote it
    disposition_date NVARCHAR(MAX),                         -- 处理日期
    closed_detail    NVARCHAR(MAX),                         -- the facts when the department closed it
    CONSTRAINT uq_warning_code_subject_receiver UNIQUE (code, subject, receiver)
);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_warning_receiver' AND object_id = OBJECT_ID(N'warning'))
CREATE INDEX ix_warning_receiver ON warning (receiver, status);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_warning_household' AND object_id = OBJECT_ID(N'warning'))
CREATE INDEX ix_warning_household ON warning (household_id);

IF OBJECT_ID(N'warning_event', N'U') IS NULL
CREATE TABLE warning_event (
    event_id   BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_warning_event PRIMARY KEY,
    warning_id BIGINT NOT NULL CONSTRAINT fk_warning_event_warning REFERENCES warning (warning_id),
    run_id     BIGINT CONSTRAINT fk_warning_event_run REFERENCES run (run_id),  -- null for a disposition
    at         NVARCHAR(MAX) NOT NULL,                                          -- ISO 8601, UTC
    status     NVARCHAR(MAX) NOT NULL,
    note       NVARCHAR(MAX) NOT NULL DEFAULT N''
);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_warning_event_warning' AND object_id = OBJECT_ID(N'warning_event'))
CREATE INDEX ix_warning_event_warning ON warning_event (warning_id);
