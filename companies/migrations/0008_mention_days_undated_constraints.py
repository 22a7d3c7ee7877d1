# Apart from 0007: PostgreSQL cannot alter a table in the transaction that just wrote its rows (pending triggers).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('companies', '0007_mention_days_one_row_per_undated_article'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='companymentionday',
            constraint=models.UniqueConstraint(condition=models.Q(('undated_article_id__isnull', False)), fields=('company', 'undated_article_id'), name='company_mention_day_unique_undated'),
        ),
        migrations.AddConstraint(
            model_name='companymentionday',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('day__isnull', True), ('undated_article_id__isnull', False)), models.Q(('day__isnull', False), ('undated_article_id__isnull', True)), _connector='OR'), name='company_mention_day_dated_or_one_article'),
        ),
    ]
