"""The database itself refuses rows that break the rules, whatever wrote them (not only a form)."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from companies.models import Company
from tests.factories import (
    ArticleFactory,
    CompanyAliasFactory,
    CompanyFactory,
    DealEvidenceFactory,
    DealFactory,
    DealPartyFactory,
    MentionFactory,
)

pytestmark = pytest.mark.django_db


def refused(factory, **fields) -> bool:
    try:
        with transaction.atomic():
            factory(**fields)
    except IntegrityError:
        return True
    return False


def test_two_companies_cannot_share_a_slug() -> None:
    CompanyFactory(slug="kuaishou")
    assert refused(CompanyFactory, slug="kuaishou")


def test_a_company_cannot_be_its_own_parent() -> None:
    company = CompanyFactory()
    company.parent = company
    with pytest.raises(IntegrityError), transaction.atomic():
        company.save()


def test_a_country_must_be_an_iso_code() -> None:
    assert refused(CompanyFactory, country="cn")
    assert refused(CompanyFactory, country="C1")
    assert not refused(CompanyFactory, country="CN")


def test_a_company_has_each_alias_name_once() -> None:
    company = CompanyFactory()
    CompanyAliasFactory(company=company, name="Kling")
    assert refused(CompanyAliasFactory, company=company, name="Kling")
    assert not refused(CompanyAliasFactory, name="Kling")


def test_two_articles_cannot_share_a_content_hash() -> None:
    ArticleFactory(body="The same story.")
    assert refused(ArticleFactory, body="The same story.")


def test_two_articles_cannot_share_a_url_but_many_can_have_none() -> None:
    ArticleFactory(url="https://example.com/story")
    assert refused(ArticleFactory, url="https://example.com/story")
    ArticleFactory(url="")
    assert not refused(ArticleFactory, url="")


@pytest.mark.parametrize(("start", "end"), [(5, 5), (9, 4)])
def test_a_mention_needs_end_after_start(start: int, end: int) -> None:
    assert refused(MentionFactory, start=start, end=end)


def test_a_negative_offset_is_refused() -> None:
    assert refused(MentionFactory, start=-1, end=4)


def test_evidence_needs_valid_offsets() -> None:
    assert refused(DealEvidenceFactory, start=10, end=3)


def test_deal_amounts_cannot_be_negative() -> None:
    assert refused(DealFactory, amount=Decimal("-1"), currency="USD")
    assert refused(DealFactory, valuation=Decimal("-5"), valuation_currency="USD")


def test_deal_currencies_must_be_iso_codes() -> None:
    assert refused(DealFactory, amount=Decimal("10"), currency="usd")
    assert refused(DealFactory, amount=Decimal("10"), currency="$")
    assert not refused(DealFactory, amount=Decimal("10"), currency="USD")


def test_an_amount_needs_its_currency() -> None:
    assert refused(DealFactory, amount=Decimal("10"), currency="")


def test_a_party_has_each_role_in_a_deal_once() -> None:
    party = DealPartyFactory()
    assert refused(DealPartyFactory, deal=party.deal, company=party.company, role=party.role)
    assert not refused(DealPartyFactory, deal=party.deal, company=party.company, role="target")


def test_a_company_with_deals_cannot_be_deleted_from_under_them() -> None:
    party = DealPartyFactory()
    with pytest.raises(ProtectedError):
        party.company.delete()
    assert Company.objects.filter(pk=party.company.pk).exists()


@pytest.mark.postgres
def test_postgres_refuses_an_invalid_row_written_with_raw_sql() -> None:
    from django.db import connection

    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO companies_deal (kind, status, title, slug, amount, currency, valuation_currency, round,"
            " verified, created_at, updated_at) VALUES ('ipo', 'agreed', 't', 's', -3, 'USD', '', '', false,"
            " now(), now())"
        )
