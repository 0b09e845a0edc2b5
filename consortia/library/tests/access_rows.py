"""The library rows for the access table (consortia/core/tests/test_access.py): every
library URL, GET and POST, for every persona, and `scene(world, s)`, which adds the
entries, files and partnerships the rows name and puts their ids on `s`.

Who may do what (consortia/library/rules.py): everyone who sees the partnership reads
its library, entries, versions and files (site admins too). Its members (partners'
people, observers' and individual participants) add and edit entries and attach files.
Only the uploader (here the member, who wrote the entries) confirms a file may be
shared; the others get the reason (400). The author or the convener's admins publish
and take back; other members get the reason (400). A published entry is read by
anyone in the public library, and copied by anyone signed in into a partnership they
are a member of (here the outsider, a member of another partnership). All else is a 404.
"""

from types import SimpleNamespace

from django.core.files.uploadedfile import SimpleUploadedFile

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import (
    LibraryAttachmentFactory,
    LibraryEntryFactory,
    MembershipFactory,
    OrganisationFactory,
    OutcomeFactory,
    PartnerFactory,
    PartnershipFactory,
)
from consortia.library.models import EntryVersion

P = "partnership"
E = "library_entry"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
MEMBER_PAGE = (LOGIN, 404, 200, 200, 200, 200, 200, 404)
MEMBER_DONE = (LOGIN, 404, OK, OK, OK, OK, OK, 404)
MEMBER_REFUSED = (LOGIN, 404, 400, 400, 400, 400, 400, 404)
UPLOADER_DONE = (LOGIN, 404, 400, OK, 400, 400, 400, 400)
UPLOADER_CONFLICT = (LOGIN, 404, 400, 409, 400, 400, 400, 400)
PUBLISHER_PAGE = (LOGIN, 404, 400, 200, 400, 200, 400, 400)
PUBLISHER_DONE = (LOGIN, 404, 400, OK, 400, OK, 400, 400)
PUBLISHER_CONFLICT = (LOGIN, 404, 400, 409, 400, 409, 400, 400)
PUBLIC = (200,) * 8
SIGNED_IN_PAGE = (LOGIN, 200, 200, 200, 200, 200, 200, 200)
COPIED = (LOGIN, OK, 400, 400, 400, 400, 400, 400)
UNPUBLISHED_COPY = (LOGIN, 404, 409, 409, 409, 409, 409, 409)


def entry(s, **overrides):
    return {
        "title": "Running a carers' café",
        "kind": "guide",
        "summary": "Monthly, at the surgery.",
        "what_worked": "",
        "what_didnt": "",
        "evidence_level": "anecdote",
        "evidence_note": "",
        "outcomes": [s.library_outcome],
        "tags": "cafe, peer support",
        **overrides,
    }


