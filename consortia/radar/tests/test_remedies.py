"""The remedies table: every cause the radar can raise has one to three remedies, each
complete, and the practices the issue names are among them."""

import pytest

from consortia.radar.remedies import CAUSE_REMEDIES, FALLBACK, REMEDIES, REMEDY_LIST, remedies_for
from consortia.radar.warning import MARKS

# The health check's factors (consortia/health/questions.py).
FACTORS = [
    "results",
    "vision",
    "trust",
    "commitment",
    "conflict",
    "equality",
    "communication",
    "participation",
    "resources",
    "learning",
]


@pytest.mark.parametrize("cause", [m.key for m in MARKS] + FACTORS)
def test_it_has_one_to_three_remedies_for_every_cause(cause):
    assert cause in CAUSE_REMEDIES
    assert 1 <= len(remedies_for(cause)) <= 3


def test_it_names_only_remedies_it_has_and_uses_every_one():
    named = {key for keys in CAUSE_REMEDIES.values() for key in keys} | set(FALLBACK)

    assert named == set(REMEDIES)
    assert len(REMEDIES) == len(REMEDY_LIST)


def test_it_gives_each_remedy_a_title_an_agenda_item_and_a_why():
    for remedy in REMEDY_LIST:
        assert remedy.title and remedy.why.endswith(".")
        assert 0 < len(remedy.agenda_title) <= 200  # an agenda item's title


def test_it_offers_a_factor_it_does_not_know_a_conversation_about_the_results():
    assert [r.key for r in remedies_for("a_new_factor")] == ["discuss_health_check"]


def test_it_offers_the_practices_the_theory_and_the_issue_name():
    titles = {r.title for r in REMEDY_LIST}

    assert {
        "Refocus a meeting on outcomes",
        "Review the agreement's vision",
        "Set a modest shared aim that can be won quickly",
        "Ask each partner to restate its own aims openly",
        "Rotate the chair",
        "Decide by one organisation, one vote",
        "Hold a facilitated conversation about a conflict",
    } <= titles
