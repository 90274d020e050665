#!/usr/bin/env bash
# Runs every test: the README's test command.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test Matching.sln -c Release "$@"
