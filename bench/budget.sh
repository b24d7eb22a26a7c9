#!/usr/bin/env bash
# Requests per second and p95 of the public budget views on PostgreSQL at about 20,000 lines a
# year (uncached: PAGE_CACHE_SECONDS=0, so every request aggregates in the database).
#   BENCH_BUDGET_DB=budget bash bench/budget.sh      # drops and recreates that database
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
PY=$ROOT/.venv/bin/python
DB=${BENCH_BUDGET_DB:-budget_bench}
WORK=$(mktemp -d)
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
unset REDIS_URL ELASTICSEARCH_URL || true
export DJANGO_SETTINGS_MODULE=cms.settings.production
SECRET_KEY=$("$PY" -c 'import secrets, string; a = string.ascii_letters + string.digits; print("".join(secrets.choice(a) for _ in range(64)))')
export SECRET_KEY ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=False SERVE_MEDIA=True
export WAGTAILADMIN_BASE_URL=http://127.0.0.1 SMS_BACKEND=smartcity.core.sms.DisabledBackend
export DATABASE_URL=postgres://$PGUSER@$PGHOST:$PGPORT/$DB MEDIA_ROOT=$WORK/media
export LOG_LEVEL=WARNING PAGE_CACHE_SECONDS=0 TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend
GUNICORN_PID=""
trap '[ -n "$GUNICORN_PID" ] && kill "$GUNICORN_PID" 2>/dev/null; rm -rf "$WORK"' EXIT

psql -q -d postgres -c "DROP DATABASE IF EXISTS \"$DB\"" -c "CREATE DATABASE \"$DB\""
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py collectstatic --noinput -v0
"$PY" manage.py shell < bench/budget_seed.py | tee "$WORK/seed.txt" | grep -v '^URL'
mapfile -t URLS < <(grep '^URL' "$WORK/seed.txt" | cut -d' ' -f2)
PORT=$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$ROOT/.venv/bin/gunicorn" cms.wsgi -w 2 --bind "127.0.0.1:$PORT" --log-level warning &
GUNICORN_PID=$!
for _ in $(seq 60); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/anggaran/" && break; sleep 1; done
"$PY" bench/load.py --base "http://127.0.0.1:$PORT" -c 10 -d 15 --warmup 2 --label "budget uncached" "${URLS[@]}"
