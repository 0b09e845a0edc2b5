"""Finding things: what a member finds, ranked and highlighted, and never what is not
theirs. Run on SQLite (FTS5) and, with DATABASE_URL, on PostgreSQL."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import PartnerFactory, PartnershipFactory, PostFactory, ThreadFactory
from consortia.core.testing import IMG, SCRIPT, assert_inert, error_summary, sends_to_sign_in, snapshot, text
from consortia.search.index import index_rebuild
from consortia.search.selectors import search_page
from consortia.search.tests.test_query import HOSTILE

pytestmark = pytest.mark.django_db


def find(user_client, q, **params):
    return user_client.get(reverse("search:search"), {"q": q, **params})


def results(response) -> list[str]:
    """The links of the results on a search page, in order."""
    return re.findall(
        r'<li class="consortia-search-result">.*?<a class="govuk-link[^"]*" href="([^"]+)"',
        text(response),
        re.S,
    )


def count(response) -> int:
    found = re.search(r'id="results-heading">(\d+) result', text(response))
    return int(found.group(1)) if found else 0


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    """Run the index's after-commit work as it would run after a request."""

    def run(make):
        with django_capture_on_commit_callbacks(execute=True):
            return make()

    return run


def test_it_finds_a_post_by_a_word_of_its_body_with_the_word_marked(world, client_for, indexed):
    thread = ThreadFactory(partnership=world.partnership, title="Referrals from the surgeries")
    indexed(lambda: PostFactory(thread=thread, body="We send **referrals** by the secure mailbox."))

    response = find(client_for("partner_member"), "mailbox")

    assert response.status_code == 200
    page = response.content.decode()
    assert "<mark>mailbox</mark>" in page
    assert "Referrals from the surgeries" in page
    assert count(response) == 1


def test_it_finds_a_word_in_another_form_on_both_engines(world):
    thread = ThreadFactory(partnership=world.partnership, title="Training plan")
    PostFactory(thread=thread, body="The carers were referred on Tuesday.")
    index_rebuild()

    page = search_page(world.users["partner_member"], text="carer refer", partnerships=[world.partnership])

    assert page is not None and page.paginator.count == 1


# What each persona finds of one post in the world's partnership and one in another:
# members of its partners (observers too) and its participants find the first; an
# outsider and a site admin (who may view partnerships but takes part in none) find
# nothing; nobody finds the other partnership's.
FINDS = {
    "outsider": 0,
    "observer": 1,
    "partner_member": 1,
    "partner_admin": 1,
    "convener_admin": 1,
    "participant": 1,
    "site_admin": 0,
}


@pytest.mark.parametrize(("persona", "expected"), FINDS.items())
def test_each_persona_finds_only_their_partnerships_post(world, client_for, persona, expected):
    PostFactory(thread=ThreadFactory(partnership=world.partnership, title="Ours"), body="Shared kettle rota")
    PostFactory(
        thread=ThreadFactory(partnership=PartnershipFactory(), title="Theirs"), body="Private kettle rota"
    )
    index_rebuild()

    response = find(client_for(persona), "kettle")

    assert response.status_code == 200
    assert count(response) == expected
    assert "Private" not in text(response)


def test_another_partnerships_post_never_appears(world, client_for):
    other = ThreadFactory(partnership=PartnershipFactory(), title="Their secret plan")
    PostFactory(thread=other, body="Confidential budget figures")
    index_rebuild()

    for persona in ("partner_member", "outsider", "site_admin", "observer"):
        response = find(client_for(persona), "confidential")
        assert response.status_code == 200
        assert "Confidential" not in text(response)
        assert results(response) == []


def test_a_partnership_i_left_never_appears(world, client_for):
    thread = ThreadFactory(partnership=world.partnership, title="Pathway")
    PostFactory(thread=thread, body="The pathway starts at diagnosis")
    index_rebuild()
    assert count(find(client_for("participant"), "diagnosis")) == 1

    world.participant.left_at = timezone.now()
    world.participant.save()

    response = find(client_for("participant"), "diagnosis")
    assert response.status_code == 200
    assert results(response) == []
    assert "nothing to search" in text(response)


def test_a_partnership_my_organisation_left_is_no_longer_searched(world, client_for):
    PostFactory(thread=ThreadFactory(partnership=world.partnership, title="Pathway"), body="Diagnosis first")
    index_rebuild()
    assert count(find(client_for("partner_member"), "diagnosis")) == 1

    world.core_partner.left_at = timezone.now()
    world.core_partner.save()

    response = find(client_for("partner_member"), "diagnosis")
    assert results(response) == []


