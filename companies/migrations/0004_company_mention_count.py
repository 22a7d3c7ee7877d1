"""The website's needs: a denormalised mention count to sort companies by, an index for the latest deals, and
full-text search over deal headlines.

The full-text index is PostgreSQL only; on SQLite the RunPython does nothing and search uses its fallback.
"""

from django.db import migrations, models

DEAL_TITLE_INDEX = "deal_title_fts"


# The order DealQuerySet.latest() asks for: the older deal_announced index is DESC (nulls first), which PostgreSQL
# cannot use for NULLS LAST. SQLite cannot declare NULLS LAST in an index, hence here rather than in Meta.indexes.
DEAL_LATEST_INDEX = "deal_latest"


def create_deal_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {DEAL_TITLE_INDEX} ON companies_deal USING gin (to_tsvector('english', title))"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {DEAL_LATEST_INDEX} ON companies_deal "
        "(announced_on DESC NULLS LAST, created_at DESC)"
    )


def drop_deal_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {DEAL_TITLE_INDEX}")
    schema_editor.execute(f"DROP INDEX IF EXISTS {DEAL_LATEST_INDEX}")


def count_mentions(apps, schema_editor):
    Company = apps.get_model("companies", "Company")
    Mention = apps.get_model("articles", "Mention")
    counts = (
        Mention.objects.exclude(review_state="rejected")
        .filter(company_id=models.OuterRef("pk"))
        .order_by()
        .values("company_id")
        .annotate(total=models.Count("id"))
        .values("total")
    )
    Company.objects.update(
        mention_count=models.functions.Coalesce(models.Subquery(counts, output_field=models.IntegerField()), 0)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0003_name_trigram_indexes"),
        ("articles", "0002_articlefingerprint_feed"),
    ]

    operations = [
        migrations.AddField(
            model_name="company",
            name="mention_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.AddIndex(
            model_name="company",
            index=models.Index(fields=["-mention_count", "name"], name="company_mention_count"),
        ),
        migrations.RunPython(count_mentions, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_deal_indexes, drop_deal_indexes, elidable=False),
    ]
