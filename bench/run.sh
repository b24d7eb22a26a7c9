#!/usr/bin/env bash
# Repeatable load benchmark of the public site under gunicorn (see bench/README.md).
#
#   bash bench/run.sh
#
# 1. drops and recreates the PostgreSQL database $BENCH_DB (default binjai_bench),
# 2. migrate + seed_demo (or, if that command is missing or fails, bench/seed_fallback.py,
#    clearly labelled in the output) + collectstatic, with cms.settings.production,
# 3. counts SQL queries per page (bench/profile_queries.py, page cache off),
# 4. for each pass (bench/cpuwatch.py reports how much CPU other processes took meanwhile) starts `gunicorn cms.wsgi -w 2` on 127.0.0.1:$BENCH_PORT, waits until it
#    answers, runs bench/load.py (10 clients, warm-up + 15 s per URL) and stops gunicorn:
#      uncached  PAGE_CACHE_SECONDS=0
#      redis     default page cache in Redis (redis://127.0.0.1:6379/14, own key prefix)
#      locmem    default page cache in each worker's local memory
#      appointments  page cache off, RATELIMIT_ENABLE=false: `/` (the reference) and a service's
#                slot page with bench/load.py, then bench/appointments.py (20 clients POSTing
#                bookings to the API), then an SQL count of overbooked slots and days (must be 0)
# Results go to bench/results/<timestamp>/ (git-ignored); a markdown summary is printed.
#
# Knobs (environment): BENCH_PORT=<free port> BENCH_DB=binjai_bench BENCH_DURATION=15 BENCH_WARMUP=2
#   BENCH_CONCURRENCY=10 BENCH_WORKERS=2 BENCH_PASSES="uncached redis locmem appointments"
#   BENCH_BOOKING_CLIENTS=20 BENCH_SLOT_PAGE=/layanan/janji-temu/perekaman-ktp-el/
#   BENCH_REDIS_URL=redis://127.0.0.1:6379/14 BENCH_SEED=auto|fallback BENCH_WRK=0|1
#   BENCH_WAIT_IDLE=0 (seconds to wait for the machine to be >= 85% idle before each pass)
#   PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PY=$ROOT/.venv/bin/python
GUNICORN=$ROOT/.venv/bin/gunicorn

# A free port chosen by the kernel unless BENCH_PORT is given (the machine may be shared).
PORT=${BENCH_PORT:-$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
DB=${BENCH_DB:-binjai_bench}
DURATION=${BENCH_DURATION:-15}
WARMUP=${BENCH_WARMUP:-2}
CONCURRENCY=${BENCH_CONCURRENCY:-10}
WORKERS=${BENCH_WORKERS:-2}
PASSES=${BENCH_PASSES:-"uncached redis locmem appointments"}
BOOKING_CLIENTS=${BENCH_BOOKING_CLIENTS:-20}
SLOT_PAGE=${BENCH_SLOT_PAGE:-/layanan/janji-temu/perekaman-ktp-el/}
BENCH_REDIS=${BENCH_REDIS_URL:-redis://127.0.0.1:6379/14}
SEED_MODE=${BENCH_SEED:-auto}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}

case "$DB" in *bench*) ;; *) echo "BENCH_DB must contain 'bench' (it is dropped): $DB" >&2; exit 2 ;; esac

STAMP=$(date +%Y%m%d-%H%M%S)
OUT=$ROOT/bench/results/$STAMP
WORK=$(mktemp -d /tmp/binjai-bench.XXXXXX)
mkdir -p "$OUT"
CACHE_PREFIX="binjai-bench-$STAMP"
URLS=(/ /berita/ article "/cari/?q=layanan")

# --- Environment: production settings, local services, nothing inherited from the caller ---
unset REDIS_URL PAGE_CACHE_SECONDS ELASTICSEARCH_URL CACHE_KEY_PREFIX DATABASE_CONN_MAX_AGE || true
export DJANGO_SETTINGS_MODULE=cms.settings.production
SECRET_KEY=$("$PY" -c 'import secrets, string; a = string.ascii_letters + string.digits; print("".join(secrets.choice(a) for _ in range(64)))')
export SECRET_KEY
export ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=False
export SERVE_MEDIA=True
# Production settings require these; the benchmark sends no text messages.
export WAGTAILADMIN_BASE_URL=http://127.0.0.1 SMS_BACKEND=smartcity.core.sms.DisabledBackend
export DATABASE_URL=postgres://$PGUSER@$PGHOST:$PGPORT/$DB
export MEDIA_ROOT=$WORK/media
export LOG_LEVEL=WARNING
export PYTHONDONTWRITEBYTECODE=1

