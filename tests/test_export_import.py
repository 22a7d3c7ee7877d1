"""`manage.py export` and `manage.py import`: the whole knowledge base out as JSON Lines and back, identically."""

from __future__ import annotations

import datetime
import gzip
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import (
    Article,
    ItemStatus,
    LinkStatus,
    Mention,
    MentionMethod,
    ReviewState,
)
from companies.models import (
    AliasKind,
    Company,
    CompanyKind,
    CompanyMentionDay,
    CompanyStatus,
    Deal,
    DealKind,
    DealStatus,
    PartyRole,
)
from companies.name_changes import names_versions
from companies.stats import company_mention_counts_refresh
from newsbase.backup import (
    BackupFileError,
    DatabaseNotEmptyError,
    knowledge_base_export,
    knowledge_base_import,
)
from newsbase.backup.tables import NOT_BACKED_UP, TABLES
from newsbase.pagecache import current_generation
from tests.factories import (
    ArticleFactory,
    ArticleFingerprintFactory,
    CompanyAliasFactory,
    CompanyFactory,
    CompanyRedirectFactory,
    DealEvidenceFactory,
    DealFactory,
    DealPartyFactory,
    DealRedirectFactory,
    FeedFactory,
    IngestItemFactory,
    IngestRunFactory,
    MentionFactory,
    RejectedNameFactory,
    SourceFactory,
    UserFactory,
)

UTC = datetime.UTC
BODY = "Deutsche Börse agreed to buy 腾讯控股's stake. Société Générale advised; the deal closes in 2026."


def build_knowledge_base() -> dict[str, Any]:
    """A little of everything a backup must carry: editors' decisions, unicode, nulls, decimals, history."""
    editor = UserFactory(username="élodie")
    newswire = SourceFactory(name="Newswire Ünited", slug="newswire-united", website="https://newswire.example")
    # A unit stored before its parent: a restore cannot insert companies in id order with the parent checked first.
    unit = CompanyFactory(name="Börse Clearing", slug="borse-clearing", kind=CompanyKind.UNIT, country="DE")
    parent = CompanyFactory(
        name="Deutsche Börse", slug="deutsche-borse", country="DE", description="Exchange operator.\nFrankfurt."
    )
    unit.parent = parent
    unit._history_user = editor  # an editor's change, recorded in the company's history
    unit.save()
    tencent = CompanyFactory(
        name="腾讯控股",
        slug="tencent",
        country="CN",
        status=CompanyStatus.AUTO,
        confidence=0.4375,
        is_public=False,
        name_needs_context=True,
        website="",
    )
    socgen = CompanyFactory(name="Société Générale", slug="societe-generale", country="FR")
    CompanyAliasFactory(company=tencent, name="Tencent", kind=AliasKind.ALIAS)
    CompanyAliasFactory(company=tencent, name="0700", kind=AliasKind.TICKER, needs_context=True)
    CompanyAliasFactory(company=parent, name="Frankfurter Wertpapierbörse", kind=AliasKind.FORMER)
    RejectedNameFactory(name="Große Koalition", rejected_by=editor)
    RejectedNameFactory(name="Nobody's Decision", rejected_by=None)
    CompanyRedirectFactory(old_slug="deutsche-boerse-ag", company=parent)

    stake = DealFactory(
        kind=DealKind.ACQUISITION,
        status=DealStatus.AGREED,
        title="Deutsche Börse buys a stake in 腾讯控股",
        slug="deutsche-borse-tencent",
        amount=Decimal("68700000000.55"),
        currency="EUR",
        valuation=Decimal("0.01"),
        valuation_currency="USD",
        verified=True,
    )
    rumour = DealFactory(kind=DealKind.FUNDING_ROUND, status=DealStatus.RUMORED, round="Series B", announced_on=None)
    DealPartyFactory(deal=stake, company=parent, role=PartyRole.ACQUIRER)
    DealPartyFactory(deal=stake, company=tencent, role=PartyRole.TARGET)
    DealPartyFactory(deal=rumour, company=socgen, role=PartyRole.INVESTOR)
    DealRedirectFactory(old_slug="borse-tencent-stake", deal=stake)

    story = ArticleFactory(
        title="Börse and 腾讯控股 agree",
        body=BODY,
        url="https://newswire.example/borse-tencent",
        source=newswire,
        author="Zoë Müller",
        tags=["deals", "日本"],
        link_status=LinkStatus.LINKED,
        linked_at=datetime.datetime(2026, 11, 1, 9, 30, 15, 123456, tzinfo=UTC),
        published_at=datetime.datetime(2026, 11, 1, 8, 0, tzinfo=UTC),
    )
    undated = ArticleFactory(
        source=None, url="", published_at=None, link_status=LinkStatus.FAILED, link_error="Timed out: 30 s"
    )
    ArticleFingerprintFactory(article=story, band=0, value=-(2**63))
    ArticleFingerprintFactory(article=story, band=1, value=2**63 - 1)
    MentionFactory(article=story, company=parent, text="Deutsche Börse", start=0, end=14, sentence_start=0,
                   sentence_end=48, review_state=ReviewState.CONFIRMED)  # fmt: skip
    MentionFactory(article=story, company=tencent, text="腾讯控股", start=29, end=33, confidence=0.4375,
                   method=MentionMethod.DISCOVERED, review_state=ReviewState.REJECTED)  # fmt: skip
    MentionFactory(article=story, company=socgen, text="Société Générale", start=49, end=65,
                   method=MentionMethod.EDITOR)  # fmt: skip
    DealEvidenceFactory(deal=stake, article=story, sentence=BODY[:48], start=0, end=48)
    # Coverage counts, as linking leaves them: mentions per company and day (a rejected mention does not count).
    company_mention_counts_refresh()

    FeedFactory(
        url="https://newswire.example/feed.xml",
        source=newswire,
        poll_interval_minutes=15,
        etag='W/"abc"',
        last_modified="Sun, 01 Nov 2026 08:00:00 GMT",
        last_polled_at=datetime.datetime(2026, 11, 1, 8, 5, tzinfo=UTC),
        last_status="200: 12 entries, 1 new",
    )
    FeedFactory(url="https://example.org/paused.atom", source=None, active=False)
    run = IngestRunFactory(inputs=["samples/", "ünïcode.txt"], source_name="Newswire Ünited", requested_by=editor)
    IngestItemFactory(run=run, position=0, status=ItemStatus.CREATED, article=story)
    IngestItemFactory(run=run, position=1, status=ItemStatus.DUPLICATE, article=story, reason="same text")
    IngestItemFactory(run=run, position=2, status=ItemStatus.FAILED, reason="not UTF-8", document=None)
    IngestItemFactory(run=run, position=3, status=ItemStatus.PENDING, document={"title": "Ä", "body": "…", "n": 1})
    return {"editor": editor, "unit": unit, "parent": parent, "stake": stake, "story": story, "undated": undated}


