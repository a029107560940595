#!/usr/bin/env bash
# The suite on a busy machine: runs ./test.sh (as .ci/run does) RUNS times (default 3) in a row
# while two CPU hogs keep both cores busy, and says how long each run took. Every run must pass:
# no test may depend on the machine being idle. The hogs are bounded in time and killed at the end.
set -uo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
logs=artifacts/stress
mkdir -p "$logs"
hogs=()
stop_hogs() { for pid in "${hogs[@]}"; do kill "$pid" 2>/dev/null; done; hogs=(); }
trap stop_hogs EXIT

failures=0
for i in $(seq 1 "$runs"); do
  for _ in 1 2; do timeout 7200 sh -c 'while :; do :; done' & hogs+=($!); done
  started=$(date +%s)
  PHARMACYPOS_BENCH_SMOKE=1 bash ./test.sh >"$logs/run-$i.log" 2>&1
  rc=$?
  stop_hogs
  echo "run $i: exit $rc, $(tail -n 1 "$logs/run-$i.log"), $(( $(date +%s) - started )) s (log: $logs/run-$i.log)"
  [ "$rc" -eq 0 ] || failures=$((failures + 1))
done
echo "stress: $runs runs with both cores busy, $failures failed"
[ "$failures" -eq 0 ]
