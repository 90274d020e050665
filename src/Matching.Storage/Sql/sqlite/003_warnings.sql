-- Matching schema v3 (SQLite): runs, warnings and their history (一户一条救助链). Nothing here is ever deleted:
-- a warning changes status (新增, 持续, 已解除, 已处理) and every change is a warning_event row.
-- Department batches become 'processed' once a run has used them (a newer extract still supersedes them).

CREATE TABLE IF NOT EXISTS run (
    run_id             INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at         TEXT    NOT NULL,           -- ISO 8601, UTC
    finished_at        TEXT,
    as_of              TEXT    NOT NULL,           -- the run date the rules measured windows from (yyyy-MM-dd)
    operator           TEXT    NOT NULL,
    outcome            TEXT    NOT NULL DEFAULT 'running', -- running | succeeded | failed
    lowincome_batch_id INTEGER REFERENCES import_batch (batch_id),
    batches            TEXT    NOT NULL DEFAULT '', -- department batch ids used, comma-separated
    records            INTEGER NOT NULL DEFAULT 0,
    error              TEXT                          -- the one-line message, IDs masked
);

CREATE TABLE IF NOT EXISTS run_count (
    run_id     INTEGER NOT NULL REFERENCES run (run_id),
    code       TEXT    NOT NULL,
    found      INTEGER NOT NULL DEFAULT 0,
    new        INTEGER NOT NULL DEFAULT 0,
    continuing INTEGER NOT NULL DEFAULT 0,
    closed     INTEGER NOT NULL DEFAULT 0,
    resolved   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, code)
);

CREATE TABLE IF NOT EXISTS warning (
    warning_id       INTEGER PRIMARY KEY AUTOINCREMENT,
    code             TEXT    NOT NULL,
    subject          TEXT    NOT NULL,              -- canonical ID, or 'raw:<cell>|<name>' for an unusable ID
    receiver         TEXT    NOT NULL,
    label            TEXT    NOT NULL,
    measure          TEXT    NOT NULL,
    id_number        TEXT    NOT NULL,
    name             TEXT    NOT NULL,
    household_id     TEXT    NOT NULL DEFAULT '',
    subdistrict      TEXT    NOT NULL DEFAULT '',
    village          TEXT    NOT NULL DEFAULT '',
    categories       TEXT    NOT NULL DEFAULT '',
    department       TEXT    NOT NULL,
    method           TEXT    NOT NULL DEFAULT '',
    detail           TEXT    NOT NULL,
    batch_id         INTEGER,
    source_row       INTEGER,
    status           TEXT    NOT NULL,
    first_date       TEXT    NOT NULL,              -- 首次预警日期 (the run date that raised it, yyyy-MM-dd)
    first_run_id     INTEGER NOT NULL REFERENCES run (run_id),
    last_run_id      INTEGER NOT NULL REFERENCES run (run_id),
    resolved_date    TEXT,
    disposition      TEXT,                          -- 处理结果 as the department wrote it
    disposition_date TEXT,                          -- 处理日期
    closed_detail    TEXT,                          -- the facts when the department closed it
    UNIQUE (code, subject, receiver)
);
CREATE INDEX IF NOT EXISTS ix_warning_receiver ON warning (receiver, status);
CREATE INDEX IF NOT EXISTS ix_warning_household ON warning (household_id);

CREATE TABLE IF NOT EXISTS warning_event (
    event_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    warning_id INTEGER NOT NULL REFERENCES warning (warning_id),
    run_id     INTEGER REFERENCES run (run_id),     -- null for a disposition
    at         TEXT    NOT NULL,                    -- ISO 8601, UTC
    status     TEXT    NOT NULL,
    note       TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS ix_warning_event_warning ON warning_event (warning_id);
