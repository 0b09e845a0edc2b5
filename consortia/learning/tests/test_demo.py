"""The demo partnership's learning log: a lesson from a meeting, one from a closed poll
(changed and reviewed at the meeting), one recorded directly."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortia.learning.models import Lesson

pytestmark = pytest.mark.django_db


def test_the_demo_has_three_lessons_one_changed_and_reviewed(client):
    call_command("demo")

    assert sorted(Lesson.objects.values_list("source_kind", flat=True)) == ["meeting", "other", "poll"]
    reviewed = Lesson.objects.get(source_kind="poll")
    assert reviewed.status == "changed" and reviewed.reviewed_at is not None and reviewed.poll is not None
    assert reviewed.reviewed_meeting_url == Lesson.objects.get(source_kind="meeting").source_url
    client.force_login(reviewed.owner)
    page = client.get(reverse("learning:list", args=[reviewed.partnership.uuid]), {"status": "all"})
    assert page.status_code == 200
    assert page.content.decode().count('class="consortia-lesson"') == 3
