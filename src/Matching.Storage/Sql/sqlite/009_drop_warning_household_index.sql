-- Matching schema v9: the index of warnings by household id goes. No query can use it: the one that names households
-- (a person's history, `matching show`) asks for the person's ID as subject or ID too, which no index leads with, so
-- it reads the table through either way; and keeping the index cost every new warning a random B-tree insert. A first
-- run at a million persons writes 325k warnings: SQLite's own INSERT … SELECT of them took 2.06 s with it and 1.64 s
-- without (3 rounds each).
DROP INDEX IF EXISTS ix_warning_household;
