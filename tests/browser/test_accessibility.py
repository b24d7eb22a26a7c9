"""Automated accessibility checks with axe-core (WCAG 2.0, 2.1 and 2.2, levels A and AA).

axe-core comes from the npm registry (package.json pins it; `make browser-deps` runs `npm ci`).
The site's Content-Security-Policy forbids inline scripts, which is how Playwright injects a
script file, so these pages are opened in a context that bypasses CSP; test_security.py checks
the policy itself.
"""

import pytest
from playwright.sync_api import expect

from .conftest import AXE_SCRIPT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

PAGES = {
    "home": ("/", 200),
    "news index": ("/berita/", 200),
    "news index filtered": ("/berita/?kategori=kesehatan", 200),
    "article": ("/berita/posyandu-keliling/", 200),
    "search results": ("/cari/?q=vaksinasi", 200),
    "search without results": ("/cari/?q=xylofonqwerty", 200),
    "not found": ("/tidak-ada-halaman-ini/", 404),
}


def run_axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now: id, impact, help, targets."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {
                runOnly: {type: "tag", values: tags},
                resultTypes: ["violations"],
            });
            return {
                rulesRun: results.passes.length + results.violations.length + results.incomplete.length,
                violations: results.violations.map((v) => ({
                    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                    targets: v.nodes.map((n) => n.target.join(" ")),
                    summary: v.nodes.length ? v.nodes[0].failureSummary : "",
                })),
            };
        }""",
        WCAG_TAGS,
    )
    # Guard against a silently empty run (e.g. a tag list that matches no rule).
    assert results["rulesRun"] >= 10, f"axe-core ran only {results['rulesRun']} rules"
    return results["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>\n"
        f"    targets: {', '.join(v['targets'][:8])}\n    {v['summary'].replace(chr(10), ' ')}"
        for v in violations
    )


def test_no_serious_accessibility_violations(axe_page, portal):
    """Every kind of public page, checked in one browser session (one database flush, not seven).

    All pages are checked before failing, so the message lists every problem at once.
    """
    problems = []
    for name, (path, status) in PAGES.items():
        response = axe_page.goto(portal(path))
        assert response.status == status, f"{path} answered {response.status}"
        expect(axe_page.locator("main h1")).to_be_visible()
        violations = run_axe(axe_page)
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            problems.append(f"{name} page ({path}):\n{describe(blocking)}")
        minor = [v for v in violations if v["impact"] not in BLOCKING_IMPACTS]
        if minor:
            print(f"Minor axe-core findings on {path}:\n{describe(minor)}")
    assert not problems, "axe-core found serious or critical problems:\n" + "\n".join(problems)
