#!/usr/bin/env bash
# README command (1): install what is missing, start PostgreSQL and Redis, build, migrate, seed the demo
# workspace, and serve on http://127.0.0.1:${HTTP_PORT:-8080} until Ctrl-C.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$ROOT/scripts/stack.sh" start
command -v swift >/dev/null 2>&1 || die "Swift 6 is not installed (expected on PATH or in /opt/swift)"
cd "$ROOT"
log "building (the first build takes about 10 minutes)"
swift build --product budgetai
export DATABASE_URL="${DATABASE_URL:-$(database_url "$DEV_DB")}"
export REDIS_URL="${REDIS_URL:-$(redis_url)}"
export MIGRATIONS_DIR="${MIGRATIONS_DIR:-$ROOT/migrations}"
export HTTP_HOST="${HTTP_HOST:-127.0.0.1}"
export HTTP_PORT="${HTTP_PORT:-8080}"
"$ROOT/.build/debug/budgetai" migrate
"$ROOT/.build/debug/budgetai" seed-demo
log "serving on http://$HTTP_HOST:$HTTP_PORT  (try: curl http://$HTTP_HOST:$HTTP_PORT/readyz)"
exec "$ROOT/.build/debug/budgetai" serve
