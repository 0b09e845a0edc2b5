"""A permission's name says what it takes, and asking with anything else fails loudly."""

from pathlib import Path

import pytest
import rules
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from rules.permissions import permissions as ruleset

from consortia.core.rules import add_perm
from consortia.organisations.models import Organisation
from consortia.partnerships.models import Partner, Partnership


def test_it_refuses_a_permission_whose_name_does_not_end_with_its_model():
    with pytest.raises(ImproperlyConfigured, match="must end with _partner"):
        add_perm("canvas.pledge_for", Partner, rules.always_true)
    assert not rules.perm_exists("canvas.pledge_for")


def test_every_permission_names_the_model_it_takes():
    # Every app with a rules.py declares its permissions, and all of them are checked
    # below (a fixed count here had to change with every new app).
    apps_with_rules = {
        config.label for config in apps.get_app_configs() if (Path(config.path) / "rules.py").exists()
    }
    assert {name.split(".")[0] for name in ruleset} == apps_with_rules - {"core", "rules"}
    for name, predicate in ruleset.items():
        takes = predicate.name.split("&")[0].strip(" ()")  # "takes_<model>", added by add_perm
        assert takes.startswith("takes_") and name.endswith(takes.removeprefix("takes")), name


@pytest.mark.parametrize(
    ("name", "wrong"),
    [
        ("canvas.pledge_for_partner", Partnership()),
        ("agreements.edit_draft_of_partnership", Partner()),
        ("consultations.manage_consultation_of_poll", Partnership()),
        ("organisations.view_organisation", Partnership()),
    ],
)
def test_asking_with_the_wrong_object_raises_type_error(name, wrong):
    with pytest.raises(TypeError, match=f"{name} takes a"):
        rules.has_perm(name, None, wrong)


def test_asking_without_an_object_is_refused_not_an_error():
    assert rules.has_perm("organisations.manage_organisation", None, None) is False
    assert rules.has_perm("organisations.view_organisation", None, Organisation(listed_in_directory=True))
