"""Public consultations on a poll: opening and closing, the anonymous answer confirmed
by an emailed code, one response per email, refusals (4xx, nothing written),
moderation, the summary on the poll page, and deleting respondents' personal data."""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from consortia.consultations import services
from consortia.consultations.models import Consultation, ConsultationCode, ConsultationResponse
from consortia.consultations.selectors import consultation_summary, themes
from consortia.core.errors import Conflict
from consortia.core.factories import PollFactory
from consortia.core.models import Event
from consortia.core.testing import (
    DATABASE_TASKS,
    IMG,
    SCRIPT,
    assert_inert,
    assert_nowhere_in_database,
    run_queued_tasks,
    snapshot,
    text,
)
from consortia.core.tokens import token_hash

pytestmark = pytest.mark.django_db


@pytest.fixture
def poll(world):
    return PollFactory(
        partnership=world.partnership,
        created_by=world.users["convener_admin"],
        title="Move the drop-in to Thursdays",
        details="From June, at the library.",
    )


@pytest.fixture
def opened(world, poll):
    """(consultation, token of its public link)."""
    return services.consultation_open(actor=world.users["convener_admin"], poll=poll)


def answer_url(token: str) -> str:
    return reverse("consultations:answer", args=[token])


def respond(consultation, email, stance="support", comment="", name=""):
    """A response recorded through the services, as the public pages do."""
    row = services.code_request(
        consultation=consultation, email=email, stance=stance, comment=comment, name=name
    )
    code = "000000"
    row.code_hash = services._keyed("code", str(row.uuid), code)
    row.save()
    return services.code_verify(consultation=consultation, code_row=row, code=code)


def sent_code(mailoutbox) -> str:
    return re.search(r"\b(\d{6})\b", mailoutbox[-1].body).group(1)


# --- opening and closing ---------------------------------------------------------------------------


def test_it_opens_a_consultation_storing_only_the_links_hash(world, poll, opened):
    consultation, token = opened

    assert consultation.token_hash == token_hash(token) != token
    event = Event.objects.latest("id")
    assert (event.verb, event.actor, event.partnership) == (
        "consultation.opened",
        world.users["convener_admin"],
        world.partnership,
    )


def test_it_credits_the_managers_actions_to_their_organisation_and_the_publics_to_none(world, poll, opened):
    consultation, _ = opened
    response = respond(consultation, "a@example.org")
    services.response_hide(actor=world.users["convener_admin"], response=response)
    services.consultation_close(actor=world.users["convener_admin"], consultation=consultation)

    credited = list(
        Event.objects.filter(verb__startswith="consultation.")
        .order_by("id")
        .values_list("verb", "organisation")
    )
    assert credited == [
        ("consultation.opened", world.convener_org.pk),
        ("consultation.response_received", None),
        ("consultation.response_hidden", world.convener_org.pk),
        ("consultation.closed", world.convener_org.pk),
    ]


def test_it_credits_a_consultation_to_the_core_partner_whose_member_opened_the_poll(world):
    opener = world.users["partner_member"]
    poll = PollFactory(partnership=world.partnership, created_by=opener)

    services.consultation_open(actor=opener, poll=poll)

    event = Event.objects.latest("id")
    assert (event.verb, event.actor, event.organisation) == ("consultation.opened", opener, world.core_org)


def test_it_lets_only_the_polls_manager_open_a_consultation(world, poll):
    with pytest.raises(PermissionDenied):
        services.consultation_open(actor=world.users["partner_admin"], poll=poll)

    assert not Consultation.objects.exists()


def test_it_refuses_a_second_consultation_on_a_poll(world, poll, opened):
    with pytest.raises(Conflict):
        services.consultation_open(actor=world.users["convener_admin"], poll=poll)


def test_it_refuses_answers_and_codes_once_closed(
    world, opened, mailoutbox, django_capture_on_commit_callbacks, client
):
    consultation, token = opened
    with django_capture_on_commit_callbacks(execute=True):
        pending = client.post(answer_url(token), {"stance": "support", "email": "a@example.org"})
    services.consultation_close(actor=world.users["convener_admin"], consultation=consultation)
    before = snapshot()

    late_answer = client.post(answer_url(token), {"stance": "support", "email": "b@example.org"})
    late_code = client.post(pending["Location"], {"code": sent_code(mailoutbox)})
    wrong_code = client.post(pending["Location"], {"code": f"{(int(sent_code(mailoutbox)) + 1) % 10**6:06d}"})

    assert (late_answer.status_code, late_code.status_code, wrong_code.status_code) == (409, 409, 409)
    assert snapshot() == before
    assert Event.objects.latest("id").verb == "consultation.closed"


