"""Finding things: what a member finds, ranked and highlighted, and never what is not
theirs. Run on SQLite (FTS5) and, with DATABASE_URL, on PostgreSQL."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import PartnershipFactory, PostFactory, ThreadFactory
from consortia.core.testing import text
from consortia.search.index import index_rebuild
from consortia.search.models import SearchDocument
from consortia.search.query import parse
from consortia.search.selectors import search_page

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

    page = search_page(text="carer refer", partnerships=[world.partnership])

    assert page is not None and page.paginator.count == 1


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


def test_a_script_in_a_post_comes_back_escaped(world, client_for):
    thread = ThreadFactory(partnership=world.partnership, title="<script>alert('t')</script> plan")
    PostFactory(thread=thread, body="`<script>alert('x')</script>` rota <img src=x onerror=alert(1)>")
    index_rebuild()

    response = find(client_for("partner_member"), "rota")

    page = response.content.decode()
    assert "<mark>rota</mark>" in page
    assert "<script>alert" not in page
    assert "onerror=alert" not in page or "&lt;img" in page
    assert SearchDocument.objects.filter(kind="post").count() == 1


def test_parse_reads_phrases_exclusions_and_or():
    query = parse('"referral pathway" surgeries OR practices -fax')
    assert query.groups == ((("referral", "pathway"),), (("surgeries",), ("practices",)))
    assert query.excluded == (("fax",),)
