"""The demo partnership's training: a course with a quota, bookings from other
partners and a waiting list; and a past course with its attendance recorded."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from consortia.training.models import Course

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_course_with_a_waiting_list_and_a_past_one_with_attendance(client):
    call_command("demo")

    past, upcoming = Course.objects.order_by("starts_at")
    assert past.ends_at < timezone.now() < upcoming.release_at < upcoming.starts_at
    assert upcoming.quotas.count() == 1
    statuses = sorted(upcoming.places_taken.values_list("status", flat=True))
    assert statuses == ["booked", "booked", "booked", "waiting", "waiting"]
    assert len({p.partner_id for p in upcoming.places_taken.filter(status="booked")}) == 3
    assert sorted(past.places_taken.values_list("status", flat=True)) == ["absent", "attended", "attended"]

    waiting = upcoming.places_taken.filter(status="waiting").order_by("created_at", "pk").last()
    client.force_login(waiting.user)
    page = client.get(reverse("training:detail", args=[upcoming.partnership.uuid, upcoming.uuid]))
    assert "You are number 2 on the waiting list" in page.content.decode()