def upload(s, **overrides):
    return {
        "upload": SimpleUploadedFile("notes.txt", b"Our notes.\n", content_type="text/plain"),
        **overrides,
    }


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("library:list", GET,                           READ, args=(P,)),
    Row("library:list", POST,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    Row("library:new", GET,                            MEMBER_PAGE, args=(P,)),
    Row("library:new", POST,                           MEMBER_DONE, args=(P,), data=entry, done="library.entry_added"),
    Row("library:new", POST,                           MEMBER_REFUSED, args=(P,),
        data=lambda s: entry(s, title=""), label="no title"),
    Row("library:new", POST,                           MEMBER_REFUSED, args=(P,),
        data=lambda s: entry(s, summary="<script>alert(1)</script>"), label="hostile markdown"),
    Row("library:new", POST,                           MEMBER_REFUSED, args=(P,),
        data=lambda s: entry(s, outcomes=[s.library_other_outcome]), label="another partnership's outcome"),

    Row("library:detail", GET,                         READ, args=(P, E)),
    Row("library:detail", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, E)),
    Row("library:detail", GET,                         NOT_FOUND, args=(P, "library_other_entry"),
        label="another partnership's entry"),

    Row("library:edit", GET,                           MEMBER_PAGE, args=(P, E)),
    Row("library:edit", POST,                          MEMBER_DONE, args=(P, E),
        data=lambda s: entry(s, title="Our café, revised"), done="library.entry_changed"),
    Row("library:edit", POST,                          MEMBER_REFUSED, args=(P, E),
        data=lambda s: entry(s, what_worked="[x](javascript:alert(1))"), label="hostile markdown"),

    Row("library:version", GET,                        READ, args=(P, E, "library_version"), label="the first"),
    Row("library:version", POST,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P, E, "library_version"),
        label="the first"),
    Row("library:version", GET,                        NOT_FOUND, args=(P, E, "library_no_version"),
        label="no such version"),

    Row("library:attachments", GET,                    MEMBER_PAGE, args=(P, E)),
    Row("library:attachments", POST,                   MEMBER_DONE, args=(P, E), data=upload,
        done="library.attachment_added"),
    Row("library:attachments", POST,                   MEMBER_REFUSED, args=(P, E),
        data=lambda s: {"upload": SimpleUploadedFile("page.html", b"<html>", content_type="text/html")},
        label="a file type not allowed"),
    Row("library:attachment", GET,                     READ, args=(P, E, "library_attachment")),
    Row("library:attachment", POST,                    SIGN_IN_THEN_NOT_ALLOWED, args=(P, E, "library_attachment")),
    Row("library:shareable", GET,                      SIGN_IN_THEN_NOT_ALLOWED, args=(P, E, "library_attachment")),
    Row("library:shareable", POST,                     UPLOADER_DONE, args=(P, E, "library_attachment"),
        done="library.attachment_shareable"),

    Row("library:publish", GET,                        PUBLISHER_PAGE, args=(P, E)),
    Row("library:publish", POST,                       PUBLISHER_DONE, args=(P, "library_clean_entry"),
        data=lambda s: {"licence": "cc-by-sa-4.0"}, done="library.entry_published"),
    Row("library:publish", POST,                       PUBLISHER_CONFLICT, args=(P, E),
        data=lambda s: {"licence": "cc-by-4.0"}, label="a file not confirmed as shareable"),
    Row("library:unpublish", GET,                      SIGN_IN_THEN_NOT_ALLOWED, args=(P, "library_published")),
    Row("library:unpublish", POST,                     PUBLISHER_DONE, args=(P, "library_published"),
        done="library.entry_unpublished"),
    Row("library:unpublish", POST,                     PUBLISHER_CONFLICT, args=(P, "library_clean_entry"),
        label="not published"),

    Row("library:copy", GET,                           SIGNED_IN_PAGE, args=(P, "library_published")),
    Row("library:copy", POST,                          COPIED, args=(P, "library_published"),
        data=lambda s: {"partnership": s.library_copy_target}, done="library.entry_copied"),
    Row("library:copy", GET,                           UNPUBLISHED_COPY, args=(P, E), label="not published"),

    # --- the public library: published entries only, for anyone ------------------------------------
    Row("library:directory", GET,                      PUBLIC),
    Row("library:directory", POST,                     (405,) * 8),
    Row("library:public_entry", GET,                   PUBLIC, args=("library_published",)),
    Row("library:public_entry", POST,                  (405,) * 8, args=("library_published",)),
    Row("library:public_entry", GET,                   (404,) * 8, args=(E,), label="partnership only"),
    Row("library:public_attachment", GET,              PUBLIC, args=("library_published", "library_public_attachment")),
    Row("library:public_attachment", POST,             (405,) * 8,
        args=("library_published", "library_public_attachment")),
    Row("library:public_attachment", GET,              (404,) * 8, args=(E, "library_attachment"),
        label="partnership only"),
]
# fmt: on

ALLOWED_CHANGES = {
    (persona, name)
    for persona in ("observer", "partner_member", "participant")
    for name in ("library:new", "library:edit", "library:attachments")
} | {
    ("partner_member", "library:shareable"),
    ("partner_member", "library:publish"),
    ("partner_member", "library:unpublish"),
}


def _versioned(entry):
    EntryVersion.objects.create(
        entry=entry,
        number=1,
        author=entry.author,
        kind=entry.kind,
        title=entry.title,
        evidence_level="anecdote",
    )
    return entry


def scene(world, s: SimpleNamespace) -> None:
    """The member's entry with an unconfirmed file of theirs, their entry with no file,
    their published entry with a shareable file, an outcome here and one elsewhere,
    another partnership's entry, and a partnership the outsider is a member of."""
    member = world.users["partner_member"]
    here = world.partnership
    main = _versioned(LibraryEntryFactory(partnership=here, author=member, title="Consent, step by step"))
    clean = _versioned(LibraryEntryFactory(partnership=here, author=member))
    published = _versioned(
        LibraryEntryFactory(partnership=here, author=member, visibility="published", licence="cc-by-4.0")
    )
    s.library_entry = str(main.uuid)
    s.library_clean_entry = str(clean.uuid)
    s.library_published = str(published.uuid)
    s.library_version = "1"
    s.library_no_version = "99"
    s.library_attachment = str(LibraryAttachmentFactory(entry=main, uploaded_by=member).uuid)
    s.library_public_attachment = str(
        LibraryAttachmentFactory(entry=published, uploaded_by=member, shareable=True).uuid
    )
    s.library_outcome = str(OutcomeFactory(partnership=here).uuid)
    s.library_other_outcome = str(OutcomeFactory().uuid)
    s.library_other_entry = str(_versioned(LibraryEntryFactory()).uuid)
    elsewhere = PartnershipFactory(name="Southvale Carers Network")
    organisation = OrganisationFactory(name="Southvale Carers")
    PartnerFactory(partnership=elsewhere, organisation=organisation)
    MembershipFactory(organisation=organisation, user=world.users["outsider"], role="member")
    s.library_copy_target = str(elsewhere.uuid)
