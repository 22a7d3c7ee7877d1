"""Linking: what the engine finds becomes rows, the same rows every time, and editors' decisions hold."""

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import DealEvidence, Mention, ReviewState
from articles.services import article_link
from companies.importing import STARTER_FILE
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


# --- One deal, however many articles report it; two deals when the reports disagree on who does what -----------


def linked(body: str, on: datetime) -> None:
    article_link(article_id=ArticleFactory(body=body, published_at=on).pk)


def deal_parties() -> list[set[tuple[str, str]]]:
    return [
        set(deal.parties.values_list("company__name", "role")) for deal in Deal.objects.order_by("announced_on", "pk")
    ]


def test_a_sale_and_the_buyers_purchase_reported_in_two_articles_are_one_deal(knowledge_base: dict) -> None:
    linked("Vodafone has agreed to sell Activision Blizzard to Microsoft.", datetime(2024, 3, 15, tzinfo=UTC))
    linked("Microsoft has agreed to buy Activision Blizzard, the games company.", datetime(2024, 3, 18, tzinfo=UTC))
    assert deal_parties() == [
        {("Microsoft", "acquirer"), ("Activision Blizzard", "target"), ("Vodafone", "seller")},
    ]
    assert Deal.objects.get().evidence.count() == 2


def test_a_buyer_that_later_tries_to_sell_the_company_on_has_two_deals(knowledge_base: dict) -> None:
    linked("Vodafone has agreed to buy Activision Blizzard for $2 billion.", datetime(2024, 1, 10, tzinfo=UTC))
    linked("Vodafone has agreed to sell Activision Blizzard to Microsoft.", datetime(2024, 6, 10, tzinfo=UTC))
    assert deal_parties() == [
        {("Vodafone", "acquirer"), ("Activision Blizzard", "target")},
        {("Microsoft", "acquirer"), ("Activision Blizzard", "target"), ("Vodafone", "seller")},
    ]


def test_rival_bidders_for_one_company_in_two_articles_are_two_deals(knowledge_base: dict) -> None:
    linked("Microsoft made a $70 billion bid for Activision Blizzard.", datetime(2024, 1, 10, tzinfo=UTC))
    linked("Vodafone made a $75 billion bid for Activision Blizzard.", datetime(2024, 1, 20, tzinfo=UTC))
    assert deal_parties() == [
        {("Microsoft", "acquirer"), ("Activision Blizzard", "target")},
        {("Vodafone", "acquirer"), ("Activision Blizzard", "target")},
    ]


def test_a_deal_completed_nearly_two_years_after_it_was_agreed_is_one_deal(knowledge_base: dict) -> None:
    linked("Microsoft has agreed to buy Activision Blizzard for $68.7 billion.", datetime(2022, 1, 18, tzinfo=UTC))
    linked("Microsoft has completed its acquisition of Activision Blizzard.", datetime(2023, 10, 13, tzinfo=UTC))
    deal = Deal.objects.get()
    assert (deal.status, deal.evidence.count()) == (DealStatus.COMPLETED, 2)
    # The headline moves on with the deal: no longer "agreed to acquire".
    assert deal.title == "Microsoft acquired Activision Blizzard"


def test_a_purchase_the_text_dates_years_earlier_is_not_the_recent_deal(knowledge_base: dict) -> None:
    linked("Microsoft has completed its acquisition of Activision Blizzard.", datetime(2023, 10, 13, tzinfo=UTC))
    linked(
        "Microsoft, which bought Activision Blizzard in 2016, has written down the games unit.",
        datetime(2023, 11, 2, tzinfo=UTC),
    )
    assert Deal.objects.count() == 2


def test_two_funding_rounds_of_one_company_a_few_months_apart_are_two_deals(knowledge_base: dict) -> None:
    linked("Kling AI has raised $100 million in a Series A round led by Microsoft.", datetime(2024, 2, 1, tzinfo=UTC))
    linked("Kling AI has raised $300 million in a Series B round led by Microsoft.", datetime(2024, 9, 1, tzinfo=UTC))
    assert sorted(Deal.objects.values_list("round", flat=True)) == ["Series A", "Series B"]


