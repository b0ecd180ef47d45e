#!/usr/bin/env bash
# A throwaway local PostgreSQL database for `make bench-scale`, started as .ci/run starts CI's:
# the Debian server (pg_ctlcluster), a login role and an empty database. Prints its URL.
# Needs root (runuser); the role's password is new on every run.
set -euo pipefail
database=${1:-quizapp_bench}
if ! pg_lsclusters -h | grep -q .; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -1)
  pg_createcluster "$version" main >/dev/null
fi
read -r version cluster port status _ < <(pg_lsclusters -h | sort -k1,1n | tail -1)
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$cluster" start >&2
fi
for _ in $(seq 30); do
  pg_isready -q -h 127.0.0.1 -p "$port" && break
  sleep 1
done
as_postgres() { (cd / && runuser -u postgres -- psql -p "$port" -v ON_ERROR_STOP=1 -qAt "$@"); }
password=$(python3 -c 'import secrets; print(secrets.token_hex(16))')
as_postgres -c "DO \$\$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'quizapp_bench') THEN
      CREATE ROLE quizapp_bench LOGIN;
    END IF;
  END \$\$;" >&2
as_postgres -c "ALTER ROLE quizapp_bench PASSWORD '$password'" >&2
# A throwaway database: commits need not wait for the disk while the bench loads it.
as_postgres -c "ALTER ROLE quizapp_bench SET synchronous_commit = off" >&2
as_postgres -c "DROP DATABASE IF EXISTS $database" >&2
as_postgres -c "CREATE DATABASE $database OWNER quizapp_bench" >&2
echo "postgresql://quizapp_bench:$password@127.0.0.1:$port/$database"
