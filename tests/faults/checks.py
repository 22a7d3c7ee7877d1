"""What a run must look like after any fault: every document stored once, linked, and nothing written twice.

The fault tests read the rows of a database of their own through a connection alias, never the test database.
"""

from __future__ import annotations

from django.db.models import Count

from articles.models import Article, DealEvidence, IngestItem, IngestRun, ItemStatus, LinkStatus, Mention
from companies.models import Company, CompanyStatus, Deal, DealParty


def assert_run_stored_once_and_linked(*, using: str, run: IngestRun, documents: int) -> None:
    items = IngestItem.objects.using(using).filter(run=run)
    statuses = dict(items.values_list("status").annotate(n=Count("id")).order_by())
    assert statuses == {ItemStatus.CREATED: documents}, f"every document is stored (no duplicate of itself): {statuses}"
    articles = Article.objects.using(using)
    assert articles.count() == documents
    assert articles.values("content_hash").distinct().count() == documents
    assert set(items.values_list("article_id", flat=True).distinct()) == set(articles.values_list("id", flat=True))
    not_linked = list(articles.exclude(link_status=LinkStatus.LINKED).values_list("id", "link_status", "link_error"))
    assert not not_linked, f"every article is linked: {not_linked[:5]}"
    assert Mention.objects.using(using).count() > documents, "every story names known companies: linking ran"
    assert_nothing_written_twice(using=using)


def assert_nothing_written_twice(*, using: str) -> None:
    doubled_mentions = (
        Mention.objects.using(using).values("article", "company", "start", "end").annotate(n=Count("id")).order_by()
    )
    assert not doubled_mentions.filter(n__gt=1).exists()
    deals_by_parties: dict[tuple[str, frozenset[tuple[int, str]]], list[int]] = {}
    parties = DealParty.objects.using(using).values_list("deal_id", "company_id", "role")
    parties_of: dict[int, set[tuple[int, str]]] = {}
    for deal_id, company_id, role in parties:
        parties_of.setdefault(deal_id, set()).add((company_id, role))
    for deal_id, kind in Deal.objects.using(using).values_list("id", "kind"):
        deals_by_parties.setdefault((kind, frozenset(parties_of.get(deal_id, ()))), []).append(deal_id)
    assert deals_by_parties, "the stories report deals: some must be recorded"
    assert all(len(ids) == 1 for ids in deals_by_parties.values()), deals_by_parties
    doubled_evidence = (
        DealEvidence.objects.using(using).values("deal", "article", "start").annotate(n=Count("id")).order_by()
    )
    assert not doubled_evidence.filter(n__gt=1).exists()
    discovered_twice = (
        Company.objects.using(using)
        .filter(status=CompanyStatus.AUTO)
        .values("name_key")
        .annotate(n=Count("id"))
        .order_by()
        .filter(n__gt=1)
    )
    assert not discovered_twice.exists()


def stored_rows(*, using: str) -> dict[str, list[tuple[object, ...]]]:
    """Everything ingesting and linking writes, as comparable rows."""
    return {
        "runs": list(IngestRun.objects.using(using).order_by("pk").values_list("pk", "status", "error")),
        "items": list(
            IngestItem.objects.using(using).order_by("pk").values_list("pk", "status", "article_id", "reason")
        ),
        "articles": list(
            Article.objects.using(using).order_by("pk").values_list("pk", "content_hash", "slug", "link_status")
        ),
        # Linking again may rewrite an article's mentions and evidence: the same rows, not necessarily the same ids.
        "mentions": sorted(
            Mention.objects.using(using).values_list("article_id", "company_id", "text", "start", "end", "method")
        ),
        "companies": list(
            Company.objects.using(using).order_by("pk").values_list("pk", "name", "kind", "parent_id", "status")
        ),
        "deals": list(Deal.objects.using(using).order_by("pk").values_list("pk", "kind", "status", "amount")),
        "parties": sorted(DealParty.objects.using(using).values_list("deal_id", "company_id", "role")),
        "evidence": sorted(DealEvidence.objects.using(using).values_list("deal_id", "article_id", "start", "end")),
    }
