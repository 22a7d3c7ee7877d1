"""An editor in real Chromium: signs in, adds an article naming two companies and a deal, and sees what the machine
found on the article's admin page and on its public page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from articles.models import Article
from tests.admin.conftest import EDITOR_PASSWORD
from tests.e2e.conftest import browser  # noqa: F401  (the fixture: Debian's Chromium, skipped when it is missing)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STORY = (
    "Microsoft agreed to buy Activision Blizzard for $68.7 billion, the companies said on Monday.\n\n"
    "Activision Blizzard makes Call of Duty."
)


@pytest.fixture
def page(browser: object, live_server: object) -> Iterator[object]:  # noqa: F811
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_an_editor_adds_an_article_and_sees_its_mentions_and_deal(page: object, editor: object, knowledge_base) -> None:
    page.goto("/admin/articles/article/add/")
    page.wait_for_url("**/admin/login/**")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", EDITOR_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/articles/article/add/")

    page.fill("#id_title", "Microsoft to buy Activision Blizzard")
    page.fill("#id_body", STORY)
    page.fill("#id_published_at_0", "2025-06-02")
    page.fill("#id_published_at_1", "09:30:00")
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_url("**/admin/articles/article/*/change/")

    mentions = page.locator("#mentions-found")
    assert "Linked" in mentions.locator("h2").inner_text()
    assert {"Microsoft", "Activision Blizzard"} <= set(mentions.locator("tbody tr td:nth-child(2) a").all_inner_texts())
    assert page.locator("mark.nb-mention", has_text="Activision Blizzard").count() == 2
    deal_link = page.locator("#deals-found li a").first
    assert "Activision Blizzard" in deal_link.inner_text()

    page.get_by_role("link", name="The article's public page").click()
    article = Article.objects.get(title="Microsoft to buy Activision Blizzard")
    page.wait_for_url(f"**{article.get_absolute_url()}")
    linked = page.locator(".story__body a.mention")
    assert {"Microsoft", "Activision Blizzard"} <= set(linked.all_inner_texts())
    assert "Activision Blizzard" in page.locator(".deal-row__title").first.inner_text()
