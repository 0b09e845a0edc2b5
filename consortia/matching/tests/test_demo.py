"""The demo partnership's "Who could help": its need for volunteer drivers suggests the
food bank's drivers in Northshire first and the carers' centre's volunteer manager,
with the reasons, and the canvas's gaps page leads there."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortia.canvas.models import Need
from consortia.core.testing import text
from consortia.matching.selectors import need_suggestions

pytestmark = pytest.mark.django_db


def test_the_demo_suggests_who_could_drive_carers_to_hospital(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):  # the search index, as after the demo's commit
        call_command("demo")
    need = Need.objects.get(description__startswith="Volunteer drivers to take carers")
    partnership = need.partnership

    found = need_suggestions(partnership, [need], area=partnership.canvas.area)[need.pk]

    assert found[0].name == "Northshire Food Bank" and not found[0].in_partnership
    assert found[0].reasons[0] == "offers volunteer drivers in Northshire"
    # Second on SQLite; PostgreSQL's ts_rank, which does not weigh rare words more as
    # bm25 does, may put the carers' centre (which says "carers" often) before him.
    tom = next(s for s in found if s.name == "Tom Hughes")
    assert found.index(tom) in (1, 2) and tom.organisation.name == "Northshire Carers Centre"
    assert tom.reasons[0] == "knows Volunteer transport"
    client.force_login(tom.user)
    gaps = text(client.get(reverse("canvas:gaps", args=[partnership.uuid])))
    assert "Who could help with the needs not covered" in gaps
