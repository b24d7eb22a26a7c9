"""The Content-Security-Policy holds in a real browser: nothing is blocked, nothing leaves the site."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PATHS = ["/", "/berita/", "/berita/posyandu-keliling/", "/cari/?q=vaksinasi"]


def test_pages_load_without_csp_violations_errors_or_third_party_requests(page, portal):
    """The context enforces the CSP (no bypass): every blocked resource would log an error."""
    errors: list[str] = []
    requests: list[str] = []
    violations: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
    page.on("request", lambda request: requests.append(request.url))
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url} {request.failure}"))
    # A CSP violation also fires a DOM event; record those too (exposed before any page script runs).
    page.expose_function("reportCspViolation", lambda text: violations.append(text))
    page.add_init_script(
        """document.addEventListener("securitypolicyviolation", (event) => {
            window.reportCspViolation(`${event.violatedDirective} blocked ${event.blockedURI}`);
        });"""
    )

    live_host = urlsplit(portal.url).netloc
    for path in PATHS:
        response = page.goto(portal(path))
        assert response.status == 200
        headers = response.all_headers()
        assert "script-src 'self'" in headers["content-security-policy"]
        expect(page.locator("main h1")).to_be_visible()
        # Stylesheet applied (served by the live server under the CSP): the skip link is off-screen.
        expect(page.locator("a.skip-link")).not_to_be_in_viewport()
        page.wait_for_load_state("load")

    assert not errors, f"console errors: {errors}"
    assert not violations, f"CSP violations: {violations}"
    foreign = [
        url for url in requests if urlsplit(url).scheme != "data" and urlsplit(url).netloc != live_host
    ]
    assert not foreign, f"requests to other hosts: {foreign}"
    loaded = {urlsplit(url).path for url in requests}
    assert {"/static/css/site.css", "/static/js/site.js"} <= loaded
