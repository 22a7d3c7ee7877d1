"""A large knowledge base for the API benchmark, written straight into the database (bulk inserts, no linking).

Used when the website's `generate_benchmark_data` command is not available. Deterministic (seeded).
"""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.db import transaction

from articles.models import Article, DealEvidence, Mention, Source
from companies.models import Company, CompanyAlias, Deal, DealKind, DealParty, DealStatus, PartyRole
from companies.names import name_key

SYLLABLES = ["ka", "lo", "mi", "ner", "tro", "vex", "ql", "zen", "sha", "pi", "dor", "lux", "ra", "tek", "nova", "on"]
SUFFIXES = ["", " Technologies", " Labs", " Systems", " AI", " Group", " Networks", " Robotics"]


def generate(*, companies: int, deals: int, articles: int, mentions_per_article: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    with transaction.atomic():
        names: set[str] = set()
        rows = []
        while len(rows) < companies:
            name = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).title() + rng.choice(SUFFIXES)
            if name in names:
                continue
            names.add(name)
            n = len(rows)
            rows.append(
                Company(name=name, name_key=name_key(name), slug=f"c-{n}", country=rng.choice(["US", "CN", "GB", "DE"]),
                        status="verified" if n % 10 else "auto", is_public=n % 20 != 0)
            )  # fmt: skip
        made = Company.objects.bulk_create(rows, batch_size=5000)
        for unit in made[::7]:
            unit.parent = rng.choice(made)
        Company.objects.bulk_update([c for c in made[::7] if c.parent_id != c.pk], ["parent"], batch_size=5000)
        CompanyAlias.objects.bulk_create(
            (CompanyAlias(company=c, name=f"{c.name} Inc", name_key=name_key(f"{c.name} Inc")) for c in made[::2]),
            batch_size=5000,
        )
        sources = Source.objects.bulk_create(Source(name=f"Wire {i}", slug=f"wire-{i}") for i in range(50))
        start = datetime(2020, 1, 1, tzinfo=UTC)
        stories = Article.objects.bulk_create(
            (
                Article(title=f"Story {i}", slug=f"a-{i}", body="Company news. " * 80 + str(i),
                        source=rng.choice(sources),
                        published_at=None if i % 50 == 0 else start + timedelta(minutes=37 * i),
                        content_hash=hashlib.sha256(f"story {i}".encode()).hexdigest(), link_status="linked")
                for i in range(articles)
            ),
            batch_size=2000,
        )  # fmt: skip
        Mention.objects.bulk_create(
            (
                Mention(article=story, company=rng.choice(made), text="Company", start=14 * k, end=14 * k + 7)
                for story in stories
                for k in range(mentions_per_article)
            ),
            batch_size=10000,
        )
        kinds, statuses, roles = list(DealKind.values), list(DealStatus.values), list(PartyRole.values)
        made_deals = Deal.objects.bulk_create(
            (
                Deal(kind=rng.choice(kinds), status=rng.choice(statuses), title=f"Deal {i}", slug=f"d-{i}",
                     announced_on=None if i % 25 == 0 else date(2020, 1, 1) + timedelta(days=i % 2000),
                     amount=Decimal(rng.randint(1, 10_000)) * 1_000_000 if i % 3 else None,
                     currency="USD" if i % 3 else "")
                for i in range(deals)
            ),
            batch_size=5000,
        )  # fmt: skip
        DealParty.objects.bulk_create(
            (
                DealParty(deal=deal, company=company, role=roles[k])
                for deal in made_deals
                for k, company in enumerate(rng.sample(made, 2))
            ),
            batch_size=10000,
        )
        DealEvidence.objects.bulk_create(
            (
                DealEvidence(deal=deal, article=story, sentence="Company news.", start=0, end=13)
                for deal in made_deals
                for story in rng.sample(stories, 2)
            ),
            batch_size=10000,
            ignore_conflicts=True,
        )
