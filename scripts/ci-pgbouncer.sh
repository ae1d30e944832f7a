#!/usr/bin/env bash
# PgBouncer (Debian's, 1.18) in transaction mode in front of the local PostgreSQL, on 127.0.0.1:6439 by default, for
# the pooling tests (issue 19 item 4). Idempotent; prints its URL last. Runs as the postgres user (PgBouncer refuses root).
set -euo pipefail
PORT="${PGBOUNCER_PORT:-6439}"
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"
if pg_isready -h 127.0.0.1 -p "$PORT" -q; then
  echo "pgbouncer already running: $URL"
  exit 0
fi
dir=/var/lib/postgresql/onex-pgbouncer
install -d -o postgres -g postgres -m 700 "$dir"
cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=5432

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $PORT
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
default_pool_size = 4
max_client_conn = 400
ignore_startup_parameters = extra_float_digits,options
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
admin_users = postgres
INI
echo '"postgres" ""' >"$dir/userlist.txt"
chown postgres:postgres "$dir/pgbouncer.ini" "$dir/userlist.txt"
su postgres -s /bin/sh -c "pgbouncer -d '$dir/pgbouncer.ini'"
for _ in $(seq 1 20); do pg_isready -h 127.0.0.1 -p "$PORT" -q && break; sleep 0.5; done
pg_isready -h 127.0.0.1 -p "$PORT" -q
echo "pgbouncer running: $URL"
