"""Backup and restore of the whole knowledge base as JSON Lines (`manage.py export` and `manage.py import`)."""

from newsbase.backup.export import knowledge_base_export
from newsbase.backup.restore import (
    BackupFileError,
    DatabaseNotEmptyError,
    RestoreSummary,
    knowledge_base_check_empty,
    knowledge_base_import,
)

__all__ = [
    "BackupFileError",
    "DatabaseNotEmptyError",
    "RestoreSummary",
    "knowledge_base_check_empty",
    "knowledge_base_export",
    "knowledge_base_import",
]
