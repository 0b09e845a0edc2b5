from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.urls import reverse

from consortia.core.events import VERB_TEXT, event_actor_name, event_record
from consortia.core.models import Event

pytestmark = pytest.mark.django_db


def test_it_answers_healthz_with_the_database_check(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["database"]["vendor"] == connection.vendor


def test_it_answers_503_when_the_database_is_unreachable(client):
    with mock.patch.object(connection, "cursor", side_effect=OperationalError("connection refused")):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["checks"]["database"]["status"] == "error"


def test_it_refuses_to_change_or_delete_events(world):
    event = event_record(
        actor=world.users["convener_admin"],
        verb="partnership.updated",
        obj=world.partnership,
        partnership=world.partnership,
    )

    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        Event.objects.filter(pk=event.pk).update(verb="x")
    with pytest.raises(TypeError):
        Event.objects.filter(pk=event.pk).delete()
    assert Event.objects.get(pk=event.pk).verb == "partnership.updated"


def test_it_refuses_an_unknown_verb(world):
    with pytest.raises(ValueError, match="Unknown event verb"):
        event_record(actor=None, verb="partnership.exploded", obj=world.partnership)
    assert not Event.objects.exists()


def test_an_event_names_the_person_the_site_for_a_scheduled_job_or_someone_whose_account_is_gone(world):
    person = event_record(actor=world.users["partner_member"], verb="action.created")
    reminder = event_record(actor=None, verb="action.due_today")
    closed = event_record(actor=None, verb="poll.closed", payload={"automatic": True})
    gone = event_record(actor=None, verb="action.created")

    assert event_actor_name(person) == world.users["partner_member"].display_name
    assert event_actor_name(reminder) == event_actor_name(closed) == "Consortia"
    assert event_actor_name(gone) == "Someone"


def test_it_records_who_acted_for_whom_where(world):
    event = event_record(
        actor=world.users["partner_admin"],
        verb="partner.left",
        obj=world.core_partner,
        organisation=world.core_org,
        partnership=world.partnership,
        payload={"a": 1},
    )

    assert (event.actor, event.organisation, event.partnership) == (
        world.users["partner_admin"],
        world.core_org,
        world.partnership,
    )
    assert event.object_type == "partner"
    assert event.object_uuid == world.core_partner.uuid
    assert event.payload == {"a": 1}


def test_the_demo_loads_the_scenario_through_the_services(capsys):
    from consortia.organisations.models import Organisation
    from consortia.partnerships.models import Participant, Partnership

    call_command("demo")

    out = capsys.readouterr().out
    assert "consortia-demo" in out and "priya.shah@carers-centre.example.org" in out
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert {"local_authority", "charity", "community_group", "health", "business"} <= kinds
    assert Partnership.objects.count() == 2
    carers = Partnership.objects.get(name="Dementia Carers Advice Northshire")
    assert carers.partners.active().count() == 5
    assert carers.partners.get(role="convener").organisation.name == "Northshire Carers Centre"
    assert Participant.objects.filter(partnership=carers, user__email="margaret.okafor@example.org").exists()
    foodbank = Organisation.objects.get(name="Northshire Food Bank")
    assert not foodbank.partners.exists()
    assert Event.objects.filter(partnership=carers, verb="partner.joined").count() == 4
    assert set(Event.objects.values_list("verb", flat=True)) <= set(VERB_TEXT)


def test_everyone_in_the_demo_signs_in_with_the_demo_password(client):
    from consortia.home.management.commands.demo import DEMO_PASSWORD, PEOPLE

    call_command("demo")

    for email in [*(email for email, _, _ in PEOPLE.values()), "admin@consortia.example.org"]:
        response = client.post(reverse("account_login"), {"login": email, "password": DEMO_PASSWORD})
        assert (response.status_code, response["Location"]) == (302, reverse("home")), email
        assert client.get(reverse("home")).wsgi_request.user.email == email
        client.logout()


def test_the_demo_refuses_a_database_with_data_unless_asked_to_skip(capsys):
    from django.core.management.base import CommandError

    call_command("demo")
    with pytest.raises(CommandError):
        call_command("demo")
    call_command("demo", if_empty=True)
    assert "was not loaded" in capsys.readouterr().out


def test_the_demo_sends_no_email(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo")
    assert mailoutbox == []


def test_consortia_serve_runs_gunicorn_on_port_from_the_environment(monkeypatch):
    import sys

    from consortia import cli

    seen = {}
    monkeypatch.setenv("PORT", "8123")
    monkeypatch.setattr("gunicorn.app.wsgiapp.run", lambda: seen.setdefault("argv", list(sys.argv)))
    monkeypatch.setattr(sys, "argv", ["consortia", "serve"])
    cli.main()

    argv = seen["argv"]
    assert argv[1] == "consortia.wsgi:application"
    assert argv[argv.index("--bind") + 1].endswith(":8123")


def test_the_demo_fills_the_carers_canvas_with_a_gap_and_a_dominant_partner():
    from consortia.agreements.selectors import agreement_in_force, version_list
    from consortia.canvas.selectors import canvas_get, gap_analysis
    from consortia.partnerships.models import Partnership

    call_command("demo")
    carers = Partnership.objects.get(name="Dementia Carers Advice Northshire")
    analysis = gap_analysis(carers, canvas_get(carers))

    statuses = {coverage.need.description: coverage.status for coverage in analysis.needs}
    assert "uncovered" in statuses.values()
    assert {"covered", "partly"} <= set(statuses.values())
    shares = sorted((share.share for share in analysis.shares), reverse=True)
    assert shares[0] > 3 * shares[1], "one partner's pledges should dwarf the others'"
    assert any(coverage.suggestions for coverage in analysis.needs if coverage.status != "covered")
    published = version_list(carers)[0]
    assert published.status == "published" and published.vision
    assert published.endorsements.count() == 2
    assert agreement_in_force(carers) is None  # two core partners have still to endorse


def test_the_demo_has_a_decision_in_the_log_and_an_open_proposal_with_an_objection():
    from consortia.decisions.models import Ballot, Poll

    call_command("demo")

    decided = Poll.objects.get(title="What should we call the joined-up service?")
    assert decided.status == "closed" and "Carers' Front Door" in decided.outcome
    proposal = Poll.objects.get(kind="consent", status="open")
    assert proposal.basis == "organisation"
    objection = Ballot.objects.get(poll=proposal, choice=["objection"])
    assert objection.voter_partner.organisation.name == "Eastbridge Dementia Support Group"
    assert objection.reason