def test_hostile_markup_in_a_title_or_post_comes_back_as_text(world, client_for):
    thread = ThreadFactory(partnership=world.partnership, title=f"{SCRIPT} rota plan")
    PostFactory(thread=thread, body=f"The rota: {SCRIPT} and {IMG} and `{SCRIPT}`")
    index_rebuild()

    response = find(client_for("partner_member"), "rota alert")

    page = text(response)
    assert count(response) == 2
    assert "<mark>rota</mark>" in page
    assert_inert(page, "the search results")
    assert "&lt;script&gt;" in page  # shown as text (PostgreSQL marks no word inside what looks like a tag)


def test_it_filters_by_partnership_and_kind(world, client_for):
    mine = world.partnership
    second = PartnershipFactory(name="Second Partnership")
    PartnerFactory(partnership=second, organisation=world.core_org, role="core")
    ThreadFactory(partnership=mine, title="Transport in the first")
    PostFactory(thread=ThreadFactory(partnership=second, title="Elsewhere"), body="Transport in the second")
    index_rebuild()
    client = client_for("partner_member")

    assert count(find(client, "transport")) == 2
    assert count(find(client, "transport", partnership=str(second.uuid))) == 1
    assert count(find(client, "transport", kind="thread")) == 1
    assert count(find(client, "transport", kind="post", partnership=str(mine.uuid))) == 0


def test_it_pages_twenty_results_at_a_time_keeping_the_filters(world, client_for):
    thread = ThreadFactory(partnership=world.partnership, title="Minutes")
    for i in range(25):
        PostFactory(thread=thread, body=f"Volunteer rota, week {i}")
    index_rebuild()
    client = client_for("partner_member")

    first = find(client, "rota", kind="post")
    second = find(client, "rota", kind="post", page=2)

    assert count(first) == 25
    assert len(results(first)) == 20 and len(results(second)) == 5
    assert set(results(first)).isdisjoint(results(second))
    assert "?q=rota&amp;kind=post&amp;page=2" in text(first)


def test_the_page_without_words_invites_a_search(world, client_for):
    response = client_for("partner_member").get(reverse("search:search"))

    assert response.status_code == 200
    assert 'id="search-empty"' in text(response)
    assert 'id="results-heading"' not in text(response)


def test_a_search_that_finds_nothing_says_so(world, client_for):
    response = find(client_for("partner_member"), "zzyzx")

    assert response.status_code == 200
    assert 'id="no-results"' in text(response)


def test_punctuation_alone_asks_for_words(world, client_for):
    response = find(client_for("partner_member"), '"*" -')

    assert response.status_code == 200
    assert 'id="no-words"' in text(response)


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"q": "a" * 10_000}, "q", "Search for 500 characters or fewer"),
        ({"q": "referral\x00pathway"}, "q", "Null characters are not allowed."),
        ({"q": "x", "partnership": "not-a-uuid"}, "partnership", "Choose one of your partnerships"),
        ({"q": "x", "kind": "user"}, "kind", "Choose a kind from the list"),
        ({"q": "x", "page": "first"}, "page", "The page must be a number"),
    ],
    ids=["ten-thousand-characters", "nul", "partnership", "kind", "page"],
)
def test_bad_input_is_a_400_with_a_clear_message(world, client_for, params, field, message):
    client = client_for("partner_member")
    before = snapshot()

    response = client.get(reverse("search:search"), params)

    assert response.status_code == 400
    assert message in error_summary(response)
    assert snapshot() == before


def test_another_partnerships_uuid_is_refused_as_a_filter(world, client_for):
    other = PartnershipFactory()

    response = find(client_for("partner_member"), "x", partnership=str(other.uuid))

    assert response.status_code == 400
    assert "Choose one of your partnerships" in error_summary(response)


@pytest.mark.parametrize("typed", HOSTILE, ids=lambda t: repr(t[:30]))
def test_hostile_syntax_on_the_page_is_never_a_500(world, client_for, typed):
    response = find(client_for("partner_member"), typed)

    assert response.status_code in (200, 400)


def test_every_signed_in_page_has_a_labelled_search_box_in_the_header(world, client_for):
    page = text(client_for("observer").get(reverse("partnerships:list")))

    assert 'role="search" aria-label="Site search"' in page
    assert '<label class="govuk-label govuk-visually-hidden" for="site-search">' in page
    assert 'role="search"' not in text(Client().get(reverse("home")))


def test_signing_in_comes_first(db):
    response = Client().get(reverse("search:search"), {"q": "x"})

    assert sends_to_sign_in(response)


def test_a_common_word_is_counted_only_so_far(world, client_for, monkeypatch):
    monkeypatch.setattr("consortia.search.selectors.COUNT_CAP", 3)
    thread = ThreadFactory(partnership=world.partnership, title="Kettle")
    for i in range(5):
        PostFactory(thread=thread, body=f"Tea rota {i}")
    index_rebuild()

    response = find(client_for("partner_member"), "tea")

    assert "More than 3 results" in text(response)
    assert len(results(response)) == 3
