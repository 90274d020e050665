-- Matching schema v7 (SQL Server): who saw or took out whose personal data (PIPL, 等保 2.0 level 3 audit). One row per
-- command or job that revealed or exported it. The application only inserts; the README shows the DENY UPDATE,
-- DELETE for the application's user, with `matching purge` run past retention:auditYears by the owner.

IF OBJECT_ID(N'access_audit', N'U') IS NULL
CREATE TABLE access_audit (
    audit_id      BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_access_audit PRIMARY KEY,
    at            NVARCHAR(40)  NOT NULL,   -- ISO 8601, UTC
    os_user       NVARCHAR(MAX) NOT NULL,
    host          NVARCHAR(MAX) NOT NULL,
    command       NVARCHAR(MAX) NOT NULL,
    full_ids      INT           NOT NULL,   -- 1: whole ID numbers were handed out; 0: masked
    subject_count BIGINT        NOT NULL,
    subjects      NVARCHAR(MAX),            -- the IDs, for a few subjects (shown masked unless `audit --full`)
    subject_hash  NVARCHAR(64),             -- SHA-256 (hex) of the sorted ID list, one per line
    output_path   NVARCHAR(MAX),
    output_sha256 NVARCHAR(64),
    outcome       NVARCHAR(20)  NOT NULL,   -- ok | refused
    detail        NVARCHAR(MAX)
);

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_access_audit_at' AND object_id = OBJECT_ID(N'access_audit'))
CREATE INDEX ix_access_audit_at ON access_audit (at);

IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_access_audit_subject' AND object_id = OBJECT_ID(N'access_audit'))
CREATE INDEX ix_access_audit_subject ON access_audit (subject_hash);

-- Retention: a batch whose stored rows `matching purge` deleted keeps its row (file, hash, counts, who and when).
IF COL_LENGTH(N'import_batch', N'purged_at') IS NULL
ALTER TABLE import_batch ADD purged_at NVARCHAR(MAX); -- when `matching purge` deleted its stored rows (ISO 8601, UTC); NULL: kept
