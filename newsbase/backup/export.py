"""Writes the whole knowledge base as JSON Lines: a header, then one record per row, table after table."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from newsbase.backup.tables import FORMAT, PROGRESS_EVERY, TABLES, VERSION


class Writer(Protocol):
    def write(self, text: str, /) -> Any: ...


def record_line(record: dict[str, Any]) -> str:
    # Not ASCII-escaped, so names stay readable; NaN is refused, it is not JSON.
    return json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":")) + "\n"


@contextmanager
def _one_snapshot() -> Iterator[None]:
    """Every table read as of one moment, so the header's counts and every reference agree with the rows written
    while ingestion goes on. SQLite reads in one transaction see one snapshot already."""
    starts_transaction = not connection.in_atomic_block
    with transaction.atomic():
        if starts_transaction and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def knowledge_base_export(*, out: Writer, progress: bool = False) -> dict[str, int]:
    """Writes the header and every row; returns the number of rows of each type."""
    with _one_snapshot():
        counts = {table.type: table.model._base_manager.count() for table in TABLES}
        header = {
            "type": "header",
            "format": FORMAT,
            "version": VERSION,
            "exported_at": timezone.now().isoformat(),
            "counts": counts,
        }
        out.write(record_line(header))
        with tqdm(total=sum(counts.values()), unit=" rows", file=sys.stderr, disable=not progress) as bar:
            for table in TABLES:
                bar.set_description(table.type, refresh=False)
                unreported = 0
                for row in table.rows():
                    out.write(record_line(table.record(row)))
                    unreported += 1
                    if unreported == PROGRESS_EVERY:
                        bar.update(unreported)
                        unreported = 0
                bar.update(unreported)
    return counts
