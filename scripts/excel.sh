#!/usr/bin/env bash
# Writes the department sample extracts also as .xls and .xlsx (sample-data/excel/) and the Excel test fixtures
# (tests/Matching.Ingest.Tests/Fixtures/excel/) with Node.js and SheetJS (scripts/excel/). Deterministic: the same
# CSVs give the same bytes. Needs Node.js 20+ and npm.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --prefix scripts/excel --no-audit --no-fund
node scripts/excel/csv-to-excel.mjs sample-data
node scripts/excel/make-fixtures.mjs
