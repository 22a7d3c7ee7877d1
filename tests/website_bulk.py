"""Many related rows at once, fast (bulk inserts), for tests that pin a page's query count as the data grows."""

from __future__ import annotations

import datetime
import hashlib

from django.utils import timezone

from articles.models import Article, DealEvidence, Mention
from companies.models import Company, Deal, DealKind, DealParty, DealStatus, PartyRole
from tests.factories import CompanyFactory, SourceFactory

ROLES = [PartyRole.ACQUIRER, PartyRole.TARGET, PartyRole.INVESTOR, PartyRole.PARTNER]


def add_coverage(company: Company, rows: int) -> None:
    """`rows` articles naming the company and another, `rows` deals with it as a party, each with evidence."""
    other = CompanyFactory()
    source = SourceFactory()
    now = timezone.now()
    tag = f"{company.pk}-{rows}"
    articles = Article.objects.bulk_create(
        Article(
            title=f"{company.name} story {i}",
            slug=f"story-{tag}-{i}",
            body=f"{company.name} and {other.name} did something on day {i}.",
            content_hash=hashlib.sha256(f"{tag}-{i}".encode()).hexdigest(),
            source=source,
            published_at=now - datetime.timedelta(days=i % 700),
        )
        for i in range(rows)
    )
    mentions = []
    for article in articles:
        first = len(company.name)
        second = article.body.index(other.name)
        mentions.append(Mention(article=article, company=company, text=company.name, start=0, end=first))
        mentions.append(
            Mention(article=article, company=other, text=other.name, start=second, end=second + len(other.name))
        )
    Mention.objects.bulk_create(mentions)
    deals = Deal.objects.bulk_create(
        Deal(
            kind=DealKind.ACQUISITION,
            status=DealStatus.AGREED,
            title=f"Deal {tag} {i}",
            slug=f"deal-{tag}-{i}",
            announced_on=(now - datetime.timedelta(days=i)).date(),
        )
        for i in range(rows)
    )
    DealParty.objects.bulk_create(
        party
        for i, deal in enumerate(deals)
        for party in (
            DealParty(deal=deal, company=company, role=ROLES[i % len(ROLES)]),
            DealParty(deal=deal, company=other, role=PartyRole.SELLER),
        )
    )
    DealEvidence.objects.bulk_create(
        DealEvidence(deal=deal, article=article, sentence=article.body, start=0, end=len(article.body))
        for deal, article in zip(deals, articles, strict=True)
    )
