"""Linking: what the engine finds in an article becomes mentions, companies and deals, in one transaction.

Re-linking an article gives the same rows: mentions are compared with what is stored and only the difference is
written; a deal reported again is found again (same kind, same companies, within DEAL_WINDOW) and gains evidence
rather than a twin. Editors' decisions win: a confirmed or rejected mention, a verified company, a verified deal
are never changed here.
"""

from __future__ import annotations

import bisect
import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from articles.extraction.pipeline import extract
from articles.extraction.serialize import is_public
from articles.extraction.types import CompanyCandidate, DealCandidate, Extraction, ExtractionError
from articles.gazetteer import gazetteer_current
from articles.models import Article, DealEvidence, LinkStatus, Mention, MentionMethod, ReviewState
from companies.headlines import deal_headline
from companies.models import (
    Company,
    CompanyAlias,
    CompanyKind,
    CompanyStatus,
    Deal,
    DealParty,
    DealStatus,
    RejectedName,
)
from companies.name_changes import names_changed
from companies.names import name_key
from companies.services import company_create
from companies.stats import company_mention_counts_refresh
from newsbase.pagecache import content_changed
from newsbase.slugs import unique_slug

logger = logging.getLogger(__name__)

# Two reports of the same kind of deal between the same companies this close in time are one deal.
DEAL_WINDOW = timedelta(days=365)
STATUS_PROGRESS = {
    DealStatus.RUMORED: 0,
    DealStatus.PROPOSED: 1,
    DealStatus.AGREED: 2,
    DealStatus.COMPLETED: 3,
}
FINAL_STATUSES = {DealStatus.REJECTED, DealStatus.CANCELLED}


@dataclass
class LinkSummary:
    mentions: int = 0
    companies_created: list[str] = field(default_factory=list)
    deals_created: int = 0
    deals_updated: int = 0


def article_link(*, article_id: int) -> LinkSummary | None:
    """Links one article; returns None when the article no longer exists."""
    article = Article.objects.filter(pk=article_id).only("id", "body", "published_at", "created_at").first()
    if article is None:
        return None
    gazetteer = gazetteer_current()
    published_on = (article.published_at or article.created_at).date()
    try:
        extraction = extract(article.body, gazetteer, published_on=published_on)
    except ExtractionError as error:
        Article.objects.filter(pk=article_id).update(link_status=LinkStatus.FAILED, link_error=str(error))
        logger.warning("article %s could not be linked: %s", article_id, error)
        return LinkSummary()
    with transaction.atomic():
        article = Article.objects.select_for_update().get(pk=article_id)
        summary = LinkSummary()
        named_before = set(article.mentions.values_list("company_id", flat=True))
        companies = _resolve_companies(extraction.companies, summary)
        summary.mentions = _write_mentions(article, extraction, companies)
        _write_deals(article, extraction.deals, companies, published_on, summary)
        article.link_status = LinkStatus.LINKED
        article.link_error = ""
        article.linked_at = timezone.now()
        # No history version: the articles' history is for editors' changes, not for every linking.
        article.save_without_historical_record(update_fields=["link_status", "link_error", "linked_at", "updated_at"])
        # Counts on company pages, and every cached page: bulk writes send no signals, so say it here.
        named_now = set(article.mentions.values_list("company_id", flat=True))
        company_mention_counts_refresh(company_ids=named_before | named_now)
        transaction.on_commit(content_changed)
        if summary.companies_created:
            names_changed(urgent=False)
    return summary


# --- Companies ------------------------------------------------------------------------------------------------


def _resolve_companies(candidates: list[CompanyCandidate], summary: LinkSummary) -> dict[int, Company]:
    """Maps each candidate (by its index) to a stored company, creating the discovered ones that are new."""
    known_keys = {candidate.key for candidate in candidates if candidate.key}
    by_slug = {company.slug: company for company in Company.objects.filter(slug__in=known_keys)}
    new_keys = {name_key(candidate.name) for candidate in candidates if not candidate.key}
    by_key: dict[str, Company] = {}
    if new_keys:
        for company in Company.objects.filter(name_key__in=new_keys):
            by_key.setdefault(company.name_key, company)
        for alias in CompanyAlias.objects.filter(name_key__in=new_keys).select_related("company"):
            by_key.setdefault(alias.name_key, alias.company)
    rejected = set(RejectedName.objects.filter(name_key__in=new_keys).values_list("name_key", flat=True))

    resolved: dict[int, Company] = {}
    created: dict[int, CompanyCandidate] = {}
    for index, candidate in enumerate(candidates):
        if candidate.key:
            company = by_slug.get(candidate.key)
        else:
            key = name_key(candidate.name)
            if key in rejected or not key:
                continue
            company = by_key.get(key)
            if company is None:
                company = company_create(
                    name=candidate.name,
                    kind=CompanyKind(candidate.kind.value),
                    status=CompanyStatus.AUTO,
                    country=candidate.country or "",
                    confidence=round(min(max(candidate.confidence, 0.0), 1.0), 3),
                    # Below the engine's public threshold a find waits for an editor before readers see it.
                    is_public=is_public(candidate),
                )
                by_key[key] = company
                created[index] = candidate
                summary.companies_created.append(company.name)
        if company is not None:
            resolved[index] = company
    _attach_parents(candidates, resolved, created)
    return resolved