GUNICORN_PID=""
stop_gunicorn() {
    if [[ -n "$GUNICORN_PID" ]] && kill -0 "$GUNICORN_PID" 2>/dev/null; then
        kill -TERM "$GUNICORN_PID" 2>/dev/null || true
        wait "$GUNICORN_PID" 2>/dev/null || true
    fi
    GUNICORN_PID=""
}
redis_cleanup() {
    # Remove this run's keys only (own prefix); never flushes the Redis database.
    "$PY" - "$BENCH_REDIS" "$CACHE_PREFIX" <<'EOF' 2>/dev/null || true
import sys, redis
r = redis.Redis.from_url(sys.argv[1], socket_timeout=2)
keys = list(r.scan_iter(match=sys.argv[2] + ":*", count=1000))
if keys:
    r.delete(*keys)
EOF
}
cleanup() {
    stop_gunicorn
    [[ " $PASSES " == *" redis "* ]] && redis_cleanup
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cpu_idle() {  # percent of CPU time idle over $1 seconds, whole machine
    "$PY" - "$1" <<'PYEOF'
import sys, time
def snap():
    v = [int(x) for x in open("/proc/stat").readline().split()[1:]]
    return v[3] + v[4], sum(v)
i0, t0 = snap(); time.sleep(float(sys.argv[1])); i1, t1 = snap()
print(round(100 * (i1 - i0) / max(1, t1 - t0)))
PYEOF
}
wait_for_quiet() {  # other jobs on the 2 cores distort every number: wait up to BENCH_WAIT_IDLE s
    local waited=0 idle
    idle=$(cpu_idle 2)
    while (( idle < 85 && waited < ${BENCH_WAIT_IDLE:-0} )); do
        sleep 8; waited=$((waited + 10)); idle=$(cpu_idle 2)
    done
    if (( idle < 85 )); then
        echo "!! machine only ${idle}% idle before the load: other processes compete for the CPUs" >&2
        ps -eo pcpu,comm,args --sort=-pcpu | head -4 | cut -c1-120 >&2
    fi
    IDLE=$idle
}

log() { printf '\n=== %s\n' "$*"; }
port_busy() { "$PY" -c "import socket,sys; s=socket.socket(); s.settimeout(0.5); sys.exit(0 if s.connect_ex(('127.0.0.1', $PORT)) == 0 else 1)"; }

if port_busy; then
    echo "port $PORT is already in use; set BENCH_PORT" >&2
    exit 2
fi

# --- Database -------------------------------------------------------------------------------
recreate_db() {
    psql -q -d postgres -v ON_ERROR_STOP=1 -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
    "$PY" manage.py migrate --noinput >"$OUT/migrate.log" 2>&1 || { tail -30 "$OUT/migrate.log"; exit 1; }
}

SECONDS=0
log "database $DB: drop, create, migrate"
recreate_db

SEED=""
if [[ "$SEED_MODE" != fallback && -f home/management/commands/seed_demo.py ]]; then
    log "seed_demo"
    if "$PY" manage.py seed_demo >"$OUT/seed.log" 2>&1; then
        SEED="seed_demo"
        tail -5 "$OUT/seed.log"
    else
        echo "!! manage.py seed_demo failed (see $OUT/seed.log); using the FALLBACK seed instead"
        tail -15 "$OUT/seed.log"
        recreate_db
    fi
fi
if [[ -z "$SEED" ]]; then
    log "FALLBACK seed (bench/seed_fallback.py): seed_demo unavailable"
    "$PY" bench/seed_fallback.py | tee "$OUT/seed.log"
    SEED="FALLBACK bench/seed_fallback.py (30 articles, no images/menus)"
fi

log "collectstatic"
"$PY" manage.py collectstatic --noinput >"$OUT/collectstatic.log" 2>&1 || { tail -20 "$OUT/collectstatic.log"; exit 1; }
tail -1 "$OUT/collectstatic.log"

log "SQL queries per page (Django test client, page cache off)"
PAGE_CACHE_SECONDS=0 "$PY" bench/profile_queries.py "${URLS[@]}" | tee "$OUT/queries.txt"

{
    echo "date: $(date -Is)"
    echo "host: $(uname -srm), nproc $(nproc), $(free -m | awk '/^Mem:/ {print $2 " MiB RAM"}')"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    echo "python: $("$PY" -c 'import sys; print(sys.version.split()[0])'), gunicorn $("$GUNICORN" --version 2>&1 | awk '{print $NF}' | tr -d ')'), postgres $(psql -tAc 'show server_version' -d postgres)"
    echo "git: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git status --porcelain 2>/dev/null | grep -q . && echo ' (dirty)')"
    echo "seed: $SEED"
    echo "load: $CONCURRENCY clients, ${WARMUP}s warm-up + ${DURATION}s per URL, gunicorn -w $WORKERS (sync)"
} | tee "$OUT/meta.txt"

# --- Passes ---------------------------------------------------------------------------------
start_gunicorn() {  # $1 = pass name; the pass's settings come from the pass_env array
    if port_busy; then
        echo "port $PORT is in use by another process; set BENCH_PORT" >&2
        exit 1
    fi
    env "${pass_env[@]}" "$GUNICORN" cms.wsgi -w "$WORKERS" --bind "127.0.0.1:$PORT" \
        --error-logfile "$OUT/gunicorn-$1.log" --log-level warning &
    GUNICORN_PID=$!
    for _ in $(seq 1 120); do
        if ! kill -0 "$GUNICORN_PID" 2>/dev/null; then
            echo "gunicorn exited during start-up:" >&2
            tail -30 "$OUT/gunicorn-$1.log" >&2
            exit 1
        fi
        if "$PY" -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:$PORT/', timeout=5).status == 200 else 1)" 2>/dev/null; then
            sleep 1  # make sure the 200 came from our gunicorn, not from another process on the port
            if kill -0 "$GUNICORN_PID" 2>/dev/null && ! grep -q "Connection in use" "$OUT/gunicorn-$1.log"; then
                return 0
            fi
            echo "another process answers on port $PORT; set BENCH_PORT" >&2
            exit 1
        fi
        sleep 0.5
    done
    echo "gunicorn did not answer 200 on / within 60 s" >&2
    exit 1
}

STATUS=0
for pass in $PASSES; do
    urls=("${URLS[@]}")
    case "$pass" in
        uncached) pass_env=(PAGE_CACHE_SECONDS=0); expect=() ;;
        # `/` uncached is the reference: the slot page and the bookings are given as its multiple.
        appointments) pass_env=(PAGE_CACHE_SECONDS=0 RATELIMIT_ENABLE=false); expect=(); urls=(/ "$SLOT_PAGE") ;;
        redis) pass_env=(REDIS_URL="$BENCH_REDIS" CACHE_KEY_PREFIX="$CACHE_PREFIX"); expect=(--expect-cache-hits 0.95) ;;
        locmem) pass_env=(); expect=(--expect-cache-hits 0.95) ;;
        *) echo "unknown pass $pass" >&2; exit 2 ;;
    esac
    log "pass: $pass ${pass_env[*]:-}"
    wait_for_quiet
    echo "$pass: CPU ${IDLE}% idle just before the pass" | tee -a "$OUT/meta.txt"
    start_gunicorn "$pass"
    "$PY" bench/cpuwatch.py "$DB" -- "$PY" bench/load.py --base "http://127.0.0.1:$PORT" --label "$pass" \
        -c "$CONCURRENCY" -d "$DURATION" --warmup "$WARMUP" --json "$OUT/$pass.json" "${expect[@]}" "${urls[@]}" \
        | tee "$OUT/$pass.txt" || STATUS=1
    grep "CPU during the pass" "$OUT/$pass.txt" | sed "s/^ */$pass: /" >>"$OUT/meta.txt" || true
    if [[ "$pass" == appointments ]]; then
        echo "--- $BOOKING_CLIENTS clients POSTing bookings for ${DURATION}s"
        "$PY" bench/cpuwatch.py "$DB" -- "$PY" bench/appointments.py --base "http://127.0.0.1:$PORT" \
            -c "$BOOKING_CLIENTS" -d "$DURATION" --json "$OUT/bookings.json" | tee "$OUT/bookings.txt" || STATUS=1
        # Holding bookings beyond a slot's capacity or a day's quota: must be 0 and 0.
        psql -d "$DB" -tA -F' ' -v ON_ERROR_STOP=1 >"$OUT/overbooked.txt" <<'SQL'