@pytest.mark.parametrize("sale_first", [True, False], ids=["sale, then purchase", "purchase, then sale"])
def test_a_sale_and_a_purchase_of_one_business_in_two_articles_are_one_acquisition(
    knowledge_base: dict, sale_first: bool
) -> None:
    sale = ("Vodafone has agreed to sell its Activision Blizzard unit.", datetime(2024, 3, 15, tzinfo=UTC))
    purchase = ("Microsoft has agreed to buy Activision Blizzard for $2 billion.", datetime(2024, 3, 18, tzinfo=UTC))
    for body, on in [sale, purchase] if sale_first else [purchase, sale]:
        linked(body, on)

    deal = Deal.objects.get()
    assert (deal.kind, deal.evidence.count(), deal.amount) == ("acquisition", 2, 2_000_000_000)
    assert deal_parties() == [
        {("Microsoft", "acquirer"), ("Activision Blizzard", "target"), ("Vodafone", "seller")},
    ]
    assert deal.title.startswith("Microsoft")


def test_a_sale_by_the_earlier_buyer_is_not_taken_for_its_own_purchase(knowledge_base: dict) -> None:
    linked("Vodafone has agreed to buy Activision Blizzard for $2 billion.", datetime(2024, 1, 10, tzinfo=UTC))
    linked("Vodafone has agreed to sell its Activision Blizzard unit.", datetime(2024, 6, 10, tzinfo=UTC))

    assert sorted(Deal.objects.values_list("kind", flat=True)) == ["acquisition", "divestment"]


def test_a_verified_sale_keeps_its_kind_when_the_purchase_is_reported(knowledge_base: dict) -> None:
    linked("Vodafone has agreed to sell its Activision Blizzard unit.", datetime(2024, 3, 15, tzinfo=UTC))
    Deal.objects.update(verified=True)
    linked("Microsoft has agreed to buy Activision Blizzard for $2 billion.", datetime(2024, 3, 18, tzinfo=UTC))

    deal = Deal.objects.get()
    assert (deal.kind, deal.evidence.count()) == ("divestment", 2)
    assert deal_parties() == [{("Vodafone", "seller"), ("Activision Blizzard", "target")}]


# --- The Arm samples: SoftBank's purchase, Nvidia's abandoned bid and the listing, each one deal ---------------

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
ARM_COMPANIES = {"Arm Holdings", "SoftBank Group", "Nvidia"}


@pytest.mark.parametrize(
    "order", [("arm-nasdaq-ipo.txt", "nvidia-arm-cancelled.txt"), ("nvidia-arm-cancelled.txt", "arm-nasdaq-ipo.txt")]
)
def test_the_arm_samples_give_one_purchase_one_abandoned_bid_and_one_listing(
    order: tuple[str, str], tmp_path: Path, django_capture_on_commit_callbacks
) -> None:
    # The three companies as the starter knowledge base has them ("Arm" needs corporate context to link).
    starter = json.loads(STARTER_FILE.read_text(encoding="utf-8"))
    companies = tmp_path / "arm-companies.json"
    companies.write_text(json.dumps([record for record in starter["companies"] if record["name"] in ARM_COMPANIES]))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_companies", str(companies), stdout=StringIO())
    for name in order:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("ingest", str(SAMPLES / name), "--no-progress", stdout=StringIO())
    deals = {
        (deal.kind, deal.status): (deal, set(deal.parties.values_list("company__name", "role")))
        for deal in Deal.objects.filter(parties__company__name="Arm Holdings")
    }
    assert set(deals) == {("acquisition", "completed"), ("acquisition", "cancelled"), ("ipo", "completed")}
    assert len(deals) == Deal.objects.filter(parties__company__name="Arm Holdings").count()
    assert deals[("acquisition", "completed")][1] == {("SoftBank Group", "acquirer"), ("Arm Holdings", "target")}
    bid, bid_parties = deals[("acquisition", "cancelled")]
    assert bid_parties == {("Nvidia", "acquirer"), ("Arm Holdings", "target"), ("SoftBank Group", "seller")}
    listing, listing_parties = deals[("ipo", "completed")]
    assert listing_parties == {("Arm Holdings", "issuer")}
    # Each of the two stories reports the bid and the listing: the planned listing of February 2022 and the Nasdaq
    # debut of September 2023 are one listing.
    assert bid.evidence.values("article").distinct().count() == 2
    assert listing.evidence.values("article").distinct().count() == 2
    assert listing.announced_on == date(2023, 9, 14)
