#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the test run, on a Unix socket in a temporary folder (no
# port to collide with), and exports PHARMACYPOS_TEST_POSTGRES. Sourced by .ci/run; the caller's
# EXIT trap stops it. Installs the Debian package if the machine lacks it.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_bin" ]; then
  echo "Installing: postgresql"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
pg_dir=$(mktemp -d /tmp/pharmacypos-pg.XXXXXX)
# initdb refuses to run as root: the server runs as the postgres user, as Debian sets it up.
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$pg_dir"
as_pg "'$pg_bin/initdb' -D '$pg_dir/data' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log"; return 1; }
as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -w -l '$pg_dir/server.log' -o \"-k $pg_dir -c listen_addresses='' -c max_connections=300\" start" >/dev/null || { cat "$pg_dir/server.log"; return 1; }
stop_postgres() { as_pg "'$pg_bin/pg_ctl' -D '$pg_dir/data' -m immediate stop" >/dev/null 2>&1; rm -rf "$pg_dir"; }
export PHARMACYPOS_TEST_POSTGRES="Host=$pg_dir;Username=postgres;Database=postgres"
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') started for the tests in $pg_dir"
