"""Linking: what the engine finds in an article becomes mentions, companies and deals, in one transaction.

Re-linking an article gives the same rows: mentions are compared with what is stored and only the difference is
written; a deal reported again is found again (same kind, the same companies on the same sides, close enough in
time: articles/extraction/deals/identity.py) and gains evidence rather than a twin. Editors' decisions win: a
confirmed or rejected mention, a verified company, a verified deal are never changed here.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, InterfaceError, OperationalError, transaction
from django.db.models import Min
from django.utils import timezone
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from simple_history.utils import bulk_create_with_history

from articles.extraction.deals.identity import dates_compatible, report_date, roles_compatible
from articles.extraction.pipeline import extract
from articles.extraction.serialize import is_public
from articles.extraction.types import CompanyCandidate, DealCandidate, Extraction, ExtractionError
from articles.gazetteer import gazetteer_current
from articles.models import Article, DealEvidence, LinkStatus, Mention, MentionMethod, ReviewState
from articles.services.slugs import unique_slugs
from companies.headlines import deal_headline
from companies.models import (
    Company,
    CompanyAlias,
    CompanyKind,
    CompanyStatus,
    Deal,
    DealKind,
    DealParty,
    DealStatus,
    PartyRole,
    RejectedName,
)
from companies.name_changes import names_changed
from companies.names import name_key
from companies.stats import company_mention_counts_refresh
from newsbase.history import LINKING, delete_with_history, history_by
from newsbase.pagecache import content_changed

logger = logging.getLogger(__name__)

# Only a database that is restarting or unreachable is worth retrying; anything else is a bug to see in the logs.
# Redis (the cache holding the names' version and the page versions) counts: when it is away for a moment, an
# article or a document is not at fault and must not be marked failed.
TRANSIENT_DATABASE_ERRORS = (OperationalError, InterfaceError, RedisConnectionError, RedisTimeoutError)

STATUS_PROGRESS = {
    DealStatus.RUMORED: 0,
    DealStatus.PROPOSED: 1,
    DealStatus.AGREED: 2,
    DealStatus.COMPLETED: 3,
}
FINAL_STATUSES = {DealStatus.REJECTED, DealStatus.CANCELLED}
# A divestment ("Z sells Y") is the seller's side of a purchase or an investment ("X buys Y"): reported in two
# articles, it is one deal, of the buyer's kind (the engine merges them the same way within one article).
PURCHASE_KINDS = frozenset({DealKind.ACQUISITION.value, DealKind.INVESTMENT.value})
SALE_KINDS = PURCHASE_KINDS | {DealKind.DIVESTMENT.value}
BOUGHT_ROLES = frozenset({PartyRole.TARGET.value, PartyRole.INVESTEE.value})
MAX_NAME_LENGTH = Company._meta.get_field("name").max_length or 255


@dataclass
class LinkSummary:
    mentions: int = 0
    companies_created: list[str] = field(default_factory=list)
    deals_created: int = 0
    deals_updated: int = 0
    # Linked, but not all of it (too many mentions); also kept on the article as link_warning.
    warning: str = ""


def mentions_capped_warning(*, dropped: int, limit: int) -> str:
    """Why an article has fewer mentions than its text: the reason an editor or operator reads."""
    return (
        f"only the first {limit:,} of {limit + dropped:,} mentions were linked: an article is limited to"
        f" NEWSBASE_MAX_MENTIONS_PER_ARTICLE mentions; a real article names far fewer, so this document is"
        f" probably broken or repeats a name on purpose"
    )


def article_link(*, article_id: int) -> LinkSummary | None:
    """Links one article; returns None when the article no longer exists. Errors propagate (the caller's task
    retries the transient ones)."""
    return _link_articles([article_id]).get(article_id)


def articles_link(*, article_ids: list[int]) -> dict[int, LinkSummary]:
    """Links a batch of articles in one transaction; returns a summary per article linked (deleted ones are skipped).

    When the batch cannot be linked as a whole, each article is linked alone, and one that still fails is marked
    failed with the error: one bad article never keeps the others of its batch unlinked.
    """
    try:
        return _link_articles(article_ids)
    except TRANSIENT_DATABASE_ERRORS:
        raise
    except Exception:
        logger.exception("articles %s could not be linked as one batch; linking them one at a time", article_ids)
    summaries: dict[int, LinkSummary] = {}
    for article_id in article_ids:
        try:
            try:
                summaries.update(_link_articles([article_id]))
            except IntegrityError:
                # Another worker inserted the same discovered company or deal slug a moment before us; its rows are
                # committed now (PostgreSQL made us wait for them), so linking again finds them.
                summaries.update(_link_articles([article_id]))
        except TRANSIENT_DATABASE_ERRORS:
            raise
        except Exception as error:
            logger.exception("article %s could not be linked", article_id)
            Article.objects.filter(pk=article_id).update(
                link_status=LinkStatus.FAILED, link_error=f"{type(error).__name__}: {error}"[:2000]
            )
    return summaries


def _link_articles(article_ids: list[int]) -> dict[int, LinkSummary]:
    articles = list(
        Article.objects.filter(pk__in=article_ids)
        .order_by("pk")
        .only("id", "title", "body", "published_at", "created_at")
    )
    if not articles:
        return {}
    gazetteer = gazetteer_current()
    summaries: dict[int, LinkSummary] = {}
    extractions: dict[int, tuple[Extraction, date]] = {}
    warnings: dict[int, str] = {}
    limit = settings.NEWSBASE_MAX_MENTIONS_PER_ARTICLE
    for article in articles:
        published_on = (article.published_at or article.created_at).date()
        try:
            extraction = extract(article.body, gazetteer, published_on=published_on, max_mentions=limit)
            extractions[article.pk] = (extraction, published_on)
            if extraction.mentions_dropped:
                warnings[article.pk] = mentions_capped_warning(dropped=extraction.mentions_dropped, limit=limit)
                logger.warning("article %s (%s): %s", article.pk, article.title, warnings[article.pk])
        except ExtractionError as error:
            Article.objects.filter(pk=article.pk).update(link_status=LinkStatus.FAILED, link_error=str(error))
            logger.warning("article %s could not be linked: %s", article.pk, error)
            summaries[article.pk] = LinkSummary()
    if not extractions:
        return summaries
    with transaction.atomic():
        locked = list(
            Article.objects.select_for_update()
            .filter(pk__in=extractions.keys())
            .order_by("pk")
            .only("id", "published_at")
        )
        stored_mentions: dict[int, list[Mention]] = {article.pk: [] for article in locked}
        for mention in Mention.objects.filter(article_id__in=stored_mentions.keys()):
            stored_mentions[mention.article_id].append(mention)
        named_before = {mention.company_id for mentions in stored_mentions.values() for mention in mentions}
        companies = _CompanyResolver([extractions[article.pk][0] for article in locked])
        deals = _DealBook(locked, [extractions[article.pk][0] for article in locked], companies)
        # The machine's versions: no user (not even the one whose request runs tasks in-process), and a reason.
        for deal in deals.deals.values():
            history_by(deal, user=None, reason=LINKING)
        mention_writes = _MentionWrites()
        for article in locked:
            extraction, published_on = extractions[article.pk]
            summary = summaries[article.pk] = LinkSummary(warning=warnings.get(article.pk, ""))
            resolved = companies.resolve(extraction.companies, summary)
            summary.mentions = mention_writes.plan(article, extraction, resolved, stored_mentions[article.pk])
            deals.record(article, extraction.deals, resolved, published_on, summary)
        mention_writes.write()
        for deal in deals.new_deals:
            history_by(deal, user=None, reason=LINKING)
        deals.write()
        # No history version: the articles' history is for editors' changes, not for every linking.
        now = timezone.now()
        Article.objects.filter(pk__in=[article.pk for article in locked]).update(
            link_status=LinkStatus.LINKED, link_error="", link_warning="", linked_at=now, updated_at=now
        )
        for article in locked:
            if article.pk in warnings:
                Article.objects.filter(pk=article.pk).update(link_warning=warnings[article.pk])
        # Counts on company pages, and every cached page: bulk writes send no signals, so say it here.
        # Only these articles' days are recounted: the busiest companies have tens of thousands of mentions.
        if named_before | mention_writes.company_ids:
            company_mention_counts_refresh(
                company_ids=named_before | mention_writes.company_ids, article_ids=[article.pk for article in locked]
            )
        transaction.on_commit(content_changed)
        if any(summary.companies_created for summary in summaries.values()):
            names_changed(urgent=False)
    return summaries


# --- Companies ------------------------------------------------------------------------------------------------


class _CompanyResolver:
    """Stored companies for every candidate of a batch of articles, looked up in four queries for the whole batch;
    discovered companies that are new are created once, however many articles of the batch name them."""

    def __init__(self, extractions: list[Extraction]) -> None:
        candidates = [candidate for extraction in extractions for candidate in extraction.companies]
        known_keys = {candidate.key for candidate in candidates if candidate.key}
        known_keys |= {candidate.parent_key for candidate in candidates if candidate.parent_key}
        self.by_slug = {company.slug: company for company in Company.objects.filter(slug__in=known_keys)}
        new_keys = {name_key(candidate.name) for candidate in candidates if not candidate.key} - {""}
        self.by_key: dict[str, Company] = {}
        self.rejected: set[str] = set()
        if new_keys:
            for company in Company.objects.filter(name_key__in=new_keys):
                self.by_key.setdefault(company.name_key, company)
            for alias in CompanyAlias.objects.filter(name_key__in=new_keys).select_related("company"):
                self.by_key.setdefault(alias.name_key, alias.company)
            self.rejected = set(RejectedName.objects.filter(name_key__in=new_keys).values_list("name_key", flat=True))
        # Discovered companies this batch created and no article has claimed yet: the first to name one made it.
        self.unclaimed: set[str] = set()
        self.created_ids: set[int] = set()
        self._create_discovered(extractions)

    def _create_discovered(self, extractions: list[Extraction]) -> None:
        """Creates every discovered company of the batch that is not stored yet, with one insert for the companies and
        one for their history versions (two of each when new units belong to new parents)."""
        first_seen: dict[str, tuple[CompanyCandidate, list[CompanyCandidate]]] = {}
        for extraction in extractions:
            for candidate in extraction.companies:
                if candidate.key or len(candidate.name.strip()) > MAX_NAME_LENGTH:
                    continue
                key = name_key(candidate.name)
                if key and key not in self.rejected and key not in self.by_key:
                    first_seen.setdefault(key, (candidate, extraction.companies))
        if not first_seen:
            return
        names = [candidate.name.strip() for candidate, _ in first_seen.values()]
        created = {
            # Machine-made rows whose every field is set here from the engine's output, as company_create would set
            # them, without its per-row full_clean (the database's constraints still hold).
            key: Company(
                name=name,
                name_key=key,
                slug=slug,
                kind=CompanyKind(candidate.kind.value),
                status=CompanyStatus.AUTO,
                country=country if len(country := (candidate.country or "").upper()) == 2 else "",
                confidence=round(min(max(candidate.confidence, 0.0), 1.0), 3),
                # Below the engine's public threshold a find waits for an editor before readers see it.
                is_public=is_public(candidate),
            )
            for (key, (candidate, _)), name, slug in zip(
                first_seen.items(), names, unique_slugs(Company, names), strict=True
            )
        }
        # A unit gets the parent its article names before it is inserted (what _attach_parents would do right after,
        # at the cost of an update and a history version per unit). A unit of a unit that is new itself waits
        # for _attach_parents.
        for key, (candidate, neighbours) in first_seen.items():
            company, parent = created[key], self._named_parent(candidate, neighbours, created)
            if parent is not None and parent is not company:
                company.parent, company.kind = parent, CompanyKind.UNIT
        for company in created.values():
            history_by(company, user=None, reason=LINKING)
        of_new_parents = [company for company in created.values() if company.parent and company.parent.pk is None]
        waiting = {id(company) for company in of_new_parents}
        for company in of_new_parents:
            if id(company.parent) in waiting:
                # A unit of a unit that is new itself: _attach_parents gives it its parent once both exist.
                company.parent, company.kind = None, CompanyKind(first_seen[company.name_key][0].kind.value)
        # Parents first: their ids are known once the first insert returns.
        second = [company for company in of_new_parents if company.parent is not None]
        later = {id(company) for company in second}
        bulk_create_with_history([company for company in created.values() if id(company) not in later], Company)
        if second:
            bulk_create_with_history(second, Company)
        self.by_key.update(created)
        self.unclaimed = set(created)
        self.created_ids = {company.pk for company in created.values()}

    def _named_parent(
        self, candidate: CompanyCandidate, neighbours: list[CompanyCandidate], created: dict[str, Company]
    ) -> Company | None:
        """The company the engine says owns this candidate: a known key, or another company of the same article."""
        if candidate.parent_key:
            return self.by_slug.get(candidate.parent_key)
        if not candidate.parent_name:
            return None
        wanted, parent = name_key(candidate.parent_name), None
        for other in neighbours:
            if name_key(other.name) != wanted:
                continue
            if other.key:
                parent = self.by_slug.get(other.key) or parent
            elif wanted not in self.rejected:
                parent = self.by_key.get(wanted) or created.get(wanted) or parent
        return parent

    def stored_company_ids(self) -> set[int]:
        """Companies stored before this batch (the ones that can have deals already)."""
        stored = {company.pk for company in self.by_slug.values()} | {company.pk for company in self.by_key.values()}
        return stored - self.created_ids

    def resolve(self, candidates: list[CompanyCandidate], summary: LinkSummary) -> dict[int, Company]:
        """Maps each candidate (by its index) to a stored company, creating the discovered ones that are new."""
        resolved: dict[int, Company] = {}
        created: dict[int, CompanyCandidate] = {}
        for index, candidate in enumerate(candidates):
            if candidate.key:
                company = self.by_slug.get(candidate.key)
            else:
                key = name_key(candidate.name)
                if key in self.rejected or not key:
                    continue
                company = self.by_key.get(key)
                if key in self.unclaimed and company is not None:
                    self.unclaimed.discard(key)
                    created[index] = candidate
                    summary.companies_created.append(company.name)
            if company is not None:
                resolved[index] = company
        self._attach_parents(candidates, resolved, created)
        return resolved

    def _attach_parents(
        self, candidates: list[CompanyCandidate], resolved: dict[int, Company], created: dict[int, CompanyCandidate]
    ) -> None:
        """Gives newly discovered units their parent ("Kuaishou's Kling AI video unit"); never rewrites an editor's."""
        by_name = {
            name_key(candidate.name): resolved[index] for index, candidate in enumerate(candidates) if index in resolved
        }
        for index, candidate in enumerate(candidates):
            company = resolved.get(index)
            if company is None or company.status == CompanyStatus.VERIFIED or company.parent_id is not None:
                continue
            parent = None
            if candidate.parent_key:
                parent = self.by_slug.get(candidate.parent_key)
                if parent is None:
                    parent = Company.objects.filter(slug=candidate.parent_key).first()
            elif candidate.parent_name:
                parent = by_name.get(name_key(candidate.parent_name))
            if parent is None or parent.pk == company.pk:
                continue
            company.parent = parent
            if index in created:
                company.kind = CompanyKind.UNIT
            history_by(company, user=None, reason=LINKING)
            company.save(update_fields=["parent", "kind", "updated_at"])


