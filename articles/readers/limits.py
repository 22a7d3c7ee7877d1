"""How much a reader will take, and how it says that something was too much."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 5 * MB


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds that keep a small zip from expanding into something that fills the memory or the disk."""

    max_members: int = 10_000
    max_total_bytes: int = 200 * MB
    # Prose compresses about 3:1 to 10:1; hundreds to one is a file built to expand.
    max_ratio: int = 100
    # Below this size a high ratio (a file of one repeated line) cannot hurt, so it is not held against a member.
    ratio_exempt_bytes: int = 1 * MB


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < MB:
        return f"{_number(size / 1024)} KB"
    return f"{_number(size / MB)} MB"


def _number(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def too_large(size: int, limit: int) -> str:
    return f"file is {format_size(size)}, over the {format_size(limit)} limit"


def over_limit(what: str, limit: int) -> str:
    """For input whose full size is unknown because reading stopped at the limit."""
    return f"{what} is over the {format_size(limit)} limit"
