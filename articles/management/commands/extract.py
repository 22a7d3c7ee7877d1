"""python manage.py extract PATH... [--json]: what ingestion would find in each document, writing nothing."""

import json as jsonlib
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser

from articles.extraction.pipeline import extract
from articles.extraction.serialize import PUBLIC_CONFIDENCE, extraction_to_json
from articles.gazetteer import gazetteer_current
from articles.readers import ReadFailure, read_paths
from articles.services.link import mentions_capped_warning


class Command(BaseCommand):
    help = (
        "Reads documents as ingestion would and prints the companies, mentions and deals the engine finds in each,"
        " against the current knowledge base. Nothing is stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", help='Files, folders, zip archives, or "-" for standard input.')
        parser.add_argument(
            "--all",
            dest="include_all",
            action="store_true",
            help="Also list new companies below the public confidence threshold (the ones editors review).",
        )
        parser.add_argument(
            "--json", dest="as_json", action="store_true", help="One JSON object per document (JSON Lines)."
        )

    def handle(self, *args: Any, paths: list[str], as_json: bool, include_all: bool, **options: Any) -> None:
        gazetteer = gazetteer_current()
        # By default, what readers would see: known companies and confident finds.
        min_confidence = 0.0 if include_all else PUBLIC_CONFIDENCE
        for document in read_paths(paths, max_bytes=settings.NEWSBASE_MAX_DOCUMENT_BYTES):
            if isinstance(document, ReadFailure):
                self.stderr.write(f"{document.origin}: {document.reason}")
                continue
            published_on = document.published_at.date() if document.published_at else None
            limit = settings.NEWSBASE_MAX_MENTIONS_PER_ARTICLE
            extraction = extract(document.body, gazetteer, published_on=published_on, max_mentions=limit)
            if extraction.mentions_dropped:
                warning = mentions_capped_warning(dropped=extraction.mentions_dropped, limit=limit)
                self.stderr.write(f"{document.origin}: {warning}")
            result = extraction_to_json(extraction, min_confidence=min_confidence)
            if as_json:
                self.stdout.write(_dumps({"document": document.origin, "title": document.title, **result}))
            else:
                self._write_readable(document.origin, document.title, result)

    def _write_readable(self, origin: str, title: str, result: dict[str, Any]) -> None:
        self.stdout.write(self.style.MIGRATE_HEADING(f"{origin}: {title}"))
        for company in result["companies"]:
            where = ", ".join(f"{m['start']}-{m['end']}" for m in company["mentions"])
            status = "known" if company["slug"] else f"new, confidence {company['confidence']:.2f}"
            parent = f", unit of {company['parent']}" if company.get("parent") else ""
            self.stdout.write(f"  {company['name']} ({status}{parent}) at {where}")
        for deal in result["deals"]:
            parties = ", ".join(f"{p['name']} ({p['role']})" for p in deal["parties"])
            amount = f" {deal['amount']} {deal['currency']}" if deal.get("amount") else ""
            self.stdout.write(f"  deal: {deal['kind']}, {deal['status']}{amount}: {parties}")
            self.stdout.write(f"    {deal['evidence']}")


def _dumps(value: dict[str, Any]) -> str:
    return jsonlib.dumps(value, ensure_ascii=False, default=str)
