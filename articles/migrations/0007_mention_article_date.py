from django.db import migrations, models

# Plain SQL both PostgreSQL and SQLite run: one statement, however many mentions there are.
COPY_ARTICLE_DATES = """
UPDATE articles_mention
SET article_published_at = (
    SELECT published_at FROM articles_article WHERE articles_article.id = articles_mention.article_id
)
"""

INDEX = models.Index(
    fields=["company", "-article_published_at", "-article"],
    name="mention_company_latest",
    condition=models.Q(("review_state", "rejected"), _negated=True),
)
# The order the company pages read (newest first, undated last). PostgreSQL puts NULLs first in a descending index
# unless told; SQLite puts them last and cannot be told.
NULLS_LAST = {"postgresql": " NULLS LAST", "sqlite": ""}


def index_create(apps, schema_editor):
    nulls = NULLS_LAST.get(schema_editor.connection.vendor, "")
    schema_editor.execute(
        'CREATE INDEX "mention_company_latest" ON "articles_mention" '
        f'("company_id", "article_published_at" DESC{nulls}, "article_id" DESC) '
        "WHERE NOT (\"review_state\" = 'rejected')"
    )


def index_drop(apps, schema_editor):
    schema_editor.execute('DROP INDEX "mention_company_latest"')


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0006_mention_index_covers_review_state"),
        ("companies", "0006_mention_days_article_count"),
    ]

    operations = [
        migrations.AddField(
            model_name="mention",
            name="article_published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        # Filled before the index is built, so it is built once over the final values.
        migrations.RunSQL(COPY_ARTICLE_DATES, reverse_sql=migrations.RunSQL.noop),
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.AddIndex(model_name="mention", index=INDEX)],
            database_operations=[migrations.RunPython(index_create, index_drop)],
        ),
    ]
