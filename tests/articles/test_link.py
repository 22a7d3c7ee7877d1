"""Linking: what the engine finds becomes rows, the same rows every time, and editors' decisions hold."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from articles.models import DealEvidence, Mention, ReviewState
from articles.services import article_link
from companies.models import Company, CompanyStatus, Deal, DealStatus, RejectedName
from companies.names import name_key
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SPIN_OFF = (
    "Kuaishou plans to spin off its Kling AI video unit, valued at $20 billion, the Chinese company said. "
    "Kuaishou will keep a majority of the shares. Kling AI makes tools that generate video from text."
)


def rows(article) -> tuple:
    mentions = list(article.mentions.order_by("start").values_list("id", "company_id", "start", "end"))
    evidence = list(DealEvidence.objects.filter(article=article).values_list("id", "deal_id", "start"))
    return mentions, evidence, Deal.objects.count(), Company.objects.count()


def test_linking_the_seed_story_gives_the_spin_off_and_every_mention(knowledge_base: dict) -> None:
    article = ArticleFactory(body=SPIN_OFF)
    article_link(article_id=article.pk)
    mentioned = {(m.text, m.company.slug) for m in article.mentions.select_related("company")}
    assert mentioned == {("Kuaishou", "kuaishou"), ("Kling AI", "kling-ai")}
    for mention in article.mentions.all():
        assert article.body[mention.start : mention.end] == mention.text
        assert mention.sentence_start <= mention.start < mention.end <= mention.sentence_end
    deal = Deal.objects.get()
    assert (deal.kind, deal.status, deal.valuation, deal.valuation_currency) == (
        "spin_off",
        "proposed",
        Decimal("20000000000"),
        "USD",
    )
    assert set(deal.parties.values_list("company__slug", "role")) == {("kuaishou", "parent"), ("kling-ai", "spun_off")}
    assert deal.title == "Kuaishou plans to spin off Kling AI"
    assert deal.evidence.get().sentence.startswith("Kuaishou plans to spin off its Kling AI video unit")


def test_relinking_an_article_gives_the_same_rows(knowledge_base: dict) -> None:
    article = ArticleFactory(body=SPIN_OFF)
    article_link(article_id=article.pk)
    first = rows(article)
    article_link(article_id=article.pk)
    assert rows(article) == first


def test_a_rejected_mention_stays_rejected_when_the_article_is_relinked(knowledge_base: dict) -> None:
    article = ArticleFactory(body=SPIN_OFF)
    article_link(article_id=article.pk)
    mention = article.mentions.filter(text="Kling AI").first()
    mention.review_state = ReviewState.REJECTED
    mention.save()
    article_link(article_id=article.pk)
    assert Mention.objects.get(pk=mention.pk).review_state == ReviewState.REJECTED
    assert article.mentions.filter(start=mention.start, end=mention.end).count() == 1


def test_a_verified_deal_is_not_changed_by_a_new_report(knowledge_base: dict) -> None:
    article = ArticleFactory(body=SPIN_OFF)
    article_link(article_id=article.pk)
    deal = Deal.objects.get()
    Deal.objects.filter(pk=deal.pk).update(verified=True, status=DealStatus.AGREED, title="Edited by an editor")
    later = ArticleFactory(body="Kuaishou has completed the spin-off of its Kling AI video unit, the company said.")
    article_link(article_id=later.pk)
    deal.refresh_from_db()
    assert (deal.status, deal.title) == (DealStatus.AGREED, "Edited by an editor")


def test_a_deal_reported_again_is_the_same_deal_with_more_evidence(knowledge_base: dict) -> None:
    first = ArticleFactory(body=SPIN_OFF, published_at=datetime(2025, 6, 2, tzinfo=UTC))
    article_link(article_id=first.pk)
    second = ArticleFactory(
        body="Kuaishou has completed the spin-off of its Kling AI video unit, the company said on Friday.",
        published_at=datetime(2025, 9, 5, tzinfo=UTC),
    )
    article_link(article_id=second.pk)
    deal = Deal.objects.get()
    assert deal.evidence.count() == 2
    assert deal.status == DealStatus.COMPLETED


def test_a_discovered_company_is_created_for_editors_to_review(knowledge_base: dict) -> None:
    article = ArticleFactory(
        body="Microsoft agreed to buy Zentrova Systems Inc for $300 million, the companies said on Monday. "
        "Zentrova Systems Inc makes software for warehouses."
    )
    article_link(article_id=article.pk)
    company = Company.objects.get(name_key__startswith="zentrova")
    assert company.status == CompanyStatus.AUTO
    assert company.confidence is not None
    assert article.mentions.filter(company=company).exists()


def test_a_rejected_name_is_not_discovered_again(knowledge_base: dict) -> None:
    RejectedName.objects.create(name="Zentrova Systems Inc", name_key=name_key("Zentrova Systems Inc"))
    article = ArticleFactory(body="Microsoft agreed to buy Zentrova Systems Inc for $300 million on Monday.")
    article_link(article_id=article.pk)
    assert not Company.objects.filter(name_key__startswith="zentrova").exists()


def test_a_deleted_article_is_skipped_quietly() -> None:
    assert article_link(article_id=987654) is None


def test_an_article_over_the_mention_limit_keeps_its_first_mentions_and_says_why(
    knowledge_base: dict, settings: object
) -> None:
    settings.NEWSBASE_MAX_MENTIONS_PER_ARTICLE = 3  # type: ignore[attr-defined]
    article = ArticleFactory(body=SPIN_OFF + " Kuaishou" * 5 + ".")

    summary = article_link(article_id=article.pk)

    assert list(article.mentions.order_by("start").values_list("text", flat=True)) == [
        "Kuaishou",
        "Kling AI",
        "Kuaishou",
    ]
    article.refresh_from_db()
    assert article.link_status == "linked"
    assert article.link_warning.startswith("only the first 3 of 9 mentions were linked")
    assert "NEWSBASE_MAX_MENTIONS_PER_ARTICLE" in article.link_warning
    assert summary is not None
    assert summary.warning == article.link_warning
    assert Deal.objects.get().kind == "spin_off"


def test_relinking_within_the_mention_limit_clears_the_warning(knowledge_base: dict, settings: object) -> None:
    settings.NEWSBASE_MAX_MENTIONS_PER_ARTICLE = 1  # type: ignore[attr-defined]
    article = ArticleFactory(body=SPIN_OFF)
    article_link(article_id=article.pk)
    settings.NEWSBASE_MAX_MENTIONS_PER_ARTICLE = 1000  # type: ignore[attr-defined]

    article_link(article_id=article.pk)

    article.refresh_from_db()
    assert (article.link_warning, article.mentions.count()) == ("", 4)
