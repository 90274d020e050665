-- Matching schema v4 (PostgreSQL): one run at a time, across processes and machines. A lock row names its holder and
-- expires unless its holder renews it, so a lock left by a dead process frees itself.

CREATE TABLE IF NOT EXISTS run_lock (
    name        TEXT PRIMARY KEY,                 -- 'run'
    holder      TEXT    NOT NULL,                 -- user@host pid N (what a waiting operator is told)
    token       TEXT    NOT NULL,                 -- random, so only the holder renews or releases it
    acquired_at TEXT    NOT NULL,                 -- ISO 8601, UTC
    expires_at  TEXT    NOT NULL                  -- ISO 8601, UTC; renewed while the run goes on
);
