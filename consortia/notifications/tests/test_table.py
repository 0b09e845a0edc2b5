"""The table (notifications/table.py): every row names a verb some service writes,
each app's rows are found, and a bad row is refused."""

import re
from pathlib import Path

import pytest

import consortia
from consortia.core.models import Event
from consortia.notifications.audiences import everyone
from consortia.notifications.table import TABLE, Rule, partnership_link, rules_for

ROOT = Path(consortia.__file__).parent


def verbs_written_by_services() -> set[str]:
    """Every quoted verb in the apps' services.py (where event_record is called)."""
    found: set[str] = set()
    for path in ROOT.glob("*/services.py"):
        found |= set(re.findall(r'"([a-z_]+\.[a-z_]+)"', path.read_text()))
    return found


def test_it_has_rows_only_for_verbs_that_a_service_writes():
    written = verbs_written_by_services()

    assert TABLE, "no rows were found"
    assert set(TABLE) <= written, sorted(set(TABLE) - written)


def test_it_finds_each_apps_rows():
    assert {
        "poll.opened",
        "agreement.published",
        "partner.joined",
        "partner.left",
        "group.member_added",
    } <= set(TABLE)
    assert [rule.reason for rule in rules_for("poll.opened")] == ["yours"]
    assert rules_for("vote.cast") == []


def test_it_refuses_a_row_for_an_unknown_verb_or_reason():
    with pytest.raises(ValueError, match="unknown verb"):
        Rule("poll.exploded", everyone, "activity")
    with pytest.raises(ValueError, match="unknown reason"):
        Rule("poll.opened", everyone, "gossip")


@pytest.mark.django_db
def test_it_links_to_the_partnership_by_default(world):
    event = Event(verb="partner.joined", partnership=world.partnership)

    assert partnership_link(event) == f"/partnerships/{world.partnership.uuid}/"
