"""Every model has a factory that makes a valid row."""

import pytest

from tests import factories

pytestmark = pytest.mark.django_db

FACTORIES = [
    value
    for name, value in vars(factories).items()
    if name.endswith("Factory") and isinstance(value, type) and hasattr(value, "_meta") and value._meta.model
]


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda factory: factory.__name__)
def test_each_factory_makes_a_row_the_database_accepts(factory) -> None:
    instance = factory()
    instance.refresh_from_db()
    assert instance.pk is not None


def test_every_model_of_ours_has_a_factory() -> None:
    from django.apps import apps

    covered = {factory._meta.get_model_class() for factory in FACTORIES}
    ours = {
        model
        for app in ("companies", "articles", "accounts")
        for model in apps.get_app_config(app).get_models()
        if not model._meta.proxy and not model.__name__.startswith("Historical")
    }
    assert ours - covered == set()
