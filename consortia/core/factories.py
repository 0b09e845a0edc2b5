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
