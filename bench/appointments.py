#!/usr/bin/env python3
"""Booking load for e-appointment: N clients POST bookings to the public API at once.

Reads the bookable services and their free slots from the API, then N client threads loop for a
fixed time: take one of the first few free slots (clients deliberately collide on the same
places), ``POST /api/v1/appointments/bookings/`` with a fresh contact, and record the answer
(``201`` booked, ``409`` just taken, anything else an error). A slot answered ``409`` is dropped
from the shared list. Stops after ``--duration`` seconds or when no free slot is left.

Prints bookings accepted per second, requests per second, the answers by status and the p50/p95
latency; ``--json`` writes the same. Whether any slot ended up overbooked is checked afterwards in
SQL by ``run.sh`` (it must be 0). The server must run with ``RATELIMIT_ENABLE=false``.

Only loopback targets are accepted.

    python bench/appointments.py --base http://127.0.0.1:8765 -c 20 -d 15 --json out.json
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import itertools
import json
import random
import sys
import threading
import time
from urllib.parse import urlsplit

from load import LOOPBACK, percentile

API = "/api/v1/appointments/"


def get_json(host: str, port: int, path: str):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request("GET", path, headers={"Accept": "application/json"})
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"GET {path} answered {response.status}")
        return json.loads(body)
    finally:
        conn.close()


def free_slots(host: str, port: int, days: int) -> list[tuple[str, str]]:
    """(service slug, slot start) of every slot with a free place in the next ``days`` days."""
    today = datetime.date.today()
    end = today + datetime.timedelta(days=days)
    slots = []
    for service in get_json(host, port, f"{API}services/"):
        path = f"{API}services/{service['slug']}/slots/?start={today}&end={end}"
        for slot in get_json(host, port, path):
            slots += [(service["slug"], slot["start"])] * slot["available"]
    return slots


def run(host, port, concurrency, duration, days, spread, seed=7):
    pool = free_slots(host, port, days)
    offered = len(pool)
    random.Random(seed).shuffle(pool)
    lock = threading.Lock()
    numbers = itertools.count(1)
    stamp = int(time.time())
    samples: list[tuple[float, int]] = []
    deadline = time.perf_counter() + duration

    def worker(n: int) -> None:
        rng = random.Random(seed + n)
        conn = None
        while time.perf_counter() < deadline:
            with lock:
                if not pool:
                    return
                slug, start = pool[rng.randrange(min(spread, len(pool)))]
                number = next(numbers)
            body = json.dumps(
                {
                    "service": slug,
                    "start": start,
                    "name": f"Bench {number}",
                    "email": f"bench-{stamp}-{number}@example.com",
                    "phone": "",
                    "nik": "",
                    "purpose": "Beban uji",
                    "consent": True,
                }
            )
            t0 = time.perf_counter()
            try:
                if conn is None:
                    conn = http.client.HTTPConnection(host, port, timeout=30)
                conn.request(
                    "POST", f"{API}bookings/", body=body, headers={"Content-Type": "application/json"}
                )
                response = conn.getresponse()
                response.read()
                status = response.status
                if response.will_close:
                    conn.close()
                    conn = None
            except Exception:
                status = 0
                if conn is not None:
                    conn.close()
                conn = None
            elapsed = time.perf_counter() - t0
            with lock:
                samples.append((elapsed, status))
                if status == 201 and (slug, start) in pool:
                    pool.remove((slug, start))  # one place of it is taken
                elif status == 409:
                    pool[:] = [entry for entry in pool if entry != (slug, start)]  # it is full
        if conn is not None:
            conn.close()

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - started
    statuses: dict[str, int] = {}
    for _elapsed, status in samples:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    latencies = sorted(elapsed for elapsed, status in samples if status in (201, 409))
    accepted = statuses.get("201", 0)
    return {
        "url": f"POST {API}bookings/",
        "places_offered": offered,
        "requests": len(samples),
        "accepted": accepted,
        "statuses": statuses,
        "errors": len(samples) - accepted - statuses.get("409", 0),
        "seconds": round(seconds, 2),
        "accepted_per_s": round(accepted / seconds, 1) if seconds else 0.0,
        "rps": round(len(samples) / seconds, 1) if seconds else 0.0,
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "exhausted": not pool,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--concurrency", "-c", type=int, default=20)
    parser.add_argument("--duration", "-d", type=float, default=15.0)
    parser.add_argument("--days", type=int, default=31, help="how far ahead to look for free slots")
    parser.add_argument(
        "--spread", type=int, default=10, help="clients pick among the first N free places (collisions)"
    )
    parser.add_argument("--json", help="write results to this file")
    args = parser.parse_args(argv)
    base = urlsplit(args.base)
    if base.scheme != "http" or base.hostname not in LOOPBACK:
        parser.error("only http://127.0.0.1 / localhost targets are allowed")
    result = run(base.hostname, base.port or 80, args.concurrency, args.duration, args.days, args.spread)
    print(
        f"# {args.base}: {args.concurrency} clients posting bookings for {args.duration:g}s "
        f"({result['places_offered']} free places at the start)"
    )
    print(
        f"accepted {result['accepted']} in {result['seconds']}s = {result['accepted_per_s']} bookings/s; "
        f"{result['requests']} requests ({result['rps']} req/s), answers {result['statuses']}, "
        f"p50 {result['p50_ms']} ms, p95 {result['p95_ms']} ms"
        + ("; every free place was booked before the end" if result["exhausted"] else "")
    )
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(
                {"concurrency": args.concurrency, "duration": args.duration, "result": result}, fh, indent=2
            )
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
