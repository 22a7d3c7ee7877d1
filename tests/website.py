"""A small, realistic knowledge base for the website's tests: real-looking stories with mentions at true offsets."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from articles.models import Article, Mention
from companies.models import Company, CompanyKind, Deal, DealKind, DealStatus, PartyRole
from tests.factories import (
    ArticleFactory,
    CompanyAliasFactory,
    CompanyFactory,
    DealEvidenceFactory,
    DealFactory,
    DealPartyFactory,
    MentionFactory,
    SourceFactory,
)

KLING_STORY = (
    "Kuaishou plans to spin off Kling AI\n\n"
    "Kuaishou Technology said on Monday that it plans to spin off Kling AI, its video generation unit, "
    "into a separately funded company. Kling AI has grown quickly since its launch. "
    "Analysts said Kuaishou could raise as much as $2 billion for the unit.\n\n"
    "ByteDance, which owns TikTok, competes with Kuaishou in short video."
)
ACTIVISION_STORY = (
    "Microsoft completed its $68.7 billion acquisition of Activision Blizzard on Friday. "
    "Microsoft agreed to acquire Activision Blizzard in January 2022.\n\n"
    "Regulators in the UK had held up the deal. Activision Blizzard makes Call of Duty."
)


@dataclass
class Scenario:
    kuaishou: Company
    kling: Company
    bytedance: Company
    microsoft: Company
    activision: Company
    spin_off: Deal
    acquisition: Deal
    kling_article: Article
    activision_article: Article


def mention(article: Article, company: Company, text: str, *, occurrence: int = 0) -> Mention:
    """A mention of `text` at its true offset in the body, with the sentence around it."""
    start = -1
    for _ in range(occurrence + 1):
        start = article.body.index(text, start + 1)
    end = start + len(text)
    full_stop, line_break = article.body.rfind(". ", 0, start), article.body.rfind("\n", 0, start)
    sentence_start = max(full_stop + 2 if full_stop >= 0 else 0, line_break + 1)
    stops = [i for i in (article.body.find(". ", end), article.body.find("\n", end)) if i >= 0]
    sentence_end = min(stops) + 1 if stops else len(article.body)
    return MentionFactory(
        article=article,
        company=company,
        text=text,
        start=start,
        end=end,
        sentence_start=sentence_start,
        sentence_end=sentence_end,
    )


def build_scenario() -> Scenario:
    now = timezone.now()
    reuters = SourceFactory(name="Reuters", slug="reuters")
    verge = SourceFactory(name="The Verge", slug="the-verge")
    kuaishou = CompanyFactory(
        name="Kuaishou",
        slug="kuaishou",
        country="CN",
        website="https://www.kuaishou.com",
        description="Kuaishou Technology runs one of China's largest short-video platforms.",
    )
    CompanyAliasFactory(company=kuaishou, name="Kuaishou Technology")
    kling = CompanyFactory(name="Kling AI", slug="kling-ai", country="CN", kind=CompanyKind.UNIT, parent=kuaishou)
    bytedance = CompanyFactory(name="ByteDance", slug="bytedance", country="CN")
    microsoft = CompanyFactory(
        name="Microsoft", slug="microsoft", website="https://www.microsoft.com", description="Software and cloud."
    )
    activision = CompanyFactory(name="Activision Blizzard", slug="activision-blizzard")

    kling_article = ArticleFactory(
        title="Kuaishou plans to spin off Kling AI",
        slug="kuaishou-plans-to-spin-off-kling-ai",
        body=KLING_STORY.split("\n\n", 1)[1],
        source=reuters,
        author="Jane Li",
        url="https://example.com/kuaishou-kling",
        published_at=now - datetime.timedelta(days=2),
    )
    for company, text, occurrence in [
        (kuaishou, "Kuaishou Technology", 0),
        (kling, "Kling AI", 0),
        (kling, "Kling AI", 1),
        (kuaishou, "Kuaishou", 1),
        (bytedance, "ByteDance", 0),
        (kuaishou, "Kuaishou", 2),
    ]:
        mention(kling_article, company, text, occurrence=occurrence)

    activision_article = ArticleFactory(
        title="Microsoft closes its Activision Blizzard deal",
        slug="microsoft-closes-activision-blizzard-deal",
        body=ACTIVISION_STORY,
        source=verge,
        published_at=now - datetime.timedelta(days=40),
    )
    for company, text, occurrence in [
        (microsoft, "Microsoft", 0),
        (activision, "Activision Blizzard", 0),
        (microsoft, "Microsoft", 1),
        (activision, "Activision Blizzard", 1),
    ]:
        mention(activision_article, company, text, occurrence=occurrence)

    spin_off = DealFactory(
        kind=DealKind.SPIN_OFF,
        status=DealStatus.PROPOSED,
        title="",
        slug="kuaishou-spins-off-kling-ai",
        announced_on=(now - datetime.timedelta(days=2)).date(),
        valuation=Decimal("20000000000"),
        valuation_currency="USD",
    )
    DealPartyFactory(deal=spin_off, company=kuaishou, role=PartyRole.PARENT)
    DealPartyFactory(deal=spin_off, company=kling, role=PartyRole.SPUN_OFF)
    sentence = "Kuaishou Technology said on Monday that it plans to spin off Kling AI, its video generation unit"
    DealEvidenceFactory(deal=spin_off, article=kling_article, sentence=sentence, start=0, end=len(sentence))

    acquisition = DealFactory(
        kind=DealKind.ACQUISITION,
        status=DealStatus.COMPLETED,
        title="",
        slug="microsoft-acquires-activision-blizzard",
        announced_on=datetime.date(2022, 1, 18),
        amount=Decimal("68700000000"),
        currency="USD",
    )
    DealPartyFactory(deal=acquisition, company=microsoft, role=PartyRole.ACQUIRER)
    DealPartyFactory(deal=acquisition, company=activision, role=PartyRole.TARGET)
    first = ACTIVISION_STORY.split(". ")[0] + "."
    DealEvidenceFactory(deal=acquisition, article=activision_article, sentence=first, start=0, end=len(first))

    from companies.stats import company_mention_counts_refresh

    company_mention_counts_refresh()
    return Scenario(
        kuaishou=kuaishou,
        kling=kling,
        bytedance=bytedance,
        microsoft=microsoft,
        activision=activision,
        spin_off=spin_off,
        acquisition=acquisition,
        kling_article=kling_article,
        activision_article=activision_article,
    )
