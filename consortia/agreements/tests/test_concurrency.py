"""Concurrency claims, proved with real threads on real connections (see
consortia/partnerships/tests/test_concurrency.py for how the threads meet)."""

import pytest

from consortia.accounts.models import User
from consortia.agreements import services
from consortia.agreements.models import AgreementVersion, Endorsement
from consortia.core.errors import Conflict
from consortia.core.factories import (
    AgreementVersionFactory,
    MembershipFactory,
    PartnerFactory,
    PartnershipFactory,
    RepresentativeFactory,
)
from consortia.core.models import Event
from consortia.core.testing import one_success_one_conflict, run_at_once
from consortia.partnerships.models import Partner, Partnership

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scene():
    """A partnership with a convener and a core partner whose admin and a second
    representative can both endorse for it, and a draft ready to publish."""
    partnership = PartnershipFactory()
    convener = PartnerFactory(partnership=partnership, role="convener")
    convener_admin = MembershipFactory(organisation=convener.organisation, role="admin").user
    RepresentativeFactory(partner=convener, user=convener_admin)
    core = PartnerFactory(partnership=partnership, role="core")
    core_admin = MembershipFactory(organisation=core.organisation, role="admin").user
    core_rep = MembershipFactory(organisation=core.organisation, role="member").user
    RepresentativeFactory(partner=core, user=core_rep)
    draft = AgreementVersionFactory(partnership=partnership, number=1)
    return partnership, draft, convener_admin, core, core_admin, core_rep


def _loaded(version_pk: int) -> AgreementVersion:
    return AgreementVersion.objects.select_related("partnership").get(pk=version_pk)


def endorse(user_pk: int, version_pk: int, partner_pk: int):
    def prepare():
        actor = User.objects.get(pk=user_pk)
        version = _loaded(version_pk)
        partner = Partner.objects.select_related("organisation").get(pk=partner_pk)
        return lambda: services.agreement_endorse(actor=actor, version=version, partner=partner)

    return prepare


def test_two_people_endorsing_for_the_same_partner_at_once_make_one_endorsement(scene):
    _partnership, draft, convener_admin, core, core_admin, core_rep = scene
    version = services.agreement_publish(actor=convener_admin, version=_loaded(draft.pk))

    results = run_at_once(
        endorse(core_admin.pk, version.pk, core.pk), endorse(core_rep.pk, version.pk, core.pk)
    )

    one_success_one_conflict(results)
    assert Endorsement.objects.filter(version=version, partner=core).count() == 1
    assert Event.objects.filter(verb="agreement.endorsed").count() == 1


def test_the_same_person_clicking_endorse_twice_at_once_makes_one_endorsement(scene):
    _partnership, draft, convener_admin, core, core_admin, _ = scene
    version = services.agreement_publish(actor=convener_admin, version=_loaded(draft.pk))

    one_success_one_conflict(
        run_at_once(endorse(core_admin.pk, version.pk, core.pk), endorse(core_admin.pk, version.pk, core.pk))
    )

    assert Endorsement.objects.filter(version=version).count() == 1


def test_the_last_two_endorsements_at_once_bring_the_version_into_force_once(scene):
    partnership, draft, convener_admin, core, core_admin, _ = scene
    version = services.agreement_publish(actor=convener_admin, version=_loaded(draft.pk))
    convener = partnership.partners.get(role="convener")

    results = run_at_once(
        endorse(core_admin.pk, version.pk, core.pk), endorse(convener_admin.pk, version.pk, convener.pk)
    )

    assert not any(isinstance(r, BaseException) for r in results), results
    version.refresh_from_db()
    assert version.in_force_at is not None
    assert Event.objects.filter(verb="agreement.in_force").count() == 1


def test_publishing_twice_at_once_publishes_once(scene):
    _partnership, draft, convener_admin, *_ = scene

    def publish():
        actor = User.objects.get(pk=convener_admin.pk)
        version = _loaded(draft.pk)
        return lambda: services.agreement_publish(actor=actor, version=version)

    one_success_one_conflict(run_at_once(publish, publish))

    assert Event.objects.filter(verb="agreement.published").count() == 1


def test_an_endorsement_racing_the_next_publication_stays_with_its_version(scene):
    """The core partner endorses version 1 as the convener publishes version 2: either
    the endorsement lands on version 1 before it is superseded, or it is refused."""
    partnership, draft, convener_admin, core, core_admin, _ = scene
    first = services.agreement_publish(actor=convener_admin, version=_loaded(draft.pk))
    second = AgreementVersionFactory(partnership=partnership, number=2)

    def publish():
        actor = User.objects.get(pk=convener_admin.pk)
        version = _loaded(second.pk)
        return lambda: services.agreement_publish(actor=actor, version=version)

    results = run_at_once(endorse(core_admin.pk, first.pk, core.pk), publish)

    assert isinstance(results[1], AgreementVersion), results
    first.refresh_from_db()
    assert first.status == "superseded"
    if isinstance(results[0], BaseException):
        assert isinstance(results[0], Conflict), results
        assert not Endorsement.objects.exists()
    else:
        assert list(Endorsement.objects.values_list("version_id", flat=True)) == [first.pk]
    assert (
        Partnership.objects.get(pk=partnership.pk).agreement_versions.filter(status="published").get()
        == second
    )
