#!/usr/bin/env bash
# Ledger figures over loopback, against a release build and the demo books (README command 1's seed):
#   - requests/s of the dashboard query (month totals, spending by category, budget status, last 20 transactions),
#     with wrk, next to `{ __typename }` with the same token in the same run as the peer, and the ratio;
#   - a CSV statement of 100,000 rows: upload (raw POST), preview, commit (COPY into staging, one INSERT), rows/s;
#     then the same file again, which must add nothing.
#   scripts/bench-ledger.sh [seconds per wrk run, default 15] [connections, default 32] [rows, default 100000]
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
DURATION="${1:-15}"
CONNECTIONS="${2:-32}"
ROWS="${3:-100000}"
start_bench_server "${BUDGETAI_BENCH_HTTP_PORT:-18081}"
gql() { # body, token → response
    curl -fs -H 'Content-Type: application/json' -H "Authorization: Bearer $2" -d "$1" "$URL/graphql"
}
# bench-tenancy drops every workspace of the bench database, the demo user's personal one included: then recreate
# the database (or run this on a fresh one) so that seed-demo can give it its books again.
WS="$(gql '{"query":"{ me { workspaces { workspace { id kind } } } }"}' "$TOKEN" \
    | python3 -c 'import json,sys; print(next((m["workspace"]["id"] for m in json.load(sys.stdin)["data"]["me"]["workspaces"] if m["workspace"]["kind"] == "PERSONAL"), ""))')"
[ -n "$WS" ] || die "the demo user has no personal workspace in $BENCH_DB (bench-tenancy dropped it): drop that database and run again"
FROM="$(date -u +%Y-%m-01)"
TO="$(date -u -d "$FROM +1 month -1 day" +%Y-%m-%d)"
DASHBOARD="{\"query\":\"query(\$w: ID!) { workspace(id: \$w) { dashboard(from: \\\"$FROM\\\", to: \\\"$TO\\\") { totals { income { amount } expenses { amount } net { amount } savingsRate } byCategory(limit: 10) { category { name } amount { amount } share } budgets { budget { name } spent { amount } remaining { amount } percentUsed projected { amount } } recentTransactions(first: 20) { date payee amount { amount currency } category { name } account { name } } } } }\",\"variables\":{\"w\":\"$WS\"}}"
CHECK="$(gql "$DASHBOARD" "$TOKEN")"
echo "$CHECK" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert "errors" not in d, d; t=d["data"]["workspace"]["dashboard"]; assert len(t["recentTransactions"]) == 20, t; print("dashboard check:", t["totals"])'
post_script "$WORK/dashboard.lua" "$DASHBOARD" "$TOKEN"
post_script "$WORK/typename.lua" '{"query":"{ __typename }"}' "$TOKEN"
rps() { awk '/Requests\/sec/ { print $2 }'; }
log "POST { __typename } with the token (peer), $CONNECTIONS connections, ${DURATION}s"
TYPENAME="$(wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/typename.lua" "$URL/graphql" | rps)"
log "POST dashboard, $CONNECTIONS connections, ${DURATION}s"
wrk -t2 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$WORK/dashboard.lua" "$URL/graphql" > "$WORK/dashboard.txt"
DASH="$(rps < "$WORK/dashboard.txt")"
latency() { awk -v p="$1" '$1 == p { print $2 }' "$2"; }
if grep -q "Non-2xx" "$WORK/dashboard.txt"; then echo "error: non-2xx dashboard responses, figures void"; exit 1; fi

