#!/usr/bin/env bash
# Runs the main job on the embedded default: sample data in, match results out in ./out/.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "building the program (the first time takes about a minute), then running the demo…" >&2
dotnet run --project src/Matching.Cli -c Release -- demo "$@"
