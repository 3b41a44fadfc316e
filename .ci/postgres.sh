#!/usr/bin/env bash
# Installs (if absent) and starts a local PostgreSQL 15, with a password login for the tests.
# Prints the DATABASE_URL to use on its last line.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /etc/postgresql 2>/dev/null)" ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi
version=$(ls /etc/postgresql | sort -n | tail -1)
pg_ctlcluster "$version" main start >&2 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >&2
su postgres -c "psql -q -v ON_ERROR_STOP=1 -c \"DO \\\$\\\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'waymark') THEN CREATE ROLE waymark LOGIN SUPERUSER PASSWORD 'waymark'; END IF; END\\\$\\\$;\"" >&2
echo "postgres://waymark:waymark@127.0.0.1:5432/postgres"
