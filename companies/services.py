"""Writes to the knowledge base. Views, the admin, the API, the CLI and tasks all come through here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction

from companies.models import AliasKind, Company, CompanyAlias, CompanyKind, CompanyStatus, Deal
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
