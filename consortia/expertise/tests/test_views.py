"""The expertise pages as people use them: adding expertise from the form, the map
and its search, endorsing from the map, refusals shown with their message and status,
merging topics, and hostile text in notes shown inert."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from consortia.core.errors import Conflict
from consortia.core.factories import MembershipFactory, PersonExpertiseFactory, TopicFactory
from consortia.core.models import Event
from consortia.core.testing import IMG, SCRIPT, assert_inert, inline_error, problem_message, text
from consortia.expertise import services
from consortia.expertise.models import Endorsement, PersonExpertise, Topic
from consortia.expertise.selectors import directory_expertise
from consortia.organisations.models import Expertise

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"expertise:{name}", args=[world.partnership.uuid, *args])


def test_a_member_adds_expertise_from_the_form_and_sees_it_on_the_map(world, client_for):
    client = client_for("partner_member")
    response = client.post(
        url(world, "add"),
        {"topic": "Social prescribing", "note": "Link worker for 3 years", "visibility": "directory"},
    )

    assert response.status_code == 302
    expertise = PersonExpertise.objects.get()
    assert (expertise.topic.name, expertise.visibility) == ("Social prescribing", "directory")
    page = text(client.get(url(world, "map")))
    assert "Social prescribing" in page and "Link worker for 3 years" in page and "Max Member" in page


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"topic": "", "visibility": "partnership"}, "topic", "Enter a topic"),
        ({"topic": "x" * 101, "visibility": "partnership"}, "topic", "100 characters or fewer"),
        (
            {"topic": "Housing", "note": "x" * 501, "visibility": "partnership"},
            "note",
            "500 characters or fewer",
        ),
        ({"topic": "Housing", "visibility": "world"}, "visibility", "Select a valid choice"),
        ({"topic": "...", "visibility": "partnership"}, "topic", "not only punctuation"),
    ],
    ids=["empty topic", "overlong topic", "overlong note", "bad visibility", "punctuation"],
)
def test_the_form_refuses_bad_input_with_a_400_writing_nothing(world, client_for, data, field, message):
    response = client_for("partner_member").post(url(world, "add"), data)

    assert response.status_code == 400
    assert message in inline_error(response, field)
    assert not PersonExpertise.objects.exists() and not Topic.objects.exists()


def test_a_topic_listed_twice_is_a_409(world, client_for):
    client = client_for("partner_member")
    client.post(url(world, "add"), {"topic": "Carers' assessments", "visibility": "partnership"})
    response = client.post(url(world, "add"), {"topic": "carers assessment", "visibility": "partnership"})

    assert response.status_code == 409
    assert "already list" in inline_error(response, "topic")
    assert PersonExpertise.objects.count() == 1


def test_an_outsider_cannot_add_expertise_in_the_partnership(world, client_for):
    response = client_for("outsider").post(
        url(world, "add"), {"topic": "Housing", "visibility": "partnership"}
    )
    assert response.status_code == 404
    assert not PersonExpertise.objects.exists()


def test_the_map_shows_people_and_organisations_by_topic_and_filters_on_the_server(world, client_for):
    PersonExpertiseFactory(
        partnership=world.partnership, user=world.users["partner_member"], topic=TopicFactory(name="Housing")
    )
    PersonExpertiseFactory(
        partnership=world.partnership,
        user=world.users["convener_admin"],
        topic=TopicFactory(name="Transport"),
    )
    Expertise.objects.create(organisation=world.observer_org, topic="housing")
    Expertise.objects.create(organisation=world.outsider_org, topic="Secret outsider topic")
    client = client_for("observer")

    page = text(client.get(url(world, "map")))
    assert "Housing" in page and "Transport" in page and "Observer Org" in page
    assert "Secret outsider topic" not in page
    found = text(client.get(url(world, "map"), {"q": "housing"}))
    assert "Max Member" in found and "Observer Org" in found and "Cora Convener" not in found
    assert "No topics match" in text(client.get(url(world, "map"), {"q": "nothing like it"}))


def test_a_colleague_from_another_partner_endorses_from_the_map(world, client_for):
    expertise = PersonExpertiseFactory(partnership=world.partnership, user=world.users["partner_member"])
    client = client_for("convener_admin")
    assert url(world, "endorse", expertise.uuid) in text(client.get(url(world, "map")))

    response = client.post(url(world, "endorse", expertise.uuid))

    assert response.status_code == 302
    assert Endorsement.objects.get().endorser == world.users["convener_admin"]
    page = text(client.get(url(world, "map")))
    assert "Endorsed by 1" in page and "You endorsed this." in page
    again = client.post(url(world, "endorse", expertise.uuid))
    assert again.status_code == 409 and "already endorsed" in problem_message(again)
    assert Endorsement.objects.count() == 1


@pytest.mark.parametrize(
    ("persona", "message"),
    [("partner_member", "your own expertise"), ("partner_admin", "your own organisation")],
    ids=["oneself", "own organisation"],
)
def test_endorsing_oneself_or_ones_own_colleague_is_a_400(world, client_for, persona, message):
    expertise = PersonExpertiseFactory(partnership=world.partnership, user=world.users["partner_member"])
    client = client_for(persona)
    assert url(world, "endorse", expertise.uuid) not in text(client.get(url(world, "map")))

    response = client.post(url(world, "endorse", expertise.uuid))

    assert response.status_code == 400 and message in problem_message(response)
    assert not Endorsement.objects.exists() and not Event.objects.filter(verb="expertise.endorsed").exists()


def test_a_member_removes_their_own_expertise(world, client_for):
    expertise = PersonExpertiseFactory(partnership=world.partnership, user=world.users["partner_member"])
    assert client_for("partner_admin").post(url(world, "remove", expertise.uuid)).status_code == 404
    assert client_for("partner_member").post(url(world, "remove", expertise.uuid)).status_code == 302
    assert not PersonExpertise.objects.exists()


def test_the_convener_merges_two_topics_from_the_form(world, client_for):
    keep, merge = TopicFactory(name="Safeguarding"), TopicFactory(name="Safe-guarding adults")
    PersonExpertiseFactory(partnership=world.partnership, user=world.users["partner_member"], topic=keep)
    PersonExpertiseFactory(partnership=world.partnership, user=world.users["partner_admin"], topic=merge)
    client = client_for("convener_admin")
    assert "Safe-guarding adults" in text(client.get(url(world, "merge")))

    response = client.post(url(world, "merge"), {"keep": keep.uuid, "merge": merge.uuid})

    assert response.status_code == 302
    assert list(Topic.objects.all()) == [keep]
    same = client.post(url(world, "merge"), {"keep": keep.uuid, "merge": keep.uuid})
    assert same.status_code == 400 and "two different" in text(same)
    elsewhere = client.post(url(world, "merge"), {"keep": keep.uuid, "merge": TopicFactory().uuid})
    assert elsewhere.status_code == 400 and "Choose a topic from the list" in inline_error(elsewhere, "merge")


def test_hostile_markdown_in_a_note_is_shown_inert(world, client_for):
    client = client_for("partner_member")
    client.post(
        url(world, "add"),
        {"topic": "Housing", "note": f"{SCRIPT} {IMG} [x](javascript:alert(1))", "visibility": "partnership"},
    )
    page = text(client.get(url(world, "map")))
    assert_inert(page, "the expertise map")
    assert 'href="javascript:' not in page


def test_the_directory_shows_only_what_people_chose_to_show_there(world):
    member, admin = world.users["partner_member"], world.users["partner_admin"]
    services.expertise_add(
        actor=member, partnership=world.partnership, topic="Housing", visibility="directory"
    )
    services.expertise_add(actor=admin, partnership=world.partnership, topic="Private matters")
    MembershipFactory(organisation=world.outsider_org, user=member)

    shown = directory_expertise(world.core_org)
    assert [(e.user, e.topic.name) for e in shown] == [(member, "Housing")]
    assert directory_expertise(world.convener_org) == []
    html = Template(
        "{% load expertise %}{% directory_expertise_for org as people %}"
        "{% for e in people %}{{ e.user }}: {{ e.topic }};{% endfor %}"
    ).render(Context({"org": world.core_org}))
    assert html == "Max Member: Housing;"


def test_the_organisations_public_profile_shows_directory_expertise_only(world, client_for):
    member, admin = world.users["partner_member"], world.users["partner_admin"]
    services.expertise_add(
        actor=member, partnership=world.partnership, topic="Housing law", visibility="directory"
    )
    services.expertise_add(actor=admin, partnership=world.partnership, topic="Kept to the partnership")
    world.core_org.listed_in_directory = True
    world.core_org.save()

    page = text(client_for("outsider").get(reverse("organisations:detail", args=[world.core_org.uuid])))

    assert "Max Member: Housing law" in page
    assert "Kept to the partnership" not in page


def test_a_closed_partnership_takes_no_new_expertise(world):
    world.partnership.status = "closed"
    world.partnership.save()
    with pytest.raises(Conflict):
        services.expertise_add(
            actor=world.users["partner_member"], partnership=world.partnership, topic="Housing"
        )
    assert not Topic.objects.exists()


def test_the_map_leaves_out_people_who_have_left_the_partnership(world, client_for):
    gone = MembershipFactory(organisation=world.outsider_org).user
    PersonExpertiseFactory(partnership=world.partnership, user=gone, topic=TopicFactory(name="Old topic"))
    PersonExpertiseFactory(
        partnership=world.partnership,
        user=world.users["participant"],
        topic=TopicFactory(name="Caring at home"),
    )

    page = text(client_for("partner_member").get(url(world, "map")))

    assert "Old topic" not in page and gone.name not in page
    assert "Caring at home" in page and "Carol Carer" in page
