# Shared settings and helpers for scripts/*.sh; sourced, not run.
# Every value can be overridden from the environment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="${BUDGETAI_LOCAL_DIR:-$ROOT/.local}"
PG_PORT="${BUDGETAI_PG_PORT:-54329}"
REDIS_PORT="${BUDGETAI_REDIS_PORT:-63799}"
APP_DB_USER="${BUDGETAI_DB_USER:-budgetai}"
APP_DB_PASSWORD="${BUDGETAI_DB_PASSWORD:-budgetai}"
DEV_DB="budgetai"
TEST_DB="budgetai_test"
# The domain, API and end-to-end tests share this one, so they never meet the Persistence tests' resets.
APP_TEST_DB="budgetai_test_app"
BENCH_DB="budgetai_bench"
REDIS_DIR="$LOCAL_DIR/redis"

log() { printf '[budgetai] %s\n' "$*" >&2; }
die() { printf '[budgetai] error: %s\n' "$*" >&2; exit 1; }

# Swift from /opt/swift when it is not on PATH yet.
if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    [ -n "$dir" ] || die "PostgreSQL binaries not found; run scripts/stack.sh install"
    printf '%s' "$dir"
}

# PostgreSQL refuses to run as root: its folder must be reachable by the postgres user. When the checkout's
# parents are closed to it (a clone under /root, say), the cluster lives under /var/lib/budgetai instead.
pg_base() {
    if [ -n "${BUDGETAI_PG_DIR:-}" ]; then printf '%s' "$BUDGETAI_PG_DIR"; return; fi
    mkdir -p "$LOCAL_DIR"
    if runuser -u postgres -- test -x "$LOCAL_DIR" 2>/dev/null; then
        printf '%s' "$LOCAL_DIR/pg"
    else
        printf '/var/lib/budgetai/pg-%s' "$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
    fi
}

database_url() { printf 'postgres://%s:%s@127.0.0.1:%s/%s' "$APP_DB_USER" "$APP_DB_PASSWORD" "$PG_PORT" "$1"; }
redis_url() { printf 'redis://127.0.0.1:%s/0' "$REDIS_PORT"; }

as_postgres() { runuser -u postgres -- "$@"; }

psql_super() {
    local base; base="$(pg_base)"
    as_postgres "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$base/run" -p "$PG_PORT" -U postgres "$@"
}