# --- Mentions -------------------------------------------------------------------------------------------------


class _MentionWrites:
    """The mentions a batch of articles gains and loses, written with one delete and one insert for the batch."""

    def __init__(self) -> None:
        self.stale_ids: list[int] = []
        self.fresh: list[Mention] = []
        # Kept mentions whose copy of the article's date is out of date, by the date they should carry.
        self.redated: dict[datetime | None, list[int]] = {}
        # The companies the batch's articles name once the writes are done.
        self.company_ids: set[int] = set()

    def plan(
        self, article: Article, extraction: Extraction, companies: dict[int, Company], stored: list[Mention]
    ) -> int:
        """Works out the article's mention changes; returns how many mentions it has afterwards."""
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
                    article_published_at=article.published_at,
                )
        # An editor's decision holds its span: nothing new is written over a confirmed, rejected or editor-added
        # mention.
        held = [m for m in stored if m.review_state != ReviewState.AUTO or m.method == MentionMethod.EDITOR]
        held_ids = {mention.pk for mention in held}
        stale: set[int] = set()
        for mention in stored:
            if mention.pk in held_ids:
                continue
            if wanted.pop((mention.start, mention.end, mention.company_id), None) is None:
                stale.add(mention.pk)
        fresh = [
            mention
            for mention in wanted.values()
            if not any(mention.start < other.end and other.start < mention.end for other in held)
        ]
        # Two candidates over one span (the engine should not produce them) keep the first.
        taken: set[tuple[int, int]] = {(m.start, m.end) for m in stored if m.pk not in stale}
        for mention in sorted(fresh, key=lambda m: (m.start, m.end)):
            if (mention.start, mention.end) not in taken:
                taken.add((mention.start, mention.end))
                self.fresh.append(mention)
                self.company_ids.add(mention.company_id)
        self.stale_ids.extend(stale)
        self.company_ids.update(mention.company_id for mention in stored if mention.pk not in stale)
        self.redated.setdefault(article.published_at, []).extend(
            mention.pk
            for mention in stored
            if mention.pk not in stale and mention.article_published_at != article.published_at
        )
        return len(taken)

    def write(self) -> None:
        if self.stale_ids:
            Mention.objects.filter(pk__in=self.stale_ids).delete()
        # Rows the code above builds whole from the engine's output (no full_clean; the constraints still hold).
        Mention.objects.bulk_create(self.fresh)
        for published_at, mention_ids in self.redated.items():
            if mention_ids:
                Mention.objects.filter(pk__in=mention_ids).update(article_published_at=published_at)


