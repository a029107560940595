#!/usr/bin/env bash
# Runs every test in the solution (unit, integration on real SQLite, browser tests in Chromium)
# and ends with one line: "N passed, N failed". Exits non-zero if anything failed.
set -uo pipefail
cd "$(dirname "$0")"

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build PharmacyPos.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }
# Runs one test project into its own result file and log (nothing overwrites anything); the counts
# are read from the result files at the end, since the runs go in two lanes side by side.
run() {
  local project=$1 name=$2
  echo "$name" >>"$results/expected"
  if dotnet test "$project" -c Release --no-build -nologo \
      --logger "trx;LogFileName=$name.trx" --results-directory "$results" >"$results/$name.log" 2>&1; then
    echo "$name: passed"
  else
    echo "$name: FAILED"; echo "$name" >>"$results/exit-failures"
  fi
}

# PostgreSQL: the one .ci/run started, else a throwaway server when the machine has PostgreSQL's
# binaries (the chain's suites and the database-outage browser test need one).
if [ -z "${PHARMACYPOS_TEST_POSTGRES:-}" ] && ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  # shellcheck source=.ci/postgres.sh
  if source .ci/postgres.sh; then trap stop_postgres EXIT; fi
fi

export PHARMACYPOS_CONCURRENCY_SECONDS=15
# Two lanes, one per core: the browser suite spends most of its time waiting on Chromium and the
# POS's timers, the other suites on their own sandboxes and databases; side by side they take the
# time of the longer lane. Nothing in one lane shares a port, folder or database with the other.
browser_lane() {
  run tests/PharmacyPos.EndToEnd.Tests/PharmacyPos.EndToEnd.Tests.csproj PharmacyPos.EndToEnd.Tests
  # The benchmarks' --quick smoke (.ci/run asks for it): every section runs end to end once; counted as one test.
  if [ "${PHARMACYPOS_BENCH_SMOKE:-0}" = 1 ]; then
    if dotnet bench/PharmacyPos.Bench/bin/Release/net10.0/PharmacyPos.Bench.dll --quick --out "$results/bench-quick.md" >"$results/bench-quick.log" 2>&1; then
      echo "bench smoke: passed ($results/bench-quick.md)"; echo passed >"$results/bench-smoke"
    else
      echo "bench smoke: FAILED"; tail -n 30 "$results/bench-quick.log"; echo failed >"$results/bench-smoke"
    fi
  fi
}
other_lane() {
  for project in $(find tests -name '*.Tests.csproj' -not -name 'PharmacyPos.EndToEnd.Tests.csproj' | sort); do
    run "$project" "$(basename "$project" .csproj)"
  done
  # The same data and checkout suites on PostgreSQL, when a server is given (.ci/run starts one).
  if [ -n "${PHARMACYPOS_TEST_POSTGRES:-}" ]; then
    for name in PharmacyPos.Data.Tests PharmacyPos.Checkout.Tests; do
      PHARMACYPOS_TEST_PROVIDER=postgres PHARMACYPOS_CONCURRENCY_SECONDS=60 run "tests/$name/$name.csproj" "$name.PostgreSql"
    done
  else
    echo "PHARMACYPOS_TEST_POSTGRES not set: the PostgreSQL run of the data and checkout suites is skipped (.ci/run sets it)"
  fi
}
browser_lane &
browser=$!
other_lane
wait "$browser"

status=0
passed=0; failed=0
while read -r name; do
  trx="$results/$name.trx"
  if [ ! -f "$trx" ]; then
    echo "$name wrote no results: counted as a failure"; tail -n 40 "$results/$name.log"
    failed=$((failed + 1)); status=1; continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  # A failing suite's log says which tests and why (dotnet test prints only failures and its summary).
  if [ "${f:-0}" -gt 0 ] || grep -qx "$name" "$results/exit-failures" 2>/dev/null; then
    status=1; echo "---- $name ----"; cat "$results/$name.log"
  fi
done <"$results/expected"

if [ -f "$results/bench-smoke" ]; then
  if [ "$(cat "$results/bench-smoke")" = passed ]; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
