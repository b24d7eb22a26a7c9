"""Shared fixtures: the migrated site (home page, roles, reference data) and content helpers."""

import os
import time
import types

import pytest
from django.core.cache import cache
from wagtail.models import Page, Site

from home.models import HomePage

# Playwright's sync API runs an event loop in the test thread; Django's ORM guard would
# otherwise refuse the live-server fixtures' database access.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.hookimpl(trylast=True)  # after pytest-django has ordered the tests
def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (set DATABASE_URL)")
    skip_es = pytest.mark.skip(reason="needs Elasticsearch (set ELASTICSEARCH_URL)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)
        if "elasticsearch" in item.keywords and not os.environ.get("ELASTICSEARCH_URL"):
            item.add_marker(skip_es)
    _longest_browser_tests_first(items)


def _longest_browser_tests_first(items) -> None:
    """pytest-django puts the tests that flush the database (the browser tests among them) after
    the others; within the browser tests the page-wide checks (a minute or more each) start
    first, so that no xdist worker is left alone with one at the end."""
    slots = [index for index, item in enumerate(items) if "browser" in item.keywords]
    ordered = sorted((items[i] for i in slots), key=lambda item: item.path.name != "test_public_pages.py")
    for index, item in zip(slots, ordered, strict=True):
        items[index] = item


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    """Text messages sent through the test backend, emptied like Django's mail.outbox."""
    from smartcity.core import sms

    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _rate_limit_window_held(monkeypatch):
    """django-ratelimit counts in fixed windows (an hour for most limits, each address's ending
    at its own second). A test that posts a hundred times could straddle the end of one and
    see its counter start again, as CI once did; each test runs inside one window instead."""
    from django_ratelimit import core

    now = time.time()
    monkeypatch.setattr(core, "time", types.SimpleNamespace(time=lambda: now))


@pytest.fixture
def home_page(db) -> HomePage:
    """The home page created by the data migration, served at / on the default site."""
    return HomePage.objects.get()


@pytest.fixture
def site(db) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def news_index(home_page):
    from tests.factories import NewsIndexPageFactory

    return NewsIndexPageFactory(parent=home_page, title="Berita", slug="berita")


def english_translation(page):
    """The page's published English translation, at ``/en/`` + its path (slugs kept).

    Untranslated ancestors become aliases of their originals, as Wagtail's "translate with
    parents" does; English messages of a service are read at its English address.
    """
    from wagtail.models import Locale

    locale, _ = Locale.objects.get_or_create(language_code="en")
    translation = page.specific.copy_for_translation(locale, copy_parents=True)
    translation.save_revision().publish()
    return translation


@pytest.fixture
def english_complaint_page(complaint_page):
    """The English translation of the module's ``complaint_page`` (at /en/layanan/pengaduan/)."""
    return english_translation(complaint_page)


@pytest.fixture
def root_page(db) -> Page:
    return Page.objects.get(depth=1)


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    user_model = get_user_model()
    return user_model.objects.create_superuser("superadmin", "superadmin@binjaikota.go.id", "rahasia-uji")


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def _staff_user(username: str, group: str):
    from tests.factories import UserFactory

    return UserFactory(username=username, groups=[group])


@pytest.fixture
def editor(db):
    """A member of "Communications editors" (writes and submits, cannot publish)."""
    return _staff_user("editor", "Communications editors")


@pytest.fixture
def moderator(db):
    """A member of "Moderators" (approves the workflow task and publishes)."""
    return _staff_user("moderator", "Moderators")


@pytest.fixture
def administrator(db):
    """A member of "Administrators" (every permission, not a superuser)."""
    return _staff_user("administrator", "Administrators")


def reload_migration_data(*migrations: str) -> None:
    """Run data migrations' ``load`` again when an earlier transactional test flushed their rows.

    ``transaction=True`` tests end with a flush, which empties the reference data (agencies,
    regions, roles) the migrations loaded; a later transactional test in the same process calls
    this with the migrations it needs, e.g. ``"smartcity.core.migrations.0002_load_reference_data"``.
    """
    import importlib

    from smartcity.core.models import Agency
    from tests.complaints.factories import _RegistryWithoutPermissionSync

    if Agency.objects.exists():
        return
    for name in migrations:
        importlib.import_module(name).load(_RegistryWithoutPermissionSync(), None)
