#!/usr/bin/env bash
# Run once by the postgres image on an empty volume (/docker-entrypoint-initdb.d): the same bootstrap as
# scripts/stack.sh, so the application's role is a NOINHERIT, non-superuser login role in compose as well.
set -euo pipefail
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d postgres \
    -v app_user="$APP_DB_USER" -v app_password="$APP_DB_PASSWORD" -v databases="$APP_DB_NAME" \
    < /budgetai-sql/bootstrap.sql
psql -v ON_ERROR_STOP=1 -U "$POSTGRES_USER" -d "$APP_DB_NAME" -v app_user="$APP_DB_USER" \
    < /budgetai-sql/bootstrap-database.sql
