"""The demo partnership's practice library: a published guide, a case study with two
versions, a partnership-only policy; the public library shows only the published one."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from consortia.core.testing import text
from consortia.library.models import Entry

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_library_with_one_published_guide(client):
    call_command("demo")

    assert Entry.objects.count() == 4  # three written, one from a question's accepted answer
    assert Entry.objects.filter(origin_label__startswith="From the accepted answer").count() == 1
    published = Entry.objects.get(visibility="published")
    assert (published.kind, published.licence, published.attachments.count()) == ("guide", "cc-by-4.0", 0)
    assert published.outcomes.exists()
    assert Entry.objects.get(kind="case_study").versions.count() == 2
    listing = text(Client().get(reverse("library:directory")))
    assert published.title.replace("'", "&#x27;") in listing
    assert "Recording carers" not in listing
    client.force_login(published.author)
    page = text(client.get(reverse("library:list", args=[published.partnership.uuid])))
    assert "Recording carers" in page and "GP referrals" in page