def export_text() -> str:
    out = io.StringIO()
    knowledge_base_export(out=out)
    return out.getvalue()


def empty_the_knowledge_base() -> None:
    """Deletes every backed-up row (user accounts stay, as they would in a new database an editor was added to)."""
    versions = [table for table in TABLES if table.type.endswith("_version")]
    rows = [table for table in TABLES if table not in versions]
    # Deleting companies, deals and articles records their deletion in the history, so the history goes last.
    for table in (*reversed(rows), *versions):
        table.model._base_manager.all().delete()
    assert all(not table.model._base_manager.exists() for table in TABLES)


def records(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines()]


def test_every_model_of_the_project_is_backed_up_or_left_out_with_a_reason() -> None:
    backed_up = {table.model._meta.label for table in TABLES}
    for app in ("companies", "articles", "accounts", "website", "auth"):
        for model in apps.get_app_config(app).get_models():
            if model._meta.proxy:
                continue
            label = model._meta.label
            assert label in backed_up or label in NOT_BACKED_UP, f"{label} is neither backed up nor left out"


@pytest.mark.django_db
def test_import_restores_the_export_identically(django_capture_on_commit_callbacks: Any) -> None:
    made = build_knowledge_base()
    first = export_text()
    empty_the_knowledge_base()
    names_before, generation_before = names_versions(), current_generation()

    with django_capture_on_commit_callbacks(execute=True):
        summary = knowledge_base_import(lines=io.StringIO(first))
    second = export_text()

    header_first, *rows_first = first.splitlines()
    header_second, *rows_second = second.splitlines()
    assert rows_second == rows_first
    assert json.loads(header_second)["counts"] == json.loads(header_first)["counts"] == summary.counts
    assert summary.counts["mention"] == 3
    assert summary.counts["company_mention_day"] == 2
    assert summary.counts["company_version"] >= 5
    # Aliases' and parties' versions too, with their editors.
    assert summary.counts["company_alias_version"] >= 3
    assert summary.counts["deal_party_version"] >= 1
    assert summary.unknown_users == set()
    # The linking workers rebuild their gazetteer and readers' pages render afresh.
    assert names_versions()[1] > names_before[1]
    assert current_generation() != generation_before

    unit = Company.objects.get(slug="borse-clearing")
    assert unit.pk == made["unit"].pk
    assert unit.parent_id == made["parent"].pk
    assert unit.created_at == made["unit"].created_at
    assert unit.history.latest().history_user == made["editor"]
    assert Company.objects.get(slug="deutsche-borse").mention_count == 1
    assert Company.objects.get(slug="tencent").mention_count == 0
    assert CompanyMentionDay.objects.get(company__slug="societe-generale").day == datetime.date(2026, 11, 1)
    stake = Deal.objects.get(slug="deutsche-borse-tencent")
    assert stake.amount == Decimal("68700000000.55")
    assert stake.valuation == Decimal("0.01")
    assert stake.verified
    assert stake.updated_at == made["stake"].updated_at
    story = Article.objects.get(content_hash=made["story"].content_hash)
    assert story.body == BODY
    assert story.tags == ["deals", "日本"]
    assert story.linked_at == datetime.datetime(2026, 11, 1, 9, 30, 15, 123456, tzinfo=UTC)
    assert Article.objects.get(pk=made["undated"].pk).published_at is None
    assert Mention.objects.get(text="腾讯控股").review_state == ReviewState.REJECTED


