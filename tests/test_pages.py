"""Every public page: what a reader sees, and a query budget that does not grow with the data."""

from __future__ import annotations

import pytest
from django.test import Client

from companies.models import Company, Deal
from companies.stats import company_mention_counts_refresh
from tests.factories import ArticleFactory, CompanyFactory, DealFactory, DealPartyFactory, MentionFactory
from tests.website import build_scenario
from tests.website_bulk import add_coverage

pytestmark = pytest.mark.django_db

# The whole page, from the request to the rendered HTML: the same whether a company has 5 or 500 of everything.
BUDGETS = {
    "home": 7,
    # The articles' count is kept on the company (companies.stats), not counted per request; "mentioned alongside"
    # counts by company id, then names the public ones by primary key (two queries, no join with every company).
    "company": 10,
    "deal": 5,
    "article": 4,
    "companies": 3,
    "deals": 4,
    "articles": 3,
}


def _urls(company: Company, deal: Deal, article_slug: str) -> dict[str, str]:
    return {
        "home": "/",
        "company": company.get_absolute_url(),
        "deal": deal.get_absolute_url(),
        "article": f"/articles/{article_slug}/",
        "companies": "/companies/?sort=mentions",
        "deals": f"/deals/?company={company.slug}",
        "articles": f"/articles/?company={company.slug}",
    }


@pytest.mark.parametrize("rows", [5, 500])
@pytest.mark.parametrize("page", list(BUDGETS))
def test_a_page_runs_the_same_number_of_queries_whatever_the_data(
    client: Client, django_assert_num_queries: object, rows: int, page: str
) -> None:
    company = CompanyFactory(name="Busy Corp", slug="busy-corp")
    add_coverage(company, rows)
    # What linking does after writing mentions: the stored counts and days the pages read.
    company_mention_counts_refresh()
    deal = Deal.objects.filter(parties__company=company).first()
    article_slug = company.mentions.first().article.slug
    url = _urls(company, deal, article_slug)[page]
    with django_assert_num_queries(BUDGETS[page]):
        response = client.get(url)
    assert response.status_code == 200


def test_the_company_page_shows_its_deals_by_role_its_articles_and_its_neighbours(client: Client) -> None:
    scenario = build_scenario()
    html = client.get("/companies/kuaishou/").content.decode()
    assert "<h1>Kuaishou</h1>" in html
    assert "Also known as" in html
    assert "Kuaishou Technology" in html
    assert "Spun off" in html
    assert "Kuaishou plans to spin off Kling AI" in html
    assert f'href="{scenario.kling.get_absolute_url()}"' in html
    assert "<mark>Kuaishou Technology</mark> said on Monday" in html
    assert "Often mentioned alongside" in html
    assert "ByteDance" in html
    assert 'href="/feeds/companies/kuaishou/"' in html
    assert "<svg" in html


def test_the_company_page_paginates_its_articles(client: Client) -> None:
    company = CompanyFactory(name="Paged", slug="paged")
    add_coverage(company, 25)
    company_mention_counts_refresh()
    first = client.get("/companies/paged/").content.decode()
    third = client.get("/companies/paged/?page=3").content.decode()
    assert "Page 1 of 3" in first
    assert "Page 3 of 3" in third
    assert third.count('class="mention-row"') == 5


def test_a_unit_page_links_its_parent_and_the_parent_links_its_units(client: Client) -> None:
    scenario = build_scenario()
    assert 'href="/companies/kuaishou/"' in client.get(scenario.kling.get_absolute_url()).content.decode()
    assert 'href="/companies/kling-ai/"' in client.get(scenario.kuaishou.get_absolute_url()).content.decode()


def test_a_company_readers_should_not_see_is_not_found(client: Client) -> None:
    CompanyFactory(slug="hidden", status="auto", is_public=False)
    assert client.get("/companies/hidden/").status_code == 404


def test_the_deal_page_builds_a_headline_and_formats_money(client: Client) -> None:
    build_scenario()
    html = client.get("/deals/microsoft-acquires-activision-blizzard/").content.decode()
    assert "<h1>Microsoft acquired Activision Blizzard</h1>" in html
    assert "$68.7 billion" in html
    assert "Acquirer" in html
    assert "Target" in html
    assert "Microsoft completed its $68.7 billion acquisition of Activision Blizzard on Friday." in html
    spin_off = client.get("/deals/kuaishou-spins-off-kling-ai/").content.decode()
    assert "<h1>Kuaishou plans to spin off Kling AI</h1>" in spin_off
    assert "$20 billion" in spin_off


def test_the_deal_page_lists_other_deals_of_the_same_parties(client: Client) -> None:
    scenario = build_scenario()
    other = DealFactory(title="Microsoft invests in OpenAI", slug="microsoft-openai")
    DealPartyFactory(deal=other, company=scenario.microsoft, role="investor")
    html = client.get(scenario.acquisition.get_absolute_url()).content.decode()
    assert "Other deals of these companies" in html
    assert "Microsoft invests in OpenAI" in html