def _attach_parents(
    candidates: list[CompanyCandidate], resolved: dict[int, Company], created: dict[int, CompanyCandidate]
) -> None:
    """Gives newly discovered units their parent ("Kuaishou's Kling AI video unit"); never rewrites an editor's."""
    by_name = {
        name_key(candidate.name): resolved[index] for index, candidate in enumerate(candidates) if index in resolved
    }
    by_slug = {company.slug: company for company in resolved.values()}
    for index, candidate in enumerate(candidates):
        company = resolved.get(index)
        if company is None or company.status == CompanyStatus.VERIFIED or company.parent_id is not None:
            continue
        parent = None
        if candidate.parent_key:
            parent = by_slug.get(candidate.parent_key) or Company.objects.filter(slug=candidate.parent_key).first()
        elif candidate.parent_name:
            parent = by_name.get(name_key(candidate.parent_name))
        if parent is None or parent.pk == company.pk:
            continue
        company.parent = parent
        if index in created:
            company.kind = CompanyKind.UNIT
        company.save(update_fields=["parent", "kind", "updated_at"])


# --- Mentions -------------------------------------------------------------------------------------------------


def _write_mentions(article: Article, extraction: Extraction, companies: dict[int, Company]) -> int:
    sentence_starts = [sentence.start for sentence in extraction.sentences]
    wanted: dict[tuple[int, int, int], Mention] = {}
    for index, candidate in enumerate(extraction.companies):
        company = companies.get(index)
        if company is None:
            continue
        for found in candidate.mentions:
            sentence = None
            position = bisect.bisect_right(sentence_starts, found.start) - 1
            if position >= 0 and extraction.sentences[position].end >= found.end:
                sentence = extraction.sentences[position]
            wanted[(found.start, found.end, company.pk)] = Mention(
                article=article,
                company=company,
                text=found.text[:255],
                start=found.start,
                end=found.end,
                sentence_start=sentence.start if sentence else None,
                sentence_end=sentence.end if sentence else None,
                confidence=round(min(max(found.confidence, 0.0), 1.0), 3),
                method=MentionMethod.GAZETTEER if candidate.key else MentionMethod.DISCOVERED,
            )
    stored = list(article.mentions.all())
    # An editor's decision holds its span: nothing new is written over a confirmed, rejected or editor-added mention.
    held = [m for m in stored if m.review_state != ReviewState.AUTO or m.method == MentionMethod.EDITOR]
    stale = []
    for mention in stored:
        if mention in held:
            continue
        if wanted.pop((mention.start, mention.end, mention.company_id), None) is None:
            stale.append(mention.pk)
    if stale:
        Mention.objects.filter(pk__in=stale).delete()
    fresh = [
        mention
        for mention in wanted.values()
        if not any(mention.start < other.end and other.start < mention.end for other in held)
    ]
    # Two candidates over one span (the engine should not produce them) keep the first.
    taken: set[tuple[int, int]] = {(m.start, m.end) for m in stored if m.pk not in stale}
    unique_fresh = []
    for mention in sorted(fresh, key=lambda m: (m.start, m.end)):
        if (mention.start, mention.end) not in taken:
            taken.add((mention.start, mention.end))
            unique_fresh.append(mention)
    Mention.objects.bulk_create(unique_fresh)
    return len(taken)


# --- Deals ----------------------------------------------------------------------------------------------------


