"""Free slugs for many new rows at once: one query for a whole batch instead of one per row."""

from __future__ import annotations

from django.db import models

from newsbase.slugs import slug_base


def unique_slugs(model: type[models.Model], texts: list[str]) -> list[str]:
    """A slug per text, free in `model` and distinct from each other, as newsbase.slugs.unique_slug gives one.

    One query for the batch; a text whose plain slug is taken (already stored, or earlier in the batch) costs one
    more query to find its free -2, -3, ... The unique constraint on the column is the real guarantee.
    """
    bases = [slug_base(text) for text in texts]
    taken = set(model._default_manager.filter(slug__in=set(bases)).values_list("slug", flat=True))
    slugs: list[str] = []
    for base in bases:
        slug = base
        if slug in taken:
            taken |= set(model._default_manager.filter(slug__startswith=base).values_list("slug", flat=True))
            suffix = 2
            while f"{base}-{suffix}" in taken:
                suffix += 1
            slug = f"{base}-{suffix}"
        taken.add(slug)
        slugs.append(slug)
    return slugs
