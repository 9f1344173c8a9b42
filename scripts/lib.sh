# Shared settings and helpers for scripts/*.sh; sourced, not run.
# Every value can be overridden from the environment.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOCAL_DIR="${BUDGETAI_LOCAL_DIR:-$ROOT/.local}"
PG_PORT="${BUDGETAI_PG_PORT:-54329}"
REDIS_PORT="${BUDGETAI_REDIS_PORT:-63799}"
SMTP_SINK_PORT="${BUDGETAI_SMTP_SINK_PORT:-2525}"
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

# The local cluster's TLS files: a CA made for it (tests trust it through sslrootcert) and the server's key pair.
pg_tls_dir() { printf '%s/tls' "$(pg_base)"; }

database_url() { printf 'postgres://%s:%s@127.0.0.1:%s/%s' "$APP_DB_USER" "$APP_DB_PASSWORD" "$PG_PORT" "$1"; }
redis_url() { printf 'redis://127.0.0.1:%s/0' "$REDIS_PORT"; }

as_postgres() { runuser -u postgres -- "$@"; }

psql_super() {
    local base; base="$(pg_base)"
    as_postgres "$(pg_bin)/psql" -X -q -v ON_ERROR_STOP=1 -h "$base/run" -p "$PG_PORT" -U postgres "$@"
}

# Benchmarks over HTTP: wrk present, the stack up, a release build migrated and seeded on the bench database, serving
# on port $1 until the script exits. Sets BIN, SERVER (its pid), WORK (a scratch folder removed on exit), URL, LOGIN
# (the demo user's login request) and TOKEN (its access token).
start_bench_server() {
    local port="$1"
    command -v wrk >/dev/null 2>&1 || { [ "$(id -u)" -eq 0 ] && apt-get install -y -qq wrk >/dev/null; } || die "wrk is missing (apt-get install wrk)"
    "$ROOT/scripts/stack.sh" start
    cd "$ROOT"
    log "building budgetai in release mode"
    swift build -c release --product budgetai >/dev/null
    BIN="$(swift build -c release --show-bin-path)/budgetai"
    export DATABASE_URL="$(database_url "$BENCH_DB")" REDIS_URL="$(redis_url)" MIGRATIONS_DIR="$ROOT/migrations"
    export SCHEMA_PATH="$ROOT/schema.graphql" HTTP_PORT="$port" LOG_LEVEL=warning
    export JWT_SIGNING_KEYS="bench:$(head -c 32 /dev/urandom | base64 -w0)"
    "$BIN" migrate >/dev/null
    "$BIN" seed-demo >/dev/null
    "$BIN" serve & SERVER=$!
    WORK="$(mktemp -d)"
    trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
    URL="http://127.0.0.1:$port"
    for _ in $(seq 1 50); do curl -fs "$URL/healthz" >/dev/null && break; sleep 0.2; done
    LOGIN='{"query":"mutation { login(input: {email: \"demo@example.com\", password: \"budget-ai-demo-2026\"}) { accessToken } }"}'
    TOKEN="$(curl -fs -H 'Content-Type: application/json' -d "$LOGIN" "$URL/graphql" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["login"]["accessToken"])')"
}

# Writes wrk's Lua script for a POST of a JSON body, with a bearer token when one is given: post_script FILE BODY [TOKEN].
# Lua long strings ([[...]]) take the JSON bodies as they are, quotes and backslashes included.
post_script() {
    {
        echo 'wrk.method = "POST"'
        echo "wrk.body = [[$2]]"
        echo 'wrk.headers["Content-Type"] = "application/json"'
        if [ -n "${3:-}" ]; then echo "wrk.headers[\"Authorization\"] = \"Bearer $3\""; fi
    } > "$1"
}
