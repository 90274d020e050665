-- Matching schema v4 (SQL Server): one run at a time, across processes and machines. A lock row names its holder and
-- expires unless its holder renews it, so a lock left by a dead process frees itself.

IF OBJECT_ID(N'run_lock', N'U') IS NULL
CREATE TABLE run_lock (
    name        NVARCHAR(100) COLLATE Latin1_General_100_BIN2 NOT NULL CONSTRAINT pk_run_lock PRIMARY KEY, -- 'run'
    holder      NVARCHAR(MAX) NOT NULL,   -- user@host pid N (what a waiting operator is told)
    token       NVARCHAR(MAX) NOT NULL,   -- random, so only the holder renews or releases it
    acquired_at NVARCHAR(MAX) NOT NULL,   -- ISO 8601, UTC
    expires_at  NVARCHAR(MAX) NOT NULL    -- ISO 8601, UTC; renewed while the run goes on
);
