"""The glossary pages: the glossary (approved terms only, alphabetical with A-Z jump
links and anchors, a search on the server, suggestions for the approvers), suggesting
and changing a term with refusals shown on the form (4xx, nothing written), deciding,
retiring and naming the stewards; hostile definitions stay inert; terms are marked in
a thread post, the canvas and the agreement, never inside a link or code."""

import pytest
from django.urls import reverse

from consortia.core.factories import (
    AgreementVersionFactory,
    DefinitionFactory,
    NeedFactory,
    OutcomeFactory,
    PostFactory,
    TermFactory,
    ThreadFactory,
    WorkingGroupFactory,
)
from consortia.core.models import Event
from consortia.core.testing import IMG, SCRIPT, assert_inert, inline_error, problem_message, signed_in, text
from consortia.glossary.models import Glossary, Term

pytestmark = pytest.mark.django_db


def url(world, name="glossary:list", *args):
    return reverse(name, args=[world.partnership.uuid, *args])


def term(world, name, status="approved", sector="general", definition="What it means.", **kwargs):
    made = TermFactory(partnership=world.partnership, name=name, status=status, **kwargs)
    DefinitionFactory(term=made, sector=sector, text=definition)
    return made


def thread_with(world, body):
    thread = ThreadFactory(partnership=world.partnership, author=world.users["partner_admin"])
    PostFactory(thread=thread, author=world.users["partner_admin"], body=body)
    return thread


def form(**overrides):
    return {"name": "Commissioning", "expansion": "", "definition_council": "Buying services.", **overrides}


def test_the_glossary_lists_approved_terms_alphabetically_with_anchors_and_jump_links(world):
    b = term(world, "referral")
    a = term(world, "Assessment", sector="health", definition="A **clinical** assessment.")
    term(world, "Case", status="suggested")
    term(world, "Retired", status="retired")
    term(world, "111", definition="The NHS's non-emergency number.")
    page = text(signed_in(world.users["observer"]).get(url(world)))

    assert (
        page.index(f'id="term-{a.uuid}"')
        < page.index(f'id="term-{b.uuid}"')
        < page.index('id="letter-other"')
    )
    assert "<strong>clinical</strong>" in page and "NHS / health" in page
    assert 'href="#letter-A"' in page and 'href="#letter-R"' in page and 'href="#letter-B"' not in page
    assert ">Case<" not in page and "Retired" not in page
    assert "Suggestions waiting" not in page and "Suggest a term" in page


def test_the_search_filters_on_the_server(world):
    term(world, "Assessment", definition="An evaluation.")
    term(world, "CQC", expansion="Care Quality Commission", definition="The regulator.")
    term(world, "Referral", definition="Passing someone to a service for evaluation.")
    client = signed_in(world.users["partner_member"])

    page = text(client.get(url(world), {"q": "evaluation"}))
    assert ">Assessment<" in page and ">Referral<" in page and ">CQC<" not in page
    assert '<abbr title="Care Quality Commission">CQC</abbr>' in text(
        client.get(url(world), {"q": "quality"})
    )
    assert "No term matches “nothing”" in text(client.get(url(world), {"q": "nothing"}))


def test_the_approvers_see_suggestions_with_buttons(world):
    suggested = term(world, "Case", status="suggested", suggested_by=world.users["partner_member"])
    page = text(signed_in(world.users["convener_admin"]).get(url(world)))
    assert "Suggestions waiting for a decision" in page and "Suggested by Max Member" in page
    assert url(world, "glossary:approve", suggested.uuid) in page


def test_a_member_suggests_a_term(world):
    client = signed_in(world.users["partner_member"])
    assert client.get(url(world, "glossary:suggest")).status_code == 200
    response = client.post(url(world, "glossary:suggest"), form(definition_health="NHS buying care."))
    assert response.status_code == 302
    made = Term.objects.get()
    assert made.status == "suggested"
    assert {d.sector for d in made.definitions.all()} == {"council", "health"}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (form(name=""), "name", "Enter the term"),
        (form(name="x" * 81), "name", "Term must be 80 characters or fewer"),
        (form(definition_council=""), "definition_general", "Define the term for at least one sector"),
        (form(definition_council="x" * 2001), "definition_council", "2,000 characters or fewer"),
    ],
    ids=["empty", "overlong", "no definition", "overlong definition"],
)
def test_a_bad_suggestion_is_refused_on_the_form(world, data, field, message):
    response = signed_in(world.users["partner_member"]).post(url(world, "glossary:suggest"), data)
    assert response.status_code == 400
    assert message in inline_error(response, field)
    assert not Term.objects.exists() and not Event.objects.exists()


def test_a_duplicate_suggestion_is_refused_with_409(world):
    term(world, "Commissioning")
    response = signed_in(world.users["partner_member"]).post(
        url(world, "glossary:suggest"), form(name="COMMISSIONING")
    )
    assert response.status_code == 409
    assert "already has the term" in inline_error(response, "name")
    assert Term.objects.count() == 1 and not Event.objects.exists()


