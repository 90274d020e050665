-- Matching schema v6 (SQLite): what an imported file could not give the warning rules. A field an enabled rule needs
-- that the file has no column for, or leaves mostly empty (家庭年收入 for RIGID_SPENDING), is found at import and kept
-- with the batch, so that `run`, `status` and the overview workbook repeat it for as long as the batch is in use.

ALTER TABLE import_batch ADD COLUMN rule_gaps TEXT;                    -- JSON: the gaps found at import (RuleGap); NULL: none, or imported before v6
