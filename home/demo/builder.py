"""Build the demo portal from ``home.demo.content`` and ``home.demo.news``.

Everything is looked up by a natural key first (page slug under its parent, image title,
category slug, username, announcement title) and only created when missing, so running the
seeder again changes nothing. Pages are published through revisions, so they are live, have a
history in the admin and are in the search index.
"""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import Locale, Page, Revision, Site
from wagtail.search import index

from home.links import site_address
from home.models import (
    Announcement,
    FooterLink,
    HomePage,
    KeyFigure,
    MainMenuItem,
    NavigationSettings,
    NewsCategory,
    NewsIndexPage,
    NewsPage,
    ServiceIndexPage,
    ServiceTile,
    SiteSettings,
    StandardPage,
)
from smartcity.core.models import Agency, Kecamatan, StaffMember

from . import content, english, news
from .images import IMAGES_BY_KEY, ensure_images

PUBLISH_HOUR = 9  # articles appear at 09:00 local time on their date

# Each service app adds its own demo data once the portal exists: a callable taking the seeder
# (for its password, report, page helpers and publishing user), idempotent like the rest.
SERVICE_SEEDERS = [
    "smartcity.complaints.demo.seed_complaints",
    "smartcity.appointments.demo.seed_appointments",
    "smartcity.transparency.demo.seed_transparency",
    "smartcity.musrenbang.demo.seed_musrenbang",
    "smartcity.permits.demo.seed_permits",
    "smartcity.budget.demo.seed_budget",
]
# English versions of service pages below /layanan/: Indonesian slug -> dotted path of a dict
# with the English slug, title, intro, search_description and body.
SERVICE_PAGE_TRANSLATIONS = {
    "pengaduan": "smartcity.complaints.demo.ENGLISH_PAGE",
    "janji-temu": "smartcity.appointments.demo.ENGLISH_PAGE",
    "perizinan": "smartcity.permits.demo.ENGLISH_PAGE",
}
# English versions of service pages placed elsewhere in the tree: site path -> the same.
SITE_PAGE_TRANSLATIONS = {
    "/ppid/": "smartcity.transparency.demo.ENGLISH_PAGE",
    "/musrenbang/": "smartcity.musrenbang.demo.ENGLISH_PAGE",
}
ENGLISH = "en"


@dataclass
class SeedReport:
    created: Counter = field(default_factory=Counter)
    present: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    users: list[tuple[str, str, str]] = field(default_factory=list)  # username, role, note

    def count(self, kind: str, was_created: bool) -> None:
        (self.created if was_created else self.present)[kind] += 1

    @property
    def kinds(self) -> list[str]:
        return list(dict.fromkeys([*self.created, *self.present, *self.updated]))


