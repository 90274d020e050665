-- Matching schema v6 (SQL Server): what an imported file could not give the warning rules. A field an enabled rule
-- needs that the file has no column for, or leaves mostly empty (家庭年收入 for RIGID_SPENDING), is found at import and
-- kept with the batch, so that `run`, `status` and the overview workbook repeat it for as long as the batch is in use.

IF COL_LENGTH(N'import_batch', N'rule_gaps') IS NULL
ALTER TABLE import_batch ADD rule_gaps NVARCHAR(MAX);
