"""python manage.py import FILE: restores a backup written by `export` into an empty database."""

from __future__ import annotations

import sys
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from newsbase.backup import (
    BackupFileError,
    DatabaseNotEmptyError,
    RestoreSummary,
    knowledge_base_check_empty,
    knowledge_base_import,
)
from newsbase.backup.files import backup_file_reading


class Command(BaseCommand):
    help = (
        "Restores a backup written by `export` (JSON Lines, or gzip when FILE ends in .gz; - for standard input) "
        "into an empty database, in one transaction: a bad line stops it with the reason and writes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help='The backup, or "-" for standard input.')
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args: Any, file: str, no_progress: bool, verbosity: int, **options: Any) -> None:
        try:
            # Before reading a large file: refuse at once when there is something to overwrite.
            knowledge_base_check_empty()
            with _executed_sql_not_kept():
                summary = self._import(file, progress=not no_progress and verbosity > 0)
        except (BackupFileError, DatabaseNotEmptyError) as error:
            raise CommandError(f"{file}: {str(error).rstrip('.')}. Nothing was imported.") from error
        except OSError as error:
            raise CommandError(f"{file}: cannot be read: {error}") from error
        if verbosity > 0:
            listed = ", ".join(f"{count:,} {kind}" for kind, count in summary.counts.items())
            self.stdout.write(f"Imported {sum(summary.counts.values()):,} records from {file}: {listed}.")
        if summary.unknown_users:
            names = ", ".join(sorted(summary.unknown_users))
            self.stderr.write(
                f"No account here is called {names}: the rows that named them (rejected names, runs, history) now"
                " name nobody. To keep them, create those editors with create_editor before importing."
            )

    def _import(self, file: str, *, progress: bool) -> RestoreSummary:
        if file == "-":
            return knowledge_base_import(lines=sys.stdin, progress=progress)
        with backup_file_reading(Path(file)) as stream:
            return knowledge_base_import(lines=stream, progress=progress)


@contextmanager
def _executed_sql_not_kept() -> Iterator[None]:
    """With DEBUG on, Django keeps the SQL of the last 9,000 queries; a restore's inserts are megabytes each, so
    that would hold most of the backup in memory again. Nothing reads that log in a command."""
    kept = connection.queries_log
    connection.queries_log = deque(maxlen=1)
    try:
        yield
    finally:
        connection.queries_log = kept