# --- the public flow ---------------------------------------------------------------------------------


def test_it_records_an_anonymous_answer_once_the_emailed_code_is_entered(
    world, opened, mailoutbox, django_capture_on_commit_callbacks, client
):
    token = opened[1]
    page = client.get(answer_url(token))
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(
            answer_url(token),
            {
                "stance": "concerns",
                "comment": "Thursday buses stop early",
                "name": "Sam",
                "email": "Sam@Example.org",
            },
        )

    assert page.status_code == 200 and asked.status_code == 302
    assert not ConsultationResponse.objects.exists()
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["sam@example.org"]
    row = ConsultationCode.objects.get()
    assert sent_code(mailoutbox) not in row.code_hash

    confirmed = client.post(asked["Location"], {"code": sent_code(mailoutbox)}, follow=True)

    response = ConsultationResponse.objects.get()
    assert (response.stance, response.comment, response.name, response.email) == (
        "concerns",
        "Thursday buses stop early",
        "Sam",
        "sam@example.org",
    )
    assert "your answer is recorded" in text(confirmed)
    event = Event.objects.latest("id")
    assert (event.verb, event.actor) == ("consultation.response_received", None)
    assert "sam" not in str(event.payload).lower() and "Sam" not in event.object_repr


def test_it_shows_the_public_only_the_proposal_and_the_partnerships_name(world, opened, client):
    page = text(client.get(answer_url(opened[1])))

    assert "Move the drop-in to Thursdays" in page and "From June, at the library." in page
    assert "Carers Advice Partnership" in page
    for hidden in ("Core Org", "Convener Org", "Observer Org", str(world.partnership.uuid)):
        assert hidden not in page


def test_it_answers_404_for_a_forged_link(client, opened):
    assert client.get(answer_url(opened[1] + "x")).status_code == 404
    assert (
        client.post(answer_url("forged"), {"stance": "support", "email": "a@example.org"}).status_code == 404
    )


def test_it_refuses_a_second_response_from_the_same_email(opened, client):
    consultation, token = opened
    respond(consultation, "sam@example.org", stance="support")
    before = snapshot()

    again = client.post(answer_url(token), {"stance": "concerns", "email": " SAM@example.org "})

    assert again.status_code == 409
    assert snapshot() == before
    assert ConsultationResponse.objects.get().stance == "support"


def test_it_refuses_a_used_code(opened, mailoutbox, client, django_capture_on_commit_callbacks):
    token = opened[1]
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(answer_url(token), {"stance": "support", "email": "a@example.org"})
    code = sent_code(mailoutbox)
    client.post(asked["Location"], {"code": code})
    before = snapshot()

    assert client.post(asked["Location"], {"code": code}).status_code == 409
    assert snapshot() == before
    assert ConsultationResponse.objects.count() == 1


def test_it_refuses_an_expired_code(opened, mailoutbox, client, django_capture_on_commit_callbacks):
    token = opened[1]
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(answer_url(token), {"stance": "support", "email": "a@example.org"})
    ConsultationCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    before = snapshot()

    assert client.post(asked["Location"], {"code": sent_code(mailoutbox)}).status_code == 410
    assert snapshot() == before


def test_it_locks_a_code_after_too_many_wrong_attempts(
    opened, mailoutbox, client, django_capture_on_commit_callbacks
):
    token = opened[1]
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(answer_url(token), {"stance": "support", "email": "a@example.org"})
    right = sent_code(mailoutbox)
    wrong = f"{(int(right) + 1) % 10**6:06d}"

    statuses = [
        client.post(asked["Location"], {"code": wrong}).status_code for _ in range(services.MAX_ATTEMPTS)
    ]
    locked = client.post(asked["Location"], {"code": right})

    assert statuses == [400] * services.MAX_ATTEMPTS
    assert locked.status_code == 429
    assert not ConsultationResponse.objects.exists()


