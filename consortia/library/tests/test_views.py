"""The library pages as people use them: adding an entry from the form, the list with
its search and filters, the entry page (versions, attachments, attribution, glossary
terms marked), old versions, publishing with refusals shown, and privacy: a
partnership-only entry never appears in the public library or to outsiders, a
published one does, with its licence and attribution."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from consortia.core.factories import DefinitionFactory, OutcomeFactory, TermFactory
from consortia.core.testing import IMG, SCRIPT, assert_inert, inline_error, text
from consortia.library import services
from consortia.library.models import Entry

from .test_services import other_partnership_for

pytestmark = pytest.mark.django_db


def url(world, name, *args):
    return reverse(f"library:{name}", args=[world.partnership.uuid, *args])


def create(world, who="partner_member", **kwargs):
    fields = {"title": "How we record consent", "summary": "Ask once."} | kwargs
    return services.entry_create(actor=world.users[who], partnership=world.partnership, **fields)


def form(**overrides):
    return {
        "title": "Running a carers' café",
        "kind": "case_study",
        "summary": "Monthly, **at the surgery**.",
        "what_worked": "Tea.",
        "what_didnt": "Evenings.",
        "evidence_level": "monitoring",
        "evidence_note": "Sign-in sheets, 12 months",
        "tags": "peer support, cafe",
        **overrides,
    }


def test_a_member_adds_an_entry_from_the_form_and_finds_it_in_the_library(world, client_for):
    outcome = OutcomeFactory(partnership=world.partnership, statement="Carers feel less alone")
    client = client_for("observer")
    response = client.post(url(world, "new"), form(outcomes=[str(outcome.uuid)]))

    entry = Entry.objects.get()
    assert response.status_code == 302 and response["Location"] == url(world, "detail", entry.uuid)
    assert entry.author == world.users["observer"] and list(entry.outcomes.all()) == [outcome]
    page = text(client.get(response["Location"]))
    assert "Running a carers" in page and "<strong>at the surgery</strong>" in page
    assert "Carers feel less alone" in page and "Monitoring data" in page and "Sign-in sheets" in page
    assert "Version 1 (this one)" in page
    listing = text(client.get(url(world, "list")))
    assert "Running a carers" in listing and "peer support" in listing


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": ""}, "title", "Enter a title"),
        ({"summary": SCRIPT}, "summary", "must not contain HTML tags"),
        ({"what_didnt": "[x](javascript:alert(1))"}, "what_didnt", "must not link to javascript:"),
        ({"what_worked": IMG}, "what_worked", "event attributes"),
        ({"outcomes": ["not-one"]}, "outcomes", "Choose outcomes from this partnership"),
    ],
)
def test_bad_input_on_the_form_is_refused_with_its_message(world, client_for, data, field, message):
    response = client_for("partner_member").post(url(world, "new"), form(**data))
    assert response.status_code == 400
    assert message in inline_error(response, field)
    assert not Entry.objects.exists()


def test_the_list_is_searched_and_filtered_on_the_server(world, client_for):
    create(world, title="Transport rota", kind="template", tags=["transport"])
    create(world, title="Consent forms", kind="policy", summary="About consent.", tags=["consent"])
    client = client_for("partner_member")

    def titles(**params):
        page = text(client.get(url(world, "list"), params))
        return {t for t in ("Transport rota", "Consent forms") if t in page}

    assert titles() == {"Transport rota", "Consent forms"}
    assert titles(q="consent") == {"Consent forms"}
    assert titles(kind="template") == {"Transport rota"}
    assert titles(tag="transport") == {"Transport rota"}
    assert titles(q="nothing like it") == set()


def test_an_edit_makes_a_new_version_and_the_old_one_can_be_read(world, client_for):
    entry = create(world, summary="First words.")
    client = client_for("partner_admin")
    response = client.post(url(world, "edit", entry.uuid), form(title=entry.title, summary="Second words."))
    assert response.status_code == 302
    page = text(client.get(url(world, "detail", entry.uuid)))
    assert "Second words." in page and "Version 2 (this one)" in page
    assert url(world, "version", entry.uuid, 1) in page
    old = text(client.get(url(world, "version", entry.uuid, 1)))
    assert "First words." in old and "Version 1 of 2" in old and "Max Member" in old


def test_glossary_terms_are_marked_in_entry_text(world, client_for):
    term = TermFactory(partnership=world.partnership, name="Social prescribing")
    DefinitionFactory(term=term, text="Referral to local support.")
    entry = create(world, what_worked="Social prescribing worked well.")
    page = text(client_for("partner_member").get(url(world, "detail", entry.uuid)))
    assert f'href="{reverse("glossary:list", args=[world.partnership.uuid])}#{term.anchor}"' in page


def test_attachments_upload_download_and_the_uploaders_confirmation(world, client_for):
    entry = create(world)
    client = client_for("partner_admin")
    response = client.post(
        url(world, "attachments", entry.uuid),
        {"upload": SimpleUploadedFile("rota.csv", b"day,who\nMon,Ann\n", content_type="text/csv")},
    )
    assert response.status_code == 302
    attachment = entry.attachments.get()
    page = text(client.get(url(world, "detail", entry.uuid)))
    assert "rota.csv" in page and "Not confirmed" in page and "Confirm it may be shared" in page
    assert "Confirm it may be shared" not in text(
        client_for("partner_member").get(url(world, "detail", entry.uuid))
    )
    download = client.get(url(world, "attachment", entry.uuid, attachment.uuid))
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"day,who\nMon,Ann\n"
    assert download["X-Content-Type-Options"] == "nosniff" and "attachment" in download["Content-Disposition"]

    refused = client_for("partner_member").post(url(world, "publish", entry.uuid), {"licence": "cc-by-4.0"})
    assert refused.status_code == 409 and "“rota.csv”" in text(refused)
    assert client.post(url(world, "shareable", entry.uuid, attachment.uuid)).status_code == 302
    published = client_for("partner_member").post(url(world, "publish", entry.uuid), {"licence": "cc0-1.0"})
    assert published.status_code == 302
    public = text(Client().get(reverse("library:public_entry", args=[entry.uuid])))
    assert "rota.csv" in public and "CC0 1.0" in public


def test_a_partnership_only_entry_never_appears_in_public_or_to_outsiders(world, client_for):
    private = create(world, title="Private safeguarding notes")
    anonymous = Client()
    assert "Private safeguarding notes" not in text(anonymous.get(reverse("library:directory")))
    assert anonymous.get(reverse("library:public_entry", args=[private.uuid])).status_code == 404
    outsider = client_for("outsider")
    assert "Private safeguarding notes" not in text(outsider.get(reverse("library:directory")))
    assert outsider.get(reverse("library:public_entry", args=[private.uuid])).status_code == 404
    assert outsider.get(url(world, "detail", private.uuid)).status_code == 404
    assert outsider.get(url(world, "copy", private.uuid)).status_code == 404
    assert "Private safeguarding notes" not in text(
        anonymous.get(reverse("library:directory"), {"q": "safeguarding"})
    )


def test_a_published_entry_is_listed_and_read_in_public_with_licence_and_attribution(world):
    entry = create(world, title="Carers' café guide", what_worked="Tea and time.")
    hidden = create(world, title="Still private")
    services.attachment_add(
        actor=world.users["partner_member"],
        entry=entry,
        upload=SimpleUploadedFile("private.txt", b"secret\n", content_type="text/plain"),
        shareable=True,
    )
    services.entry_publish(actor=world.users["partner_member"], entry=entry, licence="cc-by-sa-4.0")
    anonymous = Client()
    listing = text(anonymous.get(reverse("library:directory")))
    assert "Carers&#x27; café guide" in listing and "Still private" not in listing
    assert "CC BY-SA 4.0" in listing and "Carers Advice Partnership" in listing
    page = text(anonymous.get(reverse("library:public_entry", args=[entry.uuid])))
    assert "Tea and time." in page and "CC BY-SA 4.0" in page and "Max Member" in page
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in page
    assert anonymous.get(reverse("library:public_entry", args=[hidden.uuid])).status_code == 404


def test_a_copy_shows_its_attribution_with_a_link_back(world, client_for):
    entry = create(world, title="Consent guide")
    services.entry_publish(actor=world.users["partner_member"], entry=entry)
    other = other_partnership_for(world.users["outsider"])
    client = client_for("outsider")
    assert "Southvale Carers Network" in text(client.get(url(world, "copy", entry.uuid)))
    response = client.post(url(world, "copy", entry.uuid), {"partnership": str(other.uuid)})
    copy = Entry.objects.get(partnership=other)
    assert response["Location"] == reverse("library:detail", args=[other.uuid, copy.uuid])
    page = text(client.get(response["Location"]))
    assert "Copied from" in page and reverse("library:public_entry", args=[entry.uuid]) in page
    assert "Max Member" in page and "Carers Advice Partnership" in page and "CC BY 4.0" in page


def test_the_origin_is_shown_on_the_entry(world, client_for):
    entry = create(
        world, origin_label="From the accepted answer to 'How do we record consent?'", origin_url="/x/"
    )
    page = text(client_for("partner_member").get(url(world, "detail", entry.uuid)))
    assert 'href="/x/"' in page and "From the accepted answer" in page


def test_hostile_text_stored_by_older_data_is_shown_inert(world, client_for):
    entry = create(world)
    Entry.objects.filter(pk=entry.pk).update(summary=SCRIPT, what_worked=IMG, visibility="published")
    assert_inert(text(client_for("partner_member").get(url(world, "detail", entry.uuid))), "entry page")
    assert_inert(text(Client().get(reverse("library:public_entry", args=[entry.uuid]))), "public page")


def test_the_partnership_page_links_to_the_library(world, client_for):
    page = text(
        client_for("partner_member").get(reverse("partnerships:detail", args=[world.partnership.uuid]))
    )
    assert url(world, "list") in page
