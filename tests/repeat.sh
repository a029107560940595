#!/usr/bin/env bash
# Runs the tests matching a filter N times in a row (a fresh test process each time) and counts
# the runs that failed: evidence that a test which once failed does not fail again, or a way to
# catch a rare failure with its log. Usage: tests/repeat.sh FILTER [N] [PROJECT]
set -uo pipefail
cd "$(dirname "$0")/.."
filter=$1; runs=${2:-200}; project=${3:-tests/PharmacyPos.Checkout.Tests}
logs=artifacts/repeat
mkdir -p "$logs"
dotnet build "$project" -c Release -nologo -v quiet >/dev/null || { echo "build failed"; exit 1; }
failed=0
for i in $(seq 1 "$runs"); do
  if ! dotnet test "$project" -c Release --no-build --filter "$filter" >"$logs/run.log" 2>&1; then
    failed=$((failed + 1)); cp "$logs/run.log" "$logs/failed-$i.log"
    echo "run $i failed: $logs/failed-$i.log"
  fi
done
echo "repeat: $runs runs of $filter, $failed failed"
[ "$failed" -eq 0 ]
