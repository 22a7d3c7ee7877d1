"""Who made a change, for the versions django-simple-history keeps of companies, deals and articles.

Services are told the acting user (the admin's editor, the API key's account) and mark each row before they save or
delete it; the machine (linking, loading a company list) marks its rows with no user and a reason saying what it was.
HistoryRequestMiddleware stays in the settings as a fallback, but a service never relies on it: it only knows about
web requests, and a service also runs from the CLI, from Celery workers and in tests, where no request exists.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import router
from django.db.models import Model
from django.db.models.deletion import Collector

# Reasons recorded on the machine's versions, which have no user.
LINKING: Final = "link"
IMPORT: Final = "import"
# A machine-made deal whose last supporting sentence went with an editor's deletion.
NO_EVIDENCE_LEFT: Final = "no evidence left"


def history_by(instance: Model, *, user: AbstractBaseUser | AnonymousUser | None, reason: str = "") -> None:
    """Marks the next version of `instance` (saved or deleted) as made by `user`, or by the machine when None.

    Set even when None: simple-history would otherwise take the user of whatever request happens to be running
    (linking runs inside the request when tasks run in-process), and the machine's work is nobody's edit.
    """
    instance._history_user = user if user is not None and user.is_authenticated else None  # type: ignore[attr-defined]
    if reason:
        instance._change_reason = reason  # type: ignore[attr-defined]


def delete_with_history(
    instances: Sequence[Model], *, user: AbstractBaseUser | AnonymousUser | None, reason: str = ""
) -> int:
    """Deletes these rows (all of one model) and what cascades from them, as `Model.delete()` would for each, with one
    query per related table rather than per row; each deletion's version names `user`, the versions of the rows
    that cascade with them (a company's aliases, a deal's parties) too. Returns how many rows of this model went.

    Not `queryset.delete()`: its collector fetches rows of its own, and the versions written for them could not
    be marked.
    """
    if not instances:
        return 0
    model = type(instances[0])
    collector = Collector(using=router.db_for_write(model))
    collector.collect(list(instances))
    # The collector holds our instances and every cascaded row it will send a signal for (the ones with history).
    for collected in collector.data.values():
        for instance in collected:
            history_by(instance, user=user, reason=reason)
    _, deleted = collector.delete()
    return deleted.get(model._meta.label, 0)
