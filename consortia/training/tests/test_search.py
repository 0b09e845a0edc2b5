"""Training courses in search (training/search.py): found by title, what the course
covers and where; the index follows each change once it commits."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortia.search import testing
from consortia.search.testing import found
from consortia.training import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return testing.committed(django_capture_on_commit_callbacks)


def test_a_course_is_found_and_follows_its_changes(world, committed):
    admin = world.users["convener_admin"]
    start = timezone.now() + timedelta(days=9)
    course = committed(
        lambda: services.course_create(
            actor=admin,
            partnership=world.partnership,
            partner=world.convener_partner,
            title="Moving and handling",
            description="Safe **hoist** use for home carers.",
            location="Riverside Hall",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            places=8,
        )
    )
    assert found(world.partnership, "hoist", kind="course") == 1
    assert found(world.partnership, "Riverside", kind="course") == 1

    committed(
        lambda: services.course_update(
            actor=admin,
            course=course,
            title="Moving and handling, refresher",
            location="Riverside Hall",
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            places=8,
        )
    )

    assert found(world.partnership, "refresher", kind="course") == 1
