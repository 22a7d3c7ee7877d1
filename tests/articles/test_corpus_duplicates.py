"""De-duplication on real news: the BBC dataset's repeats and near-repeats are recognised, distinct stories kept."""

from pathlib import Path

import pytest

from articles.models import ItemStatus
from articles.readers import RawDocument, read_paths
from articles.services import article_store

BBC = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "bbc"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpus/bbc is not here (research corpus, not shipped)"),
]


def test_bbc_business_and_tech_store_each_story_once() -> None:
    outcomes: dict[str, tuple[str, int]] = {}
    for document in read_paths([BBC / "business", BBC / "tech"]):
        assert isinstance(document, RawDocument), document
        outcome = article_store(document=document)
        name = "/".join(Path(document.origin).parts[-2:])
        outcomes[name] = (outcome.status, outcome.article.pk)
    statuses = [status for status, _ in outcomes.values()]
    assert len(outcomes) == 911
    created, duplicates = statuses.count(ItemStatus.CREATED), statuses.count(ItemStatus.DUPLICATE)
    # 61 byte-identical repeats and about 26 near-identical versions.
    assert 815 <= created <= 830, created
    assert duplicates == 911 - created
    # One word apart: the second is a duplicate of the first.
    assert outcomes["tech/224.txt"] == (ItemStatus.DUPLICATE, outcomes["tech/219.txt"][1])
    assert outcomes["business/253.txt"] == (ItemStatus.DUPLICATE, outcomes["business/007.txt"][1])
    # Two different stories on one topic are both kept.
    assert outcomes["business/209.txt"][0] == outcomes["business/229.txt"][0] == ItemStatus.CREATED
