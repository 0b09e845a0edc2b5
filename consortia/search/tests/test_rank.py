"""engine_rank, the ranked lookup matching uses: ANY meaningful word of a longer text
(query.any_words), for given kinds in given partnerships, or directory-wide documents,
optionally among a queryset's ids; the same results on SQLite (FTS5) and PostgreSQL
(tsvector), run on both."""

import pytest
from django.utils import timezone

from consortia.core.factories import PartnershipFactory
from consortia.search.engines import engine_rank
from consortia.search.models import SearchDocument
from consortia.search.query import any_words, fts5_match, websearch
from consortia.search.registry import kinds

pytestmark = pytest.mark.django_db


def _doc(kind, object_id, title, body="", partnership=None):
    now = timezone.now()
    return SearchDocument.objects.create(
        partnership=partnership,
        kind=kind,
        object_id=object_id,
        title=title,
        body=body,
        url="/",
        updated_at=now,
        content_started=now,
    )


def test_any_words_drops_stop_words_repeats_and_single_letters():
    query = any_words("How do we record CONSENT for a carer's consent form?")

    assert fts5_match(query) == '("record" OR "consent" OR "carer" OR "form")'
    assert websearch(query) == '"record" or "consent" or "carer" or "form"'
    assert not any_words("the and of a I")
    assert not any_words("")


def test_it_ranks_documents_with_any_of_the_words_best_first_with_the_words_marked():
    partnership = PartnershipFactory()
    _doc("note", 1, "Gardening", "Allotments and seeds", partnership)
    _doc("note", 2, "Consent", "Consent forms for carers and their assessments", partnership)
    _doc("note", 3, "Forms", "Paper forms for carers", partnership)
    _doc("other", 4, "Consent", "Consent", partnership)

    ranked = engine_rank(
        any_words("recording consent for carers"), kinds=["note"], partnership_ids=[partnership.pk]
    )

    assert [(r.kind, r.object_id) for r in ranked] == [("note", 2), ("note", 3)]
    assert ranked[0].rank == 1.0 and 0 < ranked[1].rank < 1
    assert ranked[0].title_words == ("consent",)
    assert ranked[0].body_words == ("consent", "carers")
    assert ranked[1].title_words == () and ranked[1].body_words == ("carers",)


def test_it_keeps_to_the_partnerships_or_to_directory_wide_documents():
    mine, theirs = PartnershipFactory(), PartnershipFactory()
    _doc("note", 1, "Transport", partnership=mine)
    _doc("note", 2, "Transport", partnership=theirs)
    _doc("note", 3, "Transport")
    query = any_words("transport")

    assert [r.object_id for r in engine_rank(query, kinds=["note"], partnership_ids=[mine.pk])] == [1]
    assert [r.object_id for r in engine_rank(query, kinds=["note"], partnership_ids=None)] == [3]


def test_among_limits_the_objects_and_any_partnership_needs_it():
    mine, theirs = PartnershipFactory(), PartnershipFactory()
    _doc("partnership", mine.pk, "Transport", partnership=mine)
    _doc("partnership", theirs.pk, "Transport", partnership=theirs)
    query = any_words("transport")
    among = type(mine).objects.filter(pk=theirs.pk).values("pk")

    found = engine_rank(query, kinds=["partnership"], partnership_ids=[], among=among)

    assert [r.object_id for r in found] == [theirs.pk]
    with pytest.raises(ValueError):
        engine_rank(query, kinds=["partnership"], partnership_ids=[])


def test_hostile_text_is_only_words():
    partnership = PartnershipFactory()
    _doc("note", 1, "Script", "<script>alert(1)</script> NEAR(x y) title:z", partnership)

    ranked = engine_rank(
        any_words('<script> NEAR( "unbalanced title:z * ^ \x00'),
        kinds=["note"],
        partnership_ids=[partnership.pk],
    )

    assert [r.object_id for r in ranked] == [1]


def test_a_directory_wide_kind_is_not_offered_in_the_search_filter():
    offered = {kind for kind, _ in kinds()}

    assert "expertise" in offered and "organisation" not in offered
