"""factory-boy factories for tests, benchmarks and the demo's bulk data."""

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from consortia.accounts.models import User
from consortia.organisations.models import Membership, Offer, Organisation
from consortia.partnerships.models import Participant, Partner, Partnership, Representative

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    @factory.post_generation
    def email_verified(obj, create, extracted, **kwargs):
        """People have confirmed their address, as after allauth's sign-up; pass
        email_verified=False for someone who has not."""
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.CHARITY
    description = "Supports people in the community."
    area_served = "Northshire"
    listed_in_directory = False


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.MEMBER


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    organisation = factory.SubFactory(OrganisationFactory)
    category = "premises"
    description = "A meeting room for 20 people."


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Partnership {n}")
    purpose = "Carers get joined-up advice in one place."
    status = Partnership.Status.ACTIVE


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Partner.Role.CORE


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    partner = factory.SubFactory(PartnerFactory)
    user = factory.SubFactory(UserFactory)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    partnership = factory.SubFactory(PartnershipFactory)
    user = factory.SubFactory(UserFactory)
    description = "Carer and service-user representative"
    joined_at = factory.LazyFunction(timezone.now)


def partnership_with_partners(n_partners: int, *, n_events: int = 0):
    """A partnership of `n_partners` organisations (the first convenes), each with an
    admin and a second member as representatives, n_partners // 2 individual
    participants and `n_events` events. Returns (partnership, convener's admin).
    For query budgets and benchmarks."""
    from consortia.core.events import event_record

    partnership = PartnershipFactory()
    convener_admin = UserFactory()
    for i in range(n_partners):
        partner = PartnerFactory(partnership=partnership, role="convener" if i == 0 else "core")
        admin = convener_admin if i == 0 else UserFactory()
        MembershipFactory(organisation=partner.organisation, user=admin, role="admin")
        RepresentativeFactory(partner=partner, user=admin)
        RepresentativeFactory(partner=partner, user=MembershipFactory(organisation=partner.organisation).user)
    ParticipantFactory.create_batch(n_partners // 2, partnership=partnership)
    for _ in range(n_events):
        event_record(
            actor=convener_admin, verb="partnership.updated", obj=partnership, partnership=partnership
        )
    return partnership, convener_admin
