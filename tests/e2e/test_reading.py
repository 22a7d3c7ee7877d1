"""A reader in real Chromium: following links, searching with a typo, autocomplete, a phone-width layout."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.e2e.conftest import DESKTOP, PHONE, screenshot
from tests.website import Scenario, build_scenario

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scenario() -> Scenario:
    return build_scenario()


@pytest.fixture
def page(browser: object, live_server: object) -> Iterator[object]:
    context = browser.new_context(viewport=DESKTOP, base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    outside: list[str] = []
    host = urlsplit(live_server.url).netloc
    page.on("request", lambda request: outside.append(request.url) if urlsplit(request.url).netloc != host else None)
    yield page
    context.close()
    assert outside == [], f"pages made requests outside the site: {outside}"


def test_a_reader_follows_a_deal_to_its_parties_and_their_articles(page: object, scenario: Scenario) -> None:
    page.goto("/")
    page.get_by_role("link", name="Kuaishou plans to spin off Kling AI").first.click()
    page.wait_for_url("**/deals/kuaishou-spins-off-kling-ai/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kuaishou plans to spin off Kling AI"
    page.locator(".parties").get_by_role("link", name="Kling AI").click()
    page.wait_for_url("**/companies/kling-ai/")
    page.locator(".mention-row__title").first.click()
    page.wait_for_url("**/articles/kuaishou-plans-to-spin-off-kling-ai/")
    highlighted = page.locator(".story__body a.mention", has_text="Kuaishou Technology")
    assert highlighted.count() == 1
    highlighted.click()
    page.wait_for_url("**/companies/kuaishou/")
    assert page.get_by_role("heading", level=1).inner_text() == "Kuaishou"
    page.go_back()
    page.wait_for_url("**/articles/kuaishou-plans-to-spin-off-kling-ai/")
    page.locator(".named").get_by_role("link", name="Kling AI", exact=True).click()
    page.wait_for_url("**/companies/kling-ai/")


def test_a_search_with_a_typo_still_lands_on_the_company(page: object, scenario: Scenario) -> None:
    page.goto("/")
    page.get_by_role("combobox", name="Search companies, deals and articles").fill("Kuaishu")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=Kuaishu")
    page.locator(".company-card__name", has_text="Kuaishou").first.click()
    page.wait_for_url("**/companies/kuaishou/")


def test_autocomplete_suggests_a_company_while_the_reader_types(page: object, scenario: Scenario) -> None:
    page.goto("/articles/")
    box = page.get_by_role("combobox", name="Search companies, deals and articles")
    box.press_sequentially("Activi", delay=40)
    option = page.get_by_role("option", name="Activision Blizzard")
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/companies/activision-blizzard/")


PAGES = {
    "home": "/",
    "company": "/companies/kuaishou/",
    "deal": "/deals/microsoft-acquires-activision-blizzard/",
    "article": "/articles/kuaishou-plans-to-spin-off-kling-ai/",
    "companies": "/companies/?sort=mentions",
    "deals": "/deals/",
    "articles": "/articles/",
    "search": "/search/?q=kling",
    "not-found": "/companies/no-such-company/",
}


def test_every_page_fits_a_phone_without_sideways_scrolling(
    browser: object, live_server: object, scenario: Scenario
) -> None:
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        context = browser.new_context(viewport=viewport, base_url=live_server.url)
        page = context.new_page()
        for name, path in PAGES.items():
            page.goto(path)
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} at {viewport['width']}px scrolls sideways by {overflow}px"
            screenshot(page, f"{name}-{size}")
        context.close()
