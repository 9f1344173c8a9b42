#!/usr/bin/env bash
# Tenancy benchmark (not a test): provisions N workspaces in the budgetai_bench database, applies one new tenant
# migration to all of them, prints the figures, and drops every workspace again.
#   scripts/bench-tenancy.sh [N] [debug|release]      N defaults to 1000, the build to release
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N="${1:-1000}"
CONFIGURATION="${2:-release}"
case "$CONFIGURATION" in debug|release) ;; *) die "build must be debug or release, not $CONFIGURATION" ;; esac
"$ROOT/scripts/stack.sh" start
cd "$ROOT"
log "building budgetai ($CONFIGURATION; a first release build takes about 13 minutes)"
swift build -c "$CONFIGURATION" --product budgetai >&2
export DATABASE_URL="$(database_url "$BENCH_DB")"
export REDIS_URL="$(redis_url)"
export MIGRATIONS_DIR="$ROOT/migrations"
export LOG_LEVEL="${LOG_LEVEL:-warning}"
echo "build: $CONFIGURATION, PostgreSQL: $(psql_super -d postgres -tAc 'SHOW server_version'), cores: $(nproc), load: $(cut -d' ' -f1-3 /proc/loadavg)"
exec "$ROOT/.build/$CONFIGURATION/budgetai" bench-tenancy --workspaces "$N"
