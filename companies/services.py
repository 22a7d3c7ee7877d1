"""Writes to the knowledge base. Views, the admin, the API, the CLI and tasks all come through here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from companies.importing import CompanyRecord
from companies.models import AliasKind, Company, CompanyAlias, CompanyKind, CompanyStatus, Deal
from companies.name_changes import names_changed
from companies.names import name_key
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
    company.save()
    for alias in aliases:
        company_alias_add(company=company, name=alias.name, kind=alias.kind, needs_context=alias.needs_context)
    return company


def company_alias_add(
    *, company: Company, name: str, kind: AliasKind | str = AliasKind.ALIAS, needs_context: bool = False
) -> CompanyAlias | None:
    """Adds a name the company goes by; a name equal to the company's own, or one it already has, adds nothing."""
    key = name_key(name)
    if not key or key == company.name_key:
        return None
    alias, created = CompanyAlias.objects.get_or_create(
        company=company,
        name_key=key,
        defaults={"name": name.strip(), "kind": kind, "needs_context": needs_context},
    )
    return alias if created else None


def company_save_from_admin(*, company: Company) -> Company:
    """Saves an editor's change: keeps the lookup key in step with the name; the slug, once given, never changes."""
    company.name = company.name.strip()
    company.name_key = name_key(company.name)
    company.country = company.country.upper()
    if not company.slug:
        company.slug = unique_slug(Company, company.name)
    company_check_parent(company=company, parent=company.parent)
    company.save()
    return company


def deal_save_from_admin(*, deal: Deal) -> Deal:
    if not deal.slug:
        deal.slug = unique_slug(Deal, deal.title or deal.get_kind_display())
    deal.currency = deal.currency.upper()
    deal.valuation_currency = deal.valuation_currency.upper()
    deal.save()
    return deal


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
        company.save(update_fields=[*changed, "updated_at"])
    return bool(changed)


def _company_names_from_record(*, company: Company, record: CompanyRecord) -> bool:
    context = {name_key(name) for name in record.needs_context}
    changed = False
    if company.name_key in context and not company.name_needs_context:
        company.name_needs_context = True
        company.save(update_fields=["name_needs_context", "updated_at"])
        changed = True
    names = [(alias, AliasKind.ALIAS) for alias in record.aliases]
    names += [(former, AliasKind.FORMER) for former in record.former_names]
    names += [(ticker, AliasKind.TICKER) for ticker in record.tickers]
    for name, kind in names:
        needs_context = kind != AliasKind.TICKER and name_key(name) in context
        changed |= company_alias_add(company=company, name=name, kind=kind, needs_context=needs_context) is not None
    return changed


def _error_text(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field_name}: {' '.join(messages)}" for field_name, messages in error.message_dict.items())
    return " ".join(error.messages)
