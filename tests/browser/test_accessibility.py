"""axe-core for the browser tests (WCAG 2.0, 2.1 and 2.2, levels A and AA, and best practices).

test_public_pages.py runs it on every public page type at phone and desktop widths; the journeys
(test_complaints.py) run it on each step. Findings of moderate impact or above fail a test.

axe-core comes from the npm registry (package.json pins it; `make browser-deps` runs `npm ci`).
The site's Content-Security-Policy forbids inline scripts, which is how Playwright injects a
script file, so these pages are opened in a context that bypasses CSP; test_security.py checks
the policy itself.
"""

from .conftest import AXE_SCRIPT

# WCAG 2.0-2.2 A and AA, and axe's best practices (heading order, unique landmarks, ...).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = {"moderate", "serious", "critical"}


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
