"""python manage.py export [-o FILE]: the whole knowledge base as JSON Lines, a backup `import` restores."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from newsbase.backup import knowledge_base_export
from newsbase.backup.files import backup_file_writing


class Command(BaseCommand):
    help = (
        "Writes the whole knowledge base (companies, names, deals, articles, mentions, evidence, editors' decisions "
        "and history, feeds, ingestion runs) as JSON Lines; gzip when FILE ends in .gz. API keys and user accounts "
        "are not exported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", type=Path, help="The file to write (default: standard output).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, output: Path | None, no_progress: bool, verbosity: int, **options: Any) -> None:
        progress = not no_progress and verbosity > 0
        if output is None:
            counts = knowledge_base_export(out=self.stdout, progress=progress)
            where = "standard output"
        else:
            with backup_file_writing(output) as stream:
                counts = knowledge_base_export(out=stream, progress=progress)
            where = str(output)
        if verbosity > 0:
            # Standard error: standard output may be the backup itself.
            listed = ", ".join(f"{count:,} {kind}" for kind, count in counts.items())
            self.stderr.write(f"Exported {sum(counts.values()):,} records to {where}: {listed}.")
