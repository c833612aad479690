"""Every model of the project's own apps has a factory in tests/factories.py,
and each factory makes a saved object of its model. The apps are found by
where they live (under the repository root), so a model added to any app,
or moved to a new one, needs a factory too."""

from pathlib import Path

import factory
import pytest
from django.apps import apps
from django.conf import settings

from tests import factories

REPOSITORY = Path(settings.BASE_DIR).resolve()


def project_models() -> list[type]:
    """The concrete models of the apps whose code is in this repository."""
    models = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if path.is_relative_to(REPOSITORY) and "site-packages" not in path.parts:
            models += [
                model
                for model in config.get_models()
                if not (model._meta.abstract or model._meta.proxy or model._meta.auto_created)
            ]
    return sorted(models, key=lambda model: model._meta.label)


def model_factories() -> dict[type, object]:
    """Model -> what makes one: the DjangoModelFactory classes and the page makers."""
    made = {
        value._meta.model: value
        for value in vars(factories).values()
        if isinstance(value, type)
        and issubclass(value, factory.django.DjangoModelFactory)
        and value._meta.model is not None
    }
    return {**made, **factories.PAGE_MAKERS}


def test_the_project_apps_are_found():
    labels = {model._meta.app_label for model in project_models()}

    assert {"home", "agenda", "speakers", "registration"} <= labels
    assert not labels & {"wagtailcore", "auth", "account"}


def test_every_project_model_has_a_factory():
    makers = model_factories()

    assert [model._meta.label for model in project_models() if model not in makers] == []


@pytest.mark.django_db
@pytest.mark.parametrize("model", project_models(), ids=lambda model: model._meta.label)
def test_the_factory_makes_a_saved_object_of_its_model(model, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # documents write a file

    made = model_factories()[model]()

    assert (type(made), model.objects.filter(pk=made.pk).count()) == (model, 1)
