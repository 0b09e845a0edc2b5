"""Personal single-use links to a consultation (one response per link, no email),
issuing a new public link, and the per-address limit on email codes: the services
and the pages, refusals writing nothing, one response per link under concurrency,
and no token or personal data in the event log."""

import html
import re
from datetime import timedelta

import pytest
import segno
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from consortia.consultations import services
from consortia.consultations.models import (
    Consultation,
    ConsultationCode,
    ConsultationLink,
    ConsultationResponse,
)
from consortia.consultations.selectors import consultation_summary
from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import PollFactory
from consortia.core.models import Event
from consortia.core.testing import SCRIPT, assert_inert, run_at_once, snapshot, text
from consortia.core.tokens import token_hash

pytestmark = pytest.mark.django_db
LABEL = "Tuesday carers' group"


@pytest.fixture
def convener(world):
    return world.users["convener_admin"]


@pytest.fixture
def poll(world, convener):
    return PollFactory(
        partnership=world.partnership,
        created_by=convener,
        title="Move the drop-in to Thursdays",
        details="From June, at the library.",
    )


@pytest.fixture
def opened(convener, poll):
    """(consultation, token of its public link)."""
    return services.consultation_open(actor=convener, poll=poll)


@pytest.fixture
def consultation(opened):
    return opened[0]


def make_links(convener, consultation, count=1, label=LABEL) -> list[tuple[ConsultationLink, str]]:
    return services.links_create(actor=convener, consultation=consultation, count=count, label=label)


def link_url(token: str) -> str:
    return reverse("consultations:link", args=[token])


def links_page(world, poll) -> str:
    return reverse("consultations:links", args=[world.partnership.uuid, poll.uuid])


def manage_page(world, poll) -> str:
    return reverse("consultations:manage", args=[world.partnership.uuid, poll.uuid])


def close(convener, consultation) -> None:
    services.consultation_close(actor=convener, consultation=consultation)


# --- making personal links -------------------------------------------------------------------------


def test_it_makes_personal_links_storing_only_their_hashes(convener, consultation):
    made = make_links(convener, consultation, count=3)

    assert len(made) == 3 == ConsultationLink.objects.filter(consultation=consultation).count()
    tokens = [token for _, token in made]
    assert len(set(tokens)) == 3
    for link, token in made:
        link.refresh_from_db()
        assert link.token_hash == token_hash(token) != token
        assert (link.label, link.used_at, link.created_by) == (LABEL, None, convener)
    stored = str(snapshot())
    assert not any(token in stored for token in tokens)
    event = Event.objects.latest("id")
    assert (event.verb, event.actor, event.payload) == (
        "consultation.links_created",
        convener,
        {"count": 3, "label": LABEL},
    )


@pytest.mark.parametrize("count", [0, -1, services.MAX_LINKS + 1])
def test_it_refuses_too_few_or_too_many_links_writing_nothing(convener, consultation, count):
    before = snapshot()

    with pytest.raises(ServiceError) as refused:
        make_links(convener, consultation, count=count)

    assert refused.value.status_code == 400 and "between 1 and 500" in refused.value.message
    assert snapshot() == before


def test_it_makes_as_many_as_the_limit_in_one_batch(convener, consultation):
    assert len(make_links(convener, consultation, count=services.MAX_LINKS)) == services.MAX_LINKS


def test_it_lets_only_the_polls_manager_make_links(world, consultation):
    before = snapshot()

    with pytest.raises(PermissionDenied):
        make_links(world.users["partner_admin"], consultation)

    assert snapshot() == before


def test_it_refuses_links_for_a_closed_consultation(convener, consultation):
    close(convener, consultation)
    before = snapshot()

    with pytest.raises(Conflict):
        make_links(convener, consultation)

    assert snapshot() == before


def test_it_shows_the_new_links_once_on_a_printable_page_no_cache_keeps(
    world, poll, consultation, client_for
):
    convener = client_for("convener_admin")
    form = convener.get(links_page(world, poll))

    page = convener.post(links_page(world, poll), {"count": "4", "label": LABEL})

    assert form.status_code == 200 and 'name="count"' in text(form)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    body = text(page)
    urls = re.findall(r"http://testserver/consult/link/[A-Za-z0-9_-]+/", body)
    assert len(urls) == len(set(urls)) == 4
    assert "Print these links" in body and "shown only once" in body
    assert {token_hash(url.rsplit("/", 2)[1]) for url in urls} == set(
        ConsultationLink.objects.values_list("token_hash", flat=True)
    )
    for url in urls:
        assert client_for("anonymous").get(url.removeprefix("http://testserver")).status_code == 200
    # Each link has its QR code (the image of that very link) for a phone's camera.
    images = re.findall(r'<img src="([^"]+)" alt="QR code for link (\d+)"', body)
    assert [n for _, n in images] == ["1", "2", "3", "4"]
    for (src, _), url in zip(images, urls, strict=True):
        assert html.unescape(src) == segno.make(url, error="m").svg_data_uri(scale=3)


