"""Workers die: a real Celery worker killed mid-run loses nothing and doubles nothing, and a task run twice is harmless.

The first test is the issue's promise in full: 200 documents queued on Redis, the worker SIGKILLed (parent and child
together, as the OOM killer or a lost machine would) while it holds a message, a new worker started, and in the
end every document stored exactly once and linked. It needs PostgreSQL and Redis (CELERY_BROKER_URL=redis://...,
on a Redis database of its own: the test flushes it).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import redis
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from articles.models import Article, DealEvidence, IngestItem, IngestVia, ItemStatus, LinkStatus, Mention
from articles.readers import RawDocument, read_paths
from articles.services import ingest_run_create, ingest_run_enqueue, ingest_run_record
from articles.tasks import ingest_batch, ingest_item, link_article, link_articles
from companies.importing import STARTER_FILE
from companies.models import Company, CompanyStatus, Deal, DealParty

ROOT = Path(__file__).resolve().parents[2]
CELERY = Path(sys.executable).with_name("celery")
DOCUMENTS = 200
STORY_COMPANIES = 60
# Kill once this many documents are done, so the kill lands in the middle of the run, not before or after it.
KILL_AFTER_DONE = 40
# With acks_late, a message the killed worker held stays in Redis's "unacked" set; Redis gives it back only once it
# is older than the visibility timeout. Production keeps that above the task time limit (600 s); here it is short,
# so the redelivery happens within the test. A killed child alone would be requeued at once by its parent
# (reject_on_worker_lost), but this test kills the parent too, which leaves the timeout as the only way back.
VISIBILITY_TIMEOUT = 5
# kombu scans for expired unacked messages when a worker starts (then only every 100 s), so the new worker is
# started once the held message has expired: its first scan puts the message back on its queue.
RESTART_DELAY = VISIBILITY_TIMEOUT + 1.5
WORKER_ARGS = [
    *("-A", "newsbase", "worker", "--pool", "prefork", "--concurrency", "1"),
    *("-Q", "default,ingest,linking,feeds", "--without-heartbeat", "--without-mingle", "--without-gossip"),
    *("--loglevel", "INFO"),
]

SEGMENTS = ["cloud", "advertising", "chip", "smartphone", "software", "payments", "gaming", "streaming", "retail"]
PRODUCTS = [
    *("data-centre processors", "electric vehicle batteries", "fraud detection software", "satellite links"),
    *("AI assistants", "mobile games", "cyber security tools", "payment terminals", "music streaming"),
]
MARKETS = ["European", "Indian", "Brazilian", "Japanese", "Canadian", "Nigerian", "Australian", "Mexican"]
QUARTERS = ["first", "second", "third", "fourth"]
SENTENCES = [
    "{a} said its {segment} revenue rose {n} percent to ${m} million in the {quarter} quarter.",
    "{a} agreed to acquire {b} for ${m} million in cash, the companies said.",
    "{a} and {b} announced a partnership to build {product} for {market} customers.",
    "Shares of {a} fell {n} percent after the company cut its {segment} forecast for {year}.",
    "{a} invested ${m} million in {b}, which makes {product}.",
    "Analysts expect {a} to report {n} percent higher {segment} sales in {year}.",
    "{a} plans to hire {k} engineers in {market} cities to work on {product}.",
    "Regulators are reviewing how {a} sells {product} to {market} banks.",
    "{a} chief executive said demand for {product} had doubled since {year}.",
    "{b} lost {n} percent of its {market} market share to {a} last year.",
]


def synthetic_story(number: int, companies: list[str], rng: random.Random) -> str:
    """A short news story, different in every sentence from the others (numbers and names vary throughout)."""
    lead, other = rng.sample(companies, 2)
    sentences = []
    for template in rng.sample(SENTENCES, 4):
        a, b = (lead, other) if rng.random() < 0.7 else rng.sample(companies, 2)
        numbers = {"n": rng.randint(2, 60), "m": rng.randint(10, 9000), "k": rng.randint(20, 3000)}
        words = {"segment": rng.choice(SEGMENTS), "product": rng.choice(PRODUCTS), "market": rng.choice(MARKETS)}
        when = {"quarter": rng.choice(QUARTERS), "year": rng.randint(2015, 2024)}
        sentences.append(template.format(a=a, b=b, **numbers, **words, **when))
    title = f"{lead} story {number}: {rng.choice(SEGMENTS)} business in focus"
    return f"{title}\n\n{' '.join(sentences)}\n"


def starter_companies(count: int) -> list[dict[str, object]]:
    """Independent companies (no parent, no ordinary-word names) from the starter knowledge base, as listed there."""
    listed = json.loads(STARTER_FILE.read_text(encoding="utf-8"))
    records = listed["companies"] if isinstance(listed, dict) else listed
    chosen = [
        record
        for record in records
        if record.get("kind", "company") == "company" and not record.get("parent") and not record.get("needs_context")
    ]
    return chosen[:count]


def write_stories(folder: Path, count: int, companies: list[str]) -> None:
    rng = random.Random(4)
    for number in range(count):
        (folder / f"story-{number:03d}.txt").write_text(synthetic_story(number, companies, rng), encoding="utf-8")


def worker_database_url() -> str:
    """The URL of the database this test runs in (test_<name>), so a worker process writes where the test reads."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db["HOST"] or "localhost"
    return f"postgres://{credentials}@{host}:{db['PORT'] or 5432}/{quote(db['NAME'], safe='')}"