log "generating a CSV statement of $ROWS rows"
python3 - "$ROWS" > "$WORK/statement.csv" <<'PY'
import random, sys, datetime
rows = int(sys.argv[1]); random.seed(42)
payees = ["Green Market", "Daily Grind", "Shell", "Online Marketplace", "Trattoria Roma", "Metro transit", "Pharmacy Plus"]
start = datetime.date(2016, 1, 1)
print("Date,Payee,Description,Amount")
for i in range(rows):
    day = start + datetime.timedelta(days=i // 30)
    amount = -random.randint(100, 25000) if i % 17 else random.randint(100000, 500000)
    print(f"{day.isoformat()},{random.choice(payees)},Card payment {i},{amount // 100}.{amount % 100:02d}")
PY
# A workspace of its own, so the demo books (and the next run's dashboard) stay as they are.
WS="$(gql "{\"query\":\"mutation { createWorkspace(input: {name: \\\"Bench import $(date +%s)\\\", kind: BUSINESS}) { id } }\"}" "$TOKEN" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["createWorkspace"]["id"])')"
ACCOUNT="$(gql "{\"query\":\"mutation(\$w: ID!) { createAccount(workspaceId: \$w, input: {name: \\\"Bench import\\\", kind: CHECKING, currency: \\\"USD\\\"}) { id } }\",\"variables\":{\"w\":\"$WS\"}}" "$TOKEN" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["createAccount"]["id"])')"
now() { date +%s.%N; }
import_once() { # → "upload preview commit added"
    local t0 t1 t2 t3 id added
    t0="$(now)"
    id="$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary @"$WORK/statement.csv" \
        "$URL/workspaces/$WS/imports?fileName=statement.csv" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')"
    t1="$(now)"
    gql "{\"query\":\"query(\$w: ID!, \$i: ID!, \$a: ID!) { workspace(id: \$w) { importPreview(importId: \$i, accountId: \$a, sampleSize: 5) { rowCount duplicateCount error { line message } } } }\",\"variables\":{\"w\":\"$WS\",\"i\":\"$id\",\"a\":\"$ACCOUNT\"}}" "$TOKEN" > "$WORK/preview.json"
    t2="$(now)"
    added="$(gql "{\"query\":\"mutation(\$w: ID!, \$i: ID!, \$a: ID!) { commitImport(workspaceId: \$w, importId: \$i, accountId: \$a) { addedCount duplicateCount } }\",\"variables\":{\"w\":\"$WS\",\"i\":\"$id\",\"a\":\"$ACCOUNT\"}}" "$TOKEN" \
        | python3 -c 'import json,sys; d=json.load(sys.stdin); assert "errors" not in d, d; print(d["data"]["commitImport"]["addedCount"])')"
    t3="$(now)"
    echo "$(python3 -c "print(f'{$t1-$t0:.2f} {$t2-$t1:.2f} {$t3-$t2:.2f}')") $added"
}
log "importing it (upload, preview, commit)"
read -r UP PRE COMMIT ADDED <<< "$(import_once)"
log "importing the same file again"
read -r UP2 PRE2 COMMIT2 ADDED2 <<< "$(import_once)"
echo
echo "requests/s   { __typename } with token (peer): $TYPENAME   dashboard: $DASH   ratio dashboard/typename: $(python3 -c "print(f'{$DASH/$TYPENAME:.3f}')")"
echo "dashboard latency   p50 $(latency 50% "$WORK/dashboard.txt")   p90 $(latency 90% "$WORK/dashboard.txt")   p99 $(latency 99% "$WORK/dashboard.txt")"
echo "CSV import of $ROWS rows ($(du -h "$WORK/statement.csv" | cut -f1)): upload ${UP}s, preview ${PRE}s, commit ${COMMIT}s → $ADDED added, $(python3 -c "print(f'{$ROWS/$COMMIT:,.0f}')") rows/s committed, $(python3 -c "print(f'{$ROWS/($UP+$COMMIT):,.0f}')") rows/s upload+commit"
echo "same file again: upload ${UP2}s, preview ${PRE2}s, commit ${COMMIT2}s → $ADDED2 added"
[ "$ADDED" = "$ROWS" ] && [ "$ADDED2" = "0" ] || { echo "error: expected $ROWS then 0 rows added"; exit 1; }
