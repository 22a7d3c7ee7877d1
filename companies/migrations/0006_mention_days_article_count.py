"""Coverage the pages read instead of counting mentions per request: each company's number of articles (the company
page paginates them) and its mentions per day (the company page's chart, the home page's most mentioned companies).
Both are kept by companies.stats.company_mention_counts_refresh, like mention_count; filled here once.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models.functions import TruncDate


def fill_coverage(apps, schema_editor):
    Company = apps.get_model("companies", "Company")
    CompanyMentionDay = apps.get_model("companies", "CompanyMentionDay")
    Mention = apps.get_model("articles", "Mention")
    days = (
        Mention.objects.exclude(review_state="rejected")
        .annotate(day=TruncDate("article__published_at"))
        .order_by()
        .values("company_id", "day")
        .annotate(mentions=models.Count("id"), articles=models.Count("article_id", distinct=True))
    )
    CompanyMentionDay.objects.bulk_create((CompanyMentionDay(**row) for row in days.iterator()), batch_size=5000)
    totals = CompanyMentionDay.objects.filter(company_id=models.OuterRef("pk")).order_by().values("company_id")
    Company.objects.update(
        article_count=models.functions.Coalesce(
            models.Subquery(totals.annotate(n=models.Sum("articles")).values("n"), output_field=models.IntegerField()),
            0,
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("companies", "0005_editing_history_redirects"),
        ("articles", "0002_articlefingerprint_feed"),
    ]

    operations = [
        migrations.AddField(
            model_name="company",
            name="article_count",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
        migrations.CreateModel(
            name="CompanyMentionDay",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("day", models.DateField(null=True)),
                ("mentions", models.PositiveIntegerField()),
                ("articles", models.PositiveIntegerField()),
                (
                    "company",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="mention_days",
                        to="companies.company",
                    ),
                ),
            ],
            options={
                "ordering": ["company", "day"],
                "indexes": [
                    models.Index(fields=["day"], include=["company", "mentions"], name="company_mention_day_recent")
                ],
                "constraints": [models.UniqueConstraint(fields=["company", "day"], name="company_mention_day_unique")],
            },
        ),
        migrations.RemoveIndex(model_name="company", name="company_created"),
        migrations.AddIndex(
            model_name="company",
            index=models.Index(models.F("created_at").desc(), models.F("id").desc(), name="company_created_id"),
        ),
        migrations.RemoveIndex(model_name="dealparty", name="deal_party_company_role"),
        migrations.AddIndex(
            model_name="dealparty",
            index=models.Index(fields=["company", "role"], include=["deal"], name="deal_party_company_role_deal"),
        ),
        migrations.RunPython(fill_coverage, migrations.RunPython.noop, elidable=True),
    ]
