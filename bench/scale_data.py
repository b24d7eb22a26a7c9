"""Fast generator of realistic news articles for the scale benchmark (bench/scale.sh).

    python bench/scale_data.py --total 10000      # grow the news index to 10,000 live articles

Articles are recombined from the seeded demo articles (``seed_demo`` must have run): paragraphs,
headings and quotes of their bodies, summaries, categories, tags, agencies and hero images
(shared, so no new image files), titles from the demo titles plus a kelurahan or a year, dates
spread over the past ten years. Text is the city's own demo text, so word frequencies look like
real news: common words (``layanan``) appear in most articles, rarer ones (``banjir``) in a few.

Speed: ``Page.add_child()`` costs several queries per article, so rows are written in bulk
instead: page rows with their tree paths computed here, the ``home_newspage`` rows, categories,
tags, then the search index through the search backend's ``add_bulk`` (what ``update_index``
does). About 10,000 articles in two to three minutes on a 2-core machine. Finally ``VACUUM ANALYZE``,
as any bulk import should run (the README's performance notes say why).

A benchmark tool only: it never runs in CI and refuses a database whose name lacks "bench".
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import DatabaseError, connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django.utils.text import slugify  # noqa: E402
from wagtail.models import Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from home.models import NewsIndexPage, NewsPage, NewsPageTag  # noqa: E402
from smartcity.core.models import Kelurahan  # noqa: E402

BATCH = 500
BODY_BLOCK_TYPES = {"paragraph", "heading", "quote"}


class Material:
    """The demo content that generated articles are recombined from."""

    def __init__(self, rng: random.Random):
        sources = list(NewsPage.objects.live().prefetch_related("categories", "tagged_items"))
        if not sources:
            raise SystemExit("no live articles to recombine: run `manage.py seed_demo` first")
        self.rng = rng
        self.titles = [a.title for a in sources]
        self.summaries = [a.summary for a in sources]
        self.captions = [a.hero_caption for a in sources if a.hero_caption]
        self.images = sorted({a.hero_image_id for a in sources if a.hero_image_id})
        self.agencies = sorted({a.agency_id for a in sources if a.agency_id})
        self.category_sets = [[c.pk for c in a.categories.all()] for a in sources]
        self.tag_sets = [[t.tag_id for t in a.tagged_items.all()] for a in sources]
        self.blocks = [
            {"type": block["type"], "value": block["value"]}
            for a in sources
            for block in a.body.raw_data
            if block["type"] in BODY_BLOCK_TYPES
        ]
        self.paragraphs = [b for b in self.blocks if b["type"] == "paragraph"]
        self.places = list(Kelurahan.objects.values_list("name", flat=True)) or ["Binjai"]

    def title(self, date: datetime.date) -> str:
        base = self.rng.choice(self.titles)
        if self.rng.random() < 0.5:
            return f"{base} di Kelurahan {self.rng.choice(self.places)}"[:250]
        return f"{base} ({date.year})"[:250]

    def body(self) -> list[dict]:
        blocks = [dict(self.rng.choice(self.paragraphs))]
        blocks += [dict(self.rng.choice(self.blocks)) for _ in range(self.rng.randint(2, 6))]
        for block in blocks:
            block["id"] = str(uuid.UUID(int=self.rng.getrandbits(128)))
        return blocks


def working_days(count: int, end: datetime.date) -> list[datetime.date]:
    """``count`` dates over the ten years before ``end``, weekends skipped, a few per day."""
    days = [end - datetime.timedelta(days=n) for n in range(3650)]
    days = [d for d in days if d.weekday() < 5]
    return sorted((days[i % len(days)] for i in range(count)), reverse=True)


def generate(total: int, seed: int = 2016, verbose: bool = True, analyze: bool = True) -> int:
    """Add articles until the first news index holds ``total`` live articles; returns how many."""
    index = NewsIndexPage.objects.order_by("path").first()
    if index is None:
        raise SystemExit("no news index: run `manage.py seed_demo` first")
    have = NewsPage.objects.child_of(index).count()
    need = total - have
    if need <= 0:
        return 0
    rng = random.Random(seed + have)
    material = Material(rng)
    content_type = ContentType.objects.get_for_model(NewsPage)
    backend = get_search_backend()
    started = time.monotonic()
    dates = working_days(need, timezone.localdate() - datetime.timedelta(days=1 + have // 3))
    made = 0
    while made < need:
        count = min(BATCH, need - made)
        with transaction.atomic():
            index = NewsIndexPage.objects.select_for_update().get(pk=index.pk)
            first_step = index.numchild + 1
            now = timezone.now()
            pages = []
            for i in range(count):
                date = dates[made + i]
                title = material.title(date)
                slug = f"{slugify(title)[:60].strip('-')}-{have + made + i + 1}"
                published = datetime.datetime.combine(date, datetime.time(9), tzinfo=datetime.UTC)
                pages.append(
                    Page(
                        title=title,
                        draft_title=title,
                        slug=slug,
                        content_type=content_type,
                        path=Page._get_path(index.path, index.depth + 1, first_step + i),
                        depth=index.depth + 1,
                        numchild=0,
                        url_path=f"{index.url_path}{slug}/",
                        live=True,
                        has_unpublished_changes=False,
                        first_published_at=published,
                        last_published_at=published,
                        latest_revision_created_at=now,
                        locale_id=index.locale_id,
                        translation_key=uuid.UUID(int=rng.getrandbits(128)),
                    )
                )
            Page.objects.bulk_create(pages)
            articles = [
                NewsPage(
                    page_ptr_id=page.pk,
                    date=dates[made + i],
                    summary=rng.choice(material.summaries),
                    hero_image_id=rng.choice(material.images) if material.images else None,
                    hero_caption=rng.choice(material.captions) if material.captions else "",
                    body=material.body(),
                    author_name="",
                    agency_id=rng.choice(material.agencies) if material.agencies else None,
                )
                for i, page in enumerate(pages)
            ]
            # Multi-table inheritance: bulk_create() refuses child models, so insert only the
            # home_newspage rows (the page rows above already exist), as bulk_create would.
            fields = list(NewsPage._meta.local_concrete_fields)
            NewsPage._base_manager._insert(articles, fields=fields, using=connection.alias)
            through = NewsPage.categories.through
            through.objects.bulk_create(
                through(newspage_id=page.pk, newscategory_id=category)
                for page in pages
                for category in rng.choice(material.category_sets)
            )
            NewsPageTag.objects.bulk_create(
                NewsPageTag(content_object_id=page.pk, tag_id=tag)
                for page in pages
                for tag in rng.choice(material.tag_sets)
            )
            Page.objects.filter(pk=index.pk).update(numchild=index.numchild + count)
            indexed = NewsPage.objects.filter(pk__in=[p.pk for p in pages]).prefetch_related(
                "categories", "tags"
            )
            backend.add_bulk(NewsPage, list(indexed))
        made += count
        if verbose:
            rate = made / max(0.001, time.monotonic() - started)
            print(f"  {have + made:>6} articles ({rate:.0f}/s)", flush=True)
    if analyze:
        with connection.cursor() as cursor:
            # Fresh planner statistics after a bulk load, and no dead rows: the search backend
            # writes every index entry twice (the insert, then the title-norm update), so half
            # of the entry table is dead rows that each search reads past until a VACUUM. A
            # default PostgreSQL's autovacuum does this within a minute of the import; this
            # machine's runs with autovacuum off (see README, "Performance at 10,000 articles").
            cursor.execute("VACUUM ANALYZE")
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--total", type=int, required=True, help="live articles wanted in the news index")
    parser.add_argument("--seed", type=int, default=2016, help="random seed (repeatable output)")
    parser.add_argument(
        "--no-analyze",
        action="store_true",
        help="skip VACUUM ANALYZE (to measure search on stale statistics)",
    )
    args = parser.parse_args()
    if "bench" not in connection.settings_dict["NAME"]:
        print(
            f"refusing to bulk-load {connection.settings_dict['NAME']}: its name lacks 'bench'",
            file=sys.stderr,
        )
        return 2
    started = time.monotonic()
    made = generate(args.total, seed=args.seed, analyze=not args.no_analyze)
    print(f"added {made} articles in {time.monotonic() - started:.0f} s")
    settle()
    return 0


def settle() -> None:
    """Write the import's dirty pages out now, not while the next pages are being measured.

    A 10,000-article import leaves a few hundred MB of WAL and dirty buffers behind. PostgreSQL
    would write them in a later checkpoint and the kernel after it: on a two-core machine that
    work could land in the pass measured next. A benchmark measures the portal, not the
    aftermath of its own bulk load.
    """
    with connection.cursor() as cursor:
        try:
            cursor.execute("CHECKPOINT")  # superusers only (the bench's default role is one)
        except DatabaseError as error:
            print(f"no CHECKPOINT ({error}); the next pass may share the machine with it", file=sys.stderr)
    os.sync()


if __name__ == "__main__":
    sys.exit(main())
