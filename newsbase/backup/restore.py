"""Restores a backup into an empty database: every line checked, every row inserted in one transaction.

A bad line (not JSON, an unknown type, a missing or unknown column, a value of the wrong kind, a reference to a row
the file does not hold) stops the restore with the line number and the reason, and nothing is written.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.color import no_style
from django.db import DataError, IntegrityError, connection, models, transaction
from tqdm import tqdm

from companies.name_changes import names_changed
from newsbase.backup.tables import (
    CHUNK_ROWS,
    FORMAT,
    PROGRESS_EVERY,
    TABLE_OF_TYPE,
    TABLES,
    VERSION,
    RecordError,
    Table,
)
from newsbase.pagecache import content_changed


class BackupFileError(Exception):
    """A line of the backup that cannot be restored."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason


class DatabaseNotEmptyError(Exception):
    """The database holds a knowledge base already: a restore never mixes two."""


@dataclass
class RestoreSummary:
    counts: dict[str, int]
    # User names the backup refers to that this database has no account for: those references are left empty.
    unknown_users: set[str] = field(default_factory=set)


def knowledge_base_check_empty() -> None:
    held = {table.type: table.model._base_manager.count() for table in TABLES}
    held = {kind: count for kind, count in held.items() if count}
    if held:
        listed = ", ".join(f"{count:,} {kind}" for kind, count in held.items())
        raise DatabaseNotEmptyError(
            f"the database is not empty (it holds {listed}): a backup is restored into an empty database only. "
            "Create a new database, run migrate, and import into it."
        )


def knowledge_base_import(*, lines: Iterable[str], progress: bool = False) -> RestoreSummary:
    """Restores the rows of a backup, keeping their primary keys; raises BackupFileError and writes nothing when
    any line is bad, DatabaseNotEmptyError when there is something to overwrite."""
    numbered = _numbered(lines)
    expected = _read_header(numbered)
    with transaction.atomic(), _timestamps_as_given():
        knowledge_base_check_empty()
        restore = _Restore()
        with tqdm(total=sum(expected.values()), unit=" rows", file=sys.stderr, disable=not progress) as bar:
            unreported = 0
            for number, line in numbered:
                restore.add(number, line)
                unreported += 1
                if unreported == PROGRESS_EVERY:
                    bar.update(unreported)
                    unreported = 0
            restore.finish()
            bar.update(unreported)
        for kind, count in expected.items():
            if restore.counts[kind] != count:
                raise BackupFileError(
                    restore.last_line,
                    f"the file ends with {restore.counts[kind]:,} {kind} records where its header counts {count:,}:"
                    " it is truncated or was edited",
                )
        _reset_sequences()
        # Bulk inserts send no model signals: tell the linking workers' gazetteer and the page cache directly.
        names_changed()
        transaction.on_commit(content_changed)
    return RestoreSummary(counts=restore.counts, unknown_users=restore.unknown_users)


