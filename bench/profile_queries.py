"""Per page: SQL queries per request and in-process render time (Django test client, one thread).

Columns: queries in one request; ms/req = wall time per request (mean of -n); cpu ms = CPU time
of this process per request (Python side only, not PostgreSQL; less sensitive to other load on
the machine); sql ms = time inside the database driver for the one captured request; KiB = size.

Run with the page cache off so every request renders:

    PAGE_CACHE_SECONDS=0 DJANGO_SETTINGS_MODULE=cms.settings.production ... \
        python bench/profile_queries.py / /berita/ article '/cari/?q=layanan'

``article`` stands for the newest live article. `-v` lists each query (grouped, with counts);
`--cprofile N` prints the N costliest functions (CPU time); `--pyinstrument` prints a profile
when pyinstrument happens to be installed (it is not a project dependency).
"""

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("urls", nargs="+")
    parser.add_argument("-n", type=int, default=30, help="timed requests per URL")
    parser.add_argument("-v", action="store_true", help="list the queries of one request")
    parser.add_argument("--pyinstrument", action="store_true")
    parser.add_argument(
        "--cprofile", type=int, metavar="N", help="print the top N functions by CPU time (cProfile)"
    )
    args = parser.parse_args()

    from home.models import NewsPage

    client = Client(HTTP_HOST="127.0.0.1")
    print(f"{'url':<44} {'status':>6} {'queries':>7} {'ms/req':>7} {'cpu ms':>7} {'sql ms':>7} {'KiB':>6}")
    for url in args.urls:
        if url == "article":
            article = NewsPage.objects.live().order_by("-date", "-pk").first()
            if article is None:
                print("article: no live article")
                continue
            url = article.url
        client.get(url)  # warm: renditions, template loaders, site root paths
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        queries = list(ctx.captured_queries)  # a property: read it before later requests reset the log
        sql_ms = sum(float(q["time"]) for q in queries) * 1000
        started, cpu_started = time.perf_counter(), time.process_time()
        for _ in range(args.n):
            client.get(url)
        per_request = (time.perf_counter() - started) / args.n * 1000
        cpu_per_request = (time.process_time() - cpu_started) / args.n * 1000
        size = len(response.content) / 1024
        print(
            f"{url:<44} {response.status_code:>6} {len(queries):>7} "
            f"{per_request:>7.1f} {cpu_per_request:>7.1f} {sql_ms:>7.1f} {size:>6.1f}"
        )
        if args.v:
            counts = Counter(q["sql"][:160] for q in queries)
            for sql, n in counts.most_common():
                print(f"    {n:>3} x {sql}")
        if args.cprofile:
            import cProfile
            import pstats

            profile = cProfile.Profile(time.process_time)  # CPU time: robust to other load on the box
            profile.enable()
            for _ in range(args.n):
                client.get(url)
            profile.disable()
            stats = pstats.Stats(profile)
            stats.sort_stats("cumulative").print_stats(args.cprofile)
            stats.sort_stats("tottime").print_stats(args.cprofile)
        if args.pyinstrument:
            try:
                from pyinstrument import Profiler
            except ImportError:
                print("    (pyinstrument not installed)")
            else:
                profiler = Profiler(interval=0.0005)
                profiler.start()
                for _ in range(args.n):
                    client.get(url)
                profiler.stop()
                print(profiler.output_text(unicode=False, color=False, show_all=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