@pytest.mark.parametrize("count", ["0", "501", "", "many"])
def test_the_links_page_refuses_a_bad_count_writing_nothing(world, poll, consultation, client_for, count):
    convener = client_for("convener_admin")
    before = snapshot()

    page = convener.post(links_page(world, poll), {"count": count, "label": LABEL})

    assert page.status_code == 400
    assert 'id="id_count-error"' in text(page) and "govuk-error-summary" in text(page)
    assert snapshot() == before


def test_the_links_page_refuses_a_closed_consultation(world, poll, convener, consultation, client_for):
    close(convener, consultation)
    signed_in = client_for("convener_admin")
    before = snapshot()

    page = signed_in.post(links_page(world, poll), {"count": "2"})

    assert page.status_code == 409
    assert snapshot() == before


def test_the_manage_page_counts_links_issued_used_and_unused_per_label(
    world, poll, convener, consultation, client_for
):
    tuesday = make_links(convener, consultation, count=3)
    make_links(convener, consultation, count=2, label="Library drop-in")
    services.link_answer(link=tuesday[0][0], stance="support", name="Kim")
    url = manage_page(world, poll)

    page = text(client_for("convener_admin").get(url))

    counts = re.search(r'data-testid="personal-links-counts">(.*?)</dl>', page, re.S).group(1)
    assert re.findall(r'value">(\d+)<', counts) == ["5", "1", "4"]
    by_label = re.search(r'data-testid="personal-links-by-label">(.*?)</table>', page, re.S).group(1)
    assert re.findall(r"<td[^>]*>([^<]*)</td>", by_label) == [
        "Library drop-in", "2", "0", "2",
        "Tuesday carers&#x27; group", "3", "1", "2",
    ]  # fmt: skip
    assert links_page(world, poll) in page
    assert "Kim" in page and "Personal link (Tuesday carers&#x27; group)" in page
    assert "If you have lost it, issue a new one: the old one will stop working." in page

    close(convener, consultation)
    closed = text(client_for("convener_admin").get(url))
    assert links_page(world, poll) not in closed
    assert "Issue a new public link" not in closed


# --- answering through a personal link ------------------------------------------------------------


def test_it_records_one_answer_through_a_personal_link_without_an_email(convener, consultation, client):
    link, token = make_links(convener, consultation)[0]
    form = client.get(link_url(token))

    answered = client.post(
        link_url(token), {"stance": "concerns", "comment": "Buses stop early", "name": "Kim"}
    )

    assert form.status_code == 200
    assert 'name="stance"' in text(form) and 'name="email"' not in text(form)
    assert "Move the drop-in to Thursdays" in text(form)
    assert answered.status_code == 302 and answered["Location"] == link_url(token)
    response = ConsultationResponse.objects.get()
    link.refresh_from_db()
    assert (response.stance, response.comment, response.name, response.email, response.link) == (
        "concerns",
        "Buses stop early",
        "Kim",
        "",
        link,
    )
    assert response.respondent_key == services._keyed("link", str(link.uuid))
    assert link.used_at is not None
    event = Event.objects.latest("id")
    assert (event.verb, event.actor, event.payload) == (
        "consultation.response_received",
        None,
        {"response": str(response.uuid)},
    )

    thanks = client.get(answered["Location"])
    assert thanks.status_code == 200
    assert "This link has been used: your answer is recorded" in text(thanks)
    assert 'name="stance"' not in text(thanks)


def test_it_counts_link_responses_in_the_summary_like_any_other(convener, consultation):
    (first, _), (second, _) = make_links(convener, consultation, count=2)
    services.link_answer(link=first, stance="support", comment="Parking is easy")
    services.link_answer(link=second, stance="concerns")

    summary = consultation_summary(consultation)

    assert summary["total"] == 2
    assert dict(summary["stances"]) == {"Support": 1, "Concerns": 1, "Neutral": 0}
    assert ("parking", 1) in summary["themes"]


def test_it_refuses_a_second_answer_through_a_used_link_writing_nothing(convener, consultation, client):
    link, token = make_links(convener, consultation)[0]
    client.post(link_url(token), {"stance": "support"})
    before = snapshot()

    again = client.post(link_url(token), {"stance": "concerns", "comment": "Changed my mind"})
    with pytest.raises(Conflict) as refused:
        services.link_answer(link=link, stance="concerns")

    assert again.status_code == 409
    assert "already been used" in refused.value.message
    assert snapshot() == before
    assert ConsultationResponse.objects.get().stance == "support"


