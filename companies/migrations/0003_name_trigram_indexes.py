"""Trigram indexes on company and alias lookup keys, for company_lookup: prefix and typo-tolerant matches.

PostgreSQL only: on SQLite (a laptop) this migration does nothing and the lookup uses its fallback.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "company_name_key_trgm": "companies_company",
    "alias_name_key_trgm": "companies_companyalias",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (name_key gin_trgm_ops)")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("companies", "0002_company_name_needs_context_rejectedname")]

    operations = [
        TrigramExtension(),  # does nothing on other databases
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
