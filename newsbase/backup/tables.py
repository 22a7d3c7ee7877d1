"""What a backup holds: every table of the knowledge base, in the order a restore inserts them, and how each column
is written to and read from JSON.

A record holds every stored column of its row (so a column added later is backed up without a change here), under
the column's name: the primary key, the natural key the table has (a slug, an article's content hash and URL, a
name key), references to other rows as their primary keys (`company_id`), and references to user accounts as the
user name, because accounts are not part of a backup (see NOT_BACKED_UP).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models

from articles.models import (
    Article,
    ArticleFingerprint,
    DealEvidence,
    Feed,
    IngestItem,
    IngestRun,
    Mention,
    Source,
)
from companies.models import (
    Company,
    CompanyAlias,
    CompanyMentionDay,
    CompanyRedirect,
    Deal,
    DealParty,
    DealRedirect,
    RejectedName,
)

FORMAT = "newsbase-backup"
VERSION = 1
# Rows read per round trip while exporting (a server-side cursor on PostgreSQL) and inserted per statement when
# restoring: memory stays flat whatever the size of the knowledge base.
CHUNK_ROWS = 2000
PROGRESS_EVERY = 1000  # rows between progress bar updates


class RecordError(Exception):
    """A record that cannot be restored; the reason names the column."""


@dataclass(frozen=True)
class Column:
    field: models.Field[Any, Any]
    # The name in the file: the column's name (`company_id` for a reference), or the field's name for a user.
    key: str
    # A reference to another backed-up row, checked against the rows restored before it; None when not a
    # reference, or when the database does not enforce it (history rows keep ids of rows deleted since).
    target: type[models.Model] | None
    is_user: bool

    @property
    def query_path(self) -> str:
        if self.is_user:
            return f"{self.field.name}__{get_user_model().USERNAME_FIELD}"
        return self.field.attname

    def encode(self, value: Any) -> Any:
        if isinstance(value, datetime | date | time):
            return value.isoformat()
        if isinstance(value, Decimal):
            # A string, so an amount comes back to the cent (a JSON number is a float).
            return str(value)
        return value

    def decode(self, value: Any) -> Any:
        """The Python value of a column read from the file; raises RecordError naming the column."""
        field = self.field
        if value is None:
            if not field.null:
                raise RecordError(f"{self.key} may not be null")
            return None
        if self.is_user:
            if not isinstance(value, str):
                raise RecordError(f"{self.key} must be a user name, not {value!r}")
            return value
        if isinstance(field, models.JSONField):
            return value
        kinds = _json_kinds(field.target_field if field.is_relation else field)
        if not isinstance(value, kinds) or (isinstance(value, bool) and bool not in kinds):
            expected = " or ".join(kind.__name__ for kind in kinds)
            raise RecordError(f"{self.key} must be JSON {expected}, not {type(value).__name__} {value!r}")
        try:
            python = field.to_python(value)
        except ValidationError as error:
            raise RecordError(f"{self.key}: {' '.join(error.messages)} (got {value!r})") from error
        if isinstance(python, str) and field.max_length is not None and len(python) > field.max_length:
            raise RecordError(f"{self.key} is {len(python)} characters long, longer than {field.max_length}")
        return python


@dataclass(frozen=True)
class Table:
    type: str
    model: type[models.Model]

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        """The primary key first, then the other columns in the model's order."""
        fields = sorted(self.model._meta.concrete_fields, key=lambda field: not field.primary_key)
        return tuple(_column(field) for field in fields)

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(column.key for column in self.columns)

    def rows(self) -> Iterator[tuple[Any, ...]]:
        paths = [column.query_path for column in self.columns]
        queryset = self.model._base_manager.order_by("pk").values_list(*paths)
        return queryset.iterator(chunk_size=CHUNK_ROWS)

    def record(self, row: tuple[Any, ...]) -> dict[str, Any]:
        record: dict[str, Any] = {"type": self.type}
        for column, value in zip(self.columns, row, strict=True):
            record[column.key] = column.encode(value)
        return record


def _json_kinds(field: models.Field[Any, Any]) -> tuple[type, ...]:
    """What JSON gives for a column as `export` writes it: a number is not taken for a text, nor 1.5 for an id."""
    if isinstance(field, models.BooleanField):
        return (bool,)
    if isinstance(field, models.IntegerField):  # ids, positions, offsets
        return (int,)
    if isinstance(field, models.FloatField):
        return (int, float)
    # Text, and what export writes as text: dates, times, decimals.
    return (str,)


def _column(field: models.Field[Any, Any]) -> Column:
    related = field.related_model if field.is_relation else None
    if related is not None and related is get_user_model():
        return Column(field=field, key=field.name, target=None, is_user=True)
    enforced = related is not None and getattr(field, "db_constraint", True)
    return Column(field=field, key=field.attname, target=related if enforced else None, is_user=False)


# Parents before children: a restore checks every reference against the rows it inserted before it. A company's
# parent is a company, so those references are checked once every company is read.
TABLES: tuple[Table, ...] = (
    Table("source", Source),
    Table("company", Company),
    Table("company_alias", CompanyAlias),
    Table("rejected_name", RejectedName),
    Table("company_redirect", CompanyRedirect),
    Table("deal", Deal),
    Table("deal_party", DealParty),
    Table("deal_redirect", DealRedirect),
    Table("article", Article),
    Table("article_fingerprint", ArticleFingerprint),
    Table("mention", Mention),
    # Counted from the mentions by companies.stats, and backed up like Company.mention_count: pages read them.
    Table("company_mention_day", CompanyMentionDay),
    Table("deal_evidence", DealEvidence),
    Table("feed", Feed),
    Table("ingest_run", IngestRun),
    Table("ingest_item", IngestItem),
    # Editors' history of companies (and their aliases), deals (and their parties) and articles
    # (django-simple-history): what the admin shows and reverts.
    Table("company_version", Company.history.model),
    Table("company_alias_version", CompanyAlias.history.model),
    Table("deal_version", Deal.history.model),
    Table("deal_party_version", DealParty.history.model),
    Table("article_version", Article.history.model),
)
TABLE_OF_TYPE: dict[str, Table] = {table.type: table for table in TABLES}

# Every other model of the project, and why a backup leaves it out. A test fails when a new model is in neither list.
NOT_BACKED_UP: dict[str, str] = {
    "accounts.ApiKey": "API keys are secrets: clients are given new keys after a restore",
    "auth.User": "accounts hold password hashes; editors are created again with create_editor, and rows that name "
    "a user (rejected names, runs, history) find that user by name",
    "auth.Group": "the Editors group and its permissions are created by the migrations",
    "auth.Permission": "created by the migrations",
    "contenttypes.ContentType": "created by the migrations",
    "admin.LogEntry": "the admin's own log of clicks; the history rows keep what editors changed",
    "sessions.Session": "sign-ins, not knowledge",
}