def test_it_limits_how_many_codes_an_email_can_ask_for(
    opened, client, mailoutbox, django_capture_on_commit_callbacks
):
    token = opened[1]
    with django_capture_on_commit_callbacks(execute=True):
        statuses = [
            client.post(answer_url(token), {"stance": "support", "email": "a@example.org"}).status_code
            for _ in range(services.CODES_PER_EMAIL_PER_HOUR + 1)
        ]

    assert statuses == [302] * services.CODES_PER_EMAIL_PER_HOUR + [429]
    assert len(mailoutbox) == services.CODES_PER_EMAIL_PER_HOUR


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"stance": "love", "email": "a@example.org"}, "stance"),
        ({"stance": "support", "email": "not-an-email"}, "email"),
        ({"stance": "support", "email": "a@example.org", "comment": "x" * 2001}, "comment"),
        ({"stance": "support", "email": "a@example.org", "name": "x" * 101}, "name"),
    ],
)
def test_it_refuses_bad_input_writing_nothing(opened, client, mailoutbox, data, field):
    before = snapshot()

    response = client.post(answer_url(opened[1]), data)

    assert response.status_code == 400
    assert f'id="id_{field}-error"' in text(response)
    assert snapshot() == before and mailoutbox == []


def test_it_keeps_hostile_markup_inert_everywhere_it_is_shown(world, poll, client_for):
    poll.title = SCRIPT
    poll.save()
    consultation, token = services.consultation_open(actor=world.users["convener_admin"], poll=poll)
    respond(consultation, "a@example.org", comment=f"{SCRIPT} {IMG}", name=IMG)
    convener = client_for("convener_admin")

    pages = {
        "public": client_for("anonymous").get(answer_url(token)),
        "manage": convener.get(reverse("consultations:manage", args=[world.partnership.uuid, poll.uuid])),
        "poll": convener.get(reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid])),
    }

    for where, page in pages.items():
        assert page.status_code == 200
        assert_inert(text(page), where)


# --- moderation, the summary and personal data -------------------------------------------------------


def test_it_leaves_hidden_responses_out_of_the_summary_until_shown_again(world, opened):
    consultation, _ = opened
    convener = world.users["convener_admin"]
    respond(consultation, "a@example.org", stance="support", comment="Great idea")
    rude = respond(consultation, "b@example.org", stance="concerns", comment="Rude words")

    services.response_hide(actor=convener, response=rude)
    hidden = consultation_summary(consultation)
    services.response_hide(actor=convener, response=rude, hidden=False)
    shown = consultation_summary(consultation)

    assert hidden["total"] == 1 and dict(hidden["stances"])["Concerns"] == 0
    assert ("rude", 1) not in hidden["themes"]
    assert shown["total"] == 2 and ("rude", 1) in shown["themes"]
    verbs = list(Event.objects.order_by("id").values_list("verb", flat=True))[-2:]
    assert verbs == ["consultation.response_hidden", "consultation.response_shown"]


def test_it_refuses_moderation_by_anyone_but_the_polls_manager(world, opened):
    response = respond(opened[0], "a@example.org")

    with pytest.raises(PermissionDenied):
        services.response_hide(actor=world.users["partner_admin"], response=response)


def test_it_counts_each_theme_once_per_comment_without_stop_words():
    result = themes(
        [
            "The buses stop too early, buses buses!",
            "Buses are fine but parking is hard",
            "I think parking and the library\u2019s hours",
        ]
    )

    assert result[:2] == [("buses", 2), ("parking", 2)]
    words = dict(result)
    assert "the" not in words and "i" not in words and "library's" in words


def test_it_shows_partners_the_summary_on_the_poll_page_without_personal_data(
    world, poll, opened, client_for
):
    respond(opened[0], "sam@example.org", stance="concerns", comment="Parking is hard", name="Sam Respondent")

    page = text(
        client_for("observer").get(reverse("decisions:detail", args=[world.partnership.uuid, poll.uuid]))
    )

    assert 'data-testid="consultation-summary"' in page and "parking (1)" in page
    assert "sam@example.org" not in page and "Sam Respondent" not in page