def test_a_non_approver_may_not_approve(world):
    suggested = term(world, "Case", status="suggested")
    response = signed_in(world.users["partner_admin"]).post(url(world, "glossary:approve", suggested.uuid))
    assert response.status_code == 404
    assert Term.objects.get().status == "suggested" and not Event.objects.exists()


def test_the_convener_approves_rejects_and_retires(world):
    client = signed_in(world.users["convener_admin"])
    one, two = term(world, "Case", status="suggested"), term(world, "Referral", status="suggested")
    assert client.post(url(world, "glossary:approve", one.uuid)).status_code == 302
    assert client.post(url(world, "glossary:reject", two.uuid)).status_code == 302
    response = client.post(url(world, "glossary:reject", two.uuid))
    assert response.status_code == 409 and "already rejected" in problem_message(response)
    assert client.post(url(world, "glossary:retire", one.uuid)).status_code == 302
    assert dict(Term.objects.values_list("name", "status")) == {"Case": "retired", "Referral": "rejected"}


def test_an_approver_changes_a_term(world):
    changed = term(world, "Case")
    client = signed_in(world.users["convener_admin"])
    page = text(client.get(url(world, "glossary:edit", changed.uuid)))
    assert "What it means." in page
    response = client.post(
        url(world, "glossary:edit", changed.uuid), form(name="Case", definition_general="A file.")
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#term-{changed.uuid}")
    assert {d.sector: d.text for d in changed.definitions.all()} == {
        "council": "Buying services.",
        "general": "A file.",
    }


def test_the_convener_names_the_stewards(world):
    group = WorkingGroupFactory(partnership=world.partnership, name="Plain English")
    client = signed_in(world.users["convener_admin"])
    assert "Plain English" in text(client.get(url(world, "glossary:stewards")))
    assert client.post(url(world, "glossary:stewards"), {"stewards": str(group.uuid)}).status_code == 302
    assert Glossary.objects.get().stewards == group
    response = client.post(url(world, "glossary:stewards"), {"stewards": str(WorkingGroupFactory().uuid)})
    assert response.status_code == 400


@pytest.mark.parametrize(
    "hostile",
    [SCRIPT, IMG, "[click](javascript:alert(1))", "<a href='#' onclick='alert(1)'>x</a>"],
    ids=["script", "img onerror", "javascript link", "onclick"],
)
def test_a_hostile_definition_is_refused_with_a_message_writing_nothing(world, hostile):
    before = Event.objects.count()

    response = signed_in(world.users["partner_member"]).post(
        url(world, "glossary:suggest"), form(name="Safeguarding", definition_council=f"Duty. {hostile}")
    )

    assert response.status_code == 400
    assert "must not" in inline_error(response, "definition_council")
    assert not Term.objects.exists() and Event.objects.count() == before


def test_a_hostile_definition_stored_before_the_rule_stays_inert_on_the_glossary_and_where_marked(world):
    hostile = f"{SCRIPT} {IMG} [click](javascript:alert(1)) <a href='#' onclick='alert(1)'>x</a>"
    term(world, "Safeguarding", sector="council", definition=hostile)
    client = signed_in(world.users["convener_admin"])
    page = text(client.get(url(world)))
    assert_inert(page, "the glossary")
    assert 'href="javascript' not in page.lower()
    thread = thread_with(world, "Safeguarding first.")
    post_page = text(client.get(reverse("threads:detail", args=[world.partnership.uuid, thread.uuid])))
    assert_inert(post_page, "a marked post")
    assert "consortia-glossary-term" in post_page


def test_terms_are_marked_in_posts_but_never_inside_links_or_code(world):
    marked = term(world, "Social prescribing", sector="health", definition="A GP refers to local support.")
    body = "Social prescribing works. See [social prescribing](https://example.org) and `social prescribing`."
    thread = thread_with(world, body)
    page = text(
        signed_in(world.users["observer"]).get(
            reverse("threads:detail", args=[world.partnership.uuid, thread.uuid])
        )
    )
    link = f'href="{url(world)}#term-{marked.uuid}"'
    assert page.count(link) == 1
    assert f'<p><a class="govuk-link consortia-glossary-term" {link}' in page
    assert '<a href="https://example.org" rel="noopener noreferrer nofollow">social prescribing</a>' in page
    assert "<code>social prescribing</code>" in page
    assert "Glossary: Social prescribing. A GP refers to local support." in page


def test_terms_are_marked_in_the_canvas(world):
    term(world, "Carer's assessment")
    OutcomeFactory(partnership=world.partnership, description="More carers get a carer's assessment.")
    NeedFactory(partnership=world.partnership, description="Advice on a Carer's assessment")
    client = signed_in(world.users["observer"])
    for step in ("outcomes", "needs"):
        page = text(client.get(reverse(f"canvas:{step}", args=[world.partnership.uuid])))
        assert "consortia-glossary-term" in page, step


def test_terms_are_marked_in_the_agreement(world):
    marked = term(world, "Joined-up advice")
    AgreementVersionFactory(partnership=world.partnership, vision="Carers get joined-up advice.")
    client = signed_in(world.users["convener_admin"])
    page = text(client.get(reverse("agreements:detail", args=[world.partnership.uuid])))
    assert f'href="{url(world)}#term-{marked.uuid}"' in page