class DemoSeeder:
    """Fill a freshly migrated database with the Binjai demo portal; safe to run again."""

    def __init__(self, password: str = content.DEFAULT_PASSWORD):
        self.password = password
        self.report = SeedReport()
        self.images: dict = {}
        self.to_index: list[Page] = []
        self.editor = None
        self.publisher = None

    # --- entry point --------------------------------------------------------------------------

    def run(self) -> SeedReport:
        self.site = Site.objects.get(is_default_site=True)
        self.home = self.site.root_page.specific  # the default language's home page
        self.seed_users()
        self.images, created = ensure_images()
        self.report.created["images"] += created
        self.report.present["images"] += len(self.images) - created
        self.seed_categories()
        self.seed_pages()
        self.seed_home()
        self.seed_news()
        self.seed_site()
        self.seed_navigation()
        self.seed_announcements()
        for seed_service in SERVICE_SEEDERS:
            import_string(seed_service)(self)
        self.seed_english()
        for page in self.to_index:
            index.insert_or_update_object(page)
        return self.report

    # --- users --------------------------------------------------------------------------------

    def seed_users(self) -> None:
        User = get_user_model()
        for spec in content.DEMO_USERS:
            user = User.objects.filter(username=spec.username).first()
            note = "created"
            if user is None:
                user = User(
                    username=spec.username,
                    first_name=spec.first_name,
                    last_name=spec.last_name,
                    email=f"{spec.username}@binjaikota.go.id",
                    is_staff=True,
                    is_superuser=spec.is_superuser,
                )
                user.set_password(self.password)
                user.save()
            elif not user.check_password(self.password):
                user.set_password(self.password)
                user.save(update_fields=["password"])
                note = "password reset"
            else:
                note = "already present"
            self.report.count("users", note == "created")
            if spec.group:
                user.groups.add(Group.objects.get(name=spec.group))
            if spec.agency:
                StaffMember.objects.get_or_create(
                    agency=Agency.objects.get(short_name=spec.agency),
                    user=user,
                    defaults={
                        "name": f"{spec.first_name} {spec.last_name}",
                        "position": spec.position,
                        "role": spec.staff_role,
                    },
                )
            self.report.users.append((spec.username, spec.role, note))
            if spec.username == "redaktur":
                self.editor = user
            elif spec.username == "moderator":
                self.publisher = user

    # --- categories ---------------------------------------------------------------------------

    def seed_categories(self) -> None:
        self.categories = {}
        for name, slug, description in news.CATEGORIES:
            category, created = NewsCategory.objects.get_or_create(
                slug=slug, locale=self.home.locale, defaults={"name": name, "description": description}
            )
            self.categories[slug] = category
            self.report.count("news categories", created)

    # --- pages --------------------------------------------------------------------------------

    def page_at(self, site_path: str) -> Page | None:
        """The page served at ``site_path`` (e.g. "/tentang/kontak/") on the default site."""
        url_path = self.home.url_path + site_path.lstrip("/")
        return Page.objects.filter(url_path=url_path).first()

    def publish(self, page: Page, when: datetime.datetime | None = None) -> None:
        revision = page.save_revision(user=self.editor)
        revision.publish(user=self.publisher)
        if when is not None:
            # Backdate the history so that the admin and the feeds agree with the article date.
            Page.objects.filter(pk=page.pk).update(
                first_published_at=when, last_published_at=when, latest_revision_created_at=when
            )
            Revision.objects.filter(pk=revision.pk).update(created_at=when)
        self.to_index.append(page)

    def link_service_tile(self, icon: str, page: Page | None) -> None:
        """Point the home page's service tile with ``icon`` at ``page``, a service's own page.

        The tiles are seeded before any service exists (each shows "coming soon"); every
        service's seeder calls this with its page, so each tile leads to its service. The tile
        lives in the home page's revisions, so it is changed through a new published revision
        (an editor opening the home page sees the link). A tile that already links somewhere is
        left as the editors set it.
        """
        from home.models import HomePage

        if page is None:
            return
        home = HomePage.objects.get(pk=self.home.pk).get_latest_revision_as_object()
        tiles = list(home.service_tiles.all())
        tile = next((t for t in tiles if t.icon == icon), None)
        if tile is None or tile.link_page_id is not None:
            return
        tile.link_page = page
        for order, each in enumerate(tiles):
            each.sort_order = order  # also for homes seeded before tiles had one
        home.service_tiles = tiles  # a changed copy only counts once handed back to the cluster
        self.publish(home)
        self.report.updated["service tiles"] += 1

    def child(self, parent: Page, slug: str) -> Page | None:
        return parent.get_children().filter(slug=slug).specific().first()

    def seed_pages(self) -> None:
        """Create the news index, /layanan/ and /tentang/ with its children, then their bodies.

        Bodies link to one another (calls to action), so every page is created first and the
        bodies are filled and published once all link targets exist.
        """
        pending: list[tuple[Page, content.PageSpec]] = []

        news_index = self.child(self.home, content.NEWS_INDEX["slug"])
        self.report.count("pages", news_index is None)
        if news_index is None:
            news_index = NewsIndexPage(**content.NEWS_INDEX, show_in_menus=True, owner=self.editor)
            self.home.add_child(instance=news_index)
            self.publish(news_index)
        self.news_index = news_index

        def create(parent: Page, spec: content.PageSpec, model) -> Page:
            page = self.child(parent, spec.slug)
            self.report.count("pages", page is None)
            if page is None:
                page = model(
                    title=spec.title,
                    slug=spec.slug,
                    intro=spec.intro,
                    search_description=spec.search_description,
                    show_in_menus=True,
                    live=False,
                    owner=self.editor,
                )
                parent.add_child(instance=page)
                pending.append((page, spec))
            return page

        create(self.home, content.SERVICE_INDEX, ServiceIndexPage)
        about = create(self.home, content.TENTANG, StandardPage)
        for spec in content.TENTANG.children:
            create(about, spec, StandardPage)

        for page, spec in pending:
            page.body = self.stream(spec.body)
            self.publish(page)

    # --- home page ----------------------------------------------------------------------------

    def seed_home(self) -> None:
        home = self.home
        if home.service_tiles.exists() or home.key_figures.exists() or home.hero_image_id:
            self.report.present["home page"] += 1
            return
        home.hero_title = content.HOME["hero_title"]
        home.hero_text = content.HOME["hero_text"]
        home.hero_link_text = content.HOME["hero_link_text"]
        home.hero_image = self.images[content.HOME["hero_image"]]
        home.hero_link_page = self.page_at("/layanan/")
        home.search_description = content.HOME["hero_text"]
        # Orderables keep their order only by sort_order (the admin's form sets it; here it is
        # set by hand): without it PostgreSQL returns the rows in whatever order they lie.
        home.service_tiles = [
            ServiceTile(sort_order=order, title=title, description=description, icon=icon, link_page=None)
            for order, (title, description, icon) in enumerate(content.SERVICE_TILES)
        ]
        # Every figure is counted from the records when the page is shown, never typed in.
        home.key_figures = [
            KeyFigure(sort_order=order, metric=metric, label=label, source=source)
            for order, (metric, label, source) in enumerate(content.KEY_FIGURES)
        ]
        self.publish(home)
        self.report.updated["home page"] += 1

    # --- news ---------------------------------------------------------------------------------

    def seed_news(self) -> None:
        existing = set(self.news_index.get_children().values_list("slug", flat=True))
        agencies = {a.short_name: a for a in Agency.objects.all()}
        tz = timezone.get_current_timezone()
        for article in news.ARTICLES:
            if article.slug in existing:
                self.report.present["news articles"] += 1
                continue
            when = datetime.datetime.combine(article.date, datetime.time(PUBLISH_HOUR), tzinfo=tz)
            page = NewsPage(
                title=article.title,
                slug=article.slug,
                date=article.date,
                summary=article.summary,
                hero_image=self.images[article.image],
                hero_caption=article.caption,
                body=self.stream(article.body),
                author_name="Redaksi Portal Binjai",
                agency=agencies[article.agency],
                search_description=article.summary,
                first_published_at=when,
                live=False,
                owner=self.editor,
            )
            page.categories = [self.categories[slug] for slug in article.categories]
            page.tags.add(*article.tags)
            self.news_index.add_child(instance=page)
            self.publish(page, when=when)
            self.report.created["news articles"] += 1

    # --- site, settings, navigation, announcements ---------------------------------------------

    def seed_site(self) -> None:
        site = self.site
        if site.hostname == "localhost" and site.port == 80:  # still the migration's placeholder
            # The one base URL of the site (canonical links, og:url, sitemap, feeds, e-mails).
            site.hostname, site.port = site_address(settings.WAGTAILADMIN_BASE_URL)
            site.site_name = site.site_name or content.SITE["site_name"]
            site.save()
            self.report.updated["site"] += 1
        else:
            self.report.present["site"] += 1

        site_settings = SiteSettings.for_site(site)
        changed = False
        for name, value in content.SITE_SETTINGS.items():
            current = getattr(site_settings, name)
            if not current or (current == SiteSettings._meta.get_field(name).default and current != value):
                setattr(site_settings, name, value)
                changed = True
        if changed:
            site_settings.save()
        (self.report.updated if changed else self.report.present)["site settings"] += 1

    def seed_navigation(self) -> None:
        navigation = NavigationSettings.for_site(self.site)
        if navigation.menu_items.exists() or navigation.footer_links.exists():
            self.report.present["navigation"] += 1
            return

        def link(model, label: str, target: str):
            page = self.page_at(target) if target.startswith("/") else None
            if page is not None:
                return model(label=label, link_page=page)
            # Not a page (e.g. the site map for people): an address on the site's base URL.
            return model(label=label, link_url=self.site.root_url + target)

        navigation.menu_items = [link(MainMenuItem, label, target) for label, target in content.MAIN_MENU]
        navigation.footer_links = [link(FooterLink, label, target) for label, target in content.FOOTER_LINKS]
        navigation.save()
        self.report.updated["navigation"] += 1

    def seed_announcements(self) -> None:
        now = timezone.now()
        for title, text, target, urgent, starts, ends in content.ANNOUNCEMENTS:
            if Announcement.objects.filter(title=title).exists():
                self.report.present["announcements"] += 1
                continue
            Announcement.objects.create(
                title=title,
                text=text,
                link_page=self.page_at(target) if target else None,
                is_urgent=urgent,
                starts_at=now + datetime.timedelta(days=starts),
                ends_at=now + datetime.timedelta(days=ends) if ends is not None else None,
            )
            self.report.created["announcements"] += 1

    # --- English ------------------------------------------------------------------------------

    def seed_english(self) -> None:
        """Translate the portal into English (``home.demo.english``), as editors would in the admin.

        Each translation is a ``copy_for_translation`` of its Indonesian original (same translation
        key, English locale) with the English texts filled in; links to pages point at their English
        versions. What exists already is left alone.
        """
        self.english, _ = Locale.objects.get_or_create(language_code=ENGLISH)
        self.home = HomePage.objects.get(pk=self.home.pk)  # with the links service seeders added
        home = self.translate_page(self.home, {"title": english.HOME["title"]}, publish=False)
        self.translate_page(self.news_index, english.NEWS_INDEX)
        for site_path, spec in english.PAGES.items():
            source = self.page_at(site_path)
            if source is not None:
                self.translate_page(source, self.page_fields(spec), spec.body)
        services = self.page_at("/layanan/")
        sources = [
            (self.child(services, slug) if services else None, spec_path)
            for slug, spec_path in SERVICE_PAGE_TRANSLATIONS.items()
        ]
        sources += [(self.page_at(path), spec_path) for path, spec_path in SITE_PAGE_TRANSLATIONS.items()]
        for source, spec_path in sources:
            if source is not None:
                spec = import_string(spec_path)
                fields = {k: v for k, v in spec.items() if k != "body"}
                self.translate_page(source, fields, spec.get("body"))
        for slug, spec in english.ARTICLES.items():
            source = self.child(self.news_index, slug)
            if source is not None:
                fields = {k: v for k, v in spec.items() if k not in ("body", "caption")}
                fields["hero_caption"] = spec["caption"]
                fields["search_description"] = spec["summary"]
                fields["author_name"] = "Binjai Portal Editors"
                self.translate_page(source, fields, spec["body"], when=source.first_published_at)
        self.translate_home_content(home)
        self.translate_categories()
        self.translate_settings()
        self.translate_navigation()
        self.translate_announcements()

    @staticmethod
    def page_fields(spec: content.PageSpec) -> dict:
        return {
            "slug": spec.slug,
            "title": spec.title,
            "intro": spec.intro,
            "search_description": spec.search_description,
        }

    def in_english(self, page: Page | None) -> Page | None:
        """The English version of ``page`` when there is one, else ``page`` itself."""
        if page is None:
            return None
        return page.get_translation_or_none(self.english) or page

    def translate_page(self, source: Page, fields: dict, body=None, when=None, publish: bool = True) -> Page:
        """The English translation of ``source``: found, or copied, filled in and published."""
        existing = source.get_translation_or_none(self.english)
        self.report.count("English pages", existing is None)
        if existing is not None:
            return existing.specific
        page = source.specific.copy_for_translation(self.english)
        for name, value in fields.items():
            setattr(page, name, value)
        if body is not None:
            page.body = self.stream(body, in_english=True)
        page.save()
        if publish:
            self.publish(page, when=when)
        return page

    def translate_home_content(self, home: HomePage) -> None:
        """Hero, tiles and figures in English, linking to English pages; published when changed."""
        current = HomePage.objects.get(pk=home.pk)
        changed = not current.live
        home = current.get_latest_revision_as_object()
        if home.hero_text == self.home.hero_text:
            for name in ("hero_title", "hero_text", "hero_link_text", "search_description"):
                setattr(home, name, english.HOME[name])
            changed = True
        if home.hero_link_page_id and self.in_english(home.hero_link_page).pk != home.hero_link_page_id:
            home.hero_link_page = self.in_english(home.hero_link_page)
            changed = True
        tiles = list(home.service_tiles.all())
        originals = {tile.translation_key: tile for tile in self.home.service_tiles.all()}
        for tile in tiles:
            if (
                tile.title in english.SERVICE_TILES
                and tile.description != english.SERVICE_TILES[tile.title][1]
            ):
                tile.title, tile.description = english.SERVICE_TILES[tile.title]
                changed = True
            original = originals.get(tile.translation_key)
            if not tile.link_page_id and original is not None and original.link_page_id:
                tile.link_page = original.link_page  # a service page added since the translation
            if tile.link_page_id and self.in_english(tile.link_page).pk != tile.link_page_id:
                tile.link_page = self.in_english(tile.link_page)
                changed = True
        figures = list(home.key_figures.all())
        for figure in figures:
            for name in ("label", "source"):
                text = getattr(figure, name)
                if text in english.FIGURE_TEXTS:
                    setattr(figure, name, english.FIGURE_TEXTS[text])
                    changed = True
        if changed:
            home.service_tiles = tiles
            home.key_figures = figures
            self.publish(home)
            self.report.updated["English home page"] += 1

    def translate_categories(self) -> None:
        for category in NewsCategory.objects.filter(locale=self.home.locale):
            if category.slug not in english.CATEGORIES:
                continue
            existing = category.get_translation_or_none(self.english)
            self.report.count("English categories", existing is None)
            if existing is None:
                translated = category.copy_for_translation(self.english)
                translated.name, translated.description = english.CATEGORIES[category.slug]
                translated.save()

    def translate_settings(self) -> None:
        source = SiteSettings.for_site(self.site)
        existing = source.get_translation_or_none(self.english)
        self.report.count("English settings", existing is None)
        if existing is None:
            translated = source.copy_for_translation(self.english)
            for name, value in english.SITE_SETTINGS.items():
                setattr(translated, name, value)
            translated.save()

    def translate_navigation(self) -> None:
        source = NavigationSettings.for_site(self.site)
        existing = source.get_translation_or_none(self.english)
        self.report.count("English navigation", existing is None)
        if existing is not None:
            return
        translated = source.copy_for_translation(self.english)
        for item in [*translated.menu_items.all(), *translated.footer_links.all()]:
            item.label = english.LINK_LABELS.get(item.label, item.label)
            if item.link_page_id:
                item.link_page = self.in_english(item.link_page)
        translated.save()

    def translate_announcements(self) -> None:
        for announcement in Announcement.objects.filter(locale=self.home.locale):
            if announcement.title not in english.ANNOUNCEMENTS:
                continue
            existing = announcement.get_translation_or_none(self.english)
            self.report.count("English announcements", existing is None)
            if existing is None:
                translated = announcement.copy_for_translation(self.english)
                translated.title, translated.text = english.ANNOUNCEMENTS[announcement.title]
                translated.link_page = self.in_english(announcement.link_page)
                translated.save()

    # --- stream bodies ------------------------------------------------------------------------

    def stream(self, items: list[tuple], in_english: bool = False) -> list[tuple]:
        """StreamField data from demo body items; ``in_english`` links to English pages."""
        blocks: list[tuple] = []
        for item in items:
            kind, args = item[0], item[1:]
            if kind == "paragraph":
                html = args[0] if args[0].startswith("<") else f"<p>{args[0]}</p>"
                blocks.append(("paragraph", html))
            elif kind == "heading":
                blocks.append(("heading", {"text": args[0], "level": args[1] if len(args) > 1 else "h2"}))
            elif kind == "quote":
                blocks.append(("quote", args[0]))
            elif kind == "image":
                image = self.images[args[0]]
                blocks.append(
                    (
                        "image",
                        {
                            "image": image,
                            "alt_text": IMAGES_BY_KEY[args[0]].title,
                            "caption": args[1],
                            "credit": english.IMAGE_CREDIT
                            if in_english
                            else "Ilustrasi: Pemerintah Kota Binjai",
                        },
                    )
                )
            elif kind == "table":
                caption, header, rows = args
                blocks.append(("table", self.table(caption, header, rows)))
            elif kind == "accordion":
                title, entries, is_faq = args
                items_ = [{"question": q, "answer": a} for q, a in entries]
                blocks.append(("accordion", {"title": title, "items": items_, "is_faq": is_faq}))
            elif kind == "cta":
                title, text, button, target = args
                page = self.page_at(target) if target.startswith("/") else None
                if in_english:
                    page = self.in_english(page)
                url = "" if page else target
                blocks.append(
                    (
                        "call_to_action",
                        {"title": title, "text": text, "button_text": button, "page": page, "url": url},
                    )
                )
            elif kind == "agencies":
                blocks.append(("table", self.agency_table(in_english)))
            elif kind == "regions":
                blocks.extend(self.region_blocks(in_english))
            else:  # pragma: no cover - a typo in the content modules
                raise ValueError(f"Unknown demo block {kind!r}")
        return blocks

    @staticmethod
    def table(caption: str, header: list[str], rows: list[list[str]]) -> dict:
        return {
            "data": [header, *rows],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": caption,
        }

    def agency_table(self, in_english: bool = False) -> dict:
        kinds = ["sekretariat", "inspektorat", "badan", "dinas", "lainnya", "kecamatan"]
        agencies = sorted(
            Agency.objects.active(),
            key=lambda a: (kinds.index(a.kind) if a.kind in kinds else len(kinds), a.name),
        )
        rows = [[a.short_name, a.name, a.head_title] for a in agencies]
        if in_english:
            return self.table(*english.AGENCY_TABLE, rows)
        return self.table("Perangkat daerah Kota Binjai", ["Singkatan", "Nama", "Pimpinan"], rows)

    def region_blocks(self, in_english: bool = False) -> list[tuple]:
        districts = Kecamatan.objects.prefetch_related("kelurahan").order_by("code")
        summary = [[k.name, k.code, str(len(k.kelurahan.all()))] for k in districts]
        blocks: list[tuple] = [
            (
                "table",
                self.table(*english.REGION_TABLE, summary)
                if in_english
                else self.table(
                    "Kecamatan di Kota Binjai", ["Kecamatan", "Kode wilayah", "Jumlah kelurahan"], summary
                ),
            )
        ]
        for district in districts:
            villages = "".join(f"<li>{v.name}</li>" for v in district.kelurahan.all())
            blocks.append(("heading", {"text": f"Kecamatan {district.name}", "level": "h2"}))
            blocks.append(("paragraph", f"<ul>{villages}</ul>"))
        return blocks
