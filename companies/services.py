"""Writes to the knowledge base. Views, the admin, the API, the CLI and tasks all come through here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from companies.headlines import deal_headline, join_names
from companies.importing import CompanyRecord
from companies.models import (
    AliasKind,
    Company,
    CompanyAlias,
    CompanyKind,
    CompanyStatus,
    Deal,
    DealParty,
    DealStatus,
    PartyRole,
    RejectedName,
)
from companies.name_changes import names_changed
from companies.names import core_key, name_key
from newsbase.history import IMPORT, delete_with_history, history_by
from newsbase.slugs import unique_slug


@dataclass(frozen=True, slots=True)
class AliasInput:
    name: str
    kind: AliasKind = AliasKind.ALIAS
    needs_context: bool = False


def company_check_parent(*, company: Company, parent: Company | None) -> None:
    """A company cannot own itself, directly or through a chain of units."""
    seen: set[int] = set()
    node = parent
    while node is not None:
        if company.pk is not None and node.pk == company.pk:
            raise ValidationError({"parent": f"{parent} is {company} or one of its units."})
        if node.pk in seen:
            break
        seen.add(node.pk)
        node = node.parent


@transaction.atomic
def company_create(
    *,
    name: str,
    kind: CompanyKind | str = CompanyKind.COMPANY,
    status: CompanyStatus | str = CompanyStatus.AUTO,
    parent: Company | None = None,
    country: str = "",
    website: str = "",
    description: str = "",
    confidence: float | None = None,
    is_public: bool = True,
    aliases: Iterable[AliasInput] = (),
    user: AbstractBaseUser | None = None,
    history_reason: str = "",
) -> Company:
    name = name.strip()
    if not name:
        raise ValidationError({"name": "A company needs a name."})
    company = Company(
        name=name,
        name_key=name_key(name),
        slug=unique_slug(Company, name),
        kind=kind,
        status=status,
        parent=parent,
        country=country.upper(),
        website=website,
        description=description,
        confidence=confidence,
        is_public=is_public,
    )
    company.full_clean()
    history_by(company, user=user, reason=history_reason)
    company.save()
    for alias in aliases:
        company_alias_add(
            company=company,
            name=alias.name,
            kind=alias.kind,
            needs_context=alias.needs_context,
            user=user,
            history_reason=history_reason,
        )
    return company


def company_alias_add(
    *,
    company: Company,
    name: str,
    kind: AliasKind | str = AliasKind.ALIAS,
    needs_context: bool = False,
    user: AbstractBaseUser | None,
    history_reason: str = "",
) -> CompanyAlias | None:
    """Adds a name the company goes by; a name equal to the company's own, or one it already has, adds nothing."""
    key = name_key(name)
    if not key or key == company.name_key or CompanyAlias.objects.filter(company=company, name_key=key).exists():
        return None
    alias = CompanyAlias(company=company, name_key=key, name=name.strip(), kind=kind, needs_context=needs_context)
    history_by(alias, user=user, reason=history_reason)
    try:
        # A savepoint, as get_or_create would: another writer adding the same name first is not an error.
        with transaction.atomic():
            alias.save()
    except IntegrityError:
        return None
    return alias


@transaction.atomic
def company_alias_save(*, alias: CompanyAlias, user: AbstractBaseUser | None) -> bool:
    """Saves an editor's alias (new or changed); returns False, saving nothing, for a name the company already has.

    The linking workers rebuild their gazetteer, so the name links (or, marked as an ordinary word, stops linking
    without context) from the next article on.
    """
    if company_alias_problem(alias=alias):
        return False
    alias.name = alias.name.strip()
    alias.name_key = name_key(alias.name)
    history_by(alias, user=user)
    alias.save()
    names_changed(urgent=True)
    return True


def company_alias_problem(*, alias: CompanyAlias) -> str | None:
    """Why this alias cannot be saved (shown to the editor), or None."""
    key = name_key(alias.name)
    if not key:
        return "An alias needs a name."
    if key == alias.company.name_key:
        return f"That is {alias.company}'s own name."
    if CompanyAlias.objects.filter(company=alias.company, name_key=key).exclude(pk=alias.pk).exists():
        return f"{alias.company} already goes by that name."
    return None


