#!/usr/bin/env bash
# Install (if missing) and start a throwaway PostgreSQL server for the store's second backend,
# and export HADATH_TEST_PG pointing at it. Meant to be sourced by .ci/run:
#
#     source .ci/postgres.sh        # exports HADATH_TEST_PG=postgresql://postgres@127.0.0.1:PORT/postgres
#
# It can also be run on its own (`bash .ci/postgres.sh`) to print the URL to use by hand.
# The server lives in a temporary directory, listens on 127.0.0.1 only, trusts local
# connections, and is stopped when the shell that sourced this exits. As root it runs the
# server as the `postgres` user (initdb refuses root). It never aborts the caller: if no
# server can be started it says why, and the PostgreSQL tests fail under CI=true.

hadath_pg_main() {
  local port="${HADATH_PG_PORT:-54329}" bindir="" dir owner run=()
  if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
      echo "postgres.sh: installing PostgreSQL from Debian's packages"
      apt-get update -qq >/dev/null 2>&1 || true
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 || true
    fi
  fi
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "postgres.sh: PostgreSQL is not installed and could not be installed" >&2
    return 1
  fi
  dir=$(mktemp -d /tmp/hadath-pg.XXXXXX)
  owner=$(id -un)
  if [ "$(id -u)" = 0 ]; then
    owner=postgres
    id postgres >/dev/null 2>&1 || useradd --system --home-dir "$dir" postgres || return 1
    chown postgres "$dir"
    run=(runuser -u postgres --)
  fi
  "${run[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || "${run[@]}" "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { echo "postgres.sh: initdb failed:"; tail -n 5 "$dir/initdb.log"; return 1; } >&2
  "${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null \
    || { echo "postgres.sh: the server did not start:"; tail -n 5 "$dir/server.log"; return 1; } >&2
  HADATH_PG_DIR="$dir"
  HADATH_PG_CTL=("${run[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop)
  export HADATH_TEST_PG="postgresql://postgres@127.0.0.1:$port/postgres"
  echo "postgres.sh: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') on port $port (owner $owner); HADATH_TEST_PG=$HADATH_TEST_PG"
}

hadath_pg_stop() {
  if [ -n "${HADATH_PG_DIR:-}" ]; then
    "${HADATH_PG_CTL[@]}" >/dev/null 2>&1 || true
    rm -rf "$HADATH_PG_DIR"
  fi
}

if hadath_pg_main; then
  if [ "${BASH_SOURCE[0]}" != "$0" ]; then
    trap hadath_pg_stop EXIT   # sourced: stop the server when the caller's shell exits
  else
    echo "export HADATH_TEST_PG=$HADATH_TEST_PG   # the server keeps running; stop it with: ${HADATH_PG_CTL[*]}"
  fi
fi
true