SELECT
  (SELECT count(*) FROM (
     SELECT 1 FROM appointments_booking b JOIN appointments_bookableservice s ON s.id = b.service_id
     WHERE b.status IN ('pending', 'confirmed', 'checked_in', 'done', 'no_show')
     GROUP BY b.service_id, b.starts_at, s.capacity_per_slot
     HAVING count(*) > s.capacity_per_slot) AS slots),
  (SELECT count(*) FROM (
     SELECT 1 FROM appointments_booking b JOIN appointments_bookableservice s ON s.id = b.service_id
     WHERE b.status IN ('pending', 'confirmed', 'checked_in', 'done', 'no_show') AND s.daily_quota IS NOT NULL
     GROUP BY b.service_id, b.day, s.daily_quota
     HAVING count(*) > s.daily_quota) AS days);
SQL
        read -r OVER_SLOTS OVER_DAYS <"$OUT/overbooked.txt"
        echo "overbooked slots: $OVER_SLOTS, days over their quota: $OVER_DAYS (both must be 0)" | tee -a "$OUT/bookings.txt"
        [[ "$OVER_SLOTS" == 0 && "$OVER_DAYS" == 0 ]] || STATUS=1
    fi
    if [[ "${BENCH_WRK:-0}" == 1 ]] && command -v wrk >/dev/null; then
        echo "--- wrk -t2 -c$CONCURRENCY -d10s / (for comparison: a C client with less overhead)"
        wrk -t2 -c"$CONCURRENCY" -d10s --latency "http://127.0.0.1:$PORT/" | tee "$OUT/wrk-$pass.txt" || true
    fi
    stop_gunicorn