def company_alias_delete(*, alias: CompanyAlias, user: AbstractBaseUser | None) -> None:
    history_by(alias, user=user)
    alias.delete()
    names_changed(urgent=True)


def company_save_from_admin(*, company: Company, user: AbstractBaseUser | None) -> Company:
    """Saves an editor's change: keeps the lookup key in step with the name; the slug, once given, never changes.

    An editor's edit is an editor's word: the company becomes verified (and public), so re-linking never undoes
    it. A new name keeps the old one as a former alias, so mentions of the old name still link.
    """
    old_name = Company.objects.filter(pk=company.pk).values_list("name", flat=True).first() if company.pk else None
    company.name = company.name.strip()
    company.name_key = name_key(company.name)
    company.country = company.country.upper()
    company.status, company.is_public = CompanyStatus.VERIFIED, True
    if not company.slug:
        company.slug = unique_slug(Company, company.name)
    company_check_parent(company=company, parent=company.parent)
    history_by(company, user=user)
    company.save()
    if old_name is not None and name_key(old_name) != company.name_key:
        company_alias_add(company=company, name=old_name, kind=AliasKind.FORMER, user=user)
    # Names and aliases may have changed (aliases are saved with the same form): the gazetteer is rebuilt.
    names_changed(urgent=True)
    return company


def deal_save_from_admin(*, deal: Deal, user: AbstractBaseUser | None) -> Deal:
    """Saves an editor's change; the deal becomes verified, so re-linking never overwrites it."""
    if not deal.slug:
        deal.slug = unique_slug(Deal, deal.title or deal.get_kind_display())
    deal.currency = deal.currency.upper()
    deal.valuation_currency = deal.valuation_currency.upper()
    deal.verified = True
    history_by(deal, user=user)
    deal.save()
    return deal


def company_verify(*, company: Company, user: AbstractBaseUser | None) -> bool:
    """An editor confirms a company as it is; returns False when it was verified already."""
    if company.status == CompanyStatus.VERIFIED and company.is_public:
        return False
    company.status, company.is_public = CompanyStatus.VERIFIED, True
    history_by(company, user=user)
    company.save(update_fields=["status", "is_public", "updated_at"])
    return True


def deal_verify(*, deal: Deal, user: AbstractBaseUser | None) -> bool:
    """An editor confirms a deal as it is; returns False when it was verified already."""
    if deal.verified:
        return False
    deal.verified = True
    history_by(deal, user=user)
    deal.save(update_fields=["verified", "updated_at"])
    return True


