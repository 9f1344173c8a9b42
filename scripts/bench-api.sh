#!/usr/bin/env bash
# Load figures of the GraphQL endpoint over loopback, with wrk, against a release build:
#   - requests/s of `{ me { id } }` (JWT check, one user-and-session lookup, execution), next to GET /healthz in the
#     same run as the peer (HTTP alone) and `{ __typename }` with the token (JWT and GraphQL, no SQL), and the ratio;
#   - login latency (p50, p90, p99) with the shipped Argon2id cost, one connection at a time.
#   scripts/bench-api.sh [seconds per run, default 15] [connections, default 32]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DURATION="${1:-15}"
CONNECTIONS="${2:-32}"
start_bench_server "${BUDGETAI_BENCH_HTTP_PORT:-18080}"
post_script "$WORK/me.lua" '{"query":"{ me { id } }"}' "$TOKEN"
post_script "$WORK/typename.lua" '{"query":"{ __typename }"}' "$TOKEN"
post_script "$WORK/login.lua" "$LOGIN"
rps() { awk '/Requests\/sec/ { print $2 }'; }
log "GET /healthz, $CONNECTIONS connections, ${DURATION}s"
HEALTH="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" "$URL/healthz" | rps)"
log "POST { __typename } with the token (no SQL), $CONNECTIONS connections, ${DURATION}s"
TYPENAME="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/typename.lua" "$URL/graphql" | rps)"
log "POST { me { id } }, $CONNECTIONS connections, ${DURATION}s"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/me.lua" "$URL/graphql" > "$WORK/me.txt"
ME="$(rps < "$WORK/me.txt")"
log "login, 1 connection, ${DURATION}s"
wrk -t1 -c1 -d"${DURATION}s" --latency -s "$WORK/login.lua" "$URL/graphql" > "$WORK/login.txt"
LOGIN_RPS="$(rps < "$WORK/login.txt")"
latency() { awk -v p="$1" '$1 == p { print $2 }' "$2"; }
echo
echo "requests/s   GET /healthz (peer): $HEALTH   { __typename } with token: $TYPENAME   { me { id } }: $ME   ratio me/healthz: $(python3 -c "print(f'{$ME/$HEALTH:.3f}')")"
echo "{ me { id } } latency   p50 $(latency 50% "$WORK/me.txt")   p90 $(latency 90% "$WORK/me.txt")   p99 $(latency 99% "$WORK/me.txt")"
echo "login (Argon2id verify + session + JWT)   p50 $(latency 50% "$WORK/login.txt")   p90 $(latency 90% "$WORK/login.txt")   p99 $(latency 99% "$WORK/login.txt")   ($LOGIN_RPS logins/s on one connection)"
if grep -q "Non-2xx" "$WORK/me.txt" "$WORK/login.txt"; then
    echo "error: some responses were not 2xx, the figures are void:"; grep "Non-2xx" "$WORK"/*.txt; exit 1
fi
