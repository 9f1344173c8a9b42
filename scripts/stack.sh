#!/usr/bin/env bash
# The local stack: PostgreSQL and Redis on their own ports, data under .local/, no systemd, no Docker.
#   scripts/stack.sh install   apt-get the packages that are missing (PostgreSQL, Redis, hiredis, argon2, libcurl, pkg-config, libpq, PyYAML, openssl)
#   scripts/stack.sh start     install, then start PostgreSQL and Redis if stopped; create the role and databases
#   scripts/stack.sh stop      stop both
#   scripts/stack.sh status    say what runs, and the connection URLs
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

install_packages() {
    local missing=()
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
    command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
    command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
    command -v redis-cli >/dev/null 2>&1 || missing+=(redis-tools)
    [ -f /usr/include/hiredis/hiredis.h ] || missing+=(libhiredis-dev)
    command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
    [ -f /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
    [ -f /usr/include/argon2.h ] || missing+=(libargon2-dev)
    command -v curl >/dev/null 2>&1 || missing+=(curl)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
    [ -n "$(ls /usr/include/curl/curl.h /usr/include/*/curl/curl.h 2>/dev/null)" ] || missing+=(libcurl4-openssl-dev)
    /usr/bin/python3 -c 'import yaml' >/dev/null 2>&1 || missing+=(python3-yaml)
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    [ "$(id -u)" -eq 0 ] || die "missing packages (${missing[*]}); run as root or apt-get install them"
    log "installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A CA of the local cluster's own and a server certificate it signed, for localhost and 127.0.0.1 (made once).
make_pg_certificates() {
    local dir; dir="$(pg_tls_dir)"
    [ -f "$dir/server.crt" ] && return
    log "making TLS certificates in $dir"
    as_postgres mkdir -p "$dir"
    as_postgres openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Budget AI local CA" \
        -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null
    as_postgres openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$dir/server.key" -out "$dir/server.csr" 2>/dev/null
    printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' | as_postgres tee "$dir/san.ext" >/dev/null
    as_postgres openssl x509 -req -in "$dir/server.csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 3650 \
        -extfile "$dir/san.ext" -out "$dir/server.crt" 2>/dev/null
    as_postgres chmod 600 "$dir/server.key" "$dir/ca.key"
    chmod 755 "$dir"
}

pg_running() {
    local base; base="$(pg_base)"
    [ -f "$base/data/PG_VERSION" ] && as_postgres "$(pg_bin)/pg_ctl" -D "$base/data" status >/dev/null 2>&1
}

start_postgres() {
    local base bin; base="$(pg_base)"; bin="$(pg_bin)"
    mkdir -p "$base"
    chown postgres:postgres "$base"
    if [ ! -f "$base/data/PG_VERSION" ]; then
        log "initdb into $base/data"
        as_postgres mkdir -p "$base/data" "$base/run"
        as_postgres "$bin/initdb" -D "$base/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
            --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_postgres mkdir -p "$base/run"
    make_pg_certificates
    if pg_running && [ "$(psql_super -d postgres -tAc 'SHOW ssl')" != "on" ]; then
        log "restarting PostgreSQL to turn TLS on"
        as_postgres "$bin/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null
    fi
    if ! pg_running; then
        log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
        # fsync off: this cluster holds development and test data only. pg_stat_statements lets the N+1 tests count
        # the statements a request runs, per workspace role. TLS is on (plain connections still accepted), for the
        # sslmode tests.
        as_postgres "$bin/pg_ctl" -D "$base/data" -l "$base/postgresql.log" -w -t 60 \
            -o "-p $PG_PORT -k $base/run -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=top -c ssl=on -c ssl_cert_file=$(pg_tls_dir)/server.crt -c ssl_key_file=$(pg_tls_dir)/server.key" \
            start >/dev/null || { tail -n 20 "$base/postgresql.log" >&2; die "PostgreSQL did not start"; }
    fi
    psql_super -d postgres -v app_user="$APP_DB_USER" -v app_password="$APP_DB_PASSWORD" \
        -v databases="$DEV_DB,$TEST_DB,$APP_TEST_DB,$BENCH_DB" >/dev/null < "$ROOT/scripts/sql/bootstrap.sql"
    for db in "$DEV_DB" "$TEST_DB" "$APP_TEST_DB" "$BENCH_DB"; do
        psql_super -d "$db" -v app_user="$APP_DB_USER" >/dev/null < "$ROOT/scripts/sql/bootstrap-database.sql"
    done
}

start_redis() {
    mkdir -p "$REDIS_DIR"
    if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then return; fi
    log "starting Redis on 127.0.0.1:$REDIS_PORT"
    redis-server --daemonize yes --port "$REDIS_PORT" --bind 127.0.0.1 --save '' --appendonly no \
        --dir "$REDIS_DIR" --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log"
    for _ in $(seq 1 50); do
        redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && return
        sleep 0.1
    done
    tail -n 20 "$REDIS_DIR/redis.log" >&2 || true
    die "Redis did not start"
}

stop_all() {
    local base; base="$(pg_base)"
    if pg_running; then
        log "stopping PostgreSQL"
        as_postgres "$(pg_bin)/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null
    fi
    if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
        log "stopping Redis"
        redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true
    fi
}

status() {
    local code=0
    if pg_running; then
        echo "postgres: running on 127.0.0.1:$PG_PORT (data $(pg_base)/data)"
    else
        echo "postgres: stopped"; code=1
    fi
    if redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1; then
        echo "redis:    running on 127.0.0.1:$REDIS_PORT"
    else
        echo "redis:    stopped"; code=1
    fi
    echo "DATABASE_URL=$(database_url "$DEV_DB")   (tests: $(database_url "$TEST_DB"), benchmark: $(database_url "$BENCH_DB"))"
    echo "REDIS_URL=$(redis_url)"
    echo "PostgreSQL's CA (for sslmode=verify-full&sslrootcert=...): $(pg_tls_dir)/ca.crt"
    return $code
}

case "${1:-}" in
    install) install_packages ;;
    start) install_packages; start_postgres; start_redis ;;
    stop) stop_all ;;
    status) status ;;
    *) echo "usage: scripts/stack.sh install|start|stop|status" >&2; exit 2 ;;
esac
