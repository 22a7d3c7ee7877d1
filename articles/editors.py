"""The Editors group: exactly the permissions the editors' workflow in the admin needs, and nothing more.

Used by the data migration that creates the group and by `create_editor`, which makes sure the group is current
before adding someone to it (a database flushed by a test, or a group an operator edited, is put right).
"""

from __future__ import annotations

from django.apps import apps as django_apps
from django.apps.registry import Apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q

EDITORS_GROUP = "Editors"

# (app label, model, actions). Historical models are the history pages; "change" on them is revert.
EDITOR_PERMISSIONS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("articles", "article", ("view", "add", "change", "delete")),
    ("articles", "mention", ("view", "change")),
    ("articles", "dealevidence", ("view", "change", "delete")),
    ("articles", "source", ("view", "add", "change")),
    ("articles", "ingestrun", ("view", "change")),
    ("articles", "ingestitem", ("view",)),
    ("articles", "feed", ("view", "add", "change", "delete")),
    ("articles", "historicalarticle", ("view", "change")),
    ("companies", "company", ("view", "add", "change", "delete")),
    ("companies", "discoveredcompany", ("view", "change", "delete")),
    ("companies", "companyalias", ("view", "add", "change", "delete")),
    ("companies", "deal", ("view", "add", "change", "delete")),
    ("companies", "dealparty", ("view", "add", "change", "delete")),
    ("companies", "rejectedname", ("view", "add", "delete")),
    ("companies", "companyredirect", ("view",)),
    ("companies", "dealredirect", ("view",)),
    ("companies", "historicalcompany", ("view", "change")),
    ("companies", "historicaldeal", ("view", "change")),
)


class EditorsGroupIncomplete(Exception):
    """A permission the editors need does not exist: the database is not migrated."""


def editors_group_sync(*, apps: Apps = django_apps, strict: bool = True) -> object:
    """Creates the Editors group or puts its permissions back to exactly EDITOR_PERMISSIONS; returns the group.

    `strict` fails when a permission is missing; the migration passes False, because models added by later
    migrations do not exist yet at that point of the history.
    """
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    wanted = Q(pk__in=[])
    for app_label, model, actions in EDITOR_PERMISSIONS:
        wanted |= Q(
            content_type__app_label=app_label,
            content_type__model=model,
            codename__in=[f"{action}_{model}" for action in actions],
        )
    permissions = list(permission_model.objects.filter(wanted))
    expected = sum(len(actions) for _, _, actions in EDITOR_PERMISSIONS)
    if strict and len(permissions) != expected:
        raise EditorsGroupIncomplete(
            f"found {len(permissions)} of the {expected} permissions editors need: run `manage.py migrate` first"
        )
    group, _ = group_model.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(permissions)
    return group


def editor_create(*, username: str, password: str, email: str = "") -> AbstractBaseUser:
    """A staff account in the Editors group: the admin without superuser rights. The password must pass the
    site's password validators."""
    user_model = get_user_model()
    username = username.strip()
    if not username:
        raise ValidationError({"username": "An editor needs a username."})
    if user_model._default_manager.filter(**{user_model.USERNAME_FIELD: username}).exists():
        raise ValidationError({"username": f"A user named {username!r} exists already."})
    with transaction.atomic():
        group = editors_group_sync()
        user = user_model(**{user_model.USERNAME_FIELD: username}, email=email, is_staff=True)
        validate_password(password, user=user)
        user.set_password(password)
        user.save()
        user.groups.add(group)
    return user
