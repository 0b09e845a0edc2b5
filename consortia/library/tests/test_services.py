"""The library's services: an entry with versions, tags from the shared topic list and
the partnership's outcomes; every refusal (empty title, hostile Markdown in each text
field, another partnership's outcome, who may publish, unshareable files named) writes
nothing; copies keep their attribution through edits; the matching evidence."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.core.errors import Conflict, ServiceError
from consortia.core.factories import MembershipFactory, OutcomeFactory, PartnerFactory, PartnershipFactory
from consortia.core.models import Event
from consortia.core.testing import snapshot
from consortia.expertise.models import Topic
from consortia.library import services
from consortia.library.matching import entries_written
from consortia.library.models import Entry
from consortia.matching.evidence import providers

pytestmark = pytest.mark.django_db

HOSTILE = [
    "<script>alert(1)</script>",
    "[click](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<b>raw</b> HTML",
    "[x](JaVaScRiPt&#58;alert(1))",
]


def create(world, who="partner_member", **kwargs):
    fields = {"title": "How we record consent", "summary": "Ask **once**."} | kwargs
    return services.entry_create(actor=world.users[who], partnership=world.partnership, **fields)


def upload(name="notes.txt", data=b"Meeting notes.\n"):
    return SimpleUploadedFile(name, data, content_type="text/plain")


def test_an_entry_is_created_with_version_1_tags_outcomes_and_one_event(world):
    outcome = OutcomeFactory(partnership=world.partnership)
    entry = create(
        world,
        kind="case_study",
        what_worked="Cards",
        what_didnt="Forms",
        evidence_level="monitoring",
        evidence_note="120 assessments",
        outcomes=[outcome],
        tags=["Consent", "carers' assessments", "consent"],
        origin_label="From the accepted answer to 'How do we record consent'",
        origin_url="/partnerships/x/questions/y/",
    )
    assert (entry.kind, entry.version, entry.visibility, entry.licence) == (
        "case_study",
        1,
        "partnership",
        "cc-by-4.0",
    )
    assert list(entry.outcomes.all()) == [outcome]
    assert sorted(entry.tags.values_list("key", flat=True)) == ["carer assessment", "consent"]
    version = entry.versions.get()
    assert (version.number, version.title, version.author) == (1, entry.title, world.users["partner_member"])
    assert version.outcomes == [outcome.statement]
    assert Event.objects.filter(verb="library.entry_added").count() == 1


def test_tags_reuse_the_shared_topic_list(world):
    Topic.objects.create(name="Consent", key="consent")
    create(world, tags=["CONSENT"])
    assert Topic.objects.count() == 1


def test_an_outcome_may_be_given_by_uuid(world):
    outcome = OutcomeFactory(partnership=world.partnership)
    assert list(create(world, outcomes=[str(outcome.uuid)]).outcomes.all()) == [outcome]


def test_every_edit_keeps_the_previous_content_as_a_numbered_version(world):
    entry = create(world)
    changed = services.entry_update(
        actor=world.users["partner_admin"],
        entry=entry,
        title="How we record consent, revised",
        summary="Ask twice.",
    )
    assert changed == ["title", "summary"]
    entry.refresh_from_db()
    assert entry.version == 2 and entry.summary == "Ask twice."
    first, second = entry.versions.order_by("number")
    assert (first.number, first.summary, first.author) == (1, "Ask **once**.", world.users["partner_member"])
    assert (second.number, second.summary, second.author) == (2, "Ask twice.", world.users["partner_admin"])


def test_an_edit_that_changes_nothing_writes_nothing(world):
    entry = create(world)
    before = snapshot()
    assert (
        services.entry_update(
            actor=world.users["partner_member"], entry=entry, title=entry.title, summary=entry.summary
        )
        == []
    )
    assert snapshot() == before


def refused(action, error=ServiceError):
    before = snapshot()
    with pytest.raises(error) as caught:
        action()
    assert snapshot() == before
    return caught.value


def test_an_empty_title_is_refused(world):
    error = refused(lambda: create(world, title="   "))
    assert (error.field, error.message, error.status_code) == ("title", "Enter a title", 400)


@pytest.mark.parametrize("field", ["title", "summary", "what_worked", "what_didnt", "evidence_note"])
@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_markdown_in_every_text_field_is_refused(world, field, hostile):
    error = refused(lambda: create(world, **{field: f"Fine {hostile}"}))
    assert error.field == field and "must not" in error.message and error.status_code == 400


def test_hostile_markdown_is_refused_on_edit_too(world):
    entry = create(world)
    error = refused(
        lambda: services.entry_update(
            actor=world.users["partner_member"], entry=entry, title="T", summary=HOSTILE[0]
        )
    )
    assert error.field == "summary"


def test_plain_text_that_looks_like_a_scheme_or_a_comparison_is_fine(world):
    entry = create(world, evidence_note="Monitoring data: 30 carers, a < b", summary="<https://example.org>")
    assert entry.evidence_note.startswith("Monitoring data")


def test_an_outcome_from_another_partnership_is_refused(world):
    other = OutcomeFactory()
    error = refused(lambda: create(world, outcomes=[other]))
    assert error.field == "outcomes"
    error = refused(lambda: create(world, outcomes=[str(other.uuid)]))
    assert error.field == "outcomes"


def test_a_non_member_cannot_add_an_entry(world):
    refused(lambda: create(world, who="outsider"), PermissionDenied)


def test_an_unsafe_origin_link_is_refused(world):
    error = refused(lambda: create(world, origin_label="x", origin_url="javascript:alert(1)"))
    assert error.field == "origin_url"


# --- attachments and publishing ------------------------------------------------------------------


def test_only_the_uploader_confirms_a_file_may_be_shared(world):
    entry = create(world)
    attachment = services.attachment_add(actor=world.users["partner_admin"], entry=entry, upload=upload())
    assert (attachment.uploaded_by, attachment.shareable) == (world.users["partner_admin"], False)
    error = refused(
        lambda: services.attachment_share(actor=world.users["partner_member"], attachment=attachment)
    )
    assert "uploaded" in error.message and error.status_code == 400
    services.attachment_share(actor=world.users["partner_admin"], attachment=attachment)
    attachment.refresh_from_db()
    assert attachment.shareable and attachment.shareable_at is not None


def test_an_upload_of_a_forbidden_type_is_refused(world):
    entry = create(world)
    error = refused(
        lambda: services.attachment_add(
            actor=world.users["partner_member"], entry=entry, upload=upload("x.html", b"<html>")
        )
    )
    assert error.field == "attachment"


def test_publishing_with_files_not_confirmed_is_refused_naming_them(world):
    entry = create(world)
    services.attachment_add(actor=world.users["partner_admin"], entry=entry, upload=upload("budget.txt"))
    services.attachment_add(actor=world.users["partner_member"], entry=entry, upload=upload("mine.txt"))
    services.attachment_add(
        actor=world.users["partner_member"], entry=entry, upload=upload("ok.txt"), shareable=True
    )
    error = refused(
        lambda: services.entry_publish(actor=world.users["partner_member"], entry=entry), Conflict
    )
    assert "“budget.txt”" in error.message and "“mine.txt”" in error.message and "ok.txt" not in error.message


def test_the_author_publishes_under_a_licence_and_takes_it_back(world):
    entry = create(world)
    services.attachment_add(actor=world.users["partner_member"], entry=entry, upload=upload(), shareable=True)
    services.entry_publish(actor=world.users["partner_member"], entry=entry, licence="cc-by-sa-4.0")
    entry.refresh_from_db()
    assert (entry.visibility, entry.licence) == ("published", "cc-by-sa-4.0") and entry.published_at
    services.entry_unpublish(actor=world.users["partner_member"], entry=entry)
    entry.refresh_from_db()
    assert entry.visibility == "partnership" and entry.published_at is None


def test_the_convener_may_publish_another_members_entry(world):
    entry = create(world)
    services.entry_publish(actor=world.users["convener_admin"], entry=entry)
    assert Entry.objects.get().licence == "cc-by-4.0"


@pytest.mark.parametrize("who", ["partner_admin", "observer", "participant"])
def test_other_members_may_not_publish(world, who):
    entry = create(world)
    error = refused(lambda: services.entry_publish(actor=world.users[who], entry=entry))
    assert error.status_code == 400 and "author" in error.message


def test_an_unknown_licence_is_refused(world):
    entry = create(world)
    assert (
        refused(
            lambda: services.entry_publish(actor=world.users["partner_member"], entry=entry, licence="mine")
        ).field
        == "licence"
    )


def test_a_published_entry_takes_only_shareable_files(world):
    entry = create(world)
    services.entry_publish(actor=world.users["partner_member"], entry=entry)
    error = refused(
        lambda: services.attachment_add(actor=world.users["partner_admin"], entry=entry, upload=upload()),
        Conflict,
    )
    assert error.field == "shareable"


# --- copies --------------------------------------------------------------------------------------


def other_partnership_for(user):
    other = PartnershipFactory(name="Southvale Carers Network")
    partner = PartnerFactory(partnership=other)
    MembershipFactory(organisation=partner.organisation, user=user)
    return other


def test_a_published_entry_is_copied_with_its_attribution_which_survives_edits(world):
    entry = create(world, tags=["consent"])
    services.entry_update(
        actor=world.users["partner_admin"],
        entry=entry,
        title=entry.title,
        summary="Ask twice.",
        tags=["consent"],
    )
    services.entry_publish(actor=world.users["partner_member"], entry=entry, licence="cc-by-nc-4.0")
    outsider = world.users["outsider"]
    other = other_partnership_for(outsider)

    copy = services.entry_copy(actor=outsider, entry=entry, partnership=other)

    assert (copy.partnership, copy.author, copy.visibility, copy.summary) == (
        other,
        outsider,
        "partnership",
        "Ask twice.",
    )
    assert (copy.source_title, copy.source_partnership, copy.source_licence) == (
        "How we record consent",
        "Carers Advice Partnership",
        "cc-by-nc-4.0",
    )
    assert copy.source_authors == "Max Member, Pat Partner"
    assert copy.source_url == f"/library/{entry.uuid}/"
    assert list(copy.tags.values_list("key", flat=True)) == ["consent"]
    assert copy.versions.get().number == 1
    services.entry_update(actor=outsider, entry=copy, title="Our consent guide", summary="Ours now.")
    copy.refresh_from_db()
    assert copy.source_title == "How we record consent" and copy.source_authors == "Max Member, Pat Partner"


def test_an_unpublished_entry_cannot_be_copied(world):
    entry = create(world)
    other = other_partnership_for(world.users["partner_member"])
    assert refused(
        lambda: services.entry_copy(actor=world.users["partner_member"], entry=entry, partnership=other),
        Conflict,
    )


def test_a_copy_goes_only_into_a_partnership_the_user_is_a_member_of(world):
    entry = create(world)
    services.entry_publish(actor=world.users["partner_member"], entry=entry)
    elsewhere = PartnershipFactory()
    error = refused(
        lambda: services.entry_copy(actor=world.users["outsider"], entry=entry, partnership=elsewhere)
    )
    assert error.field == "partnership"


# --- matching --------------------------------------------------------------------------------------


def test_the_matching_evidence_counts_entries_per_author_and_topic(world, django_assert_num_queries):
    create(world, tags=["consent"])
    create(world, tags=["consent", "transport"])
    create(world, who="partner_admin", tags=["transport"])
    create(world, who="observer", tags=["other"])
    consent, transport = Topic.objects.get(key="consent"), Topic.objects.get(key="transport")
    member, admin = world.users["partner_member"], world.users["partner_admin"]
    assert entries_written in providers()

    with django_assert_num_queries(1):
        found = entries_written(
            world.partnership, [member.pk, admin.pk, world.users["observer"].pk], [consent.pk, transport.pk]
        )

    assert found[member.pk].reason == "wrote 2 library entries on consent, 1 on transport"
    assert found[member.pk].weight == 2
    assert found[admin.pk].reason == "wrote 1 library entry on transport"
    assert world.users["observer"].pk not in found
    assert entries_written(PartnershipFactory(), [member.pk], [consent.pk]) == {}
