"""python manage.py load_companies [FILE]: the starter knowledge base, or your own JSON or CSV list."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from companies.importing import STARTER_FILE, CompanyFileError, read_company_file
from companies.services import company_import


class Command(BaseCommand):
    help = (
        "Loads companies from a JSON or CSV file (default: the starter knowledge base). Running it again is harmless."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", type=Path, default=STARTER_FILE)

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        try:
            records = read_company_file(file)
        except CompanyFileError as error:
            raise CommandError(str(error)) from error
        summary = company_import(records=records)
        self.stdout.write(
            f"{file.name}: {summary.created} created, {summary.updated} updated, {summary.unchanged} unchanged,"
            f" {len(summary.errors)} with errors"
        )
        for error in summary.errors:
            self.stderr.write(f"  {error}")
