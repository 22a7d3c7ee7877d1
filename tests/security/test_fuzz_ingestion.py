"""A bounded fuzz run through ingestion: hundreds of generated and mutated files of every format, stored and linked.

The same generator and driver as `make fuzz` (benchmarks/fuzz/), at a size the suite can afford; FUZZ_FILES and
FUZZ_SEED change it (a failure names its seed, so it can be run again exactly).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.fuzz.files import fuzz_files
from benchmarks.fuzz.ingestion import ingest_folder, reason_kind, write_files
from companies.models import CompanyStatus
from tests.factories import CompanyFactory

FILES = int(os.environ.get("FUZZ_FILES", "500"))
SEED = int(os.environ.get("FUZZ_SEED", "8"))


@pytest.fixture
def gazetteer(db: None) -> None:
    """The companies the generated stories name, so that linking has mentions and deals to write."""
    for name in ("Microsoft", "Nvidia", "Arm", "Alphabet", "Northwind Traders", "Contoso", "Litware", "Fabrikam"):
        CompanyFactory(name=name, slug=name.lower().replace(" ", "-"), status=CompanyStatus.VERIFIED)


@pytest.mark.django_db(transaction=True)
def test_hostile_files_never_crash_ingestion_and_every_failure_has_its_reason(gazetteer: None, tmp_path: Path) -> None:
    names = write_files(list(fuzz_files(FILES, seed=SEED)), tmp_path)

    report = ingest_folder(tmp_path, names=names)

    assert report.problems == [], f"seed {SEED}:\n" + "\n".join(report.lines())
    assert report.items >= report.files
    assert report.created > 0
    assert report.failed > 0
    assert report.linked == report.created
    assert report.mentions > 0


def test_failure_reasons_are_counted_by_kind_not_by_their_numbers() -> None:
    assert reason_kind("not UTF-8 text (invalid byte 0xff at offset 12); save it as UTF-8") == reason_kind(
        "not UTF-8 text (invalid byte 0x93 at offset 4,096); save it as UTF-8"
    )
    assert reason_kind("file is 6.2 MB, over the 5 MB limit") == "file is N MB, over the N MB limit"
