#!/usr/bin/env python3
"""A small closed-loop HTTP load generator (Python standard library only).

N client threads each loop "send a GET, read the whole response, record the latency" against one
URL at a time, for a fixed time or a fixed number of requests (whichever comes first), after a
short warm-up whose requests are not counted. Connections are kept alive when the server allows
it; gunicorn's sync workers close every connection, so there each request pays a TCP connect
(on loopback, ~0.1 ms), which is what a browser behind no proxy would see too.

Only loopback targets are accepted: this is a local benchmark, not a tool to load other hosts.

    python bench/load.py --base http://127.0.0.1:8765 --concurrency 10 --duration 15 \
        / /berita/ article /cari/?q=layanan

The special URL ``article`` is replaced by the first article link found on /berita/.
Prints one line per URL (requests, errors, req/s, p50/p95/p99 in ms, X-Cache hits) and, with
--json, writes the same numbers to a file.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import sys
import threading
import time
from urllib.parse import urlsplit

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list (0 when empty)."""
    if not sorted_values:
        return 0.0
    rank = max(1, min(len(sorted_values), round(pct / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


class Client:
    """One keep-alive connection that reconnects when the server closes it."""

    def __init__(self, host: str, port: int, timeout: float, close: bool = False):
        self.host, self.port, self.timeout, self.close_each = host, port, timeout, close
        self.conn: http.client.HTTPConnection | None = None

    def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        try:
            headers = {"Accept-Encoding": "identity", "User-Agent": "binjai-bench"}
            if self.close_each:  # a new connection per request, as gunicorn's sync workers do
                headers["Connection"] = "close"
            self.conn.request("GET", path, headers=headers)
            response = self.conn.getresponse()
            body = response.read()
        except Exception:
            self.close()
            raise
        headers = {k.lower(): v for k, v in response.getheaders()}
        if response.will_close or self.close_each:
            self.close()
        return response.status, headers, body

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def run_url(host, port, path, concurrency, duration, max_requests, warmup, timeout, close=False):
    """Warm up, then measure one URL; returns a dict of results."""
    # Warm-up: same load, results thrown away (fills caches, renditions, DB connections).
    if warmup > 0:
        _load(host, port, path, concurrency, warmup, 10**9, timeout, close)
    started = time.perf_counter()
    samples = _load(host, port, path, concurrency, duration, max_requests, timeout, close)
    elapsed = time.perf_counter() - started
    latencies = sorted(s[0] for s in samples if s[1] == 200)
    statuses: dict[str, int] = {}
    cache: dict[str, int] = {}
    for _latency, status, x_cache, _size in samples:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
        cache[x_cache] = cache.get(x_cache, 0) + 1
    ok = [s for s in samples if s[1] == 200]
    return {
        "url": path,
        "requests": len(samples),
        "errors": len(samples) - len(ok),
        "statuses": statuses,
        "x_cache": cache,
        "seconds": round(elapsed, 2),
        "rps": round(len(samples) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p95_ms": round(percentile(latencies, 95) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1) if latencies else 0.0,
        "bytes": ok[0][3] if ok else 0,
    }


def _load(host, port, path, concurrency, duration, max_requests, timeout, close=False):
    deadline = time.perf_counter() + duration
    budget = [max_requests]
    lock = threading.Lock()
    results: list[list[tuple[float, int, str, int]]] = [[] for _ in range(concurrency)]

    def worker(slot: int) -> None:
        client = Client(host, port, timeout, close)
        out = results[slot]
        try:
            while time.perf_counter() < deadline:
                with lock:
                    if budget[0] <= 0:
                        return
                    budget[0] -= 1
                t0 = time.perf_counter()
                try:
                    status, headers, body = client.get(path)
                    x_cache = headers.get("x-cache", "-")
                    size = len(body)
                except Exception as exc:  # connection refused/reset, timeout...
                    status, x_cache, size = 0, type(exc).__name__, 0
                out.append((time.perf_counter() - t0, status, x_cache, size))
        finally:
            client.close()

    threads = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [sample for chunk in results for sample in chunk]


def discover_article(host: str, port: int, timeout: float) -> str:
    """The first link to an article on /berita/ (a path one level below the news index)."""
    status, _headers, body = Client(host, port, timeout).get("/berita/")
    if status != 200:
        raise SystemExit(f"/berita/ answered {status}; cannot find an article URL")
    html = body.decode("utf-8", "replace")
    links = re.findall(r'href="(/berita/[^"/?#]+/)"', html)
    links = [link for link in links if link not in ("/berita/rss/", "/berita/atom/")]
    if not links:
        raise SystemExit("no article link found on /berita/")
    return links[0]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("urls", nargs="+", help="paths to load, e.g. / /berita/ article '/cari/?q=layanan'")
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--concurrency", "-c", type=int, default=10)
    parser.add_argument("--duration", "-d", type=float, default=15.0, help="seconds measured per URL")
    parser.add_argument("--max-requests", "-n", type=int, default=50_000, help="request cap per URL")
    parser.add_argument("--warmup", type=float, default=2.0, help="seconds of unmeasured load per URL")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--label", default="", help="name of this pass, printed and stored")
    parser.add_argument(
        "--close", action="store_true", help="send Connection: close, one connection per request"
    )
    parser.add_argument("--json", help="write results to this file")
    parser.add_argument(
        "--expect-cache-hits",
        type=float,
        default=None,
        metavar="RATIO",
        help="fail unless at least RATIO of measured responses carry X-Cache: hit",
    )
    args = parser.parse_args(argv)

    base = urlsplit(args.base)
    if base.scheme != "http" or base.hostname not in LOOPBACK:
        parser.error("only http://127.0.0.1 / localhost targets are allowed")
    host, port = base.hostname, base.port or 80

    urls = [discover_article(host, port, args.timeout) if u == "article" else u for u in args.urls]
    label = f" [{args.label}]" if args.label else ""
    print(
        f"# {args.base}{label}: {args.concurrency} clients, {args.warmup:g}s warm-up + "
        f"{args.duration:g}s (max {args.max_requests} requests) per URL",
        flush=True,
    )
    header = f"{'url':<44} {'reqs':>7} {'errors':>6} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  x-cache"
    print(header)
    results = []
    failed = False
    for path in urls:
        r = run_url(
            host,
            port,
            path,
            args.concurrency,
            args.duration,
            args.max_requests,
            args.warmup,
            args.timeout,
            args.close,
        )
        results.append(r)
        cache = ",".join(f"{k}={v}" for k, v in sorted(r["x_cache"].items()))
        print(
            f"{path:<44} {r['requests']:>7} {r['errors']:>6} {r['rps']:>8.1f} "
            f"{r['p50_ms']:>8.1f} {r['p95_ms']:>8.1f} {r['p99_ms']:>8.1f}  {cache}",
            flush=True,
        )
        if r["errors"]:
            print(f"  ! non-200 responses: {r['statuses']}", flush=True)
            failed = True
        if args.expect_cache_hits is not None:
            ratio = r["x_cache"].get("hit", 0) / max(1, r["requests"])
            if ratio < args.expect_cache_hits:
                print(
                    f"  ! only {ratio:.1%} cache hits (expected >= {args.expect_cache_hits:.0%})", flush=True
                )
                failed = True
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(
                {
                    "label": args.label,
                    "base": args.base,
                    "concurrency": args.concurrency,
                    "duration": args.duration,
                    "warmup": args.warmup,
                    "results": results,
                },
                fh,
                indent=2,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
