#!/usr/bin/env bash
# A real PostgreSQL streaming replica of the local server (127.0.0.1:5432) on another port (default 5433), made with
# pg_basebackup, for the read-replica tests and the mixed benchmark (issue 19). Idempotent: does nothing when a
# replica already answers there. Run as root (Debian's cluster tools); prints the replica's URL last.
set -euo pipefail
PORT="${REPLICA_PORT:-5433}"
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"
in_recovery() { psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atc 'SELECT pg_is_in_recovery()' 2>/dev/null; }
if pg_isready -h 127.0.0.1 -p "$PORT" -q && [ "$(in_recovery)" = t ]; then
  echo "replica already running: $URL"
  exit 0
fi
v="$(ls /etc/postgresql | sort -V | tail -1)"
conf="/etc/postgresql/$v"
# The primary must accept replication connections from this machine.
if ! grep -Eq '^host[[:space:]]+replication[[:space:]]+all[[:space:]]+127\.0\.0\.1/32' "$conf/main/pg_hba.conf"; then
  echo 'host replication all 127.0.0.1/32 trust' >>"$conf/main/pg_hba.conf"
  pg_ctlcluster --skip-systemctl-redirect "$v" main reload
fi
[ -d "$conf/replica" ] || pg_createcluster "$v" replica -p "$PORT" >/dev/null
cp "$conf/main/pg_hba.conf" "$conf/replica/pg_hba.conf" # the same local access as the primary (tests connect as postgres)
pg_ctlcluster --skip-systemctl-redirect "$v" replica stop >/dev/null 2>&1 || true
data="$(awk -F"'" '/^data_directory/ {print $2}' "$conf/replica/postgresql.conf")"
rm -rf "$data"
install -d -o postgres -g postgres -m 700 "$data"
# -R writes standby.signal and primary_conninfo; -X stream copies the WAL needed to start consistent.
su postgres -s /bin/sh -c "pg_basebackup -h 127.0.0.1 -p 5432 -U postgres -D '$data' -R -X stream -c fast"
pg_ctlcluster --skip-systemctl-redirect "$v" replica start
for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p "$PORT" -q && break; sleep 1; done
[ "$(in_recovery)" = t ] || { echo "replica on $PORT is not in recovery" >&2; exit 1; }
echo "replica running: $URL"