def test_it_shows_names_and_emails_only_to_the_polls_manager(world, poll, opened, client_for):
    respond(opened[0], "sam@example.org", name="Sam Respondent")
    url = reverse("consultations:manage", args=[world.partnership.uuid, poll.uuid])

    manager = client_for("convener_admin").get(url)

    assert "sam@example.org" in text(manager) and "Sam Respondent" in text(manager)
    for persona in ("partner_admin", "partner_member", "observer", "site_admin"):
        assert client_for(persona).get(url).status_code == 404


def test_it_deletes_one_respondents_personal_data_keeping_the_answer(world, opened):
    consultation, _ = opened
    sam = respond(consultation, "sam@example.org", stance="concerns", comment="Parking", name="Sam")
    kim = respond(consultation, "kim@example.org", name="Kim")

    services.personal_data_delete(
        actor=world.users["convener_admin"], consultation=consultation, response=sam
    )

    sam.refresh_from_db()
    kim.refresh_from_db()
    assert (sam.name, sam.email, sam.stance, sam.comment) == ("", "", "concerns", "Parking")
    assert (kim.name, kim.email) == ("Kim", "kim@example.org")
    assert consultation_summary(consultation)["total"] == 2
    assert Event.objects.latest("id").verb == "consultation.personal_data_deleted"
    with pytest.raises(Conflict):  # the same email still cannot answer twice
        services.code_request(consultation=consultation, email="sam@example.org", stance="support")


def test_it_leaves_no_copy_of_a_respondents_address_once_their_personal_data_is_deleted(world, opened):
    consultation, _ = opened
    sam = respond(consultation, "sam@example.org", name="Sam")  # its code's email still waits to be sent
    kim = respond(consultation, "kim@example.org", name="Kim")

    services.personal_data_delete(
        actor=world.users["convener_admin"], consultation=consultation, response=sam
    )

    assert_nowhere_in_database("sam@example.org")
    kim.refresh_from_db()
    assert kim.email == "kim@example.org"
    assert_nowhere_in_database(
        "kim@example.org",
        allow=["decisions_consultationresponse.email", "core_outgoingemail.to"],
    )


@pytest.mark.django_db(transaction=True)
def test_it_leaves_no_copy_of_any_address_once_everyones_personal_data_is_deleted(
    world, poll, settings, mailoutbox, client, client_for
):
    """Through the pages, with the task backend `consortia worker` runs: Sam has
    answered, Kim has asked for a code whose email the worker has not sent yet."""
    settings.TASKS = DATABASE_TASKS
    convener = client_for("convener_admin")
    _, token = services.consultation_open(actor=world.users["convener_admin"], poll=poll)
    asked = client.post(answer_url(token), {"stance": "support", "name": "Sam", "email": "sam@example.org"})
    run_queued_tasks()
    client.post(asked["Location"], {"code": sent_code(mailoutbox)})
    client.post(answer_url(token), {"stance": "neutral", "name": "Kim", "email": "kim@example.org"})
    args = (world.partnership.uuid, poll.uuid)
    shown = convener.get(reverse("consultations:manage", args=args))

    deleted = convener.post(reverse("consultations:personal_data_delete", args=args), {"response": ""})
    run_queued_tasks()

    assert "sam@example.org" in text(shown) and "kim@example.org" not in text(shown)
    assert deleted.status_code == 302
    assert ConsultationResponse.objects.get().personal_data_deleted_at is not None
    assert_nowhere_in_database("sam@example.org")
    assert_nowhere_in_database("kim@example.org")
    assert [m.to for m in mailoutbox] == [["sam@example.org"]]  # Kim's code was deleted before it was sent


def test_it_deletes_everyones_personal_data_and_the_codes(world, opened):
    consultation, _ = opened
    respond(consultation, "sam@example.org", name="Sam")
    respond(consultation, "kim@example.org", name="Kim")

    cleared = services.personal_data_delete(actor=world.users["convener_admin"], consultation=consultation)

    assert cleared == 2
    assert set(ConsultationResponse.objects.values_list("name", "email")) == {("", "")}
    assert not ConsultationCode.objects.exists()
    with pytest.raises(Conflict):  # nothing left to delete
        services.personal_data_delete(actor=world.users["convener_admin"], consultation=consultation)