def _write_deals(
    article: Article,
    candidates: list[DealCandidate],
    companies: dict[int, Company],
    published_on: date,
    summary: LinkSummary,
) -> None:
    company_by_key = {company.slug: company for company in companies.values()}
    company_by_name = {name_key(company.name): company for company in companies.values()}
    kept_evidence: set[int] = set()
    for candidate in candidates:
        parties: list[tuple[Company, str]] = []
        for party in candidate.parties:
            company = company_by_key.get(party.key) if party.key else company_by_name.get(name_key(party.name))
            if company is not None and (company, party.role.value) not in parties:
                parties.append((company, party.role.value))
        if not parties:
            continue
        deal = _find_deal(candidate, parties, candidate.announced_on or published_on)
        if deal is None:
            deal = _create_deal(candidate, parties)
            summary.deals_created += 1
        elif _update_deal(deal, candidate, parties):
            summary.deals_updated += 1
        evidence, _ = DealEvidence.objects.get_or_create(
            deal=deal,
            article=article,
            start=candidate.evidence.start,
            defaults={"end": candidate.evidence.end, "sentence": candidate.evidence.text},
        )
        kept_evidence.add(evidence.pk)
    # Evidence this article no longer gives (the engine improved, an editor fixed a name) goes, unless verified;
    # a machine-made deal left with no evidence at all goes with it.
    stale = DealEvidence.objects.filter(article=article, deal__verified=False).exclude(pk__in=kept_evidence)
    orphan_ids = set(stale.values_list("deal_id", flat=True))
    stale.delete()
    if orphan_ids:
        Deal.objects.filter(pk__in=orphan_ids, verified=False, evidence__isnull=True).delete()


def _find_deal(candidate: DealCandidate, parties: list[tuple[Company, str]], when: date) -> Deal | None:
    company_ids = {company.pk for company, _ in parties}
    matches = (
        Deal.objects.filter(kind=candidate.kind.value, parties__company_id__in=company_ids)
        .annotate(first_reported=Min("evidence__article__published_at"))
        .prefetch_related("parties")
    )
    for deal in matches:
        # The same companies, or one report naming a party the other left out ("X buys Y" / "X buys Y from Z").
        stored_ids = {party.company_id for party in deal.parties.all()}
        if not (stored_ids <= company_ids or company_ids <= stored_ids):
            continue
        first_reported = deal.first_reported or deal.created_at  # type: ignore[attr-defined]
        reference = deal.announced_on or first_reported.date()
        if abs(reference - when) <= DEAL_WINDOW:
            return deal
    return None


def _create_deal(candidate: DealCandidate, parties: list[tuple[Company, str]]) -> Deal:
    title = deal_headline(
        kind=candidate.kind.value,
        status=candidate.status.value,
        parties=[(company.name, role) for company, role in parties],
    )
    deal = Deal.objects.create(
        kind=candidate.kind.value,
        status=candidate.status.value,
        title=title[:300],
        slug=unique_slug(Deal, title),
        announced_on=candidate.announced_on,
        amount=candidate.amount,
        currency=candidate.currency or "" if candidate.amount is not None else "",
        valuation=candidate.valuation,
        valuation_currency=candidate.valuation_currency or "" if candidate.valuation is not None else "",
        round=(candidate.round or "")[:40],
    )
    DealParty.objects.bulk_create(DealParty(deal=deal, company=company, role=role) for company, role in parties)
    return deal


def _update_deal(deal: Deal, candidate: DealCandidate, parties: list[tuple[Company, str]]) -> bool:
    """Takes what a new report adds: a later status, an amount or valuation not known before. Verified deals stay."""
    if deal.verified:
        return False
    changed: list[str] = []
    new_status = DealStatus(candidate.status.value)
    old_status = DealStatus(deal.status)
    if new_status != old_status and (
        (new_status in FINAL_STATUSES and old_status != DealStatus.COMPLETED)
        or (
            old_status not in FINAL_STATUSES
            and STATUS_PROGRESS.get(new_status, -1) > STATUS_PROGRESS.get(old_status, -1)
        )
    ):
        deal.status = new_status
        changed.append("status")
    if deal.amount is None and candidate.amount is not None and candidate.currency:
        deal.amount, deal.currency = candidate.amount, candidate.currency
        changed += ["amount", "currency"]
    if deal.valuation is None and candidate.valuation is not None and candidate.valuation_currency:
        deal.valuation, deal.valuation_currency = candidate.valuation, candidate.valuation_currency
        changed += ["valuation", "valuation_currency"]
    if not deal.announced_on and candidate.announced_on:
        deal.announced_on = candidate.announced_on
        changed.append("announced_on")
    if not deal.round and candidate.round:
        deal.round = candidate.round[:40]
        changed.append("round")
    existing = set(deal.parties.values_list("company_id", "role"))
    missing = [DealParty(deal=deal, company=c, role=r) for c, r in parties if (c.pk, r) not in existing]
    if missing:
        DealParty.objects.bulk_create(missing, ignore_conflicts=True)
    if changed:
        deal.save(update_fields=[*changed, "updated_at"])
    return bool(changed or missing)
