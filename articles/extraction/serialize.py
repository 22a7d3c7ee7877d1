"""The JSON form of an extraction, as `manage.py extract --json` prints it (the caller adds "document" and
"title")."""

from __future__ import annotations

from typing import Any

from articles.extraction.types import CompanyCandidate, DealCandidate, Extraction

# Discovered companies below this confidence are for editors to review, not for public pages. A legal form alone
# ("Woodco Inc"), a descriptor ("tech firm X"), or two weaker cues together clear it; repetition alone does not.
# Known companies always clear it. The quality benchmark scores what a public page would show: this threshold.
PUBLIC_CONFIDENCE = 0.6


def extraction_to_json(extraction: Extraction, *, min_confidence: float = 0.0) -> dict[str, Any]:
    """Every company at or above `min_confidence` (default: all, each with its confidence) and every deal."""
    return {
        "companies": [_company(company) for company in extraction.companies if company.confidence >= min_confidence],
        "deals": [_deal(deal) for deal in extraction.deals],
    }


def is_public(company: CompanyCandidate) -> bool:
    return company.is_known or company.confidence >= PUBLIC_CONFIDENCE


def _company(company: CompanyCandidate) -> dict[str, Any]:
    return {
        "name": company.name,
        "slug": company.key,
        "status": "known" if company.is_known else "discovered",
        "confidence": round(company.confidence, 3),
        "parent": company.parent_name,
        "kind": str(company.kind),
        "mentions": [
            {"text": mention.text, "start": mention.start, "end": mention.end} for mention in company.mentions
        ],
    }


def _deal(deal: DealCandidate) -> dict[str, Any]:
    return {
        "kind": str(deal.kind),
        "status": str(deal.status),
        "amount": None if deal.amount is None else str(deal.amount),
        "currency": deal.currency,
        "valuation": None if deal.valuation is None else str(deal.valuation),
        "valuation_currency": deal.valuation_currency,
        "round": deal.round,
        "announced_on": deal.announced_on.isoformat() if deal.announced_on else None,
        "parties": [{"name": party.name, "role": str(party.role)} for party in deal.parties],
        "evidence": deal.evidence.text,
    }
