#!/usr/bin/env bash
# Rate-limit and subscription figures over loopback, against a release build:
#   - limiter overhead: requests/s of `{ __typename }` and `{ me { id } }` with a token, against three servers in the
#     same run: rate limiting off (the peer), on through Redis (GCRA script), and on in-process (Redis unreachable);
#     rounds alternate so the machine's drift hits all three alike; the ratio is limited / off;
#   - subscribers: SUBSCRIBERS idle graphql-transport-ws subscriptions held by one server process, its memory, and the
#     fan-out latency (p50/p99) of EVENTS events published to Redis until they reach every subscriber.
#   scripts/bench-realtime.sh [seconds per wrk run, default 10] [connections, default 32] [subscribers, default 10000] [events, default 20]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DURATION="${1:-10}"
CONNECTIONS="${2:-32}"
SUBSCRIBERS="${3:-10000}"
EVENTS="${4:-20}"
# One process may hold at most about 20,000 descriptors here (RECIPES.md): enough for 10,000 subscribers.
ulimit -n 20000 2>/dev/null || ulimit -n "$(ulimit -Hn)"
# Budgets no benchmark reaches, so every request is admitted and what is measured is the limiter's own cost.
export RATE_LIMIT_USER=1000000000/100000000 RATE_LIMIT_ANONYMOUS=1000000000/100000000 RATE_LIMIT_PLANS=FREE=1000000000/100000000
export WORKER_ENABLED=false
start_bench_server "${BUDGETAI_BENCH_HTTP_PORT:-18082}"
REDIS_SERVER=$SERVER
HTTP_PORT=$((HTTP_PORT + 1)) RATE_LIMIT_ENABLED=false "$BIN" serve & OFF_SERVER=$!
HTTP_PORT=$((HTTP_PORT + 2)) REDIS_URL=redis://127.0.0.1:1/0 "$BIN" serve 2>/dev/null & LOCAL_SERVER=$!
trap 'kill $REDIS_SERVER $OFF_SERVER $LOCAL_SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
declare -A PORTS=([redis]=$HTTP_PORT [off]=$((HTTP_PORT + 1)) [in_process]=$((HTTP_PORT + 2)))
for variant in off in_process; do
    for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:${PORTS[$variant]}/healthz" >/dev/null && break; sleep 0.2; done
done
post_script "$WORK/typename.lua" '{"query":"{ __typename }"}' "$TOKEN"
post_script "$WORK/me.lua" '{"query":"{ me { id } }"}' "$TOKEN"
# Each variant answers with (or without) the cost extension, as configured.
curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" -d '{"query":"{ me { id } }"}' \
    "http://127.0.0.1:${PORTS[redis]}/graphql" | grep -q throttleStatus || die "the Redis-limited server reports no throttleStatus"
rps() { awk '/Requests\/sec/ { print $2 }'; }
declare -A RESULTS
for round in 1 2; do
    for query in typename me; do
        for variant in off redis in_process; do
            log "round $round: $query against $variant, $CONNECTIONS connections, ${DURATION}s"
            OUT="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/$query.lua" "http://127.0.0.1:${PORTS[$variant]}/graphql")"
            echo "$OUT" | grep -q "Non-2xx" && die "non-2xx responses from $variant: figures void"
            RESULTS[$query.$variant]="${RESULTS[$query.$variant]:-} $(echo "$OUT" | rps)"
        done
    done
done
echo
echo "## Limiter overhead (requests/s, best of 2 rounds; ratio to rate limiting off in the same run)"
for query in typename me; do
    best() { tr ' ' '\n' <<< "${RESULTS[$query.$1]}" | sort -g | tail -1; }
    OFF="$(best off)"; REDIS="$(best redis)"; LOCAL="$(best in_process)"
    printf '%-10s off %9.0f   redis %9.0f (%.3f)   in-process %9.0f (%.3f)\n' "$query" "$OFF" "$REDIS" \
        "$(python3 -c "print($REDIS / $OFF)")" "$LOCAL" "$(python3 -c "print($LOCAL / $OFF)")"
done

log "subscribers: a Python client with the websockets package (PyPI), in $ROOT/.local/bench-venv"
VENV="$ROOT/.local/bench-venv"
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV" || die "python3 -m venv failed (apt-get install python3-venv)"
"$VENV/bin/pip" install -q 'websockets>=13,<16' || die "pip could not install websockets"
WS="$(curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    -d '{"query":"{ me { workspaces { workspace { id kind } } } }"}' "$URL/graphql" \
    | python3 -c 'import json,sys; print(next(m["workspace"]["id"] for m in json.load(sys.stdin)["data"]["me"]["workspaces"] if m["workspace"]["kind"] == "PERSONAL"))')"
echo
echo "## $SUBSCRIBERS idle subscribers on one server process, $EVENTS events fanned out"
"$VENV/bin/python" "$ROOT/scripts/bench_subscribers.py" "ws://127.0.0.1:${PORTS[redis]}/graphql" "$TOKEN" "$WS" "$REDIS_PORT" \
    "$SUBSCRIBERS" "$EVENTS" "$REDIS_SERVER"
