#!/usr/bin/env bash
# Every figure of bench/RESULTS.md: builds Release, starts a throwaway PostgreSQL, runs the
# benchmarks and writes the table into bench/RESULTS.md. `--quick` is the CI smoke (a minute).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build PharmacyPos.sln -c Release -nologo -v quiet
# shellcheck source=../.ci/postgres.sh
source .ci/postgres.sh && trap stop_postgres EXIT
out=bench/RESULTS.md
[[ " $* " == *" --quick "* ]] && out=artifacts/bench-quick.md && mkdir -p artifacts
dotnet bench/PharmacyPos.Bench/bin/Release/net10.0/PharmacyPos.Bench.dll --out "$out" "$@"
