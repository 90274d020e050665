-- Matching schema v7 (SQLite): who saw or took out whose personal data (PIPL, 等保 2.0 level 3 audit). One row per
-- command or job that revealed or exported it: `show --full`, `export`, `match`, `feedback import`, `batch list` and
-- `withdraw`, the worker's outbox workbooks, `audit --full`, `purge`. The application only inserts; a row is never
-- updated (the trigger refuses it), and deleted only by `matching purge` past retention:auditYears.

CREATE TABLE IF NOT EXISTS access_audit (
    audit_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT    NOT NULL,   -- ISO 8601, UTC
    os_user       TEXT    NOT NULL,
    host          TEXT    NOT NULL,
    command       TEXT    NOT NULL,   -- show, export, match, feedback import, batch list, batch withdraw, nightly export, audit, purge
    full_ids      INTEGER NOT NULL,   -- 1: whole ID numbers were handed out; 0: masked
    subject_count INTEGER NOT NULL,   -- persons (or rows) revealed
    subjects      TEXT,               -- the IDs, for a few subjects (shown masked unless `audit --full`)
    subject_hash  TEXT,               -- SHA-256 (hex) of the sorted ID list, one per line: `audit --subject` finds a person by it
    output_path   TEXT,               -- the file or folder written (or read, for feedback import)
    output_sha256 TEXT,               -- SHA-256 of what was written, for bulk outputs
    outcome       TEXT    NOT NULL,   -- ok | refused
    detail        TEXT                -- what else the command said (counts of a purge, a batch id, a filter)
);
CREATE INDEX IF NOT EXISTS ix_access_audit_at ON access_audit (at);
CREATE INDEX IF NOT EXISTS ix_access_audit_subject ON access_audit (subject_hash);

CREATE TRIGGER IF NOT EXISTS access_audit_append_only BEFORE UPDATE ON access_audit
BEGIN
    SELECT RAISE(ABORT, 'access_audit is append-only');
END;

-- Retention: a batch whose stored rows `matching purge` deleted keeps its row (file, hash, counts, who and when).
ALTER TABLE import_batch ADD COLUMN purged_at TEXT;                    -- when `matching purge` deleted its stored rows (ISO 8601, UTC); NULL: kept
