"""The command-line contracts: ingest, extract and load_companies."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, IngestRun, ItemStatus
from companies.models import Company, CompanyAlias, CompanyStatus

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
STORY = (
    "Microsoft agreed to buy Activision Blizzard for $68.7 billion, the companies said on Tuesday.\n\n"
    "The deal is the largest in the history of the games industry."
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "deal.txt").write_text(f"Microsoft to buy Activision\n\n{STORY}", encoding="utf-8")
    (tmp_path / "nested").mkdir()
    (tmp_path / "nested" / "note.md").write_text(
        "---\ntitle: Vodafone results\ndate: 2024-05-14\nsource: Example Wire\n---\n\nVodafone reported results.\n",
        encoding="utf-8",
    )
    (tmp_path / "broken.json").write_text("{not json", encoding="utf-8")
    return tmp_path


@pytest.fixture
def run_command(django_capture_on_commit_callbacks):
    """Runs a command as a user would, with what it queues on commit (linking) run in-process."""

    def run(*args: str) -> tuple[str, str]:
        out, err = StringIO(), StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command(*args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    return run


def test_ingest_stores_a_folder_and_reports_every_document(run_command, knowledge_base: dict, folder: Path) -> None:
    out, err = run_command("ingest", str(folder), "--no-progress")
    assert "3 documents: 2 created, 0 duplicates, 1 failed." in out
    assert "broken.json" in err
    run = IngestRun.objects.get()
    assert run.items.filter(status=ItemStatus.FAILED).get().reason
    assert Article.objects.get(title="Microsoft to buy Activision").link_status == "linked"


def test_ingest_names_a_document_that_had_more_mentions_than_an_article_keeps(
    run_command, knowledge_base: dict, tmp_path: Path, settings
) -> None:
    settings.NEWSBASE_MAX_MENTIONS_PER_ARTICLE = 2
    (tmp_path / "repeated.txt").write_text("Repeated\n\n" + "Microsoft said. " * 5, encoding="utf-8")

    out, _ = run_command("ingest", str(tmp_path), "--no-progress")

    assert "1 created" in out
    assert "warning    " in out
    assert "repeated.txt: only the first 2 of 5 mentions were linked" in out
    assert Article.objects.get().mentions.count() == 2


def test_ingesting_a_folder_again_creates_nothing_and_says_so(run_command, knowledge_base: dict, folder: Path) -> None:
    run_command("ingest", str(folder), "--no-progress")
    out, _ = run_command("ingest", str(folder), "--no-progress")
    assert "0 created, 2 duplicates, 1 failed" in out
    assert "Nothing new" in out
    assert Article.objects.count() == 2


def test_strict_ingest_fails_when_a_document_failed(run_command, knowledge_base: dict, folder: Path) -> None:
    with pytest.raises(CommandError, match="1 documents failed"):
        run_command("ingest", str(folder), "--no-progress", "--strict")


def test_ingest_resumes_an_interrupted_run(run_command, knowledge_base: dict, folder: Path) -> None:
    from articles.readers import read_paths
    from articles.services import ingest_run_create, ingest_run_interrupt, ingest_run_record

    run = ingest_run_create(via="cli", inputs=[str(folder)])
    ingest_run_record(run=run, documents=read_paths([folder]))
    ingest_run_interrupt(run=run, error="task queue unreachable")
    out, _ = run_command("ingest", "--resume", str(run.pk), "--no-progress")
    assert f"Run {run.pk}: 3 documents: 2 created" in out
    run.refresh_from_db()
    assert run.status == "finished"


def test_extract_prints_one_json_object_per_document_and_writes_nothing(
    run_command, knowledge_base: dict, folder: Path
) -> None:
    out, _ = run_command("extract", str(folder / "deal.txt"), "--json")
    (line,) = out.strip().splitlines()
    result = json.loads(line)
    assert result["document"].endswith("deal.txt")
    assert result["title"] == "Microsoft to buy Activision"
    names = {company["name"]: company for company in result["companies"]}
    assert names["Microsoft"]["slug"] == "microsoft"
    assert names["Microsoft"]["status"] == "known"
    for company in result["companies"]:
        for mention in company["mentions"]:
            assert STORY[mention["start"] : mention["end"]] == mention["text"]
    (deal,) = result["deals"]
    assert deal["kind"] == "acquisition"
    assert deal["amount"] == "68700000000"
    assert deal["currency"] == "USD"
    assert {(p["name"], p["role"]) for p in deal["parties"]} == {
        ("Microsoft", "acquirer"),
        ("Activision Blizzard", "target"),
    }
    assert Article.objects.count() == 0


def test_load_companies_loads_a_csv_list_and_is_idempotent(run_command, tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text(
        "name,kind,parent,country,website,aliases,tickers,needs_context\n"
        "Northwind Traders,company,,GB,https://northwind.example,Northwind,NWT,Northwind\n"
        "Northwind Cloud,unit,Northwind Traders,GB,,,,\n",
        encoding="utf-8",
    )
    out, _ = run_command("load_companies", str(path))
    assert "2 created" in out
    out, _ = run_command("load_companies", str(path))
    assert "0 created, 0 updated, 2 unchanged" in out
    parent = Company.objects.get(name="Northwind Traders")
    assert parent.status == CompanyStatus.VERIFIED
    assert Company.objects.get(name="Northwind Cloud").parent == parent
    alias = CompanyAlias.objects.get(company=parent, name="Northwind")
    assert alias.needs_context
    assert CompanyAlias.objects.filter(company=parent, name="NWT", kind="ticker").exists()


def test_load_companies_names_a_file_it_cannot_read(run_command, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("[{", encoding="utf-8")
    with pytest.raises(CommandError, match=r"broken\.json: not valid JSON"):
        run_command("load_companies", str(path))


@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is not here")
def test_ingesting_the_seed_gives_kuaishou_kling_and_the_spin_off(run_command) -> None:
    run_command("load_companies")
    run_command("ingest", str(SEEDS), "--no-progress")
    article = Article.objects.get()
    kuaishou, kling = Company.objects.get(name="Kuaishou"), Company.objects.get(name="Kling AI")
    assert kling.parent == kuaishou
    assert set(article.mentions.values_list("company__name", flat=True)) == {"Kuaishou", "Kling AI"}
    deal = kuaishou.deal_parties.get().deal
    assert (deal.kind, deal.status, str(deal.valuation), deal.valuation_currency) == (
        "spin_off",
        "proposed",
        "20000000000.00",
        "USD",
    )
    assert deal.evidence.get().sentence == article.body.split(". ")[0] + "."
    out, _ = run_command("ingest", str(SEEDS), "--no-progress")
    assert "Nothing new" in out
