"""Fill the database with a large, realistic knowledge base for benchmarks: companies, aliases, sources, articles
whose bodies name companies at true offsets, mentions with their sentences, deals with parties and evidence.

    python manage.py generate_benchmark_data --seed 7            # 10,000 companies, 100,000 articles,
                                                                 # 1,000,000 mentions, 20,000 deals
    python manage.py generate_benchmark_data --articles 2000 --companies 300 --deals 400 --replace

Reproducible: the same seed and sizes give the same rows. PostgreSQL is loaded with COPY (a minute or two for the
full size); other databases with bulk_create in batches (fine for small sizes). It refuses to write into a database
that already holds articles unless --replace is given, which deletes every company, deal, article and source first.
"""

from __future__ import annotations

import bisect
import datetime
import hashlib
import itertools
import json
import random
import re
import time
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.text import slugify

from companies.headlines import deal_headline
from companies.models import Company, CompanyAlias, Deal, DealParty
from companies.names import name_key
from companies.stats import company_mention_counts_refresh

MENTIONS_PER_ARTICLE = 10
BATCH = 5000

# The companies every reader expects to find, most covered first; generated names follow them.
REAL = [
    ("Apple", "US", "company", None), ("Microsoft", "US", "company", None), ("Nvidia", "US", "company", None),
    ("Alphabet", "US", "company", None), ("Amazon", "US", "company", None), ("OpenAI", "US", "company", None),
    ("Meta Platforms", "US", "company", None), ("Tesla", "US", "company", None), ("ByteDance", "CN", "company", None),
    ("Tencent", "CN", "company", None), ("Alibaba", "CN", "company", None), ("Kuaishou", "CN", "company", None),
    ("Samsung Electronics", "KR", "company", None), ("TSMC", "TW", "company", None), ("Intel", "US", "company", None),
    ("AMD", "US", "company", None), ("Qualcomm", "US", "company", None), ("Broadcom", "US", "company", None),
    ("Arm", "GB", "company", None), ("SoftBank", "JP", "investor", None), ("Anthropic", "US", "company", None),
    ("Mistral AI", "FR", "company", None), ("SAP", "DE", "company", None), ("ASML", "NL", "company", None),
    ("Oracle", "US", "company", None), ("Salesforce", "US", "company", None), ("Adobe", "US", "company", None),
    ("Activision Blizzard", "US", "company", "Microsoft"), ("Kling AI", "CN", "unit", "Kuaishou"),
    ("YouTube", "US", "unit", "Alphabet"), ("Google DeepMind", "GB", "unit", "Alphabet"),
    ("Amazon Web Services", "US", "unit", "Amazon"), ("Instagram", "US", "unit", "Meta Platforms"),
    ("Sequoia Capital", "US", "investor", None), ("Andreessen Horowitz", "US", "investor", None),
    ("Baidu", "CN", "company", None), ("Xiaomi", "CN", "company", None), ("Huawei", "CN", "company", None),
    ("Sony", "JP", "company", None), ("Spotify", "SE", "company", None), ("Netflix", "US", "company", None),
    ("Uber", "US", "company", None), ("Figma", "US", "company", None), ("Siemens", "DE", "company", None),
]  # fmt: skip
ALIASES = {
    "Alphabet": "Google",
    "Meta Platforms": "Facebook",
    "Kuaishou": "Kuaishou Technology",
    "TSMC": "Taiwan Semiconductor Manufacturing",
    "Amazon Web Services": "AWS",
    "Activision Blizzard": "Activision",
}
PREFIXES = [
    "Nova",
    "Quant",
    "Zen",
    "Arc",
    "Blue",
    "Hyper",
    "Lumi",
    "Vertex",
    "Cirro",
    "Data",
    "Neuro",
    "Opti",
    "Pixel",
    "Sky",
    "Terra",
    "Velo",
    "Xeno",
    "Astra",
    "Bright",
    "Core",
    "Deep",
    "Echo",
    "Flux",
    "Giga",
    "Helio",
    "Iron",
    "Kite",
    "Lyra",
    "Magna",
    "Nimbus",
    "Orbi",
    "Pulse",
    "Quanta",
    "Rivo",
    "Sol",
    "Tera",
    "Ultra",
    "Vanta",
    "Wave",
    "Yotta",
    "Zephyr",
    "Auro",
    "Bolt",
    "Cobalt",
    "Delta",
    "Ember",
    "Fable",
    "Glyph",
    "Halo",
    "Indi",
    "Jade",
    "Kairo",
    "Lumen",
    "Mosa",
    "Nexa",
    "Onyx",
    "Prism",
    "Qubi",
    "Radi",
    "Sable",
    "Tidal",
    "Umbra",
    "Vivid",
    "Wren",
    "Xylo",
    "Yuma",
    "Zoni",
]
ROOTS = [
    "tek",
    "tix",
    "lytics",
    "nova",
    "mind",
    "path",
    "gate",
    "link",
    "grid",
    "forge",
    "loop",
    "logic",
    "scale",
    "stack",
    "sense",
    "shift",
    "spark",
    "sphere",
    "stream",
    "sys",
    "verse",
    "ware",
    "wise",
    "works",
    "ify",
    "ora",
    "ium",
    "ex",
    "io",
]
SUFFIXES = [
    "Labs",
    "AI",
    "Systems",
    "Networks",
    "Robotics",
    "Semiconductor",
    "Software",
    "Bio",
    "Pay",
    "Cloud",
    "Dynamics",
    "Technologies",
    "Mobility",
    "Energy",
    "Security",
    "Analytics",
    "Games",
    "Media",
    "Health",
    "Logistics",
    "Capital",
    "Quantum",
    "Devices",
]
COUNTRIES = ["US"] * 30 + ["CN"] * 12 + ["GB"] * 6 + ["DE"] * 5 + ["FR"] * 4 + ["JP"] * 4 + ["IN"] * 5
COUNTRIES += ["KR", "KR", "IL", "IL", "CA", "CA", "SE", "NL", "SG", "SG", "AU", "BR", "CH", "ES", "IT", "TW", "FI"]
ONE = [
    "{A} reported quarterly revenue above analysts' expectations.",
    "Shares of {A} rose in early trading after the announcement.",
    "{A} unveiled a new generation of its artificial intelligence chips on Tuesday.",
    "{A} said it would expand its data centre capacity in Europe and Asia.",
    "Analysts expect {A} to announce further job cuts later this year.",
    "{A} is facing scrutiny from regulators over the way it runs its cloud business.",
    "A spokesperson for {A} declined to comment on the report.",
    "{A} has spent heavily on research as competition in generative AI intensifies.",
    "The company, {A}, now employs more than 20,000 people worldwide.",
    "{A} plans to open a new engineering centre in Singapore next year.",
]
TWO = [
    "The move puts {A} in direct competition with {B}.",
    "{A} and {B} have been rivals in the smartphone market for a decade.",
    "{A} hired a former {B} executive to lead its research group.",
    "Customers including {A} and {B} have signed up for the service.",
    "{A} relies on chips made by {B} for its newest servers.",
    "People familiar with the matter said {A} had held talks with {B}.",
]
FILLER = [
    "The deal is expected to close in the second half of the year, subject to regulatory approval.",
    "Demand for generative AI tools has surged over the past two years.",
    "Investors have grown wary of lofty valuations in the technology sector.",
    "Regulators in Brussels and Washington have stepped up their scrutiny of large technology deals.",
    "The terms of the agreement were not disclosed.",
    "Competition for engineers with machine-learning experience remains fierce.",
    "Cloud spending by large companies has recovered after a slowdown last year.",
    "Several start-ups in the sector have raised money at higher valuations this year.",
]
TITLES = ["{A} bets big on AI", "{A} shares jump on strong results", "Regulators look at {A}", "{A} expands in Asia",
          "Inside {A}'s push into chips", "{A} and {B} step up their rivalry", "What {A}'s new strategy means",
          "{A} cuts jobs as growth slows", "{A} unveils new products"]  # fmt: skip
