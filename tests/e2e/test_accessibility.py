"""axe-core on every page type, in real Chromium: no serious or critical violation."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.test_reading import PAGES
from tests.website import build_scenario

pytestmark = pytest.mark.django_db(transaction=True)


def _violations(page: object, axe_source: str) -> list[str]:
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_no_page_has_a_serious_accessibility_violation(
    browser: object, live_server: object, axe_source: str, viewport: dict[str, int]
) -> None:
    build_scenario()
    # bypass_csp: axe-core goes in as an inline script, which the site's Content Security Policy refuses.
    context = browser.new_context(viewport=viewport, base_url=live_server.url, bypass_csp=True)
    page = context.new_page()
    found = {}
    for name, path in PAGES.items():
        page.goto(path)
        violations = _violations(page, axe_source)
        if violations:
            found[name] = violations
    context.close()
    assert found == {}


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_both_colour_schemes_have_enough_contrast(
    browser: object, live_server: object, axe_source: str, scheme: str
) -> None:
    build_scenario()
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    found = {}
    for name in ("home", "company", "article", "search"):
        page.goto(PAGES[name])
        page.add_script_tag(content=axe_source)
        result = page.evaluate("async () => await axe.run(document, {runOnly: ['color-contrast']})")
        if result["violations"]:
            found[name] = [node["target"][0] for violation in result["violations"] for node in violation["nodes"]]
    context.close()
    assert found == {}