@pytest.fixture
def broker() -> Iterator[redis.Redis]:
    """The test's Redis database, empty before and after: no message of an earlier run is delivered into this one."""
    client = redis.Redis.from_url(settings.CELERY_BROKER_URL)
    if client.connection_pool.connection_kwargs.get("db", 0) == 0:
        pytest.skip("this test flushes its broker's Redis database: give it one of its own (redis://.../14)")
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[[], subprocess.Popen[bytes]]]:
    """Starts real worker processes against the test database; any still alive at the end are killed."""
    workers: list[subprocess.Popen[bytes]] = []
    environment = {
        **os.environ,
        "DATABASE_URL": worker_database_url(),
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        "PYTHONUNBUFFERED": "1",
    }

    def start() -> subprocess.Popen[bytes]:
        log = (tmp_path / f"worker-{len(workers) + 1}.log").open("wb")
        # A session of its own makes the worker the leader of a process group: one killpg reaches parent and child.
        worker = subprocess.Popen(  # noqa: S603 - our own virtualenv's celery, fixed arguments
            [str(CELERY), *WORKER_ARGS], cwd=ROOT, env=environment, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)


def wait_for(
    condition: Callable[[], bool], *, seconds: float, what: str, worker: subprocess.Popen[bytes], logs: Path
) -> None:
    """Waits until `condition` holds; fails with the workers' logs when the time is up or the worker died."""
    deadline = time.monotonic() + seconds
    while not condition():
        problem = f"the worker exited ({worker.returncode})" if worker.poll() is not None else ""
        if not problem and time.monotonic() > deadline:
            problem = f"timed out after {seconds:.0f} s"
        if problem:
            tails = "\n".join(f"--- {log.name}\n{log.read_text()[-3000:]}" for log in sorted(logs.glob("*.log")))
            pytest.fail(f"{problem} waiting for {what}\n{tails}")
        time.sleep(0.1)


def kill_while_holding_a_message(
    worker: subprocess.Popen[bytes], broker: redis.Redis, start: Callable[[], subprocess.Popen[bytes]]
) -> int:
    """SIGKILLs the worker's process group at a moment it holds an unacknowledged message; returns how many tries.

    The worker holds one message at a time (prefetch 1, concurrency 1) and acknowledges it only after the task ran,
    so "unacked" is non-empty while a task is in flight. The ack can slip in between our look and the kill; after
    the kill nothing can ack any more, so a second look tells for certain, and a missed moment means another try.
    """
    for attempt in range(1, 6):
        deadline = time.monotonic() + 30
        while not broker.hlen("unacked"):
            if time.monotonic() > deadline:
                pytest.fail("the worker took no message for 30 s: is the run over already?")
            time.sleep(0.001)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
        if broker.hlen("unacked"):
            return attempt
        worker = start()
    pytest.fail("could not catch the worker with a task in flight in 5 tries")


@pytest.mark.celery_worker
@pytest.mark.postgres
@pytest.mark.timeout(150)  # about a minute on a busy 2-core machine; each wait below has its own bound
@pytest.mark.django_db(transaction=True)  # committed rows: the worker processes cannot see inside a test transaction
def test_a_worker_killed_mid_run_loses_nothing_and_doubles_nothing(
    tmp_path: Path, broker: redis.Redis, start_worker: Callable[[], subprocess.Popen[bytes]]
) -> None:
    # The stories name 60 starter companies; loading just those (through the same command) takes a second, where
    # the whole starter list takes 20 s or more, most of this test's budget.
    companies = starter_companies(STORY_COMPANIES)
    company_list = tmp_path / "companies.json"
    company_list.write_text(json.dumps({"companies": companies}), encoding="utf-8")
    call_command("load_companies", str(company_list), verbosity=0)
    folder = tmp_path / "stories"
    folder.mkdir()
    write_stories(folder, DOCUMENTS, [str(company["name"]) for company in companies])
    documents = list(read_paths([folder]))
    assert all(isinstance(document, RawDocument) for document in documents)
    run = ingest_run_create(via=IngestVia.CLI, inputs=[str(folder)])
    assert ingest_run_record(run=run, documents=documents) == DOCUMENTS

    worker = start_worker()
    assert ingest_run_enqueue(run=run) == DOCUMENTS  # autocommit: the tasks are sent at once
    items = IngestItem.objects.filter(run=run)

    def done() -> int:
        return items.exclude(status=ItemStatus.PENDING).count()

    wait_for(
        lambda: done() >= KILL_AFTER_DONE,
        seconds=45,
        what=f"{KILL_AFTER_DONE} documents stored",
        worker=worker,
        logs=tmp_path,
    )
    kill_while_holding_a_message(worker, broker, start_worker)
    done_at_kill = done()
    assert done_at_kill < DOCUMENTS, "the run finished before the kill: nothing was tested"

    time.sleep(RESTART_DELAY)
    worker = start_worker()
    wait_for(lambda: done() == DOCUMENTS, seconds=60, what="every document stored", worker=worker, logs=tmp_path)
    articles = Article.objects.filter(ingest_items__run=run)
    wait_for(
        lambda: not articles.filter(link_status=LinkStatus.PENDING).exists(),
        seconds=30,
        what="every article linked",
        worker=worker,
        logs=tmp_path,
    )

    assert items.filter(status=ItemStatus.CREATED).count() == DOCUMENTS
    assert Article.objects.count() == DOCUMENTS
    assert Article.objects.values("content_hash").distinct().count() == DOCUMENTS
    assert set(articles.values_list("link_status", flat=True)) == {LinkStatus.LINKED}
    assert Mention.objects.count() > DOCUMENTS  # every story names companies: linking really ran
    doubled_mentions = Mention.objects.values("article", "company", "start", "end").annotate(n=Count("id"))
    assert not doubled_mentions.filter(n__gt=1).exists()
    deals_by_parties: dict[tuple[str, frozenset[tuple[int, str]]], list[int]] = {}
    for deal in Deal.objects.all():
        parties = frozenset(DealParty.objects.filter(deal=deal).values_list("company_id", "role"))
        deals_by_parties.setdefault((deal.kind, parties), []).append(deal.pk)
    assert deals_by_parties, "the stories report deals: some must be recorded"
    assert all(len(ids) == 1 for ids in deals_by_parties.values()), deals_by_parties
    assert not DealEvidence.objects.values("deal", "article", "start").annotate(n=Count("id")).filter(n__gt=1)
    discovered_twice = (
        Company.objects.filter(status=CompanyStatus.AUTO).values("name_key").annotate(n=Count("id")).filter(n__gt=1)
    )
    assert not discovered_twice.exists()


