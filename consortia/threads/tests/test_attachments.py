"""Attachments: size and type limits, the content checked against the extension,
stored under a random name, served only after the access check as a download with
nosniff; a refused file leaves nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from consortia.core.attachments import MAX_BYTES, attachment_name
from consortia.core.errors import ServiceError
from consortia.core.factories import PartnershipFactory, PostFactory, ThreadFactory
from consortia.core.testing import snapshot
from consortia.threads import services
from consortia.threads.models import Attachment

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def _start(world, upload, persona="partner_member"):
    return services.thread_start(
        actor=world.users[persona],
        partnership=world.partnership,
        title="Leaflet",
        body="Draft",
        attachment=upload,
    )


def test_it_stores_a_file_under_a_random_name(world):
    thread = _start(world, SimpleUploadedFile("../../Leaflet draft.pdf", PDF, content_type="text/html"))

    attachment = Attachment.objects.get(post__thread=thread)
    assert attachment.name == "Leaflet draft.pdf"
    assert attachment.content_type == "application/pdf"  # from the checked type, not the browser's claim
    assert attachment.file.name.startswith("thread-attachments/") and "Leaflet" not in attachment.file.name
    assert attachment.file.read() == PDF


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", b"<html><script>alert(1)</script></html>", "not a PDF"),
        ("photo.png", PDF, "not a PNG"),
        ("notes.txt", b"<!DOCTYPE html><script>alert(1)</script>", "not a TXT"),
        ("notes.txt", b"MZ\x00\x00binary", "not a TXT"),
        ("minutes.docx", b"PK\x03\x04not really a zip", "not a DOCX"),
        ("page.html", b"<p>hi</p>", "must be a"),
        ("run.exe", b"MZ", "must be a"),
        ("noextension", b"text", "must be a"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_it_refuses_a_disguised_or_unwanted_file_and_writes_nothing(world, name, content, message):
    thread = ThreadFactory(partnership=world.partnership)
    PostFactory(thread=thread)
    before = snapshot()

    with pytest.raises(ServiceError, match=message) as refused:
        _start(world, SimpleUploadedFile(name, content))
    with pytest.raises(ServiceError, match=message):
        services.thread_reply(
            actor=world.users["partner_member"],
            thread=thread,
            body="x",
            attachment=SimpleUploadedFile(name, content),
        )

    assert refused.value.field == "attachment"
    assert snapshot() == before


def test_it_refuses_an_oversized_file(world):
    with pytest.raises(ServiceError, match="10 MB"):
        _start(world, SimpleUploadedFile("big.pdf", PDF + b"0" * MAX_BYTES))
    assert not Attachment.objects.exists()


def test_it_cleans_a_hostile_file_name():
    assert attachment_name("..\\..\\evil\x00\n.pdf") == "evil.pdf"
    assert attachment_name('"><img src=x onerror=alert(1)>.pdf').endswith(".pdf")
    assert attachment_name("") == "attachment"


def test_it_serves_the_file_as_a_download_to_members_only(world, client_for):
    thread = _start(world, SimpleUploadedFile('"><script>.pdf', PDF))
    attachment = Attachment.objects.get()
    url = reverse("threads:attachment", args=[world.partnership.uuid, thread.uuid, attachment.uuid])

    response = client_for("observer").get(url)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert client_for("outsider").get(url).status_code == 404
    other = ThreadFactory(partnership=PartnershipFactory())
    wrong = reverse("threads:attachment", args=[world.partnership.uuid, other.uuid, attachment.uuid])
    assert client_for("observer").get(wrong).status_code == 404


def test_it_uploads_through_the_reply_form_and_lists_the_file(world, client_for):
    thread = _start(world, None)
    client = client_for("participant")
    url = reverse("threads:reply", args=[world.partnership.uuid, thread.uuid])

    refused = client.post(url, {"body": "See this", "attachment": SimpleUploadedFile("a.pdf", b"<html>")})
    assert refused.status_code == 400 and "not a PDF" in refused.content.decode()

    assert (
        client.post(url, {"body": "See this", "attachment": SimpleUploadedFile("a.pdf", PDF)}).status_code
        == 302
    )
    page = client.get(reverse("threads:detail", args=[world.partnership.uuid, thread.uuid])).content.decode()
    assert "a.pdf" in page and 'enctype="multipart/form-data"' in page
