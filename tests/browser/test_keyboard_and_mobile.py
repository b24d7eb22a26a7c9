"""Keyboard access (small screens: test_public_pages.py)."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, portal):
    page.goto(portal("/berita/"))
    skip_link = page.locator("a.skip-link")
    expect(skip_link).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_in_viewport()
    expect(skip_link).to_have_attribute("href", "#main")

    page.keyboard.press("Enter")
    expect(page).to_have_url(portal("/berita/#main"))
    expect(page.locator("main#main")).to_be_focused()

    # The next Tab continues inside the main content, not back in the header.
    page.keyboard.press("Tab")
    expect(page.locator("main :focus")).to_have_count(1)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    la, lb = (_luminance(tuple(int(v) for v in re.findall(r"\d+", c)[:3])) for c in (a, b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


FOCUS_STYLE = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    let bg = "rgb(255, 255, 255)";
    for (let node = el.parentElement; node; node = node.parentElement) {
        const color = getComputedStyle(node).backgroundColor;
        if (color !== "transparent" && !/rgba\\(.*, 0\\)$/.test(color)) { bg = color; break; }
    }
    const label = (el.textContent || el.getAttribute("aria-label") || el.name || "").trim().slice(0, 40);
    return {
        tag: el.tagName.toLowerCase(), label, outlineStyle: style.outlineStyle,
        outlineWidth: parseFloat(style.outlineWidth), outlineColor: style.outlineColor, background: bg,
    };
}"""


def test_every_tab_stop_shows_a_visible_focus_indicator(page, portal):
    """WCAG 2.4.7 and 1.4.11: the focus outline is drawn and contrasts 3:1 with what surrounds it."""
    page.goto(portal("/"))
    problems = []
    seen = 0
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement === document.body"):
            break
        seen += 1
        focus = page.evaluate(FOCUS_STYLE)
        where = f"<{focus['tag']}> {focus['label']!r} on {focus['background']}"
        if focus["outlineStyle"] == "none" or focus["outlineWidth"] < 2:
            problems.append(f"{where}: no focus outline")
        elif (ratio := _contrast(focus["outlineColor"], focus["background"])) < 3:
            problems.append(f"{where}: outline {focus['outlineColor']} contrasts only {ratio:.2f}:1")
    assert seen > 10, f"only {seen} tab stops on the home page"
    assert not problems, "focus indicators that are hard to see:\n" + "\n".join(problems)