KINDS = {"acquisition": 30, "funding_round": 20, "investment": 15, "partnership": 15, "divestment": 6,
         "merger": 5, "ipo": 5, "spin_off": 4}  # fmt: skip
ROLES = {"acquisition": ("acquirer", "target"), "funding_round": ("investee", "investor"),
         "investment": ("investor", "investee"), "partnership": ("partner", "partner"),
         "divestment": ("seller", "target"), "merger": ("merger_party", "merger_party"), "ipo": ("issuer",),
         "spin_off": ("parent", "spun_off")}  # fmt: skip
STATUSES = {"completed": 40, "agreed": 25, "proposed": 15, "rumored": 12, "cancelled": 5, "rejected": 3}
CURRENCIES = ["USD"] * 14 + ["EUR", "EUR", "GBP", "CNY", "JPY", "INR"]


class Command(BaseCommand):
    help = "Fill the database with a large, reproducible knowledge base for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--companies", type=int, default=10_000)
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--deals", type=int, default=20_000)
        parser.add_argument("--sources", type=int, default=200)
        parser.add_argument("--replace", action="store_true", help="Delete the knowledge base first.")

    def handle(self, *args: Any, **options: Any) -> None:
        self.models = {name: apps.get_model("articles", name) for name in ("Source", "Article", "Mention")}
        self.models["DealEvidence"] = apps.get_model("articles", "DealEvidence")
        if self.models["Article"].objects.exists() and not options["replace"]:
            raise CommandError("This database already holds articles; add --replace to delete them first.")
        if options["companies"] < 10:
            raise CommandError("Give at least 10 companies.")
        started = time.monotonic()
        generator = _Generator(
            seed=options["seed"],
            companies=options["companies"],
            articles=options["articles"],
            deals=options["deals"],
            sources=options["sources"],
        )
        with transaction.atomic():
            if options["replace"]:
                self._delete_all()
            self._load(generator)
        self.stdout.write("Counting mentions per company…")
        company_mention_counts_refresh()
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {options['companies']:,} companies, {options['articles']:,} articles, "
                f"{generator.mention_total:,} mentions and {options['deals']:,} deals "
                f"in {time.monotonic() - started:.0f} s (seed {options['seed']})."
            )
        )

    def _delete_all(self) -> None:
        if connection.vendor == "postgresql":
            tables = ", ".join(
                model._meta.db_table for model in (*self.models.values(), DealParty, Deal, CompanyAlias, Company)
            )
            with connection.cursor() as cursor:
                cursor.execute(f"TRUNCATE {tables} RESTART IDENTITY CASCADE")
            return
        for model in (self.models["DealEvidence"], self.models["Mention"], self.models["Article"], DealParty, Deal):
            model.objects.all().delete()
        self.models["Source"].objects.all().delete()
        CompanyAlias.objects.all().delete()
        Company.objects.update(parent=None)
        Company.objects.all().delete()

    def _load(self, generator: _Generator) -> None:
        steps: list[tuple[str, type[models.Model], Iterable[dict[str, Any]]]] = [
            ("companies", Company, generator.companies()),
            ("aliases", CompanyAlias, generator.aliases()),
            ("sources", self.models["Source"], generator.sources()),
            ("deals", Deal, generator.deals()),
            ("deal parties", DealParty, generator.parties()),
        ]
        for label, model, rows in steps:
            self._write(label, model, rows)
        articles, mentions, evidence = generator.articles()
        self._write("articles", self.models["Article"], articles)
        self._write("mentions", self.models["Mention"], mentions)
        self._write("deal evidence", self.models["DealEvidence"], evidence)
        if connection.vendor == "postgresql":
            self._reset_sequences()

    def _write(self, label: str, model: type[models.Model], rows: Iterable[dict[str, Any]]) -> None:
        started = time.monotonic()
        fields = list(model._meta.concrete_fields)
        now = timezone.now()
        defaults = {field.attname: now if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
                    else field.get_default() for field in fields}  # fmt: skip
        count = 0
        if connection.vendor == "postgresql":
            columns = ", ".join(f'"{field.column}"' for field in fields)
            json_fields = {field.attname for field in fields if isinstance(field, models.JSONField)}
            with (
                connection.cursor() as cursor,
                cursor.cursor.copy(f"COPY {model._meta.db_table} ({columns}) FROM STDIN") as copy,
            ):
                for row in rows:
                    values = {**defaults, **row}
                    copy.write_row(
                        [json.dumps(values[f.attname]) if f.attname in json_fields else values[f.attname]
                         for f in fields]
                    )  # fmt: skip
                    count += 1
        else:
            for batch in _batched(rows, BATCH):
                model.objects.bulk_create([model(**{**defaults, **row}) for row in batch])
                count += len(batch)
        self.stdout.write(f"  {label}: {count:,} rows in {time.monotonic() - started:.1f} s")

    def _reset_sequences(self) -> None:
        with connection.cursor() as cursor:
            for model in (Company, CompanyAlias, Deal, DealParty, *self.models.values()):
                table = model._meta.db_table
                # Table names come from our own models, never from input.
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE(MAX(id), 1)) FROM {table}"  # noqa: S608
                )