def rows() -> dict[str, list[tuple[object, ...]]]:
    """Everything ingesting and linking writes, as comparable rows."""
    return {
        "articles": list(Article.objects.order_by("pk").values_list("pk", "content_hash", "link_status")),
        "items": list(IngestItem.objects.order_by("pk").values_list("pk", "status", "article_id", "reason")),
        "mentions": list(
            Mention.objects.order_by("pk").values_list("article_id", "company_id", "text", "start", "end", "method")
        ),
        "companies": list(Company.objects.order_by("pk").values_list("pk", "name", "kind", "parent_id", "status")),
        "deals": list(Deal.objects.order_by("pk").values_list("pk", "kind", "status", "amount", "currency")),
        "parties": list(DealParty.objects.order_by("pk").values_list("deal_id", "company_id", "role")),
        "evidence": list(DealEvidence.objects.order_by("pk").values_list("deal_id", "article_id", "start", "end")),
    }


def redelivered_story() -> RawDocument:
    return RawDocument(
        origin="redelivered.txt",
        title="Microsoft to buy Activision Blizzard",
        body=(
            "Microsoft agreed to acquire Activision Blizzard for $68.7 billion in cash, the companies said. "
            "Vodafone and Kuaishou also announced a partnership on Monday, and Kuaishou's Kling AI video unit "
            "signed a deal with Norvantis Robotics Ltd, a start-up based in Leeds."
        ),
    )


@pytest.mark.django_db
def test_the_same_task_delivered_twice_gives_the_same_rows(knowledge_base: dict[str, object]) -> None:
    story = redelivered_story()
    run = ingest_run_create(via=IngestVia.API, inputs=["redelivered.txt"])
    ingest_run_record(run=run, documents=[story])
    item = IngestItem.objects.get(run=run)

    assert ingest_item.apply(args=[item.pk]).successful()
    article = Article.objects.get()
    assert link_article.apply(args=[article.pk]).successful()
    once = rows()
    assert once["mentions"], "the story names known companies"
    assert once["deals"], "the story reports an acquisition"

    assert ingest_item.apply(args=[item.pk]).successful()
    assert link_article.apply(args=[article.pk]).successful()
    assert rows() == once


@pytest.mark.django_db
def test_the_same_batch_task_delivered_twice_gives_the_same_rows(knowledge_base: dict[str, object]) -> None:
    other = RawDocument(origin="other.txt", title="Vodafone results", body="Vodafone said its revenue rose on Monday.")
    run = ingest_run_create(via=IngestVia.API, inputs=["redelivered.txt", "other.txt"])
    ingest_run_record(run=run, documents=[redelivered_story(), other])
    item_ids = list(IngestItem.objects.filter(run=run).order_by("position").values_list("pk", flat=True))

    assert ingest_batch.apply(args=[item_ids]).successful()
    once = rows()
    assert len(once["articles"]) == 2
    assert {status for _, _, status in once["articles"]} == {LinkStatus.LINKED}
    assert once["deals"], "the story reports an acquisition"

    assert ingest_batch.apply(args=[item_ids]).successful()
    article_ids = [pk for pk, _, _ in once["articles"]]
    assert link_articles.apply(args=[article_ids]).successful()
    assert rows() == once
