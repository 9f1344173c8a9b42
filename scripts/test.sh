#!/usr/bin/env bash
# README command (2): every test. Installs what is missing, starts PostgreSQL and Redis, builds, checks that the
# deployment files agree with the code, then runs `swift test`, whose exit status is this script's.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
"$ROOT/scripts/stack.sh" start
# The mail tests send to a local aiosmtpd and read what it wrote (SMTP_SINK_URL, SMTP_SINK_DIR). Assigned first, so
# a sink that cannot start stops this script (set -e).
SINK_SETTINGS="$("$ROOT/scripts/smtp-sink.sh" start)"
eval "$SINK_SETTINGS"
export SMTP_SINK_URL SMTP_SINK_DIR
command -v swift >/dev/null 2>&1 || die "Swift 6 is not installed (expected on PATH or in /opt/swift)"
cd "$ROOT"
swift build --build-tests
log "checking docker-compose.yml, Dockerfile and helm/ against the code"
/usr/bin/python3 "$ROOT/scripts/check-deploy.py" --budgetai "$ROOT/.build/debug/budgetai"
export DATABASE_URL="$(database_url "$TEST_DB")"
export REDIS_URL="$(redis_url)"
export TEST_APP_DATABASE_URL="$(database_url "$APP_TEST_DB")"
export TEST_PG_CA_FILE="$(pg_tls_dir)/ca.crt"
# Line-buffered, so a run that is stopped still shows every test that started and never ended; stopped after
# TEST_TIMEOUT_MINUTES, so a test that hangs fails the run with that list instead of using up CI's time. The test
# binary is killed by name: swift test runs it outside its own process group, so signalling swift test leaves it.
minutes="${TEST_TIMEOUT_MINUTES:-30}"
timed_out="$ROOT/.build/tests-timed-out"
rm -f "$timed_out"
log "swift test (DATABASE_URL=$DATABASE_URL, REDIS_URL=$REDIS_URL, at most $minutes minutes)"
stdbuf -oL -eL swift test --skip-build &
tests=$!
(
    sleep "$((minutes * 60))"
    touch "$timed_out"
    pkill -KILL -f "$ROOT/.build/.*/BudgetAIPackageTests.xctest" || true
    kill -KILL "$tests" 2>/dev/null || true
) 2>/dev/null &
watchdog=$!
status=0
wait "$tests" || status=$?
pkill -P "$watchdog" 2>/dev/null || true
kill "$watchdog" 2>/dev/null || true
if [ -e "$timed_out" ]; then
    die "the tests did not finish within $minutes minutes: a test hangs (look above for one that started and never ended)"
fi
exit "$status"
