"""Company lists in files: the starter knowledge base (JSON) and users' own lists (JSON or CSV).

JSON: a list of objects, or {"companies": [...]}. CSV: a header row with the same field names; list fields
(aliases, former_names, tickers, needs_context) are separated by semicolons. Only "name" is required.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

STARTER_FILE = Path(__file__).resolve().parent / "data" / "starter_companies.json"
LIST_FIELDS = ("aliases", "former_names", "tickers", "needs_context")


class CompanyFileError(Exception):
    """A company list that cannot be read at all (one bad row is reported per row instead)."""


@dataclass(frozen=True, slots=True)
class CompanyRecord:
    name: str
    kind: str = "company"
    parent: str | None = None
    country: str = ""
    website: str = ""
    description: str = ""
    aliases: tuple[str, ...] = ()
    former_names: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    needs_context: tuple[str, ...] = field(default=())


def read_company_file(path: Path) -> list[CompanyRecord]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise CompanyFileError(f"{path}: cannot read the file ({error})") from error
    if path.suffix.lower() == ".csv":
        rows = list(csv.DictReader(io.StringIO(text)))
    else:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise CompanyFileError(f"{path}: not valid JSON ({error})") from error
        rows = data.get("companies") if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise CompanyFileError(f'{path}: expected a list of companies or {{"companies": [...]}}')
    records = []
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or not str(row.get("name") or "").strip():
            raise CompanyFileError(f"{path}: entry {number} has no name")
        records.append(_record(row))
    return records


def _record(row: dict[str, object]) -> CompanyRecord:
    def text(key: str) -> str:
        value = row.get(key)
        return str(value).strip() if value not in (None, "") else ""

    def items(key: str) -> tuple[str, ...]:
        value = row.get(key)
        if value in (None, ""):
            return ()
        values = value.split(";") if isinstance(value, str) else list(value)  # type: ignore[call-overload]
        return tuple(str(item).strip() for item in values if str(item).strip())

    return CompanyRecord(
        name=text("name"),
        kind=text("kind") or "company",
        parent=text("parent") or None,
        country=text("country").upper(),
        website=text("website"),
        description=text("description"),
        **{key: items(key) for key in LIST_FIELDS},
    )
