"""The agreement in search (agreements/search.py): the draft, the published version and
the one in force, with their objectives; not a version superseded and out of force."""

import pytest
from django.utils import timezone

from consortia.core.factories import AgreementObjectiveFactory, AgreementVersionFactory
from consortia.search import testing
from consortia.search.testing import found

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return testing.committed(django_capture_on_commit_callbacks)


def test_an_objective_changes_its_versions_document(world, committed):
    version = committed(lambda: AgreementVersionFactory(partnership=world.partnership))
    committed(lambda: AgreementObjectiveFactory(version=version, text="Train forty volunteers"))

    assert found(world.partnership, "volunteers", kind="agreement") == 1
    assert found(world.partnership, "openness") == 1  # the version's principles


def test_a_superseded_version_leaves_the_index_once_a_newer_one_is_in_force(world, committed):
    now = timezone.now()
    old = committed(
        lambda: AgreementVersionFactory(
            partnership=world.partnership,
            status="published",
            published_at=now,
            in_force_at=now,
            aims="Old aims",
        )
    )
    assert found(world.partnership, "old aims") == 1

    def supersede():
        old.status = "superseded"
        old.save()
        AgreementVersionFactory(
            partnership=world.partnership, status="published", published_at=now, in_force_at=now, aims="New"
        )

    committed(supersede)

    assert found(world.partnership, "old aims") == 0
    assert found(world.partnership, "new", kind="agreement") == 1
