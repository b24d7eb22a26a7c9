"""Scale mode: the same pages measured at the seed size, 1,000 and 10,000 articles.

    bash bench/scale.sh                  # creates the database, then runs this script
    python bench/scale.py --sizes 1000 10000 --requests 200

For each size (the seed first, as ``seed_demo`` left it): grow the news archive with
``bench/scale_data.py`` (bulk insert, VACUUM ANALYZE, CHECKPOINT), count SQL queries per page
in-process (page cache off), start gunicorn with the page cache off and send ``--requests``
sequential requests per URL (one client, so the figures are service times, not queueing; the
URLs take turns, one request each), then stop it. With ``--seed-database-url`` each grown size is
measured again beside a copy at the seed size, request by request in turn.
At the largest size two cached passes follow: the portal with its Redis page cache, and nginx
serving a static copy of the very same pages; both with ``Connection: close`` and the same
client, so their ratio says how close the cached portal gets to a plain file server on this
machine, whatever this machine's speed.

Prints markdown tables: p50/p95 per URL and size with the ratio to the seed size, query counts,
and the cached rates with their ratio to nginx. Everything stays on 127.0.0.1; every server it
starts is stopped at the end (also on errors).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv/bin/python")
GUNICORN = str(ROOT / ".venv/bin/gunicorn")
GUNICORN_WORKERS = 2  # sync workers, one per core of this machine type
sys.path.insert(0, str(ROOT / "bench"))

from load import Client, discover_article, percentile, run_url  # noqa: E402

URLS = [
    "/",
    "/cari/?q=layanan",
    "/cari/?q=banjir",  # about 1 article in 10 of the generated archive
    "/cari/?q=retribusi",  # a rare word: two pages at every size
    "/berita/",
    "/berita/?halaman=50",
    "/berita/?kategori=kesehatan",
    "/berita/?kategori=kesehatan&halaman=20",
    "article",
]
# The reference: a page of the same weight (header, menus, footer, eight queries) whose content
# does not grow with the news archive. When its time moves between sizes, the machine's did.
REFERENCE_URL = "/layanan/"
URLS.append(REFERENCE_URL)
CACHED_URLS = ["/", "/berita/", "article", "/cari/?q=layanan"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen, what: str, path: str = "/") -> None:
    for _ in range(240):
        if process.poll() is not None:
            raise SystemExit(f"{what} exited during start-up")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{what} did not answer on port {port}")


class Server:
    """A server process started here and always stopped (process group) when leaving."""

    def __init__(self, args, env=None, what="server", cwd=None, port=None, ready_path="/"):
        self.port = port or free_port()
        self.what, self.ready_path = what, ready_path
        self.process = subprocess.Popen(
            [a.format(port=self.port) for a in args],
            env=env,
            cwd=cwd,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def __enter__(self):
        try:
            wait_for(self.port, self.process, self.what, self.ready_path)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def gunicorn(env_overrides: dict) -> Server:
    env = {**os.environ, **env_overrides}
    return Server(
        [GUNICORN, "cms.wsgi", "-w", str(GUNICORN_WORKERS), "--bind", "127.0.0.1:{port}"],
        env,
        "gunicorn",
        ROOT,
    )


def measure(port: int, urls, requests: int, concurrency=1, duration=120.0, close=False) -> dict:
    """Per URL: warm-up, then ``requests`` requests from ``concurrency`` clients (the cached
    passes); returns {url-as-given: run_url result}."""
    article = None
    out = {}
    for url in urls:
        path = url
        if url == "article":
            article = article or discover_article("127.0.0.1", port, 30)
            path = article
        for _ in range(3):  # warm: renditions, template loaders, connections
            run_url("127.0.0.1", port, path, 1, 30, 1, 0, 30, close)
        out[url] = run_url("127.0.0.1", port, path, concurrency, duration, requests, 0, 30, close)
        out[url]["path"] = path
    return out


def warm(port: int, path: str, times: int = 3) -> None:
    """Serve ``path`` in every gunicorn worker before measuring it: renditions, template loaders,
    kept cards, each worker's database connection.

    One request at a time mostly reaches the same idle worker: three warm-up requests could all
    go to one of the two, and the other's first request (0.3-0.6 s) landed among the measured
    ones. Requests sent together reach every worker.
    """

    def get(_):
        return Client("127.0.0.1", port, 30).get(path)

    with ThreadPoolExecutor(GUNICORN_WORKERS) as pool:
        for _ in range(times):
            list(pool.map(get, range(GUNICORN_WORKERS)))


def measure_in_turn(ports: dict[str, int], urls, requests: int) -> dict:
    """Per URL and server: ``requests`` sequential requests (one client, one at a time).

    The URLs take turns, one request each, and with several servers each URL's request goes
    to every server in turn. Fifty requests of one URL take under a second: sent as one block,
    a second of background work on the machine (another tenant, a checkpoint) landed on one URL
    of one size and could move its p95 by half. Taking turns spreads it over all of them, as
    a visitor's mix of pages would.
    Returns {url: {server name: {"p50_ms", "p95_ms", "n", "path"}}}.
    """
    clients = {name: Client("127.0.0.1", port, 30) for name, port in ports.items()}
    paths = {
        url: {
            name: discover_article("127.0.0.1", port, 30) if url == "article" else url
            for name, port in ports.items()
        }
        for url in urls
    }
    times: dict[str, dict[str, list[float]]] = {url: {name: [] for name in ports} for url in urls}
    for url in urls:
        for name, port in ports.items():
            warm(port, paths[url][name])
    for _ in range(requests):
        for url in urls:
            for name, client in clients.items():
                started = time.perf_counter()
                status, _headers, _body = client.get(paths[url][name])
                if status == 200:
                    times[url][name].append((time.perf_counter() - started) * 1000)
    out = {}
    for url in urls:
        out[url] = {}
        for name in ports:
            values = sorted(times[url][name])
            out[url][name] = {
                "p50_ms": percentile(values, 50),
                "p95_ms": percentile(values, 95),
                "n": len(values),
                "path": paths[url][name],
            }
    return out


def measure_interleaved(seed_port: int, grown_port: int, urls, requests: int) -> dict:
    """Per URL: the seed-size server and the grown one, one request each in turn, so both sizes
    are measured under the same load. Returns {url: {"seed", "grown", "p95_ratio"}}."""
    out = measure_in_turn({"seed": seed_port, "grown": grown_port}, urls, requests)
    for figures in out.values():
        figures["p95_ratio"] = figures["grown"]["p95_ms"] / max(0.1, figures["seed"]["p95_ms"])
    return out


def count_queries(urls) -> dict:
    result = subprocess.run(
        [PY, "bench/profile_queries.py", "-n", "1", *urls],
        cwd=ROOT,
        env={**os.environ, "PAGE_CACHE_SECONDS": "0"},
        capture_output=True,
        text=True,
        check=True,
    )
    counts = {}
    lines = [line.split() for line in result.stdout.splitlines()[1:] if line.strip()]
    for url, parts in zip(urls, lines, strict=False):
        counts[url] = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else None
    return counts


def articles_now() -> int:
    out = subprocess.run(
        [
            PY,
            "-c",
            "import django; django.setup(); from home.models import NewsPage; print(NewsPage.objects.live().count())",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def cpu_busy_others() -> str:
    """The busiest other processes right now (the machine is shared)."""
    ps = subprocess.run(["ps", "-eo", "pcpu,comm", "--sort=-pcpu"], capture_output=True, text=True)
    top = [line.split(None, 1) for line in ps.stdout.splitlines()[1:6]]
    load = os.getloadavg()[0]
    return f"load {load:.1f}; top: " + ", ".join(f"{c.strip()} {p}%" for p, c in top)


def static_copies(port: int, urls, directory: Path) -> dict:
    """Save each page as a file; returns {url: path under the nginx root}."""
    paths = {}
    for n, url in enumerate(urls):
        path = discover_article("127.0.0.1", port, 30) if url == "article" else url
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
            body = response.read()
        name = f"page{n}.html"
        (directory / name).write_bytes(body)
        (directory / name).chmod(0o644)
        paths[url] = f"/{name}"
    return paths


def nginx(root: Path, work: Path, ready_path: str) -> Server:
    conf = work / "nginx.conf"
    port = free_port()
    conf.write_text(
        f"""daemon off;
