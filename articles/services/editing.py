"""Editors' writes that touch both the news and the knowledge base: articles typed in the admin, merging and
rejecting companies, merging deals, names that need corporate context.

They live here because they move mentions and evidence, and `companies` never imports `articles`. The admin calls
them; each one is a transaction, and tells the page cache and the linking workers' gazetteer what changed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, F, TextField, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from articles.models import (
    Article,
    ArticleFingerprint,
    DealEvidence,
    IngestItem,
    LinkStatus,
    Mention,
    MentionMethod,
    ReviewState,
)
from articles.near_duplicates import band_hashes, shingles
from articles.readers import normalize_text
from articles.readers.normalize import normalize_line
from articles.readers.titles import derive_title
from articles.services.ingest import content_hash
from companies.models import (
    Company,
    CompanyAlias,
    CompanyRedirect,
    CompanyStatus,
    Deal,
    DealParty,
    DealRedirect,
    RejectedName,
)
from companies.name_changes import names_changed
from companies.names import name_key
from companies.services import company_alias_add, company_check_parent
from companies.stats import company_mention_counts_refresh
from newsbase.history import NO_EVIDENCE_LEFT, delete_with_history, history_by
from newsbase.pagecache import content_changed
from newsbase.slugs import unique_slug

logger = logging.getLogger(__name__)


def _readers_see_it() -> None:
    # Queryset updates send no model signals, so the page cache is told directly, once the change is visible.
    transaction.on_commit(content_changed)


def _queue_linking(article_ids: list[int]) -> None:
    from articles.tasks import link_article

    def send() -> None:
        for article_id in article_ids:
            link_article.delay(article_id)

    transaction.on_commit(send)


# --- Articles -------------------------------------------------------------------------------------------------


def article_check_from_admin(*, article_id: int | None, body: str, url: str = "") -> str:
    """Returns the body as it will be stored; refuses a text or a URL another article has, naming that article."""
    body = normalize_text(body)
    if not body:
        raise ValidationError({"body": "An article needs its text."})
    errors: dict[str, str] = {}
    others = Article.objects.exclude(pk=article_id).only("id", "title")
    same_text = others.filter(content_hash=content_hash(body)).first()
    if same_text is not None:
        errors["body"] = f"The same text is stored already, as article {same_text.pk} ({same_text.title})."
    url = url.strip()
    if url and (same_url := others.filter(url=url).first()) is not None:
        errors["url"] = f"This URL is stored already, as article {same_url.pk} ({same_url.title})."
    if errors:
        raise ValidationError(errors)
    return body


@transaction.atomic
def article_save_from_admin(*, article: Article, user: AbstractBaseUser | None) -> Article:
    """Saves an article an editor typed or corrected, then links it again once the transaction commits.

    The body is normalised and hashed like an ingested document's. When it changed, mentions and evidence whose
    offsets no longer point at their text go (an editor's decision on such a span cannot be kept: the span is gone),
    and so do the unreviewed mentions, which linking finds again with fresh offsets.
    """
    article.body = article_check_from_admin(article_id=article.pk, body=article.body, url=article.url)
    article.url = article.url.strip()
    article.title = normalize_line(article.title)[:500] or derive_title(article.body)
    article.author = normalize_line(article.author)[:255]
    stored = Article.objects.filter(pk=article.pk).values("body", "published_at").first() if article.pk else None
    stored_body = stored["body"] if stored else None
    article.content_hash = content_hash(article.body)
    if not article.slug:
        article.slug = unique_slug(Article, article.title)
    article.link_status, article.link_error = LinkStatus.PENDING, ""
    history_by(article, user=user)
    article.save()
    if stored_body != article.body:
        _article_fingerprints_write(article)
        if stored_body is not None:
            _article_offsets_drop_stale(article, user=user)
    if stored is not None and stored["published_at"] != article.published_at:
        # The mentions carry the article's date for the company pages' index (Mention.article_published_at).
        article.mentions.update(article_published_at=article.published_at)
        # Linking recounts only the article's new day: its companies' old day is recounted here.
        company_ids = set(article.mentions.values_list("company_id", flat=True))
        if company_ids:
            company_mention_counts_refresh(company_ids=company_ids)
    _queue_linking([article.pk])
    return article


def _article_fingerprints_write(article: Article) -> None:
    # The near-duplicate index ingestion consults: a later copy of this text is recognised as a duplicate.
    ArticleFingerprint.objects.filter(article=article).delete()
    ArticleFingerprint.objects.bulk_create(
        ArticleFingerprint(article=article, band=band, value=value)
        for band, value in enumerate(band_hashes(shingles(article.body)))
    )


def _article_offsets_drop_stale(article: Article, *, user: AbstractBaseUser | None) -> None:
    body = article.body
    stale_mentions = [
        mention
        for mention in article.mentions.all()
        if body[mention.start : mention.end] != mention.text
        or (mention.review_state == ReviewState.AUTO and mention.method != MentionMethod.EDITOR)
    ]
    Mention.objects.filter(pk__in=[mention.pk for mention in stale_mentions]).delete()
    if stale_mentions:
        company_mention_counts_refresh(company_ids={mention.company_id for mention in stale_mentions})
    stale_evidence = DealEvidence.objects.filter(
        pk__in=[e.pk for e in article.deal_evidence.all() if body[e.start : e.end] != e.sentence]
    )
    deal_ids = set(stale_evidence.values_list("deal_id", flat=True))
    stale_evidence.delete()
    _deals_without_evidence_delete(deal_ids=deal_ids, user=user)


def _deals_without_evidence_delete(*, deal_ids: Iterable[int], user: AbstractBaseUser | None) -> int:
    """A machine-made deal left without a supporting sentence goes, as when linking drops its last evidence; a
    verified one stays (an editor vouched for it). Returns how many went."""
    orphans = list(Deal.objects.filter(pk__in=set(deal_ids), verified=False, evidence__isnull=True).order_by("pk"))
    return delete_with_history(orphans, user=user, reason=NO_EVIDENCE_LEFT)


@dataclass(frozen=True, slots=True)
class ArticlesDeleteOutcome:
    articles: int
    deals_deleted: int


@transaction.atomic
def articles_delete(*, article_ids: Iterable[int], user: AbstractBaseUser | None) -> ArticlesDeleteOutcome:
    """Deletes articles with what was found in them (mentions, evidence, fingerprints): the companies they named are
    recounted, and machine-made deals they alone reported go. Verified deals, the companies themselves and the
    ingestion items that stored the articles stay, each with a note saying who deleted its article and when: the
    item keeps its status (the run did create the article, or found it a duplicate) and loses its link. The
    queries do not grow with the number of articles, but for one history version per article and per deal deleted.
    """
    # Locked in the order linking locks them: a linking of the same articles waits, then finds them gone.
    articles = list(Article.objects.select_for_update().filter(pk__in=set(article_ids)).order_by("pk"))
    ids = [article.pk for article in articles]
    if not ids:
        return ArticlesDeleteOutcome(articles=0, deals_deleted=0)
    # order_by(): the models' default orderings would join the articles (and deals) into the DISTINCT.
    mentions = Mention.objects.filter(article_id__in=ids).order_by()
    company_ids = set(mentions.values_list("company_id", flat=True).distinct())
    evidence = DealEvidence.objects.filter(article_id__in=ids).order_by()
    deal_ids = set(evidence.values_list("deal_id", flat=True).distinct())
    # The mentions go first, while the articles still say which days to recount: only those days, not every
    # mention of the busiest companies.
    mentions.delete()
    if company_ids:
        company_mention_counts_refresh(company_ids=company_ids, article_ids=ids)
    _ingest_items_note_deletion(article_ids=ids, user=user)
    deleted = delete_with_history(articles, user=user)
    deals_deleted = _deals_without_evidence_delete(deal_ids=deal_ids, user=user)
    _readers_see_it()
    logger.info(
        "%s articles deleted by user %s (%s deals left without evidence removed)",
        deleted,
        user and user.pk,
        deals_deleted,
    )
    return ArticlesDeleteOutcome(articles=deleted, deals_deleted=deals_deleted)


def _ingest_items_note_deletion(*, article_ids: list[int], user: AbstractBaseUser | None) -> None:
    """Notes on the ingestion items that stored (or were found duplicates of) these articles what became of them,
    before the deletion clears their link: "article 12 deleted by eddie on 2025-03-01 14:05 UTC"."""
    now = timezone.now()
    by = f" by {user.get_username()}" if user is not None and user.is_authenticated else ""
    text = TextField()
    when = f" deleted{by} on {now:%Y-%m-%d %H:%M %Z}"
    note = Concat(Value("article "), Cast("article_id", text), Value(when), output_field=text)
    # A created item's reason is empty; a duplicate's says which article it duplicated: the note follows it.
    IngestItem.objects.filter(article_id__in=article_ids).update(
        reason=Case(When(reason="", then=note), default=Concat(F("reason"), Value("; "), note, output_field=text)),
        updated_at=now,
    )


def article_relink(*, article_ids: Iterable[int]) -> int:
    """Queues the articles for linking again (after the transaction commits); returns how many."""
    article_ids = list(article_ids)
    # An update, not save(): the link status is the machine's, not a version for the articles' history.
    Article.objects.filter(pk__in=article_ids).update(link_status=LinkStatus.PENDING, link_error="")
    _queue_linking(article_ids)
    return len(article_ids)


# --- Mentions -------------------------------------------------------------------------------------------------


@transaction.atomic
def mentions_delete(*, mention_ids: Iterable[int], user: AbstractBaseUser | None) -> int:
    """Deletes mentions (rejecting one keeps the editor's decision; deleting lets linking find it again); the
    companies they named are recounted on their articles' days. Returns how many went."""
    mentions = Mention.objects.filter(pk__in=set(mention_ids)).order_by()
    named = list(mentions.values_list("company_id", "article_id").distinct())
    deleted, _ = mentions.delete()
    if named:
        company_mention_counts_refresh(
            company_ids={company_id for company_id, _ in named}, article_ids={article_id for _, article_id in named}
        )
    logger.info("%s mentions deleted by user %s", deleted, user and user.pk)
    return deleted


@transaction.atomic
def deal_evidence_delete(*, evidence_ids: Iterable[int], user: AbstractBaseUser | None) -> int:
    """Deletes supporting sentences; a machine-made deal left with none goes with them. Returns the deals that went."""
    evidence = DealEvidence.objects.filter(pk__in=set(evidence_ids))
    deal_ids = set(evidence.values_list("deal_id", flat=True))
    evidence.delete()
    return _deals_without_evidence_delete(deal_ids=deal_ids, user=user)


@transaction.atomic
def mention_name_needs_context(*, mention: Mention, user: AbstractBaseUser | None) -> str:
    """Marks the name a mention was linked by as an ordinary word: from now on it links only where the text is about
    the company. Returns the name marked. Articles already linked keep their mentions until they are linked again."""
    company = mention.company
    key = name_key(mention.text)
    if key == company.name_key:
        if not company.name_needs_context:
            company.name_needs_context = True
            history_by(company, user=user)
            company.save(update_fields=["name_needs_context", "updated_at"])
        marked = company.name
    else:
        alias = CompanyAlias.objects.filter(company=company, name_key=key).first()
        if alias is None:
            raise ValidationError(
                f"“{mention.text}” is not one of {company}'s names; reject this mention instead, "
                f"or add the name as an alias of {company} first."
            )
        if not alias.needs_context:
            alias.needs_context = True
            history_by(alias, user=user)
            alias.save(update_fields=["needs_context"])
        marked = alias.name
    names_changed(urgent=True)
    return marked


# --- Companies ------------------------------------------------------------------------------------------------


@transaction.atomic
def company_merge(*, source: Company, target: Company, user: AbstractBaseUser | None) -> Company:
    """Merges a duplicate into the company that stays: its mentions, deal parties, aliases (its own name becomes
    one) and units move to the survivor, which fills its empty fields from it and becomes verified. The duplicate
    is deleted and its URL redirects permanently to the survivor's page."""
    if source.pk == target.pk:
        raise ValidationError("A company cannot be merged into itself.")
    # Locked in one order, so two editors merging the same pair the other way round wait rather than deadlock.
    locked = {c.pk: c for c in Company.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")}
    source, target = locked[source.pk], locked[target.pk]

    # A span holds one mention whichever company it names, so moving mentions cannot collide.
    Mention.objects.filter(company=source).update(company=target)

    # The parties and aliases that move, or go as duplicates, each get a version naming the editor and the merge.
    merged = f"merged into {target.name} ({target.pk})"[:100]
    held_roles = set(DealParty.objects.filter(company=target).values_list("deal_id", "role"))
    moving_parties, duplicate_parties = [], []
    for party in DealParty.objects.filter(company=source):
        (duplicate_parties if (party.deal_id, party.role) in held_roles else moving_parties).append(party)
    delete_with_history(duplicate_parties, user=user, reason=merged)
    for party in moving_parties:
        party.company = target
    bulk_update_with_history(moving_parties, DealParty, ["company"], default_user=user, default_change_reason=merged)

    known_names = set(CompanyAlias.objects.filter(company=target).values_list("name_key", flat=True))
    known_names.add(target.name_key)
    moving_aliases = [alias for alias in source.aliases.all() if alias.name_key not in known_names]
    for alias in moving_aliases:
        alias.company = target
    bulk_update_with_history(moving_aliases, CompanyAlias, ["company"], default_user=user, default_change_reason=merged)
    company_alias_add(
        company=target, name=source.name, needs_context=source.name_needs_context, user=user, history_reason=merged
    )

    Company.objects.filter(parent=source).exclude(pk=target.pk).update(parent=target)
    if target.parent_id == source.pk:
        target.parent_id = source.parent_id if source.parent_id != target.pk else None
    elif target.parent_id is None and source.parent_id != target.pk:
        target.parent_id = source.parent_id
    if target.parent_id is not None:
        try:
            company_check_parent(company=target, parent=Company.objects.get(pk=target.parent_id))
        except ValidationError:
            # The survivor sat below the duplicate (a unit of one of its units): it stands alone, not in a loop.
            target.parent_id = None
    for field_name in ("country", "website", "description"):
        if not getattr(target, field_name) and getattr(source, field_name):
            setattr(target, field_name, getattr(source, field_name))
    target.status, target.is_public = CompanyStatus.VERIFIED, True
    history_by(target, user=user, reason=f"merged with {source.name} ({source.pk})"[:100])
    target.save()

    CompanyRedirect.objects.filter(company=source).update(company=target)
    CompanyRedirect.objects.filter(old_slug=target.slug).delete()
    CompanyRedirect.objects.update_or_create(old_slug=source.slug, defaults={"company": target})
    source_label = f"{source.name} ({source.pk})"
    # With the aliases the survivor had already: their versions too say who merged them away.
    delete_with_history([source], user=user, reason=merged)

    company_mention_counts_refresh(company_ids=[target.pk])
    names_changed(urgent=True)
    _readers_see_it()
    logger.info("company %s merged into %s (%s)", source_label, target.name, target.pk)
    return target


@dataclass(frozen=True, slots=True)
class RejectOutcome:
    name: str
    mentions: int
    deals_deleted: int


@transaction.atomic
def company_reject(*, company: Company, user: AbstractBaseUser | None) -> RejectOutcome:
    """An editor rules that a name is not a company: the name (and its aliases) is remembered so discovery never
    creates it again; its mentions go, its deal parties go, and machine-made deals left without parties go too."""
    names = [company.name, *company.aliases.values_list("name", flat=True)]
    for name in names:
        if key := name_key(name):
            RejectedName.objects.get_or_create(name_key=key, defaults={"name": name[:255], "rejected_by": user})
    mentions, _ = Mention.objects.filter(company=company).delete()
    parties = list(DealParty.objects.filter(company=company))
    deal_ids = {party.deal_id for party in parties}
    delete_with_history(parties, user=user, reason="not a company")
    deals_deleted = delete_with_history(
        list(Deal.objects.filter(pk__in=deal_ids, verified=False, parties__isnull=True).order_by("pk")),
        user=user,
        reason="no party left",
    )
    name = company.name
    delete_with_history([company], user=user, reason="not a company")
    names_changed(urgent=True)
    _readers_see_it()
    logger.info("company %r rejected by user %s", name, user and user.pk)
    return RejectOutcome(name=name, mentions=mentions, deals_deleted=deals_deleted)


# --- Deals ----------------------------------------------------------------------------------------------------


@transaction.atomic
def deal_merge(*, source: Deal, target: Deal, user: AbstractBaseUser | None) -> Deal:
    """Merges two records of one deal: the parties are united, the evidence moves, the survivor fills what it lacks
    from the other and becomes verified; the other is deleted and its URL redirects to the survivor's page."""
    if source.pk == target.pk:
        raise ValidationError("A deal cannot be merged into itself.")
    locked = {d.pk: d for d in Deal.objects.select_for_update().filter(pk__in=[source.pk, target.pk]).order_by("pk")}
    source, target = locked[source.pk], locked[target.pk]

    merged = f"merged with deal {source.pk}"
    held_parties = set(DealParty.objects.filter(deal=target).values_list("company_id", "role"))
    bulk_create_with_history(
        [
            DealParty(deal=target, company_id=party.company_id, role=party.role)
            for party in DealParty.objects.filter(deal=source)
            if (party.company_id, party.role) not in held_parties
        ],
        DealParty,
        default_user=user,
        default_change_reason=merged,
    )
    held_sentences = set(DealEvidence.objects.filter(deal=target).values_list("article_id", "start"))
    moving = [e.pk for e in DealEvidence.objects.filter(deal=source) if (e.article_id, e.start) not in held_sentences]
    DealEvidence.objects.filter(pk__in=moving).update(deal=target)

    if source.announced_on and (not target.announced_on or source.announced_on < target.announced_on):
        target.announced_on = source.announced_on
    if target.amount is None and source.amount is not None:
        target.amount, target.currency = source.amount, source.currency
    if target.valuation is None and source.valuation is not None:
        target.valuation, target.valuation_currency = source.valuation, source.valuation_currency
    target.round = target.round or source.round
    target.title = target.title or source.title
    target.verified = True
    history_by(target, user=user, reason=merged)
    target.save()

    DealRedirect.objects.filter(deal=source).update(deal=target)
    DealRedirect.objects.filter(old_slug=target.slug).delete()
    DealRedirect.objects.update_or_create(old_slug=source.slug, defaults={"deal": target})
    source_label = f"{source.title} ({source.pk})"
    delete_with_history([source], user=user, reason=f"merged into deal {target.pk}")
    _readers_see_it()
    logger.info("deal %s merged into %s (%s)", source_label, target.title, target.pk)
    return target