def test_it_refuses_answers_through_links_once_closed(convener, consultation, client):
    link, token = make_links(convener, consultation)[0]
    close(convener, consultation)
    before = snapshot()

    page = client.get(link_url(token))
    late = client.post(link_url(token), {"stance": "support"})
    with pytest.raises(Conflict):
        services.link_answer(link=link, stance="support")

    assert page.status_code == 200 and 'data-testid="consultation-closed"' in text(page)
    assert late.status_code == 409
    assert snapshot() == before


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"stance": "love"}, "stance"),
        ({"stance": "support", "comment": "x" * 2001}, "comment"),
        ({"stance": "support", "name": "x" * 101}, "name"),
    ],
)
def test_it_refuses_bad_input_through_a_link_writing_nothing(convener, consultation, client, data, field):
    token = make_links(convener, consultation)[0][1]
    before = snapshot()

    page = client.post(link_url(token), data)

    assert page.status_code == 400 and f'id="id_{field}-error"' in text(page)
    assert snapshot() == before


def test_the_service_checks_the_stance_itself(convener, consultation):
    link = make_links(convener, consultation)[0][0]

    with pytest.raises(ServiceError):
        services.link_answer(link=link, stance="love")

    assert not ConsultationResponse.objects.exists()


def test_it_answers_404_for_an_unknown_personal_link(convener, consultation, client):
    token = make_links(convener, consultation)[0][1]
    before = snapshot()

    assert client.get(link_url(token + "x")).status_code == 404
    assert client.post(link_url("forged"), {"stance": "support"}).status_code == 404
    assert client.get(link_url(token_hash(token))).status_code == 404  # the stored hash opens nothing
    assert snapshot() == before


def test_the_public_link_does_not_open_a_personal_link_nor_the_other_way(opened, convener, client):
    consultation, public_token = opened
    personal_token = make_links(convener, consultation)[0][1]

    assert client.get(link_url(public_token)).status_code == 404
    assert client.get(reverse("consultations:answer", args=[personal_token])).status_code == 404


def test_it_deletes_personal_data_of_link_responses_too(convener, consultation):
    (kim_link, _), (sam_link, _) = make_links(convener, consultation, count=2)
    services.link_answer(link=kim_link, stance="support", name="Kim")
    services.link_answer(link=sam_link, stance="concerns", name="Sam")

    cleared = services.personal_data_delete(actor=convener, consultation=consultation)

    assert cleared == 2
    assert set(ConsultationResponse.objects.values_list("name", "email")) == {("", "")}
    assert ConsultationLink.objects.filter(used_at__isnull=False).count() == 2
    with pytest.raises(Conflict):  # the links stay used
        services.link_answer(link=kim_link, stance="neutral")


def test_it_writes_no_token_or_name_in_any_event(world, poll, convener, opened, client, client_for):
    consultation, _ = opened
    links_page_html = text(client_for("convener_admin").post(links_page(world, poll), {"count": "2"}))
    tokens = re.findall(r"/consult/link/([A-Za-z0-9_-]+)/", links_page_html)
    client.post(link_url(tokens[0]), {"stance": "support", "name": "Kim Respondent"})
    _, renewed = services.consultation_link_renew(actor=convener, consultation=consultation)

    events = list(
        Event.objects.filter(verb__startswith="consultation.").order_by("id").values_list("verb", "payload")
    )

    assert [verb for verb, _ in events] == [
        "consultation.opened",
        "consultation.links_created",
        "consultation.response_received",
        "consultation.link_renewed",
    ]
    logged = str(list(Event.objects.values_list("payload", "object_repr")))
    for secret in [*tokens, renewed, "Kim"]:
        assert secret not in logged


def test_it_keeps_hostile_markup_inert_on_the_link_pages(world, poll, convener, consultation, client_for):
    poll.title = SCRIPT
    poll.save()
    link, token = make_links(convener, consultation, label=SCRIPT)[0]
    services.link_answer(link=link, stance="support", name=SCRIPT, comment=SCRIPT)
    convener_client = client_for("convener_admin")

    pages = {
        "link": client_for("anonymous").get(link_url(token)),
        "printed": convener_client.post(links_page(world, poll), {"count": "1", "label": SCRIPT}),
        "manage": convener_client.get(manage_page(world, poll)),
    }

    for where, page in pages.items():
        assert page.status_code == 200, where
        assert_inert(text(page), where)


# --- one response per link, under concurrency ---------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_many_tabs_answering_through_one_link_at_once_make_one_response(world, poll):
    consultation, _ = services.consultation_open(actor=world.users["convener_admin"], poll=poll)
    link = make_links(world.users["convener_admin"], consultation)[0][0]
    stances = ["support", "concerns", "neutral"]

    def answering(stance: str):
        def prepare():
            fresh = ConsultationLink.objects.select_related("consultation__poll__partnership").get(pk=link.pk)
            return lambda: services.link_answer(link=fresh, stance=stance)

        return prepare

    results = run_at_once(*[answering(stances[i % 3]) for i in range(6)])

    assert all(isinstance(r, ConsultationResponse | Conflict) for r in results), results
    assert sum(isinstance(r, ConsultationResponse) for r in results) == 1
    assert ConsultationResponse.objects.count() == 1
    assert Event.objects.filter(verb="consultation.response_received").count() == 1
    assert ConsultationLink.objects.get().used_at is not None