worker_processes 2;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    default_type text/html;
    sendfile on;
    client_body_temp_path {work}/spool;
    proxy_temp_path {work}/spool;
    fastcgi_temp_path {work}/spool;
    uwsgi_temp_path {work}/spool;
    scgi_temp_path {work}/spool;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{ try_files $uri =404; }}
    }}
}}
"""
    )
    (work / "spool").mkdir(exist_ok=True)
    args = ["nginx", "-e", str(work / "nginx-error.log"), "-c", str(conf), "-p", str(work)]
    return Server(args, what="nginx", port=port, ready_path=ready_path)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000])
    # p95 of 50 requests is the third slowest: one burst on a shared machine moved it by half
    # (late category page 18/30 ms p50/p95 in one run, 16/17 in the next); of 200, the eleventh.
    parser.add_argument("--requests", type=int, default=200, help="sequential requests per URL and size")
    parser.add_argument("--cached-seconds", type=float, default=10.0, help="per URL in the cached passes")
    parser.add_argument("--concurrency", type=int, default=10, help="clients in the cached passes")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--json", help="write all figures here")
    parser.add_argument(
        "--seed-database-url",
        default=os.environ.get("SEED_DATABASE_URL"),
        help="a copy of the database at the seed size: each size is then also measured interleaved with it",
    )
    args = parser.parse_args()
    if shutil.which("nginx") is None:
        print("nginx is missing (apt-get install -y nginx): the cached passes are skipped", file=sys.stderr)

    runs = []  # (label, articles, timings, queries, machine)
    paired = {}  # label: measure_interleaved() against the seed copy
    for size in [None, *args.sizes]:
        if size is not None:
            started = time.monotonic()
            subprocess.run([PY, "bench/scale_data.py", "--total", str(size)], cwd=ROOT, check=True)
            print(f"grown to {size} articles in {time.monotonic() - started:.0f} s", flush=True)
        articles = articles_now()
        queries = count_queries(URLS)
        with gunicorn({"PAGE_CACHE_SECONDS": "0"}) as server:
            machine = cpu_busy_others()
            timings = {
                url: figures["size"]
                for url, figures in measure_in_turn({"size": server.port}, URLS, args.requests).items()
            }
        label = "seed" if size is None else f"{size:,}"
        if size is not None and args.seed_database_url:
            seed_env = {"PAGE_CACHE_SECONDS": "0", "DATABASE_URL": args.seed_database_url}
            with gunicorn(seed_env) as seed_server, gunicorn({"PAGE_CACHE_SECONDS": "0"}) as server:
                paired[label] = measure_interleaved(seed_server.port, server.port, URLS, args.requests)
                paired[label]["machine"] = cpu_busy_others()
        runs.append((label, articles, timings, queries, machine))
        print(f"measured {label} ({articles} articles; {machine})", flush=True)

    cached = {}
    if shutil.which("nginx"):
        prefix = f"binjai-scale-{os.getpid()}"
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            (work / "www").mkdir()
            # nginx's workers run as an unprivileged user: let them read the copies.
            work.chmod(0o755)
            (work / "www").chmod(0o755)
            env = {"REDIS_URL": args.redis, "CACHE_KEY_PREFIX": prefix}
            with gunicorn(env) as server:
                copies = static_copies(server.port, CACHED_URLS, work / "www")
                cached["machine"] = cpu_busy_others()
                cached["portal"] = measure(
                    server.port, CACHED_URLS, 10**6, args.concurrency, args.cached_seconds, close=True
                )
            with nginx(work / "www", work, copies["/"]) as static:
                cached["nginx"] = measure(
                    static.port,
                    list(copies.values()),
                    10**6,
                    args.concurrency,
                    args.cached_seconds,
                    close=True,
                )
                cached["nginx"] = {url: cached["nginx"][copies[url]] for url in CACHED_URLS}
            subprocess.run(
                [
                    PY,
                    "-c",
                    f"import redis; r = redis.Redis.from_url({args.redis!r}); "
                    f"keys = list(r.scan_iter(match={prefix!r} + ':*')); keys and r.delete(*keys)",
                ],
                check=False,
            )

    report(runs, cached, paired)
    if args.json:
        Path(args.json).write_text(
            json.dumps({"runs": runs, "cached": cached, "interleaved": paired}, indent=2, default=str)
        )
    return 0


def row_name(url: str) -> str:
    return f"`{url}` (reference)" if url == REFERENCE_URL else f"`{url}`"


def report(runs, cached, paired=None) -> None:
    seed = runs[0][2]
    labels = [f"{label} ({articles:,} art.)" for label, articles, *_ in runs]
    print("\n### Page cache off: p50 / p95 ms (sequential requests), ratio of p95 to the seed size\n")
    print(
        "| URL | " + " | ".join(labels) + " | " + " | ".join(f"p95 × seed at {r[0]}" for r in runs[1:]) + " |"
    )
    print("|---|" + "---:|" * (len(runs) * 2 - 1))
    for url in URLS:
        cells = [f"{r[2][url]['p50_ms']:.0f} / {r[2][url]['p95_ms']:.0f}" for r in runs]
        ratios = [f"{r[2][url]['p95_ms'] / max(0.1, seed[url]['p95_ms']):.2f}" for r in runs[1:]]
        print(f"| {row_name(url)} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
    print("\n### SQL queries per request (page cache off)\n")
    print("| URL | " + " | ".join(r[0] for r in runs) + " |")
    print("|---|" + "---:|" * len(runs))
    for url in URLS:
        print(f"| {row_name(url)} | " + " | ".join(str(r[3].get(url)) for r in runs) + " |")
    print("\nMachine during each size: " + "; ".join(f"{r[0]}: {r[4]}" for r in runs))
    if paired:
        print("\n### Interleaved with the seed copy: p50 / p95 ms, ratio of p95 (same moments, same load)\n")
        sizes = list(paired)
        print(
            "| URL | "
            + " | ".join(f"seed / {size}" for size in sizes)
            + " | "
            + " | ".join(f"p95 × seed at {size}" for size in sizes)
            + " |"
        )
        print("|---|" + "---:|" * (len(sizes) * 2))
        for url in URLS:
            cells = [
                f"{paired[z][url]['seed']['p50_ms']:.0f}/{paired[z][url]['seed']['p95_ms']:.0f} · "
                f"{paired[z][url]['grown']['p50_ms']:.0f}/{paired[z][url]['grown']['p95_ms']:.0f}"
                for z in sizes
            ]
            ratios = [f"{paired[z][url]['p95_ratio']:.2f}" for z in sizes]
            print(f"| {row_name(url)} | " + " | ".join(cells) + " | " + " | ".join(ratios) + " |")
        print(
            "\nMachine during the interleaved passes: "
            + "; ".join(f"{z}: {paired[z]['machine']}" for z in sizes)
        )
    if cached:
        print(f"\n### Cached (Redis page cache) vs nginx serving the same page as a file, at {runs[-1][0]}\n")
        print("| URL | portal req/s | portal p95 ms | nginx req/s | nginx p95 ms | portal / nginx |")
        print("|---|---:|---:|---:|---:|---:|")
        for url in CACHED_URLS:
            p, n = cached["portal"][url], cached["nginx"][url]
            hits = p["x_cache"].get("hit", 0)
            print(
                f"| `{url}` | {p['rps']:.0f} | {p['p95_ms']:.1f} | {n['rps']:.0f} | {n['p95_ms']:.1f} | "
                f"1/{n['rps'] / max(0.1, p['rps']):.1f} |"
                + ("" if hits >= 0.95 * p["requests"] else " (!) few hits")
            )
        print(f"\nMachine during the cached passes: {cached['machine']}")


if __name__ == "__main__":
    sys.exit(main())
