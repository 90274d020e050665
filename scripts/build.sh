#!/usr/bin/env bash
# Builds everything; the CLI lands in src/Matching.Cli/bin/Release/net10.0/matching.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Matching.sln -c Release "$@"
