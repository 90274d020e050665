#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests, or stops it.
#
#   eval "$(scripts/test-postgres.sh start DIR)"   # installs Debian's postgresql if missing, starts a server on
#                                                  # loopback with its data in DIR, exports MATCHING_TEST_POSTGRES
#   scripts/test-postgres.sh stop DIR              # stops it (DIR can then be deleted)
#
# The server trusts local connections only (127.0.0.1, no password): it is for tests, never for data.
set -euo pipefail
action=${1:?start or stop}
dir=${2:?a data folder}
port=${MATCHING_TEST_POSTGRES_PORT:-54329}

bindir() {
  local ctl
  ctl=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$ctl" ] && echo "$ctl"
}

as_postgres() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
  start)
    if [ -z "$(bindir)" ]; then
      echo "installing postgresql from Debian's packages" >&2
      export DEBIAN_FRONTEND=noninteractive
      sudo=; [ "$(id -u)" = 0 ] || sudo=sudo
      $sudo apt-get update -qq >&2
      $sudo apt-get install -y -qq --no-install-recommends postgresql >&2
    fi
    bin=$(bindir)
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port"; then
      echo "port $port is taken by a running server: set MATCHING_TEST_POSTGRES_PORT to a free one" >&2
      exit 1
    fi
    mkdir -p "$dir"
    if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >&2 || { cat "$dir/server.log" >&2; exit 1; }
    echo "export MATCHING_TEST_POSTGRES='Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres'"
    ;;
  stop)
    bin=$(bindir)
    as_postgres "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
