"""One row per undated article and company instead of one row for all of a company's undated articles, so that
linking an undated article recounts that article alone (companies.stats). The totals do not change."""

from django.db import migrations, models


def split_undated_rows(apps, schema_editor):
    CompanyMentionDay = apps.get_model("companies", "CompanyMentionDay")
    Mention = apps.get_model("articles", "Mention")
    CompanyMentionDay.objects.filter(day__isnull=True).delete()
    rows = (
        Mention.objects.exclude(review_state="rejected")
        .filter(article__published_at__isnull=True)
        .order_by()
        .values("company_id", "article_id")
        .annotate(mentions=models.Count("id"))
    )
    CompanyMentionDay.objects.bulk_create(
        (
            CompanyMentionDay(
                company_id=row["company_id"], undated_article_id=row["article_id"], mentions=row["mentions"], articles=1
            )
            for row in rows.iterator()
        ),
        batch_size=5000,
    )


def join_undated_rows(apps, schema_editor):
    CompanyMentionDay = apps.get_model("companies", "CompanyMentionDay")
    rows = (
        CompanyMentionDay.objects.filter(day__isnull=True)
        .order_by()
        .values("company_id")
        .annotate(total_mentions=models.Sum("mentions"), total_articles=models.Sum("articles"))
    )
    joined = [
        CompanyMentionDay(company_id=row["company_id"], mentions=row["total_mentions"], articles=row["total_articles"])
        for row in rows
    ]
    CompanyMentionDay.objects.filter(day__isnull=True).delete()
    CompanyMentionDay.objects.bulk_create(joined, batch_size=5000)


class Migration(migrations.Migration):

    dependencies = [
        ('companies', '0006_mention_days_article_count'),
        ('articles', '0006_mention_index_covers_review_state'),
    ]

    operations = [
        migrations.AddField(
            model_name='companymentionday',
            name='undated_article_id',
            field=models.BigIntegerField(null=True),
        ),
        migrations.RunPython(split_undated_rows, join_undated_rows),
    ]