@transaction.atomic
def companies_delete(*, company_ids: Iterable[int], user: AbstractBaseUser | None) -> int:
    """Deletes the companies an editor chose, with their names, mentions and coverage; returns how many went.

    A company that is a party to a deal cannot be deleted (the database protects it): merge or reject it instead.
    Its units stay, standing alone, each with a version saying who detached them. No other company's counts
    change: coverage is counted per company.
    """
    ids = sorted(set(company_ids))
    companies = list(Company.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    for unit in Company.objects.filter(parent_id__in=ids).exclude(pk__in=ids).order_by("pk"):
        unit.parent = None
        history_by(unit, user=user)
        unit.save(update_fields=["parent", "updated_at"])
    deleted = delete_with_history(companies, user=user)
    # The linking workers stop finding the names.
    names_changed(urgent=True)
    return deleted


@transaction.atomic
def deals_delete(*, deal_ids: Iterable[int], user: AbstractBaseUser | None) -> int:
    """Deletes the deals an editor chose, with their parties and evidence; returns how many went."""
    deals = list(Deal.objects.filter(pk__in=set(deal_ids)).order_by("pk"))
    return delete_with_history(deals, user=user)


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[str] = field(default_factory=list)


@transaction.atomic
def company_import(*, records: Iterable[CompanyRecord]) -> ImportSummary:
    """Loads a company list; loading the same list again changes nothing.

    A company already known by the same name gains the aliases and the empty fields the list has; what an editor
    set is kept. Listed companies are verified: a person chose them. A row that breaks a rule is reported by name
    and skipped; the others load.
    """
    records = list(records)
    summary = ImportSummary()
    existing = {company.name_key: company for company in Company.objects.filter(
        name_key__in={name_key(record.name) for record in records}
    )}  # fmt: skip
    loaded: dict[str, Company] = {}
    for record in records:
        key = name_key(record.name)
        try:
            with transaction.atomic():
                company = existing.get(key)
                if company is None:
                    company = company_create(
                        name=record.name,
                        kind=record.kind,
                        status=CompanyStatus.VERIFIED,
                        country=record.country,
                        website=record.website,
                        description=record.description,
                        history_reason=IMPORT,
                    )
                    summary.created += 1
                    changed = True
                else:
                    changed = _company_fill(company=company, record=record)
                changed |= _company_names_from_record(company=company, record=record)
        except ValidationError as error:
            summary.errors.append(f"{record.name}: {_error_text(error)}")
            continue
        if changed and key in existing:
            summary.updated += 1
        elif not changed:
            summary.unchanged += 1
        loaded[key] = company
    for record in records:
        company = loaded.get(name_key(record.name))
        if company is None or not record.parent or company.parent_id:
            continue
        parent = loaded.get(name_key(record.parent)) or Company.objects.filter(name_key=name_key(record.parent)).first()
        if parent is None:
            summary.errors.append(f"{record.name}: parent {record.parent!r} is not a known company")
            continue
        try:
            company_check_parent(company=company, parent=parent)
        except ValidationError as error:
            summary.errors.append(f"{record.name}: {_error_text(error)}")
            continue
        company.parent = parent
        history_by(company, user=None, reason=IMPORT)
        company.save(update_fields=["parent", "updated_at"])
    if summary.created or summary.updated:
        names_changed(urgent=True)
    return summary


def _company_fill(*, company: Company, record: CompanyRecord) -> bool:
    """Fills what the stored company lacks; a machine-found company becomes verified once a list names it."""
    changed: list[str] = []
    for field_name in ("country", "website", "description"):
        value = getattr(record, field_name)
        if value and not getattr(company, field_name):
            setattr(company, field_name, value)
            changed.append(field_name)
    if company.status == CompanyStatus.AUTO:
        company.status, company.is_public = CompanyStatus.VERIFIED, True
        company.kind = record.kind or company.kind
        changed += ["status", "is_public", "kind"]
    if changed:
        company.full_clean()
        history_by(company, user=None, reason=IMPORT)
        company.save(update_fields=[*changed, "updated_at"])
    return bool(changed)


def _company_names_from_record(*, company: Company, record: CompanyRecord) -> bool:
    context = {name_key(name) for name in record.needs_context}
    changed = False
    if company.name_key in context and not company.name_needs_context:
        company.name_needs_context = True
        history_by(company, user=None, reason=IMPORT)
        company.save(update_fields=["name_needs_context", "updated_at"])
        changed = True
    names = [(alias, AliasKind.ALIAS) for alias in record.aliases]
    names += [(former, AliasKind.FORMER) for former in record.former_names]
    names += [(ticker, AliasKind.TICKER) for ticker in record.tickers]
    for name, kind in names:
        needs_context = kind != AliasKind.TICKER and name_key(name) in context
        added = company_alias_add(
            company=company, name=name, kind=kind, needs_context=needs_context, user=None, history_reason=IMPORT
        )
        changed |= added is not None
    return changed


def _error_text(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field_name}: {' '.join(messages)}" for field_name, messages in error.message_dict.items())
    return " ".join(error.messages)


# --- Editors' corrections (the API and the admin) --------------------------------------------------------------


class _Unchanged:
    """Marks an argument left out, where None is a meaningful value (no parent, no amount)."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Final = _Unchanged()


@transaction.atomic
def company_update(
    *,
    company: Company,
    user: AbstractBaseUser | None,
    name: str | None = None,
    aliases: Sequence[str] | None = None,
    parent: Company | _Unchanged | None = UNCHANGED,
) -> Company:
    """An editor's correction; the company becomes verified, so re-linking never undoes it.

    A new name keeps the old one as a former alias (mentions of the old name still link), unless `aliases` is
    given: then the company goes by exactly those other names.
    """
    old_name = company.name
    if name is not None:
        name = name.strip()
        if not name:
            raise ValidationError({"name": "A company needs a name."})
        company.name, company.name_key = name, name_key(name)
    if not isinstance(parent, _Unchanged):
        company_check_parent(company=company, parent=parent)
        company.parent = parent
    company.status, company.is_public = CompanyStatus.VERIFIED, True
    company.full_clean(exclude=["slug"])
    history_by(company, user=user)
    company.save()
    if aliases is not None:
        wanted = {name_key(alias): alias.strip() for alias in aliases if name_key(alias)}
        wanted.pop(company.name_key, None)
        delete_with_history(list(company.aliases.exclude(name_key__in=wanted)), user=user)
        for alias in wanted.values():
            company_alias_add(company=company, name=alias, user=user)
    elif company.name != old_name:
        company_alias_add(company=company, name=old_name, kind=AliasKind.FORMER, user=user)
    if aliases is not None or company.name != old_name:
        names_changed(urgent=True)
    return company


@transaction.atomic
def deal_update(
    *,
    deal: Deal,
    user: AbstractBaseUser | None,
    status: DealStatus | str | None = None,
    amount: Decimal | _Unchanged | None = UNCHANGED,
    currency: str | None = None,
    title: str | None = None,
    parties: Sequence[tuple[Company, PartyRole | str]] | None = None,
) -> Deal:
    """An editor's correction; the deal becomes verified, so re-linking never undoes it.

    `amount=None` clears the amount; `title=""` leaves the headline to be built from the parties; `parties`, when
    given, replaces the deal's parties with exactly these (see `deal_parties_edit`).
    """
    if status is not None:
        deal.status = status
    if title is not None:
        deal.title = title.strip()
    if not isinstance(amount, _Unchanged):
        deal.amount = amount
        if amount is None and currency is None:
            deal.currency = ""
    if currency is not None:
        deal.currency = currency.strip().upper()
    deal.verified = True
    _check_amount_has_currency(deal)
    deal.full_clean(exclude=["slug"])
    history_by(deal, user=user)
    deal.save()
    if parties is not None:
        wanted = {(company.pk, str(role)): company for company, role in parties}
        for _, role in wanted:
            if role not in PartyRole.values:
                raise ValidationError({"parties": f"{role!r} is not a party role."})
        # From the table, not deal.parties.all(): a caller's prefetch may hold only some of the parties.
        current = {(party.company_id, party.role): party for party in DealParty.objects.filter(deal=deal)}
        deal_parties_edit(
            deal=deal,
            user=user,
            saved=[
                DealParty(deal=deal, company=company, role=role)
                for (_, role), company in wanted.items()
                if (company.pk, role) not in current
            ],
            removed=[party for key, party in current.items() if key not in wanted],
        )
    return deal


# A deal's parties, and the headline that names them. Readers see a deal by its headline: it must not name a
# company the deal no longer has, and a deal with no party at all is nobody's deal.

HEADLINE_REBUILT: Final = "headline rebuilt from the parties"


def deal_title_is_machine_made(*, deal: Deal, title: str) -> bool:
    """Whether `title` is the headline the machine wrote for this stored deal, one no editor has ever set: such a
    headline follows the parties. An editor's headline is the editor's to change."""
    if not title or deal.pk is None:
        return False
    stored, written_by = None, None
    for version_title, user_id in deal.history.order_by("history_date", "history_id").values_list(
        "title", "history_user_id"
    ):
        if version_title != stored:
            stored, written_by = version_title, user_id
    if stored is not None:
        return title == stored and written_by is None
    # No version at all (rows written without history): the machine's if it reads as the deal's headline.
    parties = [(company.name, role) for company, role in _deal_parties(deal, saved=(), removed=())]
    return any(title == deal_headline(kind=deal.kind, status=status, parties=parties) for status in DealStatus.values)


def deal_parties_problem(
    *, deal: Deal, saved: Iterable[DealParty], removed: Iterable[DealParty], title: str
) -> str | None:
    """Why the deal cannot have these parties saved and removed (shown to the editor), or None: a deal keeps at
    least one party, and a headline an editor wrote names no company that stops being a party. `title` is the
    headline the deal will have; a machine-made one is rebuilt from the parties instead."""
    saved, removed = list(saved), list(removed)
    after = _deal_parties(deal, saved=saved, removed=removed)
    if not after:
        return (
            f"A deal needs at least one party: “{deal.title or deal.get_kind_display()}” would be left with none. "
            "Add the company that takes its place first, or delete the deal."
        )
    if not title or deal_title_is_machine_made(deal=deal, title=title):
        return None
    staying = {company.pk for company, _ in after}
    before = _deal_parties(deal, saved=(), removed=())
    gone = list({company.pk: company for company, _ in before if company.pk not in staying}.values())
    named = _names_in(title, named=gone, besides=[company for company, _ in after])
    if named:
        return (
            f"The headline “{title}” names {join_names(named)}, no longer a party to the deal: change the headline, "
            "or leave it empty to have one built from the parties."
        )
    return None


@transaction.atomic
def deal_parties_edit(
    *, deal: Deal, user: AbstractBaseUser | None, saved: Iterable[DealParty], removed: Iterable[DealParty]
) -> Deal:
    """An editor's change to a deal's parties (new or changed rows in `saved`, deleted ones in `removed`), each
    with a version naming the editor. Refused (ValidationError) when `deal_parties_problem` says why; a
    machine-made headline is rebuilt from the parties the deal is left with. Readers' cached pages go stale with
    the parties' and the deal's saves."""
    saved, removed = list(saved), list(removed)
    problem = deal_parties_problem(deal=deal, saved=saved, removed=removed, title=deal.title)
    if problem:
        raise ValidationError({"parties": problem})
    rebuild = deal_title_is_machine_made(deal=deal, title=deal.title)
    delete_with_history([party for party in removed if party.pk is not None], user=user)
    for party in saved:
        party.deal = deal
        history_by(party, user=user)
        party.save()
    if rebuild:
        parties = [(company.name, role) for company, role in _deal_parties(deal, saved=(), removed=())]
        headline = deal_headline(kind=deal.kind, status=deal.status, parties=parties)[:300]
        if headline != deal.title:
            deal.title = headline
            history_by(deal, user=user, reason=HEADLINE_REBUILT)
            deal.save(update_fields=["title", "updated_at"])
    return deal


def _deal_parties(deal: Deal, *, saved: Sequence[DealParty], removed: Sequence[DealParty]) -> list[tuple[Company, str]]:
    """The deal's (company, role) pairs once `saved` are saved and `removed` deleted, in the order pages show them."""
    parties: dict[object, DealParty] = {}
    if deal.pk is not None:
        parties = {party.pk: party for party in DealParty.objects.filter(deal=deal).select_related("company")}
    for party in removed:
        parties.pop(party.pk, None)
    for party in saved:
        parties[party.pk if party.pk is not None else id(party)] = party
    return [(party.company, party.role) for party in sorted(parties.values(), key=lambda party: party.role)]


def _names_in(title: str, *, named: Sequence[Company], besides: Sequence[Company]) -> list[str]:
    """The names of `named` companies the title mentions, when not as part of a name of `besides` companies (the
    title "Activision Blizzard Inc. ..." does not name "Activision" once that company has gone)."""
    text = f" {name_key(title)} "
    for company in sorted(besides, key=lambda company: -len(core_key(company.name))):
        text = text.replace(f" {core_key(company.name)} ", " | ")
    return [company.name for company in named if f" {core_key(company.name)} " in text]


def _check_amount_has_currency(deal: Deal) -> None:
    # The database refuses it too (deal_amount_has_currency); saying so first gives the client a field to fix.
    if deal.amount is not None and not deal.currency:
        raise ValidationError({"currency": "An amount needs its currency (ISO 4217, e.g. USD)."})


def rejected_name_add(*, name: str, user: AbstractBaseUser | None = None) -> RejectedName:
    """Remembers that a name is not a company: discovery never creates it again."""
    key = name_key(name)
    if not key:
        raise ValidationError({"name": "A name is needed."})
    rejected, _ = RejectedName.objects.get_or_create(name_key=key, defaults={"name": name.strip(), "rejected_by": user})
    return rejected
