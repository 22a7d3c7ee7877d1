import pytest
from django.core.exceptions import ValidationError

from companies.models import AliasKind, CompanyKind, CompanyStatus
from companies.services import AliasInput, company_check_parent, company_create
from newsbase.slugs import slug_base

pytestmark = pytest.mark.django_db


def test_creating_a_company_gives_it_a_readable_slug_and_its_aliases() -> None:
    company = company_create(
        name="Kuaishou Technology",
        status=CompanyStatus.VERIFIED,
        country="cn",
        aliases=[AliasInput("Kuaishou"), AliasInput("1024", kind=AliasKind.TICKER)],
    )
    assert company.slug == "kuaishou-technology"
    assert company.country == "CN"
    assert sorted(company.aliases.values_list("name", flat=True)) == ["1024", "Kuaishou"]


def test_slugs_stay_unique_when_names_collide() -> None:
    first = company_create(name="Orange")
    second = company_create(name="Orange")
    third = company_create(name="ORANGE!")
    assert [first.slug, second.slug, third.slug] == ["orange", "orange-2", "orange-3"]


def test_non_latin_names_get_ascii_slugs() -> None:
    assert slug_base("快手") == "kuaishou"
    assert slug_base("Société Générale") == "societe-generale"
    assert slug_base("Яндекс") == "yandeks"


def test_a_name_of_symbols_only_still_gets_a_stable_slug() -> None:
    assert slug_base("★★") == slug_base("★★")
    assert slug_base("★★").startswith("n-")


def test_a_company_cannot_own_its_own_parent_through_a_unit() -> None:
    parent = company_create(name="Kuaishou")
    unit = company_create(name="Kling AI", kind=CompanyKind.UNIT, parent=parent)
    with pytest.raises(ValidationError):
        company_check_parent(company=parent, parent=unit)


def test_an_alias_equal_to_the_name_is_not_stored() -> None:
    company = company_create(name="Kuaishou", aliases=[AliasInput("KUAISHOU"), AliasInput("Kuaishou's")])
    assert company.aliases.count() == 0
