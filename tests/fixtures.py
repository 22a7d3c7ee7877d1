"""Fixtures used across the suite."""

from collections.abc import Iterator

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Each test starts with an empty cache and no compiled gazetteer left from another test's companies."""
    from articles.gazetteer import gazetteer_forget

    cache.clear()
    gazetteer_forget()


@pytest.fixture
def knowledge_base(db: None) -> Iterator[dict[str, object]]:
    """A few known companies, written for the tests: enough for the engine to link and find deals."""
    from articles.gazetteer import gazetteer_forget
    from companies.models import AliasKind, CompanyKind, CompanyStatus
    from companies.services import AliasInput, company_create

    verified = CompanyStatus.VERIFIED
    kuaishou = company_create(
        name="Kuaishou", status=verified, country="CN", aliases=[AliasInput("Kuaishou Technology")]
    )
    companies = {
        "kuaishou": kuaishou,
        "kling": company_create(name="Kling AI", kind=CompanyKind.UNIT, parent=kuaishou, status=verified),
        "microsoft": company_create(
            name="Microsoft",
            status=verified,
            country="US",
            aliases=[AliasInput("Microsoft Corp"), AliasInput("MSFT", kind=AliasKind.TICKER)],
        ),
        "activision": company_create(name="Activision Blizzard", status=verified, country="US"),
        "vodafone": company_create(name="Vodafone", status=verified, country="GB"),
    }
    gazetteer_forget()
    yield companies
    gazetteer_forget()


@pytest.fixture
def without_history_middleware(settings: object) -> None:
    """Services are told who acts; simple-history's request middleware, only a fallback, must not be what names them."""
    history_middleware = "simple_history.middleware.HistoryRequestMiddleware"
    settings.MIDDLEWARE = [name for name in settings.MIDDLEWARE if name != history_middleware]  # type: ignore[attr-defined]