# --- a new public link ------------------------------------------------------------------------------


def test_a_new_public_link_replaces_the_old_one(world, poll, convener, opened, client):
    consultation, old = opened

    _, new = services.consultation_link_renew(actor=convener, consultation=consultation)

    consultation.refresh_from_db()
    assert consultation.token_hash == token_hash(new) != new
    assert client.get(reverse("consultations:answer", args=[old])).status_code == 404
    assert client.get(reverse("consultations:answer", args=[new])).status_code == 200
    event = Event.objects.latest("id")
    assert (event.verb, event.actor, event.payload) == ("consultation.link_renewed", convener, {})


def test_the_manage_page_issues_a_new_public_link_shown_once(world, poll, opened, client_for, client):
    old = opened[1]
    url = reverse("consultations:link_renew", args=[world.partnership.uuid, poll.uuid])

    renewed = client_for("convener_admin").post(url, follow=True)

    assert renewed.redirect_chain == [(manage_page(world, poll), 302)]
    new = re.search(r"http://testserver/consult/([A-Za-z0-9_-]+)/", text(renewed)).group(1)
    assert new != old
    assert Consultation.objects.get().token_hash == token_hash(new)
    assert client.get(reverse("consultations:answer", args=[old])).status_code == 404
    assert client.get(reverse("consultations:answer", args=[new])).status_code == 200


def test_it_issues_no_new_public_link_once_closed_or_for_anyone_else(world, poll, convener, opened):
    consultation, token = opened
    with pytest.raises(PermissionDenied):
        services.consultation_link_renew(actor=world.users["partner_admin"], consultation=consultation)
    close(convener, consultation)
    before = snapshot()

    with pytest.raises(Conflict):
        services.consultation_link_renew(actor=convener, consultation=consultation)

    assert snapshot() == before
    assert Consultation.objects.get().token_hash == token_hash(token)


# --- the per-address limit on email codes -----------------------------------------------------------


def test_it_limits_code_requests_per_address_across_consultations(world, convener, opened, client):
    first_token = opened[1]
    other = PollFactory(partnership=world.partnership, created_by=convener)
    second_token = services.consultation_open(actor=convener, poll=other)[1]
    address = {"REMOTE_ADDR": "203.0.113.7"}
    half = services.CODES_PER_ADDRESS_PER_HOUR // 2

    def ask(token: str, n: int, **meta):
        return client.post(
            reverse("consultations:answer", args=[token]),
            {"stance": "support", "email": f"person{n}@example.org"},
            **meta,
        ).status_code

    statuses = [ask(first_token, n, **address) for n in range(half)]
    statuses += [ask(second_token, n, **address) for n in range(half, services.CODES_PER_ADDRESS_PER_HOUR)]
    before = snapshot()
    refused = ask(second_token, 99, **address)
    after_refusal = snapshot()
    elsewhere = ask(second_token, 99, REMOTE_ADDR="198.51.100.4")

    assert statuses == [302] * services.CODES_PER_ADDRESS_PER_HOUR
    assert refused == 429 and after_refusal == before
    assert elsewhere == 302
    keys = set(ConsultationCode.objects.values_list("requester_key", flat=True))
    assert keys == {services._keyed("address", "203.0.113.7"), services._keyed("address", "198.51.100.4")}
    assert "203.0.113.7" not in str(snapshot())


def test_the_address_limit_counts_only_the_last_hour(world, opened):
    consultation = opened[0]
    for n in range(services.CODES_PER_ADDRESS_PER_HOUR):
        services.code_request(
            consultation=consultation, email=f"p{n}@example.org", stance="support", requester="203.0.113.7"
        )
    with pytest.raises(services.TooMany):
        services.code_request(
            consultation=consultation, email="late@example.org", stance="support", requester="203.0.113.7"
        )
    ConsultationCode.objects.update(created_at=timezone.now() - timedelta(hours=1, seconds=1))

    assert services.code_request(
        consultation=consultation, email="late@example.org", stance="support", requester="203.0.113.7"
    )


def test_deleting_everyones_personal_data_deletes_the_address_hashes(convener, opened):
    consultation = opened[0]
    services.code_request(
        consultation=consultation, email="a@example.org", stance="support", requester="203.0.113.7"
    )

    services.personal_data_delete(actor=convener, consultation=consultation)

    assert not ConsultationCode.objects.filter(requester_key__gt="").exists()
