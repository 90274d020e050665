#!/usr/bin/env bash
# Regenerates the synthetic sample data in sample-data/ (deterministic: same seed, same bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/Matching.Cli -c Release -- sample --out sample-data "$@"

# The department extracts also as .xls and .xlsx (sample-data/excel/), from the CSVs just written; needs Node.js.
scripts/excel.sh