# --- Deals ----------------------------------------------------------------------------------------------------


class _DealBook:
    """The deals a batch of articles may report again, and their evidence, loaded once for the batch; new deals, their
    parties and evidence are inserted together when the batch is done (`write`).

    A deal created or extended by one article of the batch is found by the next ones, exactly as if the articles had
    been linked one after the other. Deals are told apart by identity (`id`), since new ones have no key until
    `write`.
    """

    def __init__(self, articles: list[Article], extractions: list[Extraction], companies: _CompanyResolver) -> None:
        self.published_at = {article.pk: article.published_at for article in articles}
        kinds = {candidate.kind.value for extraction in extractions for candidate in extraction.deals}
        if kinds & SALE_KINDS:
            kinds |= SALE_KINDS
        self.deals: dict[int, Deal] = {}
        self.first_reported: dict[int, datetime | None] = {}
        self.parties: dict[int, set[tuple[int, str]]] = {}
        # The names of the companies of the deals loaded, for a headline written again when a deal moves on.
        self.names: dict[int, str] = {}
        company_ids = companies.stored_company_ids()
        if kinds and company_ids:
            by_pk: dict[int, Deal] = {}
            for deal in Deal.objects.filter(kind__in=kinds, parties__company_id__in=company_ids).annotate(
                first_reported=Min("evidence__article__published_at")
            ):
                by_pk[deal.pk] = self.deals[id(deal)] = deal
                self.first_reported[id(deal)] = deal.first_reported  # type: ignore[attr-defined]
                self.parties[id(deal)] = set()
            for deal_id, company_id, role, name in DealParty.objects.filter(deal_id__in=by_pk.keys()).values_list(
                "deal_id", "company_id", "role", "company__name"
            ):
                self.parties[id(by_pk[deal_id])].add((company_id, role))
                self.names[company_id] = name
        self.evidence: dict[tuple[int, int, int], int] = {}
        self.unverified_evidence: dict[int, int] = {}
        for evidence_id, deal_id, article_id, start, verified in DealEvidence.objects.filter(
            article__in=articles
        ).values_list("id", "deal_id", "article_id", "start", "deal__verified"):
            self.evidence[(deal_id, article_id, start)] = evidence_id
            if not verified:
                self.unverified_evidence[evidence_id] = deal_id
        self.kept_evidence: set[int] = set()
        self.new_deals: list[Deal] = []
        self.new_parties: list[DealParty] = []
        self.new_evidence: dict[tuple[int, int, int], DealEvidence] = {}

    def record(
        self,
        article: Article,
        candidates: list[DealCandidate],
        companies: dict[int, Company],
        published_on: date,
        summary: LinkSummary,
    ) -> None:
        company_by_key = {company.slug: company for company in companies.values()}
        company_by_name = {name_key(company.name): company for company in companies.values()}
        for candidate in candidates:
            parties: list[tuple[Company, str]] = []
            for party in candidate.parties:
                company = company_by_key.get(party.key) if party.key else company_by_name.get(name_key(party.name))
                if company is not None and (company, party.role.value) not in parties:
                    parties.append((company, party.role.value))
            if not parties:
                continue
            deal = self._find(candidate, parties, published_on)
            if deal is None:
                deal = self._create(candidate, parties)
                summary.deals_created += 1
            elif self._update(deal, candidate, parties):
                summary.deals_updated += 1
            start = candidate.evidence.start
            if deal.pk is not None and (deal.pk, article.pk, start) in self.evidence:
                self.kept_evidence.add(self.evidence[(deal.pk, article.pk, start)])
            elif (id(deal), article.pk, start) not in self.new_evidence:
                self.new_evidence[(id(deal), article.pk, start)] = DealEvidence(
                    deal=deal,
                    article=article,
                    start=start,
                    end=candidate.evidence.end,
                    sentence=candidate.evidence.text,
                )
                reported = self.published_at.get(article.pk)
                first = self.first_reported.get(id(deal))
                if reported is not None and (first is None or reported < first):
                    self.first_reported[id(deal)] = reported

    def write(self) -> None:
        """Inserts the new deals (with their history versions), parties and evidence; evidence an article no longer
        gives (the engine improved, an editor fixed a name) goes, unless verified, and a machine-made deal left with
        no evidence at all goes with it."""
        if self.new_deals:
            slugs = unique_slugs(Deal, [deal.title for deal in self.new_deals])
            for deal, slug in zip(self.new_deals, slugs, strict=True):
                deal.slug = slug
            bulk_create_with_history(self.new_deals, Deal)
        DealParty.objects.bulk_create(self.new_parties, ignore_conflicts=True)
        DealEvidence.objects.bulk_create(self.new_evidence.values())
        stale = {
            evidence_id: deal_id
            for evidence_id, deal_id in self.unverified_evidence.items()
            if evidence_id not in self.kept_evidence
        }
        if stale:
            DealEvidence.objects.filter(pk__in=stale.keys()).delete()
            orphaned = Deal.objects.filter(pk__in=set(stale.values()), verified=False, evidence__isnull=True)
            # Deleted through the collector with our instances, so their last versions say the machine removed them.
            delete_with_history(list(orphaned), user=None, reason=LINKING)

    def _find(self, candidate: DealCandidate, parties: list[tuple[Company, str]], published_on: date) -> Deal | None:
        company_ids = {company.pk for company, _ in parties}
        reported = [(company.pk, role) for company, role in parties]
        # The order the deals' pages use (newest announced first, undated first as PostgreSQL sorts NULLs).
        matches = sorted(
            (deal for deal in self.deals.values() if _kinds_match(deal.kind, candidate.kind.value)),
            key=lambda deal: (deal.announced_on is None, deal.announced_on or date.min, deal.created_at),
            reverse=True,
        )
        for deal in matches:
            if deal.kind == candidate.kind.value:
                # The same companies, or one report naming a party the other left out ("X buys Y" / "X buys Y
                # from Z"), each on the same side in both.
                stored_ids = {company_id for company_id, _ in self.parties[id(deal)]}
                if not stored_ids & company_ids or not (stored_ids <= company_ids or company_ids <= stored_ids):
                    continue
            elif not _bought(self.parties[id(deal)]) & _bought(reported):
                # A sale and a purchase: of the same business.
                continue
            if not roles_compatible(self.parties[id(deal)], reported):
                continue
            # A Series B and a Series C of one company are two rounds, whoever leads them.
            if deal.round and candidate.round and deal.round.casefold() != candidate.round[:40].casefold():
                continue
            first_reported = self.first_reported.get(id(deal)) or deal.created_at
            reference = deal.announced_on or first_reported.date()
            when = report_date(candidate.announced_on, candidate.stated_year, near=reference, published_on=published_on)
            if dates_compatible(reference, deal.status, when, candidate.status.value):
                return deal
        return None

    def _create(self, candidate: DealCandidate, parties: list[tuple[Company, str]]) -> Deal:
        title = deal_headline(
            kind=candidate.kind.value,
            status=candidate.status.value,
            parties=[(company.name, role) for company, role in parties],
        )
        deal = Deal(
            kind=candidate.kind.value,
            status=candidate.status.value,
            title=title[:300],
            announced_on=candidate.announced_on,
            amount=candidate.amount,
            currency=candidate.currency or "" if candidate.amount is not None else "",
            valuation=candidate.valuation,
            valuation_currency=candidate.valuation_currency or "" if candidate.valuation is not None else "",
            round=(candidate.round or "")[:40],
            # What the insert will set; the deals of the batch are ordered by it until then.
            created_at=timezone.now(),
        )
        self.new_deals.append(deal)
        self.deals[id(deal)] = deal
        self.first_reported[id(deal)] = None
        self.parties[id(deal)] = set()
        self._add_parties(deal, parties)
        return deal

    def _add_parties(self, deal: Deal, parties: list[tuple[Company, str]]) -> bool:
        known = self.parties[id(deal)]
        if deal.kind == DealKind.INVESTMENT:
            # A sale reported of a stake: the business sold is the investee.
            parties = [(company, _investee_if_target(role)) for company, role in parties]
        missing = [(company, role) for company, role in parties if (company.pk, role) not in known]
        for company, role in missing:
            known.add((company.pk, role))
            self.names[company.pk] = company.name
            self.new_parties.append(DealParty(deal=deal, company=company, role=role))
        return bool(missing)

    def _take_buyers_kind(self, deal: Deal, kind: str) -> None:
        """A stored sale reported as a purchase becomes the purchase: its kind, and its parties' roles in it (the
        caller adds the buyer and writes the headline again)."""
        deal.kind = kind
        if kind != DealKind.INVESTMENT:
            return
        parties = self.parties[id(deal)]
        targets = {(company_id, role) for company_id, role in parties if role == PartyRole.TARGET}
        parties -= targets
        parties |= {(company_id, PartyRole.INVESTEE.value) for company_id, _ in targets}
        for party in self.new_parties:
            if party.deal is deal and party.role == PartyRole.TARGET:
                party.role = PartyRole.INVESTEE
        if deal.pk is not None and targets:
            DealParty.objects.filter(deal=deal, role=PartyRole.TARGET).update(role=PartyRole.INVESTEE)

    def _update(self, deal: Deal, candidate: DealCandidate, parties: list[tuple[Company, str]]) -> bool:
        """Takes what a new report adds: a later status, an amount or valuation not known before. Verified deals
        stay."""
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
        if deal.kind == DealKind.DIVESTMENT and candidate.kind.value in PURCHASE_KINDS:
            self._take_buyers_kind(deal, candidate.kind.value)
            changed.append("kind")
        added_parties = self._add_parties(deal, parties)
        if added_parties or {"status", "kind"} & set(changed):
            # The headline says what the deal now is: "agreed to acquire" becomes "acquired", a buyer is named.
            # (A deal an editor changed is verified, and its headline never rewritten here.)
            title = deal_headline(
                kind=deal.kind,
                status=deal.status,
                parties=[(self.names[company_id], role) for company_id, role in sorted(self.parties[id(deal)])],
            )[:300]
            if title != deal.title:
                deal.title = title
                changed.append("title")
        # A deal new in this batch is inserted as it ends up; a stored one is saved now, with a history version.
        if changed and deal.pk is not None:
            deal.save(update_fields=[*changed, "updated_at"])
        return bool(changed or added_parties)


def _kinds_match(stored: str, reported: str) -> bool:
    """Whether a deal of one kind can be reported as another: only a sale and the purchase it is the other side of."""
    return stored == reported or ({stored, reported} <= SALE_KINDS and DealKind.DIVESTMENT in {stored, reported})


def _bought(parties: Iterable[tuple[int, str]]) -> set[int]:
    return {company_id for company_id, role in parties if role in BOUGHT_ROLES}


def _investee_if_target(role: str) -> str:
    return PartyRole.INVESTEE.value if role == PartyRole.TARGET else role
