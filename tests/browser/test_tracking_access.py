"""Opening one's complaint from the private link in a real browser: the code travels after "#",
is POSTed by the site's script and never appears in a URL the server sees; without JavaScript the
page asks for the code."""

from __future__ import annotations

import re

import pytest
from django.core.signals import request_started
from playwright.sync_api import expect

from .conftest import _ensure_home_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CODE = "K7QM5-4XRTB"


@pytest.fixture
def tracked(transactional_db, live_server):
    from smartcity.complaints.services import tracking_path
    from smartcity.core.tokens import digest, normalise_access_code
    from tests.complaints.factories import ComplaintFactory, load_reference_data, make_complaint_page

    load_reference_data()
    make_complaint_page(_ensure_home_page())
    complaint = ComplaintFactory(
        reference="ADU-2026-000321",
        title="Saluran tersumbat di Jl. Veteran",
        access_token_hash=digest(normalise_access_code(CODE)),
    )
    return complaint, live_server.url + tracking_path(complaint, CODE)


@pytest.fixture
def server_urls():
    """Every path and query string the server received during the test."""
    seen: list[str] = []

    def record(sender, environ, **kwargs):
        seen.append(f"{environ.get('PATH_INFO', '')}?{environ.get('QUERY_STRING', '')}")

    request_started.connect(record)
    yield seen
    request_started.disconnect(record)


def test_the_private_link_opens_the_case_without_the_code_reaching_the_server_in_a_url(
    tracked, page, server_urls
):
    complaint, link = tracked
    assert "#nomor=ADU-2026-000321&kode=K7QM5-4XRTB" in link
    page.goto(link)
    expect(page).to_have_url(re.compile(r"/lacak/ADU-2026-000321/$"))
    expect(page.locator("h1")).to_have_text(complaint.title)
    # Neither the address bar nor the history keeps the code, and no URL the server saw had it.
    assert CODE not in page.evaluate("location.href")
    assert server_urls, "the live server saw no request"
    assert not [url for url in server_urls if "K7QM5" in url.upper() or "kode" in url]


def test_without_javascript_the_page_asks_for_the_code(tracked, browser, live_server):
    complaint, link = tracked
    context = browser.new_context(locale="id-ID", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(link)
        form = page.locator("form[data-track-form]")
        expect(form.locator("[name=token]")).to_be_visible()
        expect(page.locator("h1")).not_to_have_text(complaint.title)
        form.locator("[name=nomor]").fill(complaint.reference)
        form.locator("[name=token]").fill("k7qm5 4xrtb")  # as read out over the phone
        form.locator("button[type=submit]").click()
        expect(page).to_have_url(re.compile(r"/lacak/ADU-2026-000321/$"))
        expect(page.locator("h1")).to_have_text(complaint.title)
    finally:
        context.close()