@pytest.mark.django_db
def test_the_export_is_one_header_then_one_record_per_row_in_dependency_order() -> None:
    build_knowledge_base()
    header, *rows = records(export_text())

    assert header["type"] == "header"
    assert header["format"] == "newsbase-backup"
    assert header["version"] == 1
    assert sum(header["counts"].values()) == len(rows)
    order = [table.type for table in TABLES]
    positions = [order.index(row["type"]) for row in rows]
    assert positions == sorted(positions)
    company = next(row for row in rows if row["type"] == "company" and row["slug"] == "tencent")
    assert list(company)[:2] == ["type", "id"]
    assert company["name"] == "腾讯控股"
    assert company["confidence"] == 0.4375
    assert company["parent_id"] is None
    deal = next(row for row in rows if row["type"] == "deal" and row["slug"] == "deutsche-borse-tencent")
    assert deal["amount"] == "68700000000.55"
    rejected_by = {row["name"]: row["rejected_by"] for row in rows if row["type"] == "rejected_name"}
    assert rejected_by == {"Große Koalition": "élodie", "Nobody's Decision": None}
    assert not any("key_hash" in row or "password" in row for row in rows)


@pytest.mark.django_db
def test_the_export_reads_each_table_in_one_streamed_query_whatever_its_size() -> None:
    build_knowledge_base()
    MentionFactory.create_batch(50)

    with CaptureQueriesContext(connection) as queries:
        export_text()

    # A count and a streamed select per table: nothing per row (user names come with the rows, by a join).
    selects = [query["sql"] for query in queries if query["sql"].lstrip().upper().startswith(("SELECT", "DECLARE"))]
    assert len(selects) == 2 * len(TABLES)


@pytest.mark.django_db
def test_import_refuses_a_database_that_is_not_empty() -> None:
    build_knowledge_base()
    backup = export_text()
    companies = Company.objects.count()

    with pytest.raises(DatabaseNotEmptyError, match=r"the database is not empty \(it holds 1 source, 4 company"):
        knowledge_base_import(lines=io.StringIO(backup))
    assert Company.objects.count() == companies


def _mention_line(lines: list[str]) -> int:
    return next(index for index, line in enumerate(lines) if json.loads(line)["type"] == "mention")


def _edit_mention(lines: list[str], **changes: Any) -> int:
    index = _mention_line(lines)
    record = json.loads(lines[index])
    for key, value in changes.items():
        if value is _REMOVE:
            del record[key]
        else:
            record[key] = value
    lines[index] = json.dumps(record, ensure_ascii=False)
    return index + 1


_REMOVE = object()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda lines: _edit_mention(lines, type="footnote"), "unknown type 'footnote'"),
        (lambda lines: _edit_mention(lines, start=_REMOVE), "mention record without start"),
        (lambda lines: _edit_mention(lines, colour="red"), "mention record with unknown colour"),
        (lambda lines: _edit_mention(lines, company_id=987654), "company_id 987654 refers to a company the file"),
        (lambda lines: _edit_mention(lines, article_id=None), "article_id may not be null"),
        (lambda lines: _edit_mention(lines, confidence="very"), "confidence must be JSON int or float, not str"),
        (lambda lines: _edit_mention(lines, start=1.5), "start must be JSON int, not float 1.5"),
        (lambda lines: _edit_mention(lines, confidence=float("nan")), "NaN is not JSON"),
        (lambda lines: _edit_mention(lines, text="x" * 256), "text is 256 characters long, longer than 255"),
        (lambda lines: _edit_mention(lines, created_at="yesterday"), "created_at"),
        (lambda lines: _edit_mention(lines, start=40, end=30), "the database refused the mention records"),
        (lambda lines: lines.insert(_mention_line(lines) + 1, lines[1]) or _mention_line(lines) + 2, "out of order"),
        (lambda lines: lines.__setitem__(5, lines[5][:20]) or 6, "not a JSON object"),
        (lambda lines: lines.__setitem__(5, "[1, 2]") or 6, "not a JSON object but list"),
    ],
    ids=[
        "unknown type",
        "missing field",
        "unknown field",
        "bad reference",
        "null reference",
        "text for a number",
        "fraction for an offset",
        "NaN",
        "too long",
        "bad date",
        "impossible offsets",
        "out of order",
        "cut line",
        "not an object",
    ],
)
@pytest.mark.django_db
def test_import_names_the_bad_line_and_the_reason_and_writes_nothing(damage: Any, reason: str) -> None:
    build_knowledge_base()
    lines = export_text().splitlines()
    empty_the_knowledge_base()
    bad_line = damage(lines)

    with pytest.raises(BackupFileError) as raised:
        knowledge_base_import(lines=io.StringIO("\n".join(lines) + "\n"))
    assert raised.value.line == bad_line
    assert reason in raised.value.reason
    assert not Company.objects.exists()
    assert not Mention.objects.exists()


