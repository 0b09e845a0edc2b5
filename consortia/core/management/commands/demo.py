"""Load the demo: a carers' dementia advice partnership and a community event.

Everything is created through the services, so the demo has the same events,
memberships and invariants as real use. Emails are suppressed while loading.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from consortia.accounts.models import User
from consortia.core.mail import emails_suppressed
from consortia.organisations import services as org_services
from consortia.organisations.models import Organisation
from consortia.partnerships import services as partnership_services

DEMO_PASSWORD = "consortia-demo"

PEOPLE = {
    "priya": ("priya.shah@carers-centre.example.org", "Priya Shah", "Coordinator, Northshire Carers Centre"),
    "tom": (
        "tom.hughes@carers-centre.example.org",
        "Tom Hughes",
        "Volunteer manager, Northshire Carers Centre",
    ),
    "gareth": (
        "gareth.evans@northshire.example.gov.uk",
        "Gareth Evans",
        "Commissioning officer, Northshire County Council",
    ),
    "ruth": (
        "ruth.adeyemi@dementia-eastbridge.example.org",
        "Ruth Adeyemi",
        "Chair, Eastbridge Dementia Support Group",
    ),
    "anil": (
        "anil.mehta@riverside-gp.example.nhs.uk",
        "Dr Anil Mehta",
        "GP partner, Riverside Medical Practice",
    ),
    "sophie": (
        "sophie.clarke@eastbridge-pharmacy.example.co.uk",
        "Sophie Clarke",
        "Owner, Eastbridge Pharmacy",
    ),
    "dan": ("dan.okoro@northshire-foodbank.example.org", "Dan Okoro", "Manager, Northshire Food Bank"),
    "margaret": (
        "margaret.okafor@example.org",
        "Margaret Okafor",
        "Carer and service-user representative (no organisation)",
    ),
}

ORGANISATIONS = {
    "carers": dict(
        admin="priya",
        name="Northshire Carers Centre",
        kind="charity",
        charity_number="1123456",
        description="Information, advice and breaks for unpaid carers across Northshire.",
        area_served="Northshire",
        website="https://carers-centre.example.org",
        paid_staff=14,
        volunteers=60,
        listed_in_directory=True,
        expertise=["carers' rights", "welfare benefits", "carer's assessments"],
        offers=[
            ("paid_staff", "Two carer support workers, one day a week each"),
            ("premises", "Drop-in advice room in Eastbridge town centre"),
            ("facilitation", "Coordinating partnership meetings and reports"),
        ],
    ),
    "council": dict(
        admin="gareth",
        name="Northshire County Council",
        kind="local_authority",
        description="Adult social care, commissioning and public health for Northshire.",
        area_served="Northshire",
        website="https://northshire.example.gov.uk",
        paid_staff=4200,
        listed_in_directory=True,
        expertise=["social care commissioning", "safeguarding adults"],
        offers=[
            ("funding", "Carers' grant funding, by application"),
            ("data", "Population data on carers and dementia diagnoses"),
        ],
    ),
    "dementia": dict(
        admin="ruth",
        name="Eastbridge Dementia Support Group",
        kind="community_group",
        description="Peer support, memory café and activities for people with dementia and their families.",
        area_served="Eastbridge and villages",
        volunteers=25,
        listed_in_directory=True,
        expertise=["living with dementia", "peer support"],
        offers=[
            ("volunteer_time", "Trained volunteers for memory café sessions"),
            ("access", "Trusted contact with around 120 local families"),
        ],
    ),
    "gp": dict(
        admin="anil",
        name="Riverside Medical Practice",
        kind="health",
        description="NHS GP practice serving 11,000 patients in Eastbridge.",
        area_served="Eastbridge",
        paid_staff=48,
        listed_in_directory=False,
        expertise=["dementia diagnosis", "social prescribing"],
        offers=[("access", "Social prescriber referrals of newly diagnosed patients' carers")],
    ),
    "pharmacy": dict(
        admin="sophie",
        name="Eastbridge Pharmacy",
        kind="business",
        company_number="01234567",
        description="Independent community pharmacy on Eastbridge High Street.",
        area_served="Eastbridge",
        paid_staff=9,
        listed_in_directory=True,
        offers=[
            ("premises", "Consultation room for private advice sessions"),
            ("equipment", "Delivery van and driver on Wednesday afternoons"),
        ],
    ),
    "foodbank": dict(
        admin="dan",
        name="Northshire Food Bank",
        kind="charity",
        charity_number="1187654",
        description="Emergency food parcels and advice referrals across Northshire.",
        area_served="Northshire",
        volunteers=90,
        paid_staff=3,
        listed_in_directory=True,
        expertise=["food poverty", "crisis support"],
        offers=[("volunteer_time", "Volunteer drivers"), ("premises", "Warehouse space")],
    ),
}


class Command(BaseCommand):
    help = "Load the demo partnerships. By default only into an empty database."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing (and succeed) when the database already has organisations.",
        )

    def handle(self, *args, if_empty: bool = False, **options):
        if Organisation.objects.exists() or User.objects.exists():
            if if_empty:
                self.stdout.write("The database already has data; the demo was not loaded.")
                return
            raise CommandError("The database already has data. The demo loads only into an empty database.")
        with emails_suppressed(), transaction.atomic():
            people = self._people()
            orgs = self._organisations(people)
            self._carers_partnership(people, orgs)
            self._event_partnership(people, orgs)
        self._print_logins()

    def _people(self) -> dict[str, User]:
        people = {
            key: User.objects.create_user(email, DEMO_PASSWORD, name=name)
            for key, (email, name, _) in PEOPLE.items()
        }
        User.objects.create_superuser("admin@consortia.example.org", DEMO_PASSWORD, name="Site Administrator")
        return people

    def _organisations(self, people) -> dict[str, Organisation]:
        orgs = {}
        for key, spec in ORGANISATIONS.items():
            spec = dict(spec)
            admin, offers = people[spec.pop("admin")], spec.pop("offers")
            organisation = org_services.organisation_create(actor=admin, **spec)
            for category, description in offers:
                org_services.offer_add(
                    actor=admin, organisation=organisation, category=category, description=description
                )
            orgs[key] = organisation
        # A colleague joins the carers' centre through an invitation.
        invitation = org_services.member_invite(
            actor=people["priya"], organisation=orgs["carers"], email=people["tom"].email, role="member"
        )
        org_services.member_invitation_accept(actor=people["tom"], invitation=invitation)
        return orgs

    def _join(self, partnership, convener, person, organisation, role):
        invitation = partnership_services.partner_invite(
            actor=convener, partnership=partnership, email=person.email, role=role
        )
        return partnership_services.partner_invitation_accept(
            actor=person, invitation=invitation, organisation=organisation
        )

    def _carers_partnership(self, people, orgs):
        priya = people["priya"]
        partnership = partnership_services.partnership_convene(
            actor=priya,
            organisation=orgs["carers"],
            name="Dementia Carers Advice Northshire",
            purpose="Carers of people living with dementia in Northshire get timely, joined-up advice "
            "from one place, so fewer of them reach crisis point.",
        )
        self._join(partnership, priya, people["gareth"], orgs["council"], "core")
        self._join(partnership, priya, people["ruth"], orgs["dementia"], "core")
        self._join(partnership, priya, people["anil"], orgs["gp"], "core")
        self._join(partnership, priya, people["sophie"], orgs["pharmacy"], "associate")
        convener = next(p for p in partnership.partners.all() if p.organisation_id == orgs["carers"].pk)
        partnership_services.representative_add(actor=priya, partner=convener, user=people["tom"])
        invitation = partnership_services.participant_invite(
            actor=priya,
            partnership=partnership,
            email=people["margaret"].email,
            description="Carer and service-user representative",
        )
        partnership_services.participant_invitation_accept(actor=people["margaret"], invitation=invitation)
        partnership_services.partner_invite(
            actor=priya,
            partnership=partnership,
            email="advice@northshire-advice.example.org",
            role="associate",
            message="Would your advisers join our monthly case reviews?",
        )
        partnership_services.partnership_update(
            actor=priya,
            partnership=partnership,
            name=partnership.name,
            purpose=partnership.purpose,
            status="active",
        )

    def _event_partnership(self, people, orgs):
        ruth = people["ruth"]
        partnership = partnership_services.partnership_convene(
            actor=ruth,
            organisation=orgs["dementia"],
            name="Eastbridge Memory Café Summer Fair",
            purpose="People living with dementia and their families enjoy a dementia-friendly summer fair "
            "and find out about local support.",
        )
        self._join(partnership, ruth, people["sophie"], orgs["pharmacy"], "core")
        self._join(partnership, ruth, people["priya"], orgs["carers"], "associate")

    def _print_logins(self):
        self.stdout.write(self.style.SUCCESS("Demo loaded. Sign in at http://127.0.0.1:8000/accounts/login/"))
        self.stdout.write(f"Every demo account's password is: {DEMO_PASSWORD}\n")
        for email, name, role in PEOPLE.values():
            self.stdout.write(f"  {email:<50} {name} — {role}")
        self.stdout.write(f"  {'admin@consortia.example.org':<50} Site administrator (also /admin/)")
        self.stdout.write(
            "Northshire Food Bank is in no partnership yet; Margaret Okafor takes part as an individual."
        )