def _batched(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


class _Generator:
    """Every row, derived from one seeded random generator, so a seed always gives the same knowledge base."""

    def __init__(self, *, seed: int, companies: int, articles: int, deals: int, sources: int) -> None:
        # Reproducible sample data, not secrets: a seeded generator is the point.
        self.random = random.Random(seed)  # noqa: S311
        self.company_total, self.article_total, self.deal_total = companies, articles, deals
        self.source_total = sources
        self.now = timezone.now().replace(microsecond=0)
        self.mention_total = 0
        self.names: list[str] = []
        self._make_names()
        # Coverage follows a long tail: the hundredth company is named about a tenth as often as the first.
        self.cum_weights = list(itertools.accumulate(1 / (rank + 8) for rank in range(companies)))
        self.deal_parties: list[list[tuple[int, str]]] = []
        self.deal_titles: list[str] = []

    def _make_names(self) -> None:
        seen: set[str] = set()
        for name, *_ in REAL[: self.company_total]:
            seen.add(name_key(name))
            self.names.append(name)
        while len(self.names) < self.company_total:
            name = self.random.choice(PREFIXES) + self.random.choice(ROOTS)
            if self.random.random() < 0.55:
                name = f"{name} {self.random.choice(SUFFIXES)}"
            if self.random.random() < 0.08:
                name = f"{self.random.choice(PREFIXES)} {name}"
            if name_key(name) not in seen:
                seen.add(name_key(name))
                self.names.append(name)

    def popular(self) -> int:
        """A company index, the most covered ones more often."""
        return bisect.bisect(self.cum_weights, self.random.random() * self.cum_weights[-1])

    def companies(self) -> Iterator[dict[str, Any]]:
        real_ids = {name: index + 1 for index, (name, *_) in enumerate(REAL)}
        for index, name in enumerate(self.names):
            real = REAL[index] if index < len(REAL) else None
            roll = self.random.random()
            if real:
                country, kind, parent = real[1], real[2], real_ids.get(real[3]) if real[3] else None
            else:
                country = self.random.choice(COUNTRIES)
                kind = "investor" if roll < 0.05 else "unit" if roll < 0.12 else "company"
                parent = self.random.randint(1, index) if kind == "unit" and index > 0 else None
            status = "verified" if real or self.random.random() < 0.6 else "auto"
            yield {
                "id": index + 1,
                "name": name,
                "name_key": name_key(name),
                "slug": f"{slugify(name)[:90]}-{index + 1}" if not real else slugify(name),
                "kind": kind,
                "parent_id": parent,
                "country": country,
                "website": f"https://www.{slugify(name).replace('-', '')}.example"
                if self.random.random() < 0.7
                else "",
                "description": f"{name} is a {country} technology {'investor' if kind == 'investor' else 'company'}."
                if self.random.random() < 0.6
                else "",
                "status": status,
                "confidence": None if status == "verified" else round(self.random.uniform(0.5, 1), 2),
                "is_public": status == "verified" or self.random.random() < 0.9,
            }

    def aliases(self) -> Iterator[dict[str, Any]]:
        number = itertools.count(1)
        for index, name in enumerate(self.names):
            alias = ALIASES.get(name)
            if alias is None and self.random.random() < 0.25:
                alias = name.split()[0] if " " in name else f"{name} Inc"
            if alias and name_key(alias) != name_key(name):
                yield {"id": next(number), "company_id": index + 1, "name": alias, "name_key": name_key(alias),
                       "kind": "alias"}  # fmt: skip

    def sources(self) -> Iterator[dict[str, Any]]:
        for index in range(1, self.source_total + 1):
            kind = self.random.choice(["Times", "Daily", "Wire", "Post", "Tech", "Journal", "Report"])
            name = f"{self.random.choice(PREFIXES)} {kind} {index}"
            yield {"id": index, "name": name, "slug": slugify(name), "website": f"https://{slugify(name)}.example"}

    def deals(self) -> Iterator[dict[str, Any]]:
        kinds, kind_weights = list(KINDS), list(KINDS.values())
        statuses, status_weights = list(STATUSES), list(STATUSES.values())
        for index in range(1, self.deal_total + 1):
            kind = self.random.choices(kinds, kind_weights)[0]
            status = self.random.choices(statuses, status_weights)[0]
            roles = ROLES[kind]
            parties: list[tuple[int, str]] = []
            picked: set[int] = set()
            extra = 2 if kind == "funding_round" and self.random.random() < 0.5 else 0
            for role in [*roles, *(roles[-1:] * extra)]:
                company = self.popular()
                while company in picked:
                    company = self.popular()
                picked.add(company)
                parties.append((company, role))
            self.deal_parties.append(parties)
            amount = currency = None
            if kind != "partnership" and self.random.random() < 0.7:
                amount = Decimal(int(10 ** self.random.uniform(6, 10.5)) // 100_000 * 100_000)
                currency = self.random.choice(CURRENCIES)
            announced = (self.now - datetime.timedelta(days=self.random.randint(0, 3 * 365))).date()
            title = deal_headline(kind=kind, status=status, parties=[(self.names[c], r) for c, r in parties])
            self.deal_titles.append(title)
            yield {
                "id": index,
                "kind": kind,
                "status": status,
                "title": title,
                "slug": f"{slugify(title)[:80]}-{index}",
                "announced_on": announced,
                "amount": amount,
                "currency": currency or "",
                "round": "Series B" if kind == "funding_round" else "",
                "verified": self.random.random() < 0.2,
            }

    def parties(self) -> Iterator[dict[str, Any]]:
        number = itertools.count(1)
        for deal_index, parties in enumerate(self.deal_parties):
            for company, role in parties:
                yield {"id": next(number), "deal_id": deal_index + 1, "company_id": company + 1, "role": role}

    def articles(self) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
        articles: list[dict[str, Any]] = []
        mentions: list[dict[str, Any]] = []
        evidence: list[dict[str, Any]] = []
        deal_cycle = itertools.cycle(range(self.deal_total)) if self.deal_total else None
        deal_articles = min(self.article_total * 2 // 5, self.deal_total * 2)
        for index in range(1, self.article_total + 1):
            deal = next(deal_cycle) if deal_cycle is not None and index <= deal_articles else None
            articles.append(self._article(index, deal, mentions, evidence))
        self.mention_total = len(mentions)
        return articles, mentions, evidence

    def _article(
        self, index: int, deal: int | None, mentions: list[dict[str, Any]], evidence: list[dict[str, Any]]
    ) -> dict[str, Any]:
        rnd = self.random
        body: list[str] = []
        length = 0
        quota = MENTIONS_PER_ARTICLE
        cast: list[int] = []
        spans: list[tuple[int, int, int, int, int]] = []  # company, start, end, sentence start, sentence end

        def add(sentence: str, names: list[int]) -> None:
            """Append a sentence whose "{}" are filled with the companies' names, recording where each lands."""
            nonlocal length, quota
            if body and body[-1] != "\n\n":
                body.append(" ")
                length += 1
            sentence_start = length
            pieces = sentence.split("{}")
            text = pieces[0]
            found = []
            for company, piece in zip(names, pieces[1:], strict=True):
                found.append((company, sentence_start + len(text)))
                text += self.names[company] + piece
            for company, start in found:
                spans.append((company, start, start + len(self.names[company]), sentence_start, length + len(text)))
            body.append(text)
            length += len(text)
            quota -= len(names)

        deal_sentence = None
        if deal is not None:
            deal_sentence = self._deal_sentence(deal)
            cast = list(dict.fromkeys([*deal_sentence[2], *(company for company, _ in self.deal_parties[deal])]))
        else:
            cast = [self.popular()]
        while len(cast) < 4:
            company = self.popular()
            if company not in cast:
                cast.append(company)
        main = cast[0]
        title_template = rnd.choice(TITLES)
        title = deal_sentence[0] if deal_sentence else title_template.format(A=self.names[main], B=self.names[cast[1]])
        if deal_sentence:
            add(deal_sentence[1], deal_sentence[2])
            evidence.append({"id": len(evidence) + 1, "deal_id": deal + 1, "article_id": index,
                             "sentence": body[-1], "start": spans[-1][3], "end": spans[-1][4]})  # fmt: skip
        while quota > 0:
            roll = rnd.random()
            if roll < 0.2:
                add(rnd.choice(FILLER), [])
            elif roll < 0.55 or quota == 1:
                add(rnd.choice(ONE).replace("{A}", "{}"), [rnd.choice(cast[:3]) if rnd.random() < 0.7 else main])
            else:
                first, second = rnd.sample(cast, 2)
                template = rnd.choice(TWO).replace("{A}", "{}").replace("{B}", "{}")
                add(template, [first, second])
            if rnd.random() < 0.3 and body and body[-1] != "\n\n":
                body.append("\n\n")
                length += 2
        text = "".join(body).rstrip()
        published = self.now - datetime.timedelta(seconds=rnd.randint(0, 3 * 365 * 86400))
        for company, start, end, sentence_start, sentence_end in spans[:MENTIONS_PER_ARTICLE]:
            mentions.append({
                "id": len(mentions) + 1, "article_id": index, "company_id": company + 1,
                "text": self.names[company], "start": start, "end": end,
                "sentence_start": sentence_start, "sentence_end": sentence_end,
                "confidence": 0.9, "method": "gazetteer",
                "review_state": "rejected" if rnd.random() < 0.01 else "auto",
                "article_published_at": published,
            })  # fmt: skip
        return {
            "id": index,
            "title": title,
            "slug": f"{slugify(title)[:100]}-{index}",
            "body": text,
            "url": f"https://news{index % self.source_total}.example/{index}",
            "source_id": index % self.source_total + 1,
            "author": rnd.choice(["", "Jane Li", "Sam Patel", "Ana Souza", "Tom Berg", "Mei Chen"]),
            "published_at": published,
            "content_hash": hashlib.sha256(f"{index}:{text}".encode()).hexdigest(),
            "language": "en",
            "tags": [],
            "link_status": "linked",
            "linked_at": published,
        }

    def _deal_sentence(self, deal: int) -> tuple[str, str, list[int]]:
        """(headline, the headline as a sentence with "{}" for each party it names, those parties in order)."""
        headline = self.deal_titles[deal]
        found: list[tuple[int, int, int]] = []
        for company, _ in self.deal_parties[deal]:
            match = re.search(rf"\b{re.escape(self.names[company])}\b", headline)
            if match:
                found.append((match.start(), match.end(), company))
        found.sort()
        sentence, position, named = "", 0, []
        for start, end, company in found:
            if start < position:
                continue
            sentence += headline[position:start] + "{}"
            position = end
            named.append(company)
        return headline, sentence + headline[position:] + ".", named
