#!/usr/bin/env bash
# Regenerates the synthetic sample data in sample-data/ (deterministic: same seed, same bytes).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/Matching.Cli -c Release -- sample --out sample-data "$@"