@pytest.mark.django_db
def test_import_refuses_a_file_cut_between_two_lines_naming_the_shortfall() -> None:
    build_knowledge_base()
    lines = export_text().splitlines()
    empty_the_knowledge_base()

    first_item = next(index for index, line in enumerate(lines) if json.loads(line)["type"] == "ingest_item")

    with pytest.raises(BackupFileError, match=r"1 ingest_item records where its header counts 4: it is truncated"):
        knowledge_base_import(lines=io.StringIO("\n".join(lines[: first_item + 1]) + "\n"))
    assert not Company.objects.exists()


@pytest.mark.django_db
def test_import_refuses_a_file_that_is_not_a_backup() -> None:
    with pytest.raises(BackupFileError, match="line 1: the first line is not a newsbase-backup header"):
        knowledge_base_import(lines=io.StringIO('{"name": "Acme"}\n'))
    with pytest.raises(BackupFileError, match="line 1: the file is empty"):
        knowledge_base_import(lines=io.StringIO(""))


@pytest.mark.django_db(transaction=True)
def test_export_and_import_commands_round_trip_a_gzip_file_and_new_rows_get_new_ids(tmp_path: Path) -> None:
    made = build_knowledge_base()
    backup = tmp_path / "newsbase.jsonl.gz"
    call_command("export", "-o", str(backup), "--no-progress", stderr=io.StringIO())
    first = gzip.decompress(backup.read_bytes()).decode()
    empty_the_knowledge_base()
    before = names_versions()

    out = io.StringIO()
    call_command("import", str(backup), "--no-progress", stdout=out)

    assert "Imported" in out.getvalue()
    assert "3 mention" in out.getvalue()
    assert names_versions()[1] > before[1]  # bumped on the real commit
    second = io.StringIO()
    call_command("export", "--no-progress", stdout=second, stderr=io.StringIO())
    assert second.getvalue().splitlines()[1:] == first.splitlines()[1:]
    # The sequences moved past the restored ids (PostgreSQL), so the next rows are stored without a clash.
    newcomer = CompanyFactory()
    deal = DealFactory()
    assert newcomer.pk > made["parent"].pk
    assert deal.pk > made["stake"].pk


@pytest.mark.django_db(transaction=True)
def test_import_command_refuses_a_truncated_gzip_file_and_a_full_database(tmp_path: Path) -> None:
    build_knowledge_base()
    backup = tmp_path / "newsbase.jsonl.gz"
    call_command("export", "-o", str(backup), "--no-progress", stderr=io.StringIO())

    with pytest.raises(CommandError, match=r"newsbase.jsonl.gz: the database is not empty .*Nothing was imported"):
        call_command("import", str(backup), "--no-progress")

    empty_the_knowledge_base()
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(backup.read_bytes()[:-200])
    with pytest.raises(CommandError, match=r"cut.jsonl.gz: line \d+: .*Nothing was imported"):
        call_command("import", str(cut), "--no-progress")
    assert not Company.objects.exists()


@pytest.mark.django_db
def test_import_leaves_references_to_unknown_users_empty_and_says_whom(tmp_path: Path) -> None:
    build_knowledge_base()
    backup = tmp_path / "newsbase.jsonl"
    call_command("export", "-o", str(backup), "--no-progress", stderr=io.StringIO())
    empty_the_knowledge_base()
    User.objects.filter(username="élodie").delete()

    errors = io.StringIO()
    call_command("import", str(backup), "--no-progress", stdout=io.StringIO(), stderr=errors)

    assert "No account here is called élodie" in errors.getvalue()
    assert Company.objects.get(slug="borse-clearing").history.latest().history_user is None