def _numbered(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    number = 0
    iterator = iter(lines)
    while True:
        try:
            line = next(iterator)
        except StopIteration:
            return
        except (OSError, EOFError, UnicodeDecodeError) as error:
            # A truncated or damaged gzip file, or bytes that are not UTF-8.
            raise BackupFileError(number + 1, f"the file cannot be read from here: {error}") from error
        number += 1
        if line.strip():
            yield number, line


def _read_header(numbered: Iterator[tuple[int, str]]) -> dict[str, int]:
    first = next(numbered, None)
    if first is None:
        raise BackupFileError(1, "the file is empty")
    number, line = first
    header = _json_object(number, line)
    if header.get("type") != "header" or header.get("format") != FORMAT:
        raise BackupFileError(number, f'the first line is not a {FORMAT} header: is this a file "export" wrote?')
    if header.get("version") != VERSION:
        raise BackupFileError(number, f"format version {header.get('version')!r}; this Newsbase reads {VERSION}")
    counts = header.get("counts")
    if not isinstance(counts, dict) or set(counts) != set(TABLE_OF_TYPE):
        raise BackupFileError(number, f"the header must count every type: {', '.join(TABLE_OF_TYPE)}")
    if not all(isinstance(count, int) and count >= 0 for count in counts.values()):
        raise BackupFileError(number, "the header's counts must be whole numbers")
    return counts


def _json_object(number: int, line: str) -> dict[str, Any]:
    try:
        record = json.loads(line, parse_constant=_refuse_constant)
    except ValueError as error:
        raise BackupFileError(number, f"not a JSON object ({error}): the file is truncated or damaged") from error
    if not isinstance(record, dict):
        raise BackupFileError(number, f"not a JSON object but {type(record).__name__}")
    return record


def _refuse_constant(name: str) -> None:
    # Python's json reads NaN and Infinity, which JSON does not have and no column holds.
    raise ValueError(f"{name} is not JSON")


class _Restore:
    """Reads records in file order and inserts them in batches, one table after another."""

    def __init__(self) -> None:
        self.counts = {table.type: 0 for table in TABLES}
        self.unknown_users: set[str] = set()
        self.last_line = 1
        self._position = {table.type: index for index, table in enumerate(TABLES)}
        self._table: Table | None = None
        self._batch: list[models.Model] = []
        self._batch_first_line = 0
        # Primary keys restored so far of every table another table refers to, to check references as they come.
        referenced = {column.target for table in TABLES for column in table.columns if column.target is not None}
        self._restored: dict[type[models.Model], set[Any]] = {model: set() for model in referenced}
        # References to rows of the same table (a company's parent) are checked when the table is complete.
        self._forward: list[tuple[int, str, Any]] = []
        user_model = get_user_model()
        self._user_ids: dict[str, Any] = dict(user_model._base_manager.values_list(user_model.USERNAME_FIELD, "pk"))

    def add(self, number: int, line: str) -> None:
        self.last_line = number
        record = _json_object(number, line)
        kind = record.get("type")
        table = TABLE_OF_TYPE.get(kind) if isinstance(kind, str) else None
        if table is None:
            raise BackupFileError(number, f"unknown type {kind!r}; the types are {', '.join(TABLE_OF_TYPE)}")
        if table is not self._table:
            self._enter(number, table)
        self._batch.append(self._row(number, table, record))
        self.counts[table.type] += 1
        if len(self._batch) == 1:
            self._batch_first_line = number
        if len(self._batch) >= CHUNK_ROWS:
            self._flush()

    def finish(self) -> None:
        if self._table is not None:
            self._complete_table()

    def _enter(self, number: int, table: Table) -> None:
        if self._table is not None:
            if self._position[table.type] < self._position[self._table.type]:
                raise BackupFileError(
                    number, f"a {table.type} record after the {self._table.type} records: the file is out of order"
                )
            self._complete_table()
        self._table = table

    def _complete_table(self) -> None:
        self._flush()
        for number, key, value in self._forward:
            if value not in self._restored[self._model]:
                raise BackupFileError(number, f"{key} {value!r}: the file holds no {self._table_type} with that id")
        self._forward.clear()

    @property
    def _model(self) -> type[models.Model]:
        assert self._table is not None  # noqa: S101 - only called inside a table
        return self._table.model

    @property
    def _table_type(self) -> str:
        assert self._table is not None  # noqa: S101 - only called inside a table
        return self._table.type

    def _row(self, number: int, table: Table, record: dict[str, Any]) -> models.Model:
        given = record.keys() - {"type"}
        if missing := table.keys - given:
            raise BackupFileError(number, f"{table.type} record without {', '.join(sorted(missing))}")
        if unknown := given - table.keys:
            raise BackupFileError(number, f"{table.type} record with unknown {', '.join(sorted(unknown))}")
        values: dict[str, Any] = {}
        for column in table.columns:
            try:
                value = column.decode(record[column.key])
            except RecordError as error:
                raise BackupFileError(number, f"{table.type}: {error}") from error
            if column.is_user and value is not None:
                user_id = self._user_ids.get(value)
                if user_id is None:
                    self.unknown_users.add(value)
                value = user_id
            elif column.target is not None and value is not None:
                if column.target is table.model:
                    self._forward.append((number, column.key, value))
                elif value not in self._restored[column.target]:
                    raise BackupFileError(
                        number,
                        f"{table.type}: {column.key} {value!r} refers to a {column.target._meta.verbose_name} "
                        "the file does not hold (before this line)",
                    )
            values[column.field.attname] = value
        if table.model in self._restored:
            self._restored[table.model].add(values[table.model._meta.pk.attname])
        return table.model(**values)

    def _flush(self) -> None:
        if not self._batch:
            return
        last_line = self._batch_first_line + len(self._batch) - 1
        try:
            # A savepoint, so the database's refusal is reported here and not as a broken transaction later.
            with transaction.atomic():
                self._model._base_manager.bulk_create(self._batch, batch_size=CHUNK_ROWS)
        except (IntegrityError, DataError) as error:
            reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
            raise BackupFileError(
                self._batch_first_line,
                f"the database refused the {self._table_type} records of lines {self._batch_first_line}-{last_line}"
                f" (a duplicate or an impossible value): {reason}",
            ) from error
        self._batch.clear()


@contextmanager
def _timestamps_as_given() -> Iterator[None]:
    """bulk_create stamps auto_now and auto_now_add fields with the current time; a restore keeps the times the
    backup holds. The switch is process-wide, which is fine for the command that runs a restore on its own."""
    stamped = [
        date_field
        for table in TABLES
        for date_field in table.model._meta.concrete_fields
        if getattr(date_field, "auto_now", False) or getattr(date_field, "auto_now_add", False)
    ]
    saved = [(date_field, date_field.auto_now, date_field.auto_now_add) for date_field in stamped]
    for date_field in stamped:
        date_field.auto_now = date_field.auto_now_add = False
    try:
        yield
    finally:
        for date_field, auto_now, auto_now_add in saved:
            date_field.auto_now, date_field.auto_now_add = auto_now, auto_now_add


def _reset_sequences() -> None:
    """PostgreSQL hands out ids from sequences that inserts with explicit ids do not move: move them past the
    restored rows. SQLite takes the next id from the table itself."""
    statements = connection.ops.sequence_reset_sql(no_style(), [table.model for table in TABLES])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
