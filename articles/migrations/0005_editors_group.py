"""The Editors group, with exactly the permissions the editors' workflow in the admin needs (articles/editors.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_editors_group(apps, schema_editor):
    from articles.editors import editors_group_sync

    # Permissions are normally created after all migrations; the group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    editors_group_sync(apps=apps, strict=False)


def remove_editors_group(apps, schema_editor):
    from articles.editors import EDITORS_GROUP

    apps.get_model("auth", "Group").objects.filter(name=EDITORS_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_historicalarticle"),
        ("companies", "0005_editing_history_redirects"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_editors_group, remove_editors_group)]
