"""Denormalised coverage figures the pages sort by, recomputed from the mentions themselves."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from companies.models import Company


def company_mention_counts_refresh(*, company_ids: Iterable[int] | None = None) -> int:
    """Recount the visible mentions of these companies (all of them when None); idempotent. Returns rows updated.

    The linking service calls it on commit with the companies an article names; editors' reviews change counts too.
    """
    mention_model = Company.mentions.rel.related_model
    visible = (
        mention_model.objects.visible()
        .filter(company_id=OuterRef("pk"))
        .order_by()
        .values("company_id")
        .annotate(total=Count("id"))
        .values("total")
    )
    companies = Company.objects.all()
    if company_ids is not None:
        companies = companies.filter(pk__in=list(company_ids))
    return companies.update(mention_count=Coalesce(Subquery(visible, output_field=IntegerField()), 0))
