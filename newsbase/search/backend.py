"""What every search backend provides, and the pieces they share."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Protocol

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from companies.models import Company, Deal
from companies.selectors import attach_headlines, with_parties

# ts_headline marks matches with these; they cannot occur in stored text, so escaping the rest is safe.
START_MARK, STOP_MARK = "\x02", "\x03"


class SearchBackend(Protocol):
    def count(self, kind: str, query: str) -> int: ...

    def hits(self, kind: str, query: str, *, offset: int, limit: int) -> list[Any]: ...


@dataclass(slots=True)
class ArticleHit:
    article: Any
    title: SafeString
    snippet: SafeString


@dataclass(slots=True)
class CompanyHit:
    company: Company
    # The alias the query matched, when it matched an alias rather than the name ("Facebook" for Meta).
    via_alias: str = ""


def marked_to_html(text: str) -> SafeString:
    """Escape text whose matches are wrapped in START_MARK/STOP_MARK, turning the marks into <mark>."""
    cleaned = text.replace("\n", " ")
    html = escape(cleaned).replace(START_MARK, "<mark>").replace(STOP_MARK, "</mark>")
    # Only our two sentinel characters became markup; everything else went through escape().
    return mark_safe(html)  # noqa: S308


def query_terms(query: str) -> list[str]:
    """The words of a query, without search operators and quotes."""
    words = re.findall(r"[\w][\w'&.-]*", query)
    return [word.strip(".-'") for word in words if word.lower() not in {"or", "and"} and word.strip(".-'")]


def mark_terms(text: str, terms: list[str]) -> str:
    if not terms:
        return text
    pattern = re.compile("|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    return pattern.sub(lambda match: f"{START_MARK}{match.group(0)}{STOP_MARK}", text)


def excerpt_around(text: str, terms: list[str], *, width: int = 240) -> str:
    """A window of text around the first term found, with ellipses where it was cut."""
    lowered = text.lower()
    positions = [lowered.find(term.lower()) for term in terms]
    found = [position for position in positions if position >= 0]
    first = min(found) if found else 0
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > first else end
    return f"{'… ' if start else ''}{text[start:end].strip()}{' …' if end < len(text) else ''}"


def deals_in_order(ids: list[int]) -> list[Deal]:
    deals = {deal.pk: deal for deal in with_parties(Deal.objects.filter(pk__in=ids))}
    return attach_headlines(deals[pk] for pk in ids if pk in deals)
