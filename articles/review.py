"""Editors' review of what the machine found. The admin and the API both come through here."""

from __future__ import annotations

import logging

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Mention, ReviewState
from companies.stats import company_mention_counts_refresh

logger = logging.getLogger(__name__)


def mention_review(*, mention: Mention, state: ReviewState | str, user: AbstractBaseUser | None = None) -> Mention:
    """Confirms or rejects a mention (or puts it back to unreviewed), noting who decided and when. Re-linking keeps a
    reviewed mention as it is, and a rejected one disappears from public pages and the API."""
    if state not in ReviewState.values:
        raise ValidationError({"review_state": f"{state!r} is not one of {', '.join(ReviewState.values)}."})
    if mention.review_state != state:
        mention.review_state = state
        mention.reviewed_by = user if user is not None and user.is_authenticated else None
        mention.reviewed_at = timezone.now()
        mention.save(update_fields=["review_state", "reviewed_by", "reviewed_at"])
        # A rejected mention no longer counts towards the company's coverage (nor does one put back).
        company_mention_counts_refresh(company_ids=[mention.company_id], article_ids=[mention.article_id])
        logger.info(
            "mention %s of article %s marked %s by user %s", mention.pk, mention.article_id, state, user and user.pk
        )
    return mention
