#!/usr/bin/env bash
# Scale benchmark (see bench/README.md, "Scale mode"): a fresh database with seed_demo, then
# bench/scale.py grows it to 1,000 and 10,000 articles and measures each size.
#
#   bash bench/scale.sh                          # 12-25 minutes, by machine
#   BENCH_DB=binjai_scale_bench BENCH_REQUESTS=200 BENCH_SIZES="1000 10000" bash bench/scale.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
DB=${BENCH_DB:-binjai_scale_bench}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
case "$DB" in *bench*) ;; *) echo "BENCH_DB must contain 'bench' (it is dropped): $DB" >&2; exit 2 ;; esac

STAMP=$(date +%Y%m%d-%H%M%S)
OUT=$ROOT/bench/results/scale-$STAMP
WORK=$(mktemp -d /tmp/binjai-scale.XXXXXX)
trap 'rm -rf "$WORK"; psql -q -d postgres -c "DROP DATABASE IF EXISTS ${DB}_seed WITH (FORCE)" 2>/dev/null || true' EXIT
mkdir -p "$OUT"

unset REDIS_URL PAGE_CACHE_SECONDS ELASTICSEARCH_URL CACHE_KEY_PREFIX DATABASE_CONN_MAX_AGE || true
export DJANGO_SETTINGS_MODULE=cms.settings.production
SECRET_KEY=$("$PY" -c 'import secrets; print(secrets.token_urlsafe(48))')
export SECRET_KEY ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=False SERVE_MEDIA=True
# Production settings require these; the benchmark sends no text messages.
export WAGTAILADMIN_BASE_URL=http://127.0.0.1 SMS_BACKEND=smartcity.core.sms.DisabledBackend
export DATABASE_URL=postgres://$PGUSER@$PGHOST:$PGPORT/$DB MEDIA_ROOT=$WORK/media LOG_LEVEL=WARNING
export PYTHONDONTWRITEBYTECODE=1

psql -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
"$PY" manage.py migrate --noinput >"$OUT/migrate.log" 2>&1 || { tail -30 "$OUT/migrate.log"; exit 1; }
"$PY" manage.py seed_demo >"$OUT/seed.log" 2>&1 || { tail -30 "$OUT/seed.log"; exit 1; }
# As each grown size gets from bench/scale_data.py: what autovacuum leaves after a while on a
# default server (this machine's PostgreSQL runs with autovacuum off).
psql -q -d "$DB" -c "VACUUM ANALYZE" -c "CHECKPOINT"
sync  # the seed's writes land now, not during the first measured pass
"$PY" manage.py collectstatic --noinput >"$OUT/collectstatic.log" 2>&1
# A copy at the seed size, served beside each grown size so both are measured under the same load.
SEED_DB=${DB}_seed
psql -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $SEED_DB WITH (FORCE)" \
    -c "CREATE DATABASE $SEED_DB TEMPLATE $DB"
export SEED_DATABASE_URL=postgres://$PGUSER@$PGHOST:$PGPORT/$SEED_DB
{
    echo "date: $(date -Is)"
    echo "host: $(uname -srm), nproc $(nproc); cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "git: $(git rev-parse --short HEAD 2>/dev/null)$(git status --porcelain 2>/dev/null | grep -q . && echo ' (dirty)')"
    echo "postgres $(psql -tAc 'show server_version' -d postgres), nginx $(nginx -v 2>&1 | cut -d/ -f2)"
} | tee "$OUT/meta.txt"
# shellcheck disable=SC2086
"$PY" bench/scale.py --sizes ${BENCH_SIZES:-1000 10000} --requests "${BENCH_REQUESTS:-200}" \
    --json "$OUT/scale.json" | tee "$OUT/scale.md"