def test_the_article_page_links_every_visible_mention_and_escapes_the_text(client: Client) -> None:
    company = CompanyFactory(name="Acme", slug="acme")
    article = ArticleFactory(slug="escaped", body="<script>alert(1)</script> Acme & Co rose.\n\nAcme fell.")
    start = article.body.index("Acme")
    MentionFactory(article=article, company=company, text="Acme", start=start, end=start + 4)
    later = article.body.index("Acme", start + 1)
    MentionFactory(article=article, company=company, text="Acme", start=later, end=later + 4, review_state="rejected")
    html = client.get("/articles/escaped/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count('class="mention"') == 1
    assert 'href="/companies/acme/"' in html
    assert "&amp; Co rose.</p><p>Acme fell.</p>" in html


def test_the_article_page_shows_the_companies_and_deals_found_in_it(client: Client) -> None:
    build_scenario()
    html = client.get("/articles/kuaishou-plans-to-spin-off-kling-ai/").content.decode()
    assert "Companies named" in html
    assert "Deals reported" in html
    assert "By Jane Li" in html
    assert 'href="https://example.com/kuaishou-kling"' in html


def test_the_company_list_filters_by_country_and_kind_and_sorts_by_mentions(client: Client) -> None:
    build_scenario()
    chinese = client.get("/companies/?country=cn").content.decode()
    assert "Kuaishou" in chinese
    assert "Microsoft" not in chinese
    units = client.get("/companies/?kind=unit").content.decode()
    assert "Kling AI" in units
    assert "ByteDance" not in units
    by_mentions = client.get("/companies/?sort=mentions").content.decode()
    assert by_mentions.index(">Kuaishou<") < by_mentions.index(">ByteDance<")
    assert "Kuaishou" in client.get("/companies/?q=kuaishou+tech").content.decode()


def test_the_deal_list_filters_by_kind_status_year_and_amount_and_keeps_filters_in_links(client: Client) -> None:
    build_scenario()
    for query, shown, hidden in [
        ("kind=acquisition", "Microsoft acquired", "spin off Kling"),
        ("status=proposed", "spin off Kling", "Microsoft acquired"),
        ("year=2022", "Microsoft acquired", "spin off Kling"),
        ("min_amount=1000000000", "Microsoft acquired", "spin off Kling"),
        ("max_amount=1000", "No deal matches", "Microsoft acquired"),
        ("company=kling-ai", "spin off Kling", "Microsoft acquired"),
    ]:
        html = client.get(f"/deals/?{query}").content.decode()
        assert shown in html, query
        assert hidden not in html, query
    DealFactory.create_batch(25, kind="merger")
    html = client.get("/deals/?kind=merger").content.decode()
    assert 'href="?kind=merger&amp;page=2"' in html


def test_the_deal_list_ignores_malformed_filters(client: Client) -> None:
    build_scenario()
    response = client.get("/deals/?year=abc&min_amount=lots&max_amount=-5&page=zz")
    assert response.status_code == 200
    assert "Microsoft acquired" in response.content.decode()


def test_the_article_list_filters_by_source_company_and_date(client: Client) -> None:
    scenario = build_scenario()
    assert "Kuaishou plans" not in client.get("/articles/?source=the-verge").content.decode()
    assert "Microsoft closes" not in client.get("/articles/?company=kuaishou").content.decode()
    day = scenario.kling_article.published_at.date().isoformat()
    html = client.get(f"/articles/?from={day}&to={day}").content.decode()
    assert "Kuaishou plans" in html
    assert "Microsoft closes" not in html


def test_the_home_page_shows_latest_deals_articles_and_the_companies_most_mentioned(client: Client) -> None:
    build_scenario()
    html = client.get("/").content.decode()
    assert "Kuaishou plans to spin off Kling AI" in html
    assert "Microsoft closes its Activision Blizzard deal" in html
    trending = html[html.index("Most mentioned") :]
    assert trending.index("Kuaishou") < trending.index("ByteDance")
    # Microsoft's article is 40 days old: not in the last 30 days.
    assert "Microsoft" not in trending[: trending.index("</ol>")]


def test_every_page_has_a_canonical_url_a_description_and_open_graph_tags(client: Client) -> None:
    build_scenario()
    html = client.get("/companies/kuaishou/?utm_source=x").content.decode()
    assert '<link rel="canonical" href="http://testserver/companies/kuaishou/">' in html
    assert '<meta name="description" content="Kuaishou Technology runs one of China&#x27;s' in html
    assert '<meta property="og:title" content="Kuaishou">' in html
    assert '<meta property="og:type" content="profile">' in html


def test_a_missing_page_is_a_friendly_404_with_a_search_box(client: Client) -> None:
    response = client.get("/deals/no-such-deal/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "We could not find that page" in html
    assert 'action="/search/"' in html


def test_a_server_error_shows_a_friendly_page(rf: object) -> None:
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin(client: Client) -> None:
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text
