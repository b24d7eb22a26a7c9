"""Every public page type (public_pages.PUBLIC_PAGES) on a phone and on a desktop screen.

- Reflow (WCAG 1.4.10) at 320 px: the document does not scroll sideways, and no
  element or text reaches past the viewport or is cut off by a box that hides its overflow, so
  values are not silently clipped. Content inside a scrollable region (a wide table in a
  focusable, labelled region) is reachable and allowed; the region itself must fit.
- axe-core (WCAG 2.0-2.2 A and AA) at 320 and 1280 px: no violation of moderate impact or
  above.

Each test walks every page in one browser context, so one database flush serves all pages and
the failure message lists every problem at once.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import _new_context as new_context
from .public_pages import PUBLIC_PAGES, PublicPage, PublicSite
from .test_accessibility import BLOCKING_IMPACTS, describe, run_axe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTHS = (320,)  # WCAG's reflow width; wider phones have more room
AXE_WIDTHS = (*PHONE_WIDTHS, 1280)

# Elements and text that reach past the viewport or past an ancestor that hides its overflow.
# Not counted: content of a scroll container (reachable by scrolling it), things hidden on
# purpose (clipped to a 1px box like .visually-hidden, or moved wholly off-screen to the left
# like the skip link) and the map's panes, a window onto a larger surface.
OVERFLOW_SCRIPT = """() => {
    const viewport = document.documentElement.clientWidth;
    const range = document.createRange();
    const scrolls = (style) => /auto|scroll/.test(style.overflowX);
    const clips = (style) => /hidden|clip/.test(style.overflowX);
    // The horizontal band `node`'s content may occupy without being cut off or pushing the page
    // sideways; null when it is reachable by scrolling or deliberately hidden.
    function band(node) {
        let left = 0, right = viewport;
        for (let box = node; box && box !== document.documentElement; box = box.parentElement) {
            const style = getComputedStyle(box);
            if (scrolls(style)) return null;
            if (clips(style) || style.clip !== "auto") {
                const rect = box.getBoundingClientRect();
                if (rect.width <= 1 || rect.height <= 1) return null;
                left = Math.max(left, rect.left);
                right = Math.min(right, rect.right);
            }
        }
        return {left, right};
    }
    function name(el) {
        let text = el.tagName.toLowerCase();
        if (el.id) text += "#" + el.id;
        const classes = typeof el.className === "string" ? el.className.trim() : "";
        if (classes) text += "." + classes.split(/\\s+/).join(".");
        return text;
    }
    const problems = [];
    const reported = new Set();  // only the outermost culprit: its descendants follow it
    for (const el of document.body.querySelectorAll("*")) {
        if (el.closest(".leaflet-pane")) continue;
        const style = getComputedStyle(el);
        if (style.display === "none" || style.visibility === "hidden") continue;
        const boxes = [];
        const rect = el.getBoundingClientRect();
        if (rect.width > 0 && rect.height > 0) {
            boxes.push({what: "box", rect, within: band(el.parentElement)});
        }
        for (const node of el.childNodes) {
            if (node.nodeType !== Node.TEXT_NODE || !node.textContent.trim()) continue;
            range.selectNodeContents(node);
            const textRect = range.getBoundingClientRect();
            const text = node.textContent.trim();
            if (textRect.width > 0) boxes.push({what: "text", rect: textRect, within: band(el), text});
        }
        for (const {what, rect: r, within, text} of boxes) {
            if (!within || r.right <= 0) continue;
            if (r.left < within.left - 1 || r.right > within.right + 1) {
                reported.add(el);
                if (reported.has(el.parentElement)) continue;
                problems.push(`${name(el)} ${what} ${Math.round(r.left)}..${Math.round(r.right)}px`
                    + ` (room ${Math.round(within.left)}..${Math.round(within.right)}px)`
                    + (text ? `: "${text.slice(0, 40)}"` : ""));
            }
        }
    }
    return {
        scrollWidth: document.documentElement.scrollWidth,
        clientWidth: viewport,
        problems,
    };
}"""


def visit(page, site: PublicSite, entry: PublicPage) -> None:
    """Open the entry's page and bring it into the state to check."""
    response = page.goto(site(entry.path))
    assert response.status == entry.status, f"{entry.name}: {entry.path} answered {response.status}"
    if entry.act:
        entry.act(page, site)
    expect(page.locator("main h1")).to_be_visible()


@pytest.fixture(params=PHONE_WIDTHS, ids=lambda width: f"{width}px")
def phone(request, browser):
    context = new_context(
        browser, viewport={"width": request.param, "height": 800}, is_mobile=True, has_touch=True
    )
    yield context.new_page()
    context.close()


@pytest.fixture(params=AXE_WIDTHS, ids=lambda width: f"{width}px")
def axe_screen(request, browser):
    """A page at each width whose context ignores the site's CSP, so axe-core can be injected."""
    narrow = request.param < 1000
    context = new_context(
        browser,
        viewport={"width": request.param, "height": 800},
        is_mobile=narrow,
        has_touch=narrow,
        bypass_csp=True,
    )
    yield context.new_page()
    context.close()


def test_no_public_page_scrolls_sideways_or_cuts_off_content(phone, public_site):
    width = phone.viewport_size["width"]
    problems = []
    for entry in PUBLIC_PAGES:
        visit(phone, public_site, entry)
        found = phone.evaluate(OVERFLOW_SCRIPT)
        assert found["clientWidth"] == width, "the page does not use the device width (viewport meta)"
        lines = []
        if found["scrollWidth"] > width:
            lines.append(f"the page is {found['scrollWidth']}px wide")
        lines += found["problems"][:12]
        if lines:
            problems.append(f"{entry.name} ({phone.url}):\n    " + "\n    ".join(lines))
    assert not problems, f"at {width}px, content does not reflow:\n" + "\n".join(problems)


def test_axe_finds_nothing_of_moderate_impact_or_above(axe_screen, public_site):
    width = axe_screen.viewport_size["width"]
    problems = []
    for entry in PUBLIC_PAGES:
        visit(axe_screen, public_site, entry)
        blocking = [v for v in run_axe(axe_screen) if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            problems.append(f"{entry.name} ({axe_screen.url}):\n{describe(blocking)}")
    assert not problems, f"axe-core at {width}px:\n" + "\n".join(problems)