done

# --- Summary --------------------------------------------------------------------------------
log "summary (markdown, also in $OUT/summary.md), total ${SECONDS}s"
"$PY" - "$OUT" "$PASSES" <<'EOF' | tee "$OUT/summary.md"
import json, sys, pathlib
out = pathlib.Path(sys.argv[1])
print("| pass | URL | requests | errors | req/s | p50 ms | p95 ms | p99 ms | X-Cache |")
print("|---|---|---:|---:|---:|---:|---:|---:|---|")
for name in sys.argv[2].split():
    path = out / f"{name}.json"
    if not path.exists():
        continue
    for r in json.loads(path.read_text())["results"]:
        cache = ", ".join(f"{k} {v}" for k, v in sorted(r["x_cache"].items()))
        print(f"| {name} | `{r['url']}` | {r['requests']} | {r['errors']} | {r['rps']:.1f} | "
              f"{r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['p99_ms']:.1f} | {cache} |")
path = out / "appointments.json"
if path.exists():
    pages = {r["url"]: r for r in json.loads(path.read_text())["results"]}
    ref = pages.pop("/")
    print()
    print("e-appointment, page cache off, rate limits off; reference: `/` in the same pass "
          f"({ref['rps']:.1f} req/s, p95 {ref['p95_ms']:.1f} ms)")
    print()
    print("| what | rate | p95 ms | rate / reference | p95 / reference |")
    print("|---|---:|---:|---:|---:|")
    for url, r in pages.items():
        print(f"| slot page `{url}` | {r['rps']:.1f} req/s | {r['p95_ms']:.1f} | "
              f"{r['rps'] / ref['rps']:.2f} | {r['p95_ms'] / ref['p95_ms']:.2f} |")
    bookings = out / "bookings.json"
    if bookings.exists():
        b = json.loads(bookings.read_text())
        r = b["result"]
        print(f"| `POST /api/v1/appointments/bookings/`, {b['concurrency']} clients: bookings accepted | "
              f"{r['accepted_per_s']:.1f} /s ({r['accepted']} of {r['requests']}; {r['statuses']}) | "
              f"{r['p95_ms']:.1f} | {r['accepted_per_s'] / ref['rps']:.2f} | {r['p95_ms'] / ref['p95_ms']:.2f} |")
    over = out / "overbooked.txt"
    if over.exists():
        slots, days = over.read_text().split()
        print(f"\nOverbooked slots after the run: {slots}; days over their quota: {days} (must be 0).")
EOF
[[ $STATUS == 0 ]] || echo "!! at least one pass reported errors or too few cache hits (see above)"
exit $STATUS
