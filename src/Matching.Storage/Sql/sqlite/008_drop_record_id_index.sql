-- Matching schema v8: the index of department records by ID key goes. No query reads records by ID (a run reads a
-- batch in row order by its primary key), and keeping the index cost every import a random B-tree insert per row:
-- a 1M-row education import into a database already holding 6M records took 17.3 s with it and 7.4 s without.
DROP INDEX IF EXISTS ix_source_record_id_key;
