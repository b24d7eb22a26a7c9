"""FALLBACK seed for the benchmark, used only when `manage.py seed_demo` is missing or fails.

Creates, under the HomePage made by the migrations: a NewsIndexPage at /berita/ with 30 published
NewsPage articles (3 categories, 3 body paragraphs each), plus StandardPage /tentang/ and
ServiceIndexPage /layanan/. Much less content than seed_demo (no images, menus, announcements),
so numbers measured on it are labelled "fallback seed" and are not comparable.

    DJANGO_SETTINGS_MODULE=... python bench/seed_fallback.py
"""

import datetime
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from home.models import HomePage, NewsCategory, NewsIndexPage, NewsPage, ServiceIndexPage, StandardPage  # noqa: E402

TOPICS = ["layanan publik", "smart city", "kesehatan", "pendidikan", "infrastruktur", "ekonomi"]


@transaction.atomic
def seed() -> None:
    home = HomePage.objects.get()
    if NewsIndexPage.objects.exists():
        print("fallback seed: news index already exists, nothing to do")
        return
    categories = [
        NewsCategory.objects.create(name=name, slug=slug)
        for name, slug in (
            ("Pemerintahan", "pemerintahan"),
            ("Smart City", "smart-city"),
            ("Layanan", "layanan"),
        )
    ]
    home.add_child(
        instance=StandardPage(
            title="Tentang Binjai", slug="tentang", intro="Profil Kota Binjai.", body=_body("profil kota")
        )
    )
    home.add_child(
        instance=ServiceIndexPage(
            title="Layanan Online", slug="layanan", intro="Layanan publik daring Pemerintah Kota Binjai."
        )
    )
    index = home.add_child(instance=NewsIndexPage(title="Berita", slug="berita", intro="Berita Kota Binjai."))
    today = datetime.date(2026, 11, 23)
    for i in range(30):
        topic = TOPICS[i % len(TOPICS)]
        article = index.add_child(
            instance=NewsPage(
                title=f"Berita {i + 1}: Pemko Binjai memperkuat {topic}",
                slug=f"berita-{i + 1}",
                date=today - datetime.timedelta(days=i),
                summary=f"Pemerintah Kota Binjai meningkatkan {topic} bagi warga.",
                body=_body(topic),
                author_name="Diskominfo Binjai",
            )
        )
        article.categories.set([categories[i % 3]])
        article.save()
    print(f"fallback seed: created /berita/ with {NewsPage.objects.count()} articles, /tentang/, /layanan/")


def _body(topic: str):
    text = (
        f"<p>Pemerintah Kota Binjai terus berinovasi dalam {topic}. Warga dapat mengakses layanan "
        "secara daring melalui portal Binjai Smart City tanpa antre di kantor.</p>"
    )
    return [("heading", {"text": "Latar belakang", "level": "h2"})] + [("paragraph", text)] * 3


if __name__ == "__main__":
    seed()
