#!/usr/bin/env bash
# Tenancy benchmark (not a test): provisions N workspaces in the budgetai_bench database, applies one new tenant
# migration to all of them, prints the figures, and drops every workspace again.
#   scripts/bench-tenancy.sh [N]        N defaults to 1000; the debug build is used (see README)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
N="${1:-1000}"
"$ROOT/scripts/stack.sh" start
cd "$ROOT"
swift build --product budgetai >&2
export DATABASE_URL="$(database_url "$BENCH_DB")"
export REDIS_URL="$(redis_url)"
export MIGRATIONS_DIR="$ROOT/migrations"
export LOG_LEVEL="${LOG_LEVEL:-warning}"
exec "$ROOT/.build/debug/budgetai" bench-tenancy --workspaces "$N"
