"""The benchmark generator: reproducible, and every mention and evidence points at its own text."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, DealEvidence, Mention
from companies.models import Company, Deal, DealParty

pytestmark = pytest.mark.django_db(transaction=True)
SMALL = {"companies": 60, "articles": 120, "deals": 40, "sources": 5}


def _snapshot() -> tuple[list, list, list]:
    return (
        list(Company.objects.order_by("pk").values_list("name", "slug", "parent_id", "mention_count")),
        list(Article.objects.order_by("pk").values_list("title", "body", "published_at__date")),
        list(DealParty.objects.order_by("pk").values_list("deal__title", "company_id", "role")),
    )


def test_the_same_seed_gives_the_same_knowledge_base() -> None:
    call_command("generate_benchmark_data", seed=3, **SMALL, stdout=None)
    first = _snapshot()
    call_command("generate_benchmark_data", seed=3, replace=True, **SMALL)
    assert _snapshot() == first
    call_command("generate_benchmark_data", seed=4, replace=True, **SMALL)
    assert _snapshot()[1] != first[1]


def test_it_writes_the_sizes_asked_for_with_mentions_at_their_true_offsets() -> None:
    call_command("generate_benchmark_data", seed=1, **SMALL)
    assert Company.objects.count() == 60
    assert Article.objects.count() == 120
    assert Deal.objects.count() == 40
    assert Mention.objects.count() == 1200
    for mention in Mention.objects.select_related("article"):
        assert mention.article.body[mention.start : mention.end] == mention.text
        assert mention.sentence_start <= mention.start < mention.end <= mention.sentence_end
    for evidence in DealEvidence.objects.select_related("article"):
        assert evidence.article.body[evidence.start : evidence.end] == evidence.sentence
    assert sum(Company.objects.values_list("mention_count", flat=True)) == Mention.objects.visible().count()


def test_it_refuses_to_write_over_articles_without_replace() -> None:
    call_command("generate_benchmark_data", seed=1, **SMALL)
    with pytest.raises(CommandError, match="--replace"):
        call_command("generate_benchmark_data", seed=1, **SMALL)
