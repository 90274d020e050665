#!/usr/bin/env bash
# Runs the main job on the embedded default: sample data in, match results out in ./out/.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run --project src/Matching.Cli -c Release -- demo "$@"
