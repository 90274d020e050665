-- Matching schema v2 (SQLite): department extracts as batches of source records; an audit of refused imports.

-- 'loaded' for low-income snapshots; department batches start 'pending' and become 'superseded' when a newer
-- extract of the same department arrives (both stay in history).
ALTER TABLE import_batch ADD COLUMN status TEXT NOT NULL DEFAULT 'loaded';
ALTER TABLE import_batch ADD COLUMN superseded_by INTEGER REFERENCES import_batch (batch_id);
ALTER TABLE import_batch ADD COLUMN reject_report TEXT;
CREATE INDEX IF NOT EXISTS ix_import_batch_department ON import_batch (kind, department, status);

CREATE TABLE IF NOT EXISTS source_record (
    batch_id   INTEGER NOT NULL REFERENCES import_batch (batch_id),
    source_row INTEGER NOT NULL,               -- the row number a spreadsheet shows
    id_kind    TEXT    NOT NULL,               -- what the ID cell was (IdKind)
    id_key     INTEGER,                        -- first 17 digits of the canonical ID, when valid
    raw_id     TEXT,                           -- the ID cell as typed, when it was not canonical
    name       TEXT    NOT NULL DEFAULT '',
    fields     TEXT    NOT NULL DEFAULT '{}',  -- the department's other fields, JSON
    PRIMARY KEY (batch_id, source_row)
);
CREATE INDEX IF NOT EXISTS ix_source_record_id_key ON source_record (id_key);

CREATE TABLE IF NOT EXISTS import_attempt (
    attempt_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    kind         TEXT    NOT NULL,
    department   TEXT,
    file_name    TEXT    NOT NULL,
    sha256       TEXT,
    size_bytes   INTEGER,
    operator     TEXT    NOT NULL,
    attempted_at TEXT    NOT NULL,
    error        TEXT    NOT NULL               -- the one-line message the operator saw (IDs masked)
);
