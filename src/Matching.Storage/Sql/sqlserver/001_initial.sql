-- Matching schema v1 (SQL Server 2016 or later). Households, members, categories and aid of the low-income
-- population; import batches. Persons leave the active set when a snapshot no longer lists them; their rows stay.
-- Columns mirror the PostgreSQL schema: whole numbers and 0/1 flags are BIGINT, dates are ISO 8601 text. Text is
-- NVARCHAR (names and places are Chinese): sized where a key or an index needs it, NVARCHAR(MAX) elsewhere.
-- Keys and codes compare as the program does, code unit by code unit (a BIN2 collation), whatever the database's
-- own collation: under Chinese_PRC_CI_AS 'h1' and 'H1', or a full-width and a half-width digit, would be one key.
-- Chinese literals carry N'…', or a database whose code page is not Chinese would store question marks.
-- The script runs as one batch in one transaction; each object is created only when it is missing.

IF OBJECT_ID(N'import_batch', N'U') IS NULL
CREATE TABLE import_batch (
    batch_id      BIGINT IDENTITY(1, 1) NOT NULL CONSTRAINT pk_import_batch PRIMARY KEY,
    kind          NVARCHAR(20) COLLATE Latin1_General_100_BIN2 NOT NULL,   -- 'lowincome' or 'department'
    department    NVARCHAR(100) COLLATE Latin1_General_100_BIN2,           -- department code for department extracts
    file_name     NVARCHAR(MAX) NOT NULL,
    sha256        NVARCHAR(64) COLLATE Latin1_General_100_BIN2 NOT NULL,
    size_bytes    BIGINT NOT NULL,
    rows_read     BIGINT NOT NULL DEFAULT 0,
    rows_accepted BIGINT NOT NULL DEFAULT 0,
    rows_rejected BIGINT NOT NULL DEFAULT 0,
    operator      NVARCHAR(MAX) NOT NULL,
    imported_at   NVARCHAR(MAX) NOT NULL                                   -- ISO 8601, UTC
);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_import_batch_sha' AND object_id = OBJECT_ID(N'import_batch'))
CREATE INDEX ix_import_batch_sha ON import_batch (kind, sha256);

IF OBJECT_ID(N'aid_category', N'U') IS NULL
CREATE TABLE aid_category (
    code    NVARCHAR(50) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_aid_category PRIMARY KEY,
    name_zh NVARCHAR(MAX) NOT NULL
);
INSERT INTO aid_category (code, name_zh)
SELECT v.code, v.name_zh
FROM (VALUES
    (N'dibao', N'最低生活保障对象'), (N'tekun', N'特困人员'), (N'fanpin', N'防止返贫监测对象'),
    (N'bianyuan', N'低保边缘家庭成员'), (N'gangxing', N'刚性支出困难家庭成员'), (N'other', N'其他困难人员')
) AS v (code, name_zh)
WHERE NOT EXISTS (SELECT 1 FROM aid_category AS c WHERE c.code = v.code);

IF OBJECT_ID(N'aid_type', N'U') IS NULL
CREATE TABLE aid_type (
    code    NVARCHAR(50) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_aid_type PRIMARY KEY,
    name_zh NVARCHAR(MAX) NOT NULL
);
INSERT INTO aid_type (code, name_zh)
SELECT v.code, v.name_zh
FROM (VALUES
    (N'medical', N'医疗救助'), (N'education', N'教育救助'), (N'employment', N'就业救助'),
    (N'housing', N'住房救助'), (N'disability_subsidy', N'残疾人补贴'), (N'temporary', N'临时救助')
) AS v (code, name_zh)
WHERE NOT EXISTS (SELECT 1 FROM aid_type AS t WHERE t.code = v.code);

IF OBJECT_ID(N'household', N'U') IS NULL
CREATE TABLE household (
    household_id       NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_household PRIMARY KEY,
    subdistrict        NVARCHAR(MAX) NOT NULL DEFAULT N'',
    village            NVARCHAR(MAX) NOT NULL DEFAULT N'',
    annual_income      DECIMAL(16, 2),
    housing_difficulty BIGINT NOT NULL DEFAULT 0,
    aid                NVARCHAR(MAX) NOT NULL DEFAULT N'',  -- aid already received: aid_type codes, comma-separated
    active             BIGINT NOT NULL DEFAULT 1,
    first_batch_id     BIGINT NOT NULL CONSTRAINT fk_household_first_batch REFERENCES import_batch (batch_id),
    last_batch_id      BIGINT NOT NULL CONSTRAINT fk_household_last_batch REFERENCES import_batch (batch_id)
);

IF OBJECT_ID(N'member', N'U') IS NULL
CREATE TABLE member (
    household_id      NVARCHAR(200) COLLATE Latin1_General_100_BIN2 NOT NULL
                      CONSTRAINT fk_member_household REFERENCES household (household_id),
    id_key            BIGINT NOT NULL,                     -- first 17 digits of the canonical ID
    id_number         NVARCHAR(MAX) NOT NULL,              -- canonical 18-character ID
    name              NVARCHAR(MAX) NOT NULL,
    relation          NVARCHAR(MAX) NOT NULL DEFAULT N'',
    categories        NVARCHAR(MAX) NOT NULL DEFAULT N'',  -- aid_category codes, comma-separated (dibao,tekun …)
    serious_illness   BIGINT NOT NULL DEFAULT 0,
    severe_disability BIGINT NOT NULL DEFAULT 0,
    tekun_support     NVARCHAR(MAX) NOT NULL DEFAULT N'',
    active            BIGINT NOT NULL DEFAULT 1,
    first_batch_id    BIGINT NOT NULL CONSTRAINT fk_member_first_batch REFERENCES import_batch (batch_id),
    last_batch_id     BIGINT NOT NULL CONSTRAINT fk_member_last_batch REFERENCES import_batch (batch_id),
    member_seq        BIGINT IDENTITY(1, 1) NOT NULL,      -- the order snapshots listed members in (SQLite's rowid)
    CONSTRAINT pk_member PRIMARY KEY (household_id, id_key)
);
IF NOT EXISTS (SELECT 1 FROM sys.indexes WHERE name = N'ix_member_id_key' AND object_id = OBJECT_ID(N'member'))
CREATE INDEX ix_member_id_key ON member (id_key);
