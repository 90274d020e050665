-- Matching schema v1 (SQLite). Households, members, categories and aid of the low-income population;
-- import batches. Persons leave the active set when a snapshot no longer lists them; their rows stay.

CREATE TABLE IF NOT EXISTS import_batch (
    batch_id      INTEGER PRIMARY KEY AUTOINCREMENT,
    kind          TEXT    NOT NULL,            -- 'lowincome' or 'department'
    department    TEXT,                        -- department code for department extracts
    file_name     TEXT    NOT NULL,
    sha256        TEXT    NOT NULL,
    size_bytes    INTEGER NOT NULL,
    rows_read     INTEGER NOT NULL DEFAULT 0,
    rows_accepted INTEGER NOT NULL DEFAULT 0,
    rows_rejected INTEGER NOT NULL DEFAULT 0,
    operator      TEXT    NOT NULL,
    imported_at   TEXT    NOT NULL             -- ISO 8601, UTC
);
CREATE INDEX IF NOT EXISTS ix_import_batch_sha ON import_batch (kind, sha256);

CREATE TABLE IF NOT EXISTS aid_category (
    code    TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL
);
INSERT OR IGNORE INTO aid_category (code, name_zh) VALUES
    ('dibao', '最低生活保障对象'), ('tekun', '特困人员'), ('fanpin', '防止返贫监测对象'),
    ('bianyuan', '低保边缘家庭成员'), ('gangxing', '刚性支出困难家庭成员'), ('other', '其他困难人员');

CREATE TABLE IF NOT EXISTS aid_type (
    code    TEXT PRIMARY KEY,
    name_zh TEXT NOT NULL
);
INSERT OR IGNORE INTO aid_type (code, name_zh) VALUES
    ('medical', '医疗救助'), ('education', '教育救助'), ('employment', '就业救助'),
    ('housing', '住房救助'), ('disability_subsidy', '残疾人补贴'), ('temporary', '临时救助');

CREATE TABLE IF NOT EXISTS household (
    household_id       TEXT    PRIMARY KEY,
    subdistrict        TEXT    NOT NULL DEFAULT '',
    village            TEXT    NOT NULL DEFAULT '',
    annual_income      NUMERIC,
    housing_difficulty INTEGER NOT NULL DEFAULT 0,
    aid                TEXT    NOT NULL DEFAULT '',  -- aid already received: aid_type codes, comma-separated
    active             INTEGER NOT NULL DEFAULT 1,
    first_batch_id     INTEGER NOT NULL REFERENCES import_batch (batch_id),
    last_batch_id      INTEGER NOT NULL REFERENCES import_batch (batch_id)
);

CREATE TABLE IF NOT EXISTS member (
    household_id      TEXT    NOT NULL REFERENCES household (household_id),
    id_key            INTEGER NOT NULL,        -- first 17 digits of the canonical ID
    id_number         TEXT    NOT NULL,        -- canonical 18-character ID
    name              TEXT    NOT NULL,
    relation          TEXT    NOT NULL DEFAULT '',
    categories        TEXT    NOT NULL DEFAULT '', -- aid_category codes, comma-separated (dibao,tekun …)
    serious_illness   INTEGER NOT NULL DEFAULT 0,
    severe_disability INTEGER NOT NULL DEFAULT 0,
    tekun_support     TEXT    NOT NULL DEFAULT '',
    active            INTEGER NOT NULL DEFAULT 1,
    first_batch_id    INTEGER NOT NULL REFERENCES import_batch (batch_id),
    last_batch_id     INTEGER NOT NULL REFERENCES import_batch (batch_id),
    PRIMARY KEY (household_id, id_key)
);
CREATE INDEX IF NOT EXISTS ix_member_id_key ON member (id_key);
