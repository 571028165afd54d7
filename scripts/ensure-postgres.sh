#!/usr/bin/env bash
# Starts the local PostgreSQL cluster when it is not answering (CI machines start it; users may not).
set -euo pipefail
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then exit 0; fi
if command -v pg_ctlcluster >/dev/null && [ "$(id -u)" -eq 0 ]; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && exit 0; sleep 1; done
fi
echo "ensure-postgres: PostgreSQL is not reachable on 127.0.0.1:5432" >&2
exit 1
