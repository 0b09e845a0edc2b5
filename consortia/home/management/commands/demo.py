"""Load the demo: a carers' dementia advice partnership and a community event.

Everything is created through the services, so the demo has the same events,
memberships and invariants as real use. Emails are suppressed while loading.
"""

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from allauth.account.models import EmailAddress
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from consortia.accounts.models import User
from consortia.agreements import services as agreement_services
from consortia.canvas import services as canvas_services
from consortia.core.mail import emails_suppressed
from consortia.decisions import services as decision_services
from consortia.fund import services as fund_services
from consortia.groups import services as group_services
from consortia.home.demo_history import history_seed
from consortia.meetings import services as meeting_services
from consortia.organisations import services as org_services
from consortia.organisations.models import Organisation
from consortia.partnerships import services as partnership_services
from consortia.threads import services as thread_services

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

ORGANISATIONS: dict[str, dict[str, Any]] = {
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
            carers = self._carers_partnership(people, orgs)
            self._carers_canvas(people, carers)
            self._carers_agreement(people, carers)
            self._carers_decisions(people, carers)
            self._carers_threads(people, carers)
            self._carers_groups(people, carers)
            self._carers_meetings(people, carers)
            self._event_partnership(people, orgs)
            self._notification_choices(people, carers)
            self._demo_contributions(people, carers)
            self._demo_assets(people, carers)
            self._demo_training(people, carers)
            self._demo_fund(people, carers)
            self._demo_progress(people, carers)
            self._demo_health(people, carers)
            self._demo_activity(people, carers)
            self._demo_working_profiles(people, orgs)
            self._demo_glossary(people, carers)
            self._demo_expertise(people, carers)
            self._demo_exchanges(people, carers)
            self._demo_learning(people, carers)
            self._demo_questions(people, carers)
            self._demo_library(people, carers)
            self._demo_matching(people, carers)
        self._print_logins()

    def _people(self) -> dict[str, User]:
        people = {
            key: User.objects.create_user(email, DEMO_PASSWORD, name=name)
            for key, (email, name, _) in PEOPLE.items()
        }
        admin = User.objects.create_superuser(
            "admin@consortia.example.org", DEMO_PASSWORD, name="Site Administrator"
        )
        # Sign-in needs a confirmed address (ACCOUNT_EMAIL_VERIFICATION): demo people
        # have confirmed theirs, as they would have after signing up.
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in [*people.values(), admin]
        )
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
        return partnership

    def _carers_canvas(self, people, partnership):
        """The three questions answered: two outcomes with indicators, needs of which
        two find no pledge (training places, a shared referral system), and pledges
        dominated by the council's funding."""
        today = timezone.localdate()
        partners = {p.organisation.name: p for p in partnership.partners.select_related("organisation")}
        council, centre = partners["Northshire County Council"], partners["Northshire Carers Centre"]
        group, gp = partners["Eastbridge Dementia Support Group"], partners["Riverside Medical Practice"]
        pharmacy = partners["Eastbridge Pharmacy"]
        priya = people["priya"]
        canvas_services.canvas_purpose_update(
            actor=priya,
            partnership=partnership,
            purpose=partnership.purpose,
            beneficiaries="Unpaid carers of people living with dementia across Northshire, and the people "
            "they care for.",
            why_together="No one organisation sees the whole picture: the council funds and assesses, the GP "
            "practice diagnoses, the carers' centre advises and the dementia group offers peer "
            "support. Together we can give carers one front door.",
            area="Northshire",
        )
        advice = canvas_services.outcome_add(
            actor=priya,
            partnership=partnership,
            statement="Carers get the right advice within a week of asking",
        )
        crisis = canvas_services.outcome_add(
            actor=priya, partnership=partnership, statement="Fewer carers reach crisis point"
        )
        year = today + timedelta(days=365)
        for outcome, question, name, unit, baseline, target in (
            (advice, "how_much", "Carers given advice", "carers", 180, 400),
            (advice, "how_well", "Advice given within 7 days of first contact", "%", 45, 85),
            (advice, "better_off", "Carers who feel more confident in their caring role", "%", None, 70),
            (crisis, "better_off", "Emergency admissions after a carer breakdown", "admissions", 36, 20),
        ):
            canvas_services.indicator_add(
                actor=priya,
                outcome=outcome,
                question=question,
                name=name,
                unit=unit,
                baseline=None if baseline is None else Decimal(baseline),
                target=Decimal(target),
                target_date=year,
            )
        needs = {}
        for key, category, description, quantity, unit, priority, outcomes in (
            (
                "salary",
                "funding",
                "Salary for a full-time dementia carers' adviser",
                40000,
                "gbp",
                "essential",
                [advice],
            ),
            (
                "advice",
                "paid_staff",
                "Advice sessions by experienced carer support workers",
                300,
                "hours",
                "essential",
                [advice],
            ),
            (
                "space",
                "premises",
                "A private drop-in room in Eastbridge",
                48,
                "sessions",
                "important",
                [advice],
            ),
            (
                "training",
                "training",
                "Dementia awareness training for advisers and volunteers",
                20,
                "places",
                "important",
                [advice, crisis],
            ),
            (
                "befriending",
                "volunteer_time",
                "Volunteer befrienders for carers at risk of crisis",
                400,
                "hours",
                "important",
                [crisis],
            ),
            (
                "referrals",
                "digital",
                "A secure shared referral system between partners",
                1,
                "items",
                "useful",
                [advice],
            ),
        ):
            needs[key] = canvas_services.need_add(
                actor=priya,
                partnership=partnership,
                category=category,
                description=description,
                quantity=Decimal(quantity),
                unit=unit,
                needed_by=today + timedelta(days=120),
                priority=priority,
                outcomes=outcomes,
            )
        for person, partner, need, category, description, quantity, unit, value, availability in (
            (
                "gareth",
                council,
                "salary",
                "funding",
                "Carers' grant for the adviser post",
                40000,
                "gbp",
                40000,
                "For the first year, from April",
            ),
            (
                "gareth",
                council,
                None,
                "data",
                "Population data on carers and dementia diagnoses",
                4,
                "items",
                2000,
                "Quarterly",
            ),
            (
                "priya",
                centre,
                "advice",
                "paid_staff",
                "Two carer support workers, one day a week each",
                200,
                "hours",
                5000,
                "Tuesdays and Thursdays",
            ),
            (
                "priya",
                centre,
                "space",
                "premises",
                "Drop-in advice room in Eastbridge town centre",
                48,
                "sessions",
                2400,
                "Weekly, Wednesday mornings",
            ),
            (
                "ruth",
                group,
                "befriending",
                "volunteer_time",
                "Trained volunteers from the memory café",
                150,
                "hours",
                1800,
                "Evenings and weekends",
            ),
            (
                "anil",
                gp,
                None,
                "access",
                "Social prescriber referrals of newly diagnosed patients' carers",
                60,
                "people",
                900,
                "From diagnosis",
            ),
            (
                "sophie",
                pharmacy,
                "space",
                "premises",
                "Consultation room for private advice",
                12,
                "sessions",
                300,
                "Monday afternoons",
            ),
        ):
            canvas_services.pledge_add(
                actor=people[person],
                partner=partner,
                need=needs[need] if need else None,
                category=category,
                description=description,
                quantity=Decimal(quantity),
                unit=unit,
                value_gbp=Decimal(value),
                availability=availability,
            )
        for person, partner, wants in (
            ("gareth", council, "Evidence for the carers' strategy, and fewer emergency placements."),
            (
                "priya",
                centre,
                "To reach the carers we do not see today, especially newly diagnosed families.",
            ),
            ("ruth", group, "More families at the memory café, and training for our volunteers."),
            ("anil", gp, "Somewhere to refer carers the same week we diagnose."),
        ):
            canvas_services.partner_statement_set(actor=people[person], partner=partner, wants=wants)
        canvas_services.canvas_step_mark(actor=priya, partnership=partnership, step="purpose", completed=True)
        canvas_services.canvas_step_mark(
            actor=priya, partnership=partnership, step="outcomes", completed=True
        )
        canvas_services.canvas_comment_add(
            actor=people["margaret"],
            partnership=partnership,
            step="needs",
            body="Please keep some evening drop-ins: many of us care during the day.",
        )

    def _carers_agreement(self, people, partnership):
        """Version 1 published; the convener and the council have endorsed it, the
        dementia group and the GP practice have not yet."""
        today = timezone.localdate()
        priya = people["priya"]
        partners = {p.organisation.name: p for p in partnership.partners.select_related("organisation")}
        draft = agreement_services.agreement_draft_start(actor=priya, partnership=partnership)
        agreement_services.agreement_draft_update(
            actor=priya,
            version=draft,
            vision="Every carer of a person with dementia in Northshire knows where to turn, and gets "
            "joined-up advice before they reach crisis point.",
            aims="One front door for carers' advice; advice within a week; fewer carer breakdowns.",
            principles="Carers' voices first; openness about money and data; equal say for small partners; "
            "mutual benefit.",
            meeting_rhythm="Monthly, second Tuesday, alternating online and at the Carers Centre",
            decision_rule="consent_core",
            quorum_percent=60,
            spending_threshold_gbp=Decimal("500"),
            spending_approvals=2,
            review_date=today + timedelta(days=180),
            joining_and_leaving="New partners join by invitation with the consent of core partners. A partner "
            "leaving gives three months' notice and hands over any carers it supports.",
        )
        agreement_services.agreement_objective_add(
            actor=priya,
            version=draft,
            text="Open the shared carers' advice drop-in in Eastbridge",
            measure="Drop-in open weekly",
            owner=partners["Northshire Carers Centre"],
            due=today + timedelta(days=90),
        )
        agreement_services.agreement_objective_add(
            actor=priya,
            version=draft,
            text="Agree a referral route from diagnosis to advice",
            measure="Referral route used by the GP practice",
            owner=partners["Riverside Medical Practice"],
            due=today + timedelta(days=120),
        )
        for name, responsibilities in (
            (
                "Northshire Carers Centre",
                "Convenes the partnership, runs the drop-in and reports to funders.",
            ),
            ("Northshire County Council", "Funds the adviser post and shares population data."),
            ("Eastbridge Dementia Support Group", "Recruits and supports volunteer befrienders."),
            ("Riverside Medical Practice", "Refers carers at diagnosis."),
        ):
            agreement_services.agreement_role_set(
                actor=priya, version=draft, partner=partners[name], responsibilities=responsibilities
            )
        version = agreement_services.agreement_publish(actor=priya, version=draft)
        agreement_services.agreement_endorse(
            actor=priya, version=version, partner=partners["Northshire Carers Centre"]
        )
        agreement_services.agreement_endorse(
            actor=people["gareth"], version=version, partner=partners["Northshire County Council"]
        )

    def _carers_decisions(self, people, partnership):
        """A decided poll in the decision log, and an open one-organisation-one-vote
        consent proposal with an objection."""
        now = timezone.now()
        partners = {p.organisation.name: p for p in partnership.partners.select_related("organisation")}
        priya = people["priya"]
        name = decision_services.poll_open(
            actor=priya,
            partnership=partnership,
            kind="poll",
            title="What should we call the joined-up service?",
            options=["Carers' Front Door", "Dementia Carers Hub", "One Call for Carers"],
            electorate="everyone",
            basis="person",
            closes_at=now + timedelta(days=1),
        )
        keys = list(name.options.values_list("key", flat=True))
        for person, key in (("priya", 0), ("gareth", 0), ("ruth", 1), ("anil", 0), ("margaret", 2)):
            decision_services.vote_cast(actor=people[person], poll=name, choice=[keys[key]])
        decision_services.poll_close(actor=priya, poll=name)
        decision_services.poll_outcome_write(
            actor=priya,
            poll=name,
            outcome="The service will be called Carers' Front Door (3 of 5 votes, including the council and "
            "the GP practice).",
        )
        drop_in = decision_services.poll_open(
            actor=priya,
            partnership=partnership,
            kind="consent",
            title="Run the Eastbridge drop-in on Wednesday evenings as well as mornings",
            details="Margaret asked for evening sessions for carers who work or care during the day. The "
            "Carers Centre would staff them from its pledged hours.",
            electorate="partners",
            basis="organisation",
            closes_at=now + timedelta(days=7),
        )
        for person, partner, choice, reason in (
            ("priya", "Northshire Carers Centre", "consent", ""),
            ("gareth", "Northshire County Council", "consent", "Fits the carers' strategy."),
            (
                "ruth",
                "Eastbridge Dementia Support Group",
                "objection",
                "Our volunteers cannot cover evenings until the new befrienders are trained in spring.",
            ),
        ):
            decision_services.vote_cast(
                actor=people[person], poll=drop_in, choice=[choice], reason=reason, partner=partners[partner]
            )

    def _carers_threads(self, people, partnership):
        """A pinned announcement, a thread with an @mention of a partner organisation
        (its representative replies, then edits the reply: its history shows), and
        the open drop-in proposal's discussion."""
        gp = next(p for p in partnership.partners.select_related("organisation") if p.role == "core"
                  and p.organisation.name.startswith("Riverside"))  # fmt: skip
        welcome = thread_services.thread_start(
            actor=people["priya"],
            partnership=partnership,
            title="Welcome: how we use these threads",
            body="Post here instead of long email chains. Mention a person with @ and their name, or a "
            "whole partner organisation, such as @[Northshire County Council], and they will be told.\n\n"
            "Monthly meeting notes go in the **Meetings** thread.",
        )
        thread_services.thread_pin(actor=people["priya"], thread=welcome, pinned=True)
        referrals = thread_services.thread_start(
            actor=people["ruth"],
            partnership=partnership,
            title="Referrals from the surgeries to the drop-in",
            body=f"@[{gp.organisation.name}] could your reception staff hand out the drop-in leaflet to "
            "carers who come in with a patient living with dementia?\n\n- Tuesdays and Thursdays\n- "
            "Eastbridge library, 10am to noon\n\nThe leaflet's text is attached.",
            attachment=SimpleUploadedFile(
                "Drop-in leaflet.txt",
                b"Worried about someone living with dementia? Come to the carers' drop-in at Eastbridge "
                b"library, Tuesdays and Thursdays, 10am to noon. No appointment needed.\n",
            ),
        )
        reply = thread_services.thread_reply(
            actor=people["anil"],
            thread=referrals,
            body="Yes. We can also add a line to the annual dementia review letter.",
        )
        thread_services.post_edit(
            actor=people["anil"],
            post=reply,
            body="Yes, from next month. We can also add a line to the annual dementia review letter, "
            "@Ruth Adeyemi.",
        )
        thread_services.thread_reply(
            actor=people["margaret"], thread=referrals, body="A leaflet would have helped me two years ago."
        )
        drop_in = partnership.polls.filter(kind="consent").first()
        if drop_in is not None:
            thread_services.thread_start(
                actor=people["gareth"],
                partnership=partnership,
                title="Evening drop-in: how to cover the volunteers",
                body="The council could fund two sessional workers until the befrienders are trained.",
                poll=drop_in,
            )

    def _carers_groups(self, people, partnership):
        """Two working groups: "Referral pathway", open, led by the GP practice with the
        carers' centre and the carer representative, and "Training", closed, led by
        the dementia support group, which added the pharmacy's lead."""
        referral = group_services.group_create(
            actor=people["priya"],
            partnership=partnership,
            name="Referral pathway",
            purpose="One route from a dementia diagnosis to carers' advice within a week: "
            "a shared referral form, who sends it and who answers.",
            lead=people["anil"],
        )
        group_services.group_join(actor=people["tom"], group=referral)
        group_services.group_join(actor=people["margaret"], group=referral)
        training = group_services.group_create(
            actor=people["ruth"],
            partnership=partnership,
            name="Training",
            purpose="Dementia awareness training for the partners' front-line staff and volunteers.",
            is_open=False,
        )
        group_services.group_member_add(actor=people["ruth"], group=training, user=people["sophie"])

    def _carers_meetings(self, people, partnership):
        """Last month's partnership meeting, with its minutes published (a decision
        linked to the naming poll, an item not reached) and two actions from it, one
        done and one overdue; and the next meeting on the agreement's rhythm (the
        second Tuesday), scheduled with the default agenda, into which the overdue
        action and the item not reached carry over."""
        from zoneinfo import ZoneInfo

        from consortia.actions.services import action_done
        from consortia.meetings.models import Meeting
        from consortia.meetings.rhythm import Rhythm, next_date
        from consortia.meetings.selectors import suggested_next

        london = ZoneInfo("Europe/London")
        second_tuesday = Rhythm("month", 1, weekday=1, ordinal=2)
        today = timezone.localdate()
        day = next_date(second_tuesday, today.replace(day=1) - timedelta(days=62))
        while next_date(second_tuesday, day) < today - timedelta(days=7):
            day = next_date(second_tuesday, day)
        starts = datetime(day.year, day.month, day.day, 10, 0, tzinfo=london)
        priya, tom = people["priya"], people["tom"]
        past = meeting_services.meeting_schedule(
            actor=priya,
            partnership=partnership,
            title="Partnership meeting",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            place="Northshire Carers Centre, meeting room 2",
            chair=priya,
            note_taker=tom,
            send_invitations=False,
        )
        rota = meeting_services.agenda_item_add(
            actor=priya,
            meeting=past,
            title="Volunteer rota for the evening drop-in",
            owner=tom,
            duration_minutes=10,
        )
        meeting_services.agenda_item_change(
            actor=priya, item=rota, title=rota.title, owner=tom, duration_minutes=10, not_reached=True
        )
        attended = ["priya", "tom", "gareth", "ruth", "anil"]
        meeting_services.attendance_record(
            actor=tom,
            meeting=past,
            statuses={people[k].pk: "attended" for k in attended} | {people["margaret"].pk: "apologies"},
        )
        meeting_services.minutes_save(
            actor=tom,
            meeting=past,
            minutes="## Progress on our outcomes\n\nThe drop-in saw 14 carers in its first month; "
            "three were referred by the surgeries.\n\n## Needs still uncovered\n\nA room for Saturday "
            "sessions: the food bank will ask its landlord.\n\n## Any other business\n\nThe volunteer "
            "rota was not reached and moves to the next meeting.",
        )
        named = partnership.polls.exclude(outcome="").first()
        if named is not None:
            meeting_services.decision_add(
                actor=tom, meeting=past, text="The joined-up service is called Carers' Front Door", poll=named
            )
        leaflets = meeting_services.meeting_action_add(
            actor=tom,
            meeting=past,
            title="Print 500 drop-in leaflets",
            owner_user=tom,
            due=day + timedelta(days=7),
        ).action
        meeting_services.meeting_action_add(
            actor=tom,
            meeting=past,
            title="Add the drop-in to the dementia review letter",
            owner_user=people["anil"],
            due=today - timedelta(days=5),
        )
        action_done(tom, leaflets)
        meeting_services.minutes_open(actor=tom, meeting=past, days=5)
        # The window for corrections closed days ago in the demo's story.
        Meeting.objects.filter(pk=past.pk).update(corrections_until=timezone.now() - timedelta(days=1))
        past.refresh_from_db()
        meeting_services.minutes_publish(actor=tom, meeting=past)
        suggestion = suggested_next(partnership)
        following = suggestion.starts_at if suggestion else starts + timedelta(weeks=4)
        meeting_services.meeting_schedule(
            actor=priya,
            partnership=partnership,
            title="Partnership meeting",
            starts_at=following,
            ends_at=following + timedelta(hours=2),
            place="Online",
            video_url="https://meet.example.org/northshire-carers",
            chair=priya,
            note_taker=tom,
            send_invitations=False,
        )

    def _demo_training(self, people, partnership):
        """Training places: the dementia support group's awareness course in three weeks,
        three places with one kept for the council until a week before, booked by the
        council, the surgery and the pharmacy, and the carers' centre's two on the
        waiting list; and last month's safeguarding course by the carers' centre, its
        attendance recorded (two attended, one absent)."""
        from zoneinfo import ZoneInfo

        from consortia.partnerships.rules import active_partners
        from consortia.training import services as training
        from consortia.training.models import Course

        london = ZoneInfo("Europe/London")
        by_org = {p.organisation.name: p for p in active_partners(partnership)}
        day = timezone.localdate() + timedelta(days=21)
        starts = datetime(day.year, day.month, day.day, 9, 30, tzinfo=london)
        dementia = next(p for name, p in by_org.items() if "Dementia" in name)
        council = next(p for name, p in by_org.items() if "Council" in name)
        awareness = training.course_create(
            actor=people["ruth"],
            partnership=partnership,
            partner=dementia,
            title="Dementia awareness for front-line staff",
            description="What dementia is, how it changes over time, and how to talk with someone "
            "living with it and with their carer. **Half a day**, with a short workbook.",
            location="Eastbridge Community Hall",
            starts_at=starts,
            ends_at=starts + timedelta(hours=3, minutes=30),
            places=3,
            quotas={council: 1},
            release_at=starts - timedelta(days=7),
        )
        for who in ("gareth", "anil", "sophie", "priya", "tom"):  # the last two wait
            training.place_book(actor=people[who], course=awareness)

        carers = next(p for p in by_org.values() if p.role == "convener")
        day = timezone.localdate() + timedelta(days=1)
        starts = datetime(day.year, day.month, day.day, 13, 0, tzinfo=london)
        safeguarding = training.course_create(
            actor=people["priya"],
            partnership=partnership,
            partner=carers,
            title="Safeguarding adults at risk, level 1",
            location="Northshire Carers Centre, meeting room 2",
            online=True,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            places=8,
        )
        places = [
            training.place_book(actor=people[who], course=safeguarding) for who in ("gareth", "ruth", "anil")
        ]
        # It took place last month: move it there, as a course cannot be offered in the past.
        held = timezone.now() - timedelta(days=30)
        Course.objects.filter(pk=safeguarding.pk).update(starts_at=held, ends_at=held + timedelta(hours=2))
        safeguarding.refresh_from_db()
        training.attendance_record(
            actor=people["priya"],
            course=safeguarding,
            statuses={places[0].pk: "attended", places[1].pk: "attended", places[2].pk: "absent"},
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

    def _notification_choices(self, people, partnership):
        """Email choices for notifications: one person takes a daily digest, another
        every message (the rest keep the default, mentions and what is theirs). The
        inboxes fill from the demo's events once it commits (notifications/tasks.py)."""
        from consortia.notifications.services import preference_set

        preference_set(actor=people["gareth"], partnership=partnership, email="digest")
        preference_set(actor=people["priya"], partnership=partnership, email="all")

    def _demo_contributions(self, people, partnership):
        """The contributions ledger: a rate card set a year ago, entries delivered against
        most pledges (by each partner's own admin), the GP practice's referrals pledge
        past its date and short (overdue), and one entry reversed with its reason and
        recorded again correctly."""
        from consortia.canvas.models import Pledge
        from consortia.contributions import services as ledger

        today = timezone.localdate()
        priya = people["priya"]
        for category, unit, rate in (
            ("volunteer_time", "hours", "12.50"),
            ("premises", "sessions", "40"),
            ("premises", "hours", "25"),
            ("equipment", "hours", "15"),
            ("training", "places", "120"),
            ("paid_staff", "hours", "30"),
        ):
            ledger.rate_set(
                actor=priya,
                partnership=partnership,
                category=category,
                unit=unit,
                rate_gbp=Decimal(rate),
                valid_from=today - timedelta(days=365),
            )
        pledges = {
            p.description: p for p in Pledge.objects.filter(partnership=partnership).select_related("partner")
        }
        referrals = pledges["Social prescriber referrals of newly diagnosed patients' carers"]
        canvas_services.pledge_update(
            actor=people["anil"],
            pledge=referrals,
            need=referrals.need,
            category=referrals.category,
            description=referrals.description,
            quantity=referrals.quantity,
            unit=referrals.unit,
            value_gbp=referrals.value_gbp,
            availability=referrals.availability,
            expected_by=today - timedelta(days=14),
        )

        def record(person, description, quantity, days_ago, note):
            pledge = pledges[description]
            return ledger.entry_record(
                actor=people[person],
                partnership=partnership,
                partner=pledge.partner,
                category=pledge.category,
                unit=pledge.unit,
                quantity=Decimal(quantity),
                on=today - timedelta(days=days_ago),
                note=note,
                pledge=pledge,
            )

        record(
            "gareth", "Carers' grant for the adviser post", "10000", 80, "First quarter of the carers' grant"
        )
        record(
            "gareth", "Population data on carers and dementia diagnoses", "1", 60, "Quarterly data extract"
        )
        for days_ago in (70, 42, 14):
            record(
                "priya", "Two carer support workers, one day a week each", "16", days_ago, "Two days' advice"
            )
        record("priya", "Drop-in advice room in Eastbridge town centre", "12", 30, "Wednesday drop-ins")
        record("ruth", "Trained volunteers from the memory café", "24", 50, "Befriending visits")
        wrong = record("ruth", "Trained volunteers from the memory café", "180", 21, "Evening sessions")
        ledger.entry_reverse(
            actor=priya, entry=wrong, reason="Typed 180 hours for 18: the evening sessions were 18 hours."
        )
        record("ruth", "Trained volunteers from the memory café", "18", 21, "Evening sessions")
        record(
            "anil", "Social prescriber referrals of newly diagnosed patients' carers", "18", 35, "Referrals"
        )
        record("sophie", "Consultation room for private advice", "4", 28, "Monday afternoon advice")

    def _print_logins(self):
        self.stdout.write(self.style.SUCCESS("Demo loaded. Sign in at http://127.0.0.1:8000/accounts/login/"))
        self.stdout.write(f"Every demo account's password is: {DEMO_PASSWORD}\n")
        for email, name, role in PEOPLE.values():
            self.stdout.write(f"  {email:<50} {name} — {role}")
        self.stdout.write(f"  {'admin@consortia.example.org':<50} Site administrator (also /admin/)")
        self.stdout.write(
            "Northshire Food Bank is in no partnership yet; Margaret Okafor takes part as an individual."
        )

    # --- shared assets (issue 11) ------------------------------------------------------------

    def _demo_assets(self, people, partnership):
        """The pharmacy's consultation room (the pharmacy approves each booking) and the
        carers centre's minibus (approved automatically), with bookings delivered in
        the last fortnight (written as history: the services take no booking in the
        past) and counted in the contributions ledger by the hourly job, run here once
        (at the rate card in force then: call this after the ledger's demo sets it), and
        bookings to come, one of them waiting for the pharmacy's approval."""
        from zoneinfo import ZoneInfo

        from consortia.assets import services as asset_services
        from consortia.assets.models import Booking

        london = ZoneInfo("Europe/London")
        partners = {p.organisation.name: p for p in partnership.partners.select_related("organisation")}
        pharmacy, centre = partners["Eastbridge Pharmacy"], partners["Northshire Carers Centre"]
        room = asset_services.asset_create(
            actor=people["sophie"],
            partnership=partnership,
            owner=pharmacy,
            name="Consultation room",
            kind="room",
            location="Eastbridge Pharmacy, 4 High Street, Eastbridge",
            capacity=3,
            rules="Private conversations only. Ask at the counter for the key; leave the room as you found it.",
            open_days=31,
            opens_at=datetime.min.time().replace(hour=9),
            closes_at=datetime.min.time().replace(hour=17, minute=30),
            approval_required=True,
        )
        minibus = asset_services.asset_create(
            actor=people["priya"],
            partnership=partnership,
            owner=centre,
            name="Minibus",
            kind="vehicle",
            location="Northshire Carers Centre car park",
            capacity=12,
            rules="Drivers need a D1 licence or a MiDAS certificate. Return it with a full tank.",
            open_days=127,
            opens_at=datetime.min.time().replace(hour=7),
            closes_at=datetime.min.time().replace(hour=21),
            approval_required=False,
        )

        def weekday(days: int, hour: int) -> datetime:
            day = timezone.localdate() + timedelta(days=days)
            while day.weekday() >= 5:
                day += timedelta(days=1 if days >= 0 else -1)
            return datetime(day.year, day.month, day.day, hour, tzinfo=london)

        # Delivered: history, as the services would have left it.
        for asset, person, partner, start, hours, purpose in [
            (
                room,
                people["anil"],
                partners["Riverside Medical Practice"],
                weekday(-12, 10),
                2,
                "Carers' health checks",
            ),
            (room, people["priya"], centre, weekday(-5, 14), 3, "Advice clinic in Eastbridge"),
            (
                minibus,
                people["ruth"],
                partners["Eastbridge Dementia Support Group"],
                weekday(-8, 9),
                6,
                "Memory café outing",
            ),
        ]:
            Booking.objects.create(
                asset=asset,
                partnership=partnership,
                booked_by=person,
                partner=partner,
                start=start,
                end=start + timedelta(hours=hours),
                purpose=purpose,
                status=Booking.Status.APPROVED,
                decided_by=people["sophie"] if asset == room else None,
                decided_at=start - timedelta(days=3),
            )
        # To come: through the services.
        for asset, person, start, hours, purpose in [
            (minibus, people["gareth"], weekday(6, 9), 4, "Carers' assessment home visits"),
            (room, people["priya"], weekday(8, 10), 2, "Advice clinic in Eastbridge"),
            (room, people["ruth"], weekday(9, 13), 2, "Peer support for newly diagnosed families"),
        ]:
            booking = asset_services.booking_create(
                actor=person, asset=asset, start=start, end=start + timedelta(hours=hours), purpose=purpose
            )
            if asset == room and person == people["priya"]:
                asset_services.booking_approve(actor=people["sophie"], booking=booking)
        asset_services.bookings_count_delivered.call()

    def _demo_fund(self, people, partnership):
        """The pooled fund: the council as fiscal host, a lottery grant received, a
        budget of two lines for the canvas's two outcomes; the dementia group's room
        hire approved by the carers' centre and the GP practice and paid by the council,
        and the pharmacy's leaflets waiting for a second approval."""
        partners = {p.organisation.name: p for p in partnership.partners.select_related("organisation")}
        priya, gareth = people["priya"], people["gareth"]
        fund = fund_services.fund_set_up(
            actor=priya, partnership=partnership, host=partners["Northshire County Council"]
        )
        fund_services.income_record(
            actor=gareth,
            fund=fund,
            kind="grant",
            amount="12000",
            description="Awards for All grant, first instalment",
            payer="National Lottery Community Fund",
            on=timezone.localdate() - timedelta(days=40),
        )
        outcomes = {o.statement: o for o in partnership.outcomes.all()}
        advice = fund_services.budget_line_create(
            actor=priya,
            fund=fund,
            name="Advice drop-in sessions",
            amount="7000",
            outcome=outcomes.get("Carers get the right advice within a week of asking"),
        )
        fund_services.budget_line_create(
            actor=priya,
            fund=fund,
            name="Carers' breaks before crisis",
            amount="5000",
            outcome=outcomes.get("Fewer carers reach crisis point"),
        )
        dementia, pharmacy = partners["Eastbridge Dementia Support Group"], partners["Eastbridge Pharmacy"]
        hire = fund_services.spending_request_create(
            actor=people["ruth"],
            fund=fund,
            requesting_partner=dementia,
            budget_line=advice,
            payee="St Mark's Church Hall",
            description="Room hire for the monthly carers' drop-in, January to March.",
            amount="240.00",
            vat="40.00",
        )
        fund_services.spending_request_submit(actor=people["ruth"], spending=hire)
        fund_services.spending_request_approve(
            actor=priya, spending=hire, partner=partners["Northshire Carers Centre"]
        )
        fund_services.spending_request_approve(
            actor=people["anil"], spending=hire, partner=partners["Riverside Medical Practice"]
        )
        fund_services.spending_request_pay(actor=gareth, spending=hire)
        leaflets = fund_services.spending_request_create(
            actor=people["sophie"],
            fund=fund,
            requesting_partner=pharmacy,
            budget_line=advice,
            payee="Eastbridge Print Co",
            description="500 leaflets about the drop-in for the pharmacy counter and the surgery.",
            amount="180.00",
            vat="30.00",
        )
        fund_services.spending_request_submit(actor=people["sophie"], spending=leaflets)
        fund_services.spending_request_approve(
            actor=priya, spending=leaflets, partner=partners["Northshire Carers Centre"]
        )

    def _demo_progress(self, people, partnership):
        """Six months of monthly measurements of the canvas's four indicators, recorded
        by the partners who hold the figures: advice given and carers' confidence on
        track, advice within a week at risk (a little behind its line), and emergency
        admissions off track (not falling). The canvas is dated half a year back, so
        each indicator's line starts then (a demo has no history of its own)."""
        from consortia.canvas.models import Indicator
        from consortia.progress import services as progress_services

        today = timezone.localdate()
        Indicator.objects.filter(outcome__partnership=partnership).update(
            created_at=timezone.now() - timedelta(days=195)
        )
        indicators = {i.name: i for i in Indicator.objects.filter(outcome__partnership=partnership)}
        for name, who, source, values in (
            ("Carers given advice", "priya", "Carers' centre case records", [190, 205, 220, 232, 248, 265]),
            (
                "Advice given within 7 days of first contact",
                "priya",
                "Carers' centre case records",
                [46, 48, 51, 53, 55, 56.5],
            ),
            (
                "Carers who feel more confident in their caring role",
                "ruth",
                "Monthly carers' feedback cards",
                [38, 40, 43, 45, 48, 52],
            ),
            (
                "Emergency admissions after a carer breakdown",
                "anil",
                "Practice records of admissions, shared monthly",
                [37, 35, 36, 38, 37, 36],
            ),
        ):
            for months_ago, value in zip(range(5, -1, -1), values, strict=True):
                progress_services.measurement_record(
                    actor=people[who],
                    partnership=partnership,
                    indicator=indicators[name],
                    on=today - timedelta(days=30 * months_ago),
                    value=Decimal(str(value)),
                    source=source,
                    note="Winter pressures: two admissions in one week."
                    if value == 38 and who == "anil"
                    else "",
                )

    def _demo_health(self, people, partnership):
        """Two health checks, both closed: one six months ago and the latest, answered
        by ten people (two colleagues join the council and one the carers' centre,
        so those two organisations pass the threshold of three on their own). Trust
        is borderline and slipping, worth discussing; the rest are mostly strengths.
        The partners rate each other they worked with; the pharmacy, rated by two,
        shows "too few ratings"."""
        from consortia.health import services as health_services
        from consortia.health.models import Round
        from consortia.health.questions import FACTORS

        colleagues = {
            "council": [
                ("helen.moss@northshire.example.gov.uk", "Helen Moss"),
                ("joe.park@northshire.example.gov.uk", "Joe Park"),
            ],
            "carers": [("amina.begum@carers-centre.example.org", "Amina Begum")],
        }
        by_name = {p.organisation.name: p for p in partnership.partners.select_related("organisation")}
        admins = {"council": people["gareth"], "carers": people["priya"]}
        orgs = {
            "council": by_name["Northshire County Council"].organisation,
            "carers": by_name["Northshire Carers Centre"].organisation,
        }
        joined = []
        for key, names in colleagues.items():
            for email, name in names:
                user = User.objects.create_user(email, DEMO_PASSWORD, name=name)
                EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
                invitation = org_services.member_invite(
                    actor=admins[key], organisation=orgs[key], email=email, role="member"
                )
                org_services.member_invitation_accept(actor=user, invitation=invitation)
                joined.append(user)
        answering = [
            people[k] for k in ("priya", "tom", "gareth", "ruth", "anil", "sophie", "margaret")
        ] + joined
        people_of = dict.fromkeys((0, 1, 9), "carers") | dict.fromkeys((2, 7, 8), "council")
        # Each factor's usual answer; trust sits between "neither" and "agree".
        usual = {f.key: 4 for f in FACTORS} | {"vision": 5, "learning": 5, "trust": 3}
        priya, today = people["priya"], timezone.localdate()

        def answers(i: int, earlier: bool) -> dict[str, int | None]:
            """Person i's answers: the usual answer, one higher for one statement in
            three. On trust the partners disagree: the carers' centre agrees, the
            council leans to disagree, the rest sit between. Six months ago trust
            stood a point higher and half the rest a point lower."""
            given: dict[str, int | None] = {}
            for factor in FACTORS:
                shift = (1 if factor.key == "trust" else -((i % 2) == 0)) if earlier else 0
                for j, question in enumerate(factor.questions):
                    bump = (i + j) % 3 == 0
                    value = usual[factor.key] + bump + shift
                    if factor.key == "trust" and people_of.get(i) == "carers":
                        value += 1
                    elif factor.key == "trust" and people_of.get(i) == "council":
                        value -= 2 * bump
                    given[question.key] = min(5, max(1, value))
            if i % 4 == 0:
                given["participation_3"] = None  # don't know
            return given

        def ratings(round: Round) -> None:
            """Each partner, through its admin, rates the partners it worked with."""
            carers, council = by_name["Northshire Carers Centre"], by_name["Northshire County Council"]
            dementia, gp, pharmacy = (
                by_name["Eastbridge Dementia Support Group"],
                by_name["Riverside Medical Practice"],
                by_name["Eastbridge Pharmacy"],
            )
            given = [
                ("priya", carers, council, (3, 4, 3, 4, 3, 4)),
                ("priya", carers, dementia, (4, 4, 4, 2, 4, 3)),
                ("priya", carers, gp, (3, 3, 3, 3, 2, 2)),
                ("priya", carers, pharmacy, (4, 3, 3, 2, 3, 3)),
                ("gareth", council, carers, (4, 4, 3, 3, 4, 3)),
                ("gareth", council, gp, (2, 3, 2, 4, 2, 2)),
                ("ruth", dementia, carers, (4, 4, 4, 3, 4, 3)),
                ("ruth", dementia, council, (2, 3, 2, 4, 2, 3)),
                ("ruth", dementia, pharmacy, (4, 4, 4, 2, 3, 2)),
                ("anil", gp, carers, (3, 4, 3, 3, 3, 2)),
                ("anil", gp, dementia, (4, 4, 3, 2, 3, 2)),
                ("anil", gp, council, (3, 3, 3, 4, 3, 3)),
                ("sophie", pharmacy, carers, (4, 4, 4, 2, 3, 2)),
                ("sophie", pharmacy, dementia, (4, 4, 4, 2, 3, 2)),
                ("sophie", pharmacy, gp, (3, 4, 3, 3, 2, 2)),
            ]
            items = ("reliable", "mission", "openness", "influence", "involvement", "resources")
            for who, rater, rated, values in given:
                health_services.rating_save(
                    actor=people[who],
                    round=round,
                    rater=rater,
                    rated=rated,
                    values=dict(zip(items, values, strict=True)),
                )

        for months_ago in (6, 0):
            round = health_services.round_open(
                actor=priya, partnership=partnership, closes_on=today + timedelta(days=14)
            )
            for i, person in enumerate(answering if months_ago == 0 else answering[:8]):
                health_services.response_submit(
                    actor=person, round=round, answers=answers(i, bool(months_ago))
                )
            if months_ago == 0:
                ratings(round)
            health_services.round_close(actor=priya, round=round)
            if months_ago:
                opened = timezone.now() - timedelta(days=30 * months_ago)
                Round.objects.filter(pk=round.pk).update(
                    created_at=opened,
                    closed_at=opened + timedelta(days=21),
                    closes_on=(opened + timedelta(days=21)).date(),
                )

    def _demo_activity(self, people, partnership):
        """Six months of past activity, lively and then slowing (home/demo_history.py),
        read into the activity signals, for the radar to warn of."""
        history_seed(partnership, months=6)

    def _demo_working_profiles(self, people, orgs):
        """How the carers' centre, the council and the GP practice work (issue 13,
        point 5); the dementia charity and the pharmacy have not written theirs yet."""
        from datetime import date

        from consortia.workingprofiles.services import SignOffRow, profile_save

        year = timezone.localdate().year + 1
        profiles: dict[str, dict[str, Any]] = {
            "carers": dict(
                sign_offs=[
                    SignOffRow("Spending up to £2,000", "Centre manager", 2),
                    SignOffRow("Spending over £2,000 or new services", "Board of trustees", 42),
                ],
                board_dates=[date(year, 3, 10), date(year, 6, 9), date(year, 9, 8)],
                board_rhythm="Quarterly, on the second Tuesday",
                financial_year_start=4,
                reporting_deadlines="Annual accounts to the Charity Commission by the end of January.",
                working_hours="Monday to Friday, 9am to 5pm; drop-in Wednesday evenings",
                channel="email",
                contact="partnerships@carers-centre.example.org",
                reply_days=2,
                languages=["English", "Polish", "Urdu"],
                accessibility="Step-free entrance; hearing loop in the advice room.",
                shown_in_directory=True,
            ),
            "council": dict(
                sign_offs=[
                    SignOffRow("Spending up to £25,000", "Head of service", 10),
                    SignOffRow(
                        "Spending over £25,000 and policy changes", "Cabinet member, then cabinet", 56
                    ),
                ],
                board_dates=[],
                board_rhythm="Cabinet meets monthly; papers are due five weeks before.",
                financial_year_start=4,
                reporting_deadlines="Quarterly performance reports to scrutiny committee.",
                working_hours="Monday to Friday, 8.30am to 5pm",
                channel="shared_inbox",
                contact="adultsocialcare.partnerships@northshire.example.gov.uk",
                reply_days=10,
                languages=["English", "Welsh"],
                accessibility="",
                shown_in_directory=False,
            ),
            "gp": dict(
                sign_offs=[SignOffRow("Joining a pilot or sharing data", "Partners' meeting", 28)],
                board_dates=[],
                board_rhythm="GP partners meet on the first Thursday of the month.",
                financial_year_start=4,
                reporting_deadlines="",
                working_hours="Clinics all day; partnership work on Thursday afternoons only",
                channel="email",
                contact="practice.manager@gp.example.nhs.uk",
                reply_days=5,
                languages=["English"],
                accessibility="Please avoid calls during clinic hours.",
                shown_in_directory=False,
            ),
        }
        admins = {"carers": "priya", "council": "gareth", "gp": "anil"}
        for key, fields in profiles.items():
            profile_save(actor=people[admins[key]], organisation=orgs[key], **fields)

    def _demo_glossary(self, people, partnership):
        """The glossary across sectors (issue 13): terms the council, the surgery and the
        carers' centre each use differently, suggested by their people and approved by
        the convener; one suggestion waiting for a decision."""
        from consortia.glossary import services as glossary

        terms = [
            (
                "gareth",
                "Carer's assessment",
                "",
                {
                    "council": "The assessment the council must offer under the **Care Act 2014**: what support a carer needs, and whether they are eligible for it.",
                    "charity": "We help carers ask for one, prepare for it and challenge the outcome.",
                    "health": "Not a clinical assessment: a GP can refer a carer to the council for one.",
                },
            ),
            (
                "anil",
                "Social prescribing",
                "",
                {
                    "health": "A GP or link worker refers a patient to local, non-clinical support such as a walking group or a carers' café.",
                    "charity": "Referrals we receive from surgeries' link workers for activities and advice.",
                },
            ),
            (
                "ruth",
                "Safeguarding",
                "",
                {
                    "council": "The statutory duty (Care Act 2014, section 42) to make enquiries when an adult at risk may be abused or neglected.",
                    "health": "Protecting patients from harm; every practice has a safeguarding lead.",
                    "charity": "Our policy for staff and volunteers: report concerns to our safeguarding lead the same day.",
                },
            ),
            (
                "anil",
                "CQC",
                "Care Quality Commission",
                {
                    "general": "The independent regulator of health and adult social care in England.",
                },
            ),
        ]
        for who, name, expansion, definitions in terms:
            term = glossary.term_suggest(
                actor=people[who],
                partnership=partnership,
                name=name,
                expansion=expansion,
                definitions=definitions,
            )
            glossary.term_approve(actor=people["priya"], term=term)
        glossary.term_suggest(
            actor=people["sophie"],
            partnership=partnership,
            name="Commissioning",
            definitions={
                "council": "Planning, buying and reviewing services for local people.",
                "business": "Being paid to deliver a service, under a contract.",
            },
        )

    def _demo_expertise(self, people, partnership):
        """Who knows what (issue 13): several people's expertise in the carers'
        partnership, some shown in the directory, and endorsements from colleagues in
        other partner organisations."""
        from consortia.expertise import services as expertise

        listed = [
            (
                "priya",
                "Carer's assessments",
                "Helped 200 carers prepare for their assessment last year.",
                "directory",
            ),
            (
                "priya",
                "Consent",
                "Wrote our consent form for sharing carers' details with the council.",
                "partnership",
            ),
            ("gareth", "Carer's assessments", "Leads the council's carers' assessment team.", "partnership"),
            ("gareth", "Commissioning", "Commissions the county's carers' support contracts.", "directory"),
            ("anil", "Social prescribing", "Works with the practice's two link workers.", "directory"),
            ("anil", "Consent", "Mental capacity and consent in primary care.", "partnership"),
            (
                "ruth",
                "Dementia peer support",
                "Runs a monthly peer group for carers of people with dementia.",
                "directory",
            ),
            ("tom", "Volunteer recruitment", "Recruits and trains our volunteer befrienders.", "partnership"),
        ]
        added = {}
        for who, topic, note, visibility in listed:
            added[who, topic] = expertise.expertise_add(
                actor=people[who], partnership=partnership, topic=topic, note=note, visibility=visibility
            )
        expertise.expertise_endorse(actor=people["gareth"], expertise=added["priya", "Carer's assessments"])
        expertise.expertise_endorse(actor=people["priya"], expertise=added["anil", "Social prescribing"])
        expertise.expertise_endorse(actor=people["ruth"], expertise=added["anil", "Social prescribing"])

    def _demo_exchanges(self, people, partnership):
        """Exchanges between organisations (issue 13): Tom from the carers' centre
        shadowed the council's carers' assessment team for two days last month, with
        Gareth as his host; both sides agreed, the staff time counted in the ledger, and
        both wrote a reflection."""
        from consortia.exchanges import services as exchanges

        partners = {p.organisation.name: p for p in partnership.partners.select_related("organisation")}
        council, centre = partners["Northshire County Council"], partners["Northshire Carers Centre"]
        starts = timezone.localdate() - timedelta(days=30)
        shadowing = exchanges.exchange_propose(
            actor=people["gareth"],
            partnership=partnership,
            kind="shadowing",
            direction="offered",
            title="Shadowing the carers' assessment team",
            purpose="See how a carer's assessment runs from referral to support plan, so the centre can prepare carers for it.",
            host=council,
            sender=centre,
            starts_on=starts,
            ends_on=starts + timedelta(days=1),
            host_expects="Respect confidentiality: no carers' details leave the office.",
            sender_expects="Sit in on two assessments and the team's weekly allocation meeting.",
            people=1,
            host_staff_hours=6,
            sender_staff_hours=14,
        )
        exchanges.exchange_agree(actor=people["priya"], exchange=shadowing, side="sender")
        exchanges.exchange_agree(actor=people["gareth"], exchange=shadowing, side="host")
        exchanges.participant_add(actor=people["priya"], exchange=shadowing, user=people["tom"])
        exchanges.participant_add(actor=people["gareth"], exchange=shadowing, user=people["gareth"])
        exchanges.exchange_complete(actor=people["gareth"], exchange=shadowing)
        exchanges.reflection_write(
            actor=people["tom"],
            exchange=shadowing,
            surprised="How much of an assessment depends on what the carer says in the first ten minutes.",
            differently="We will run a 'preparing for your assessment' session each month.",
        )
        exchanges.reflection_write(
            actor=people["gareth"],
            exchange=shadowing,
            surprised="Tom knew most of the carers we saw, and what they would not say to us.",
            differently="Offer carers the centre's support before the assessment, not after it.",
        )

    def _demo_learning(self, people, partnership):
        """The learning log (issue 13): a lesson from the last meeting, one from a closed
        poll (its change made and reviewed at the meeting), and one recorded directly."""
        from consortia.learning import services as learning
        from consortia.meetings.lessons import meeting_ref

        meeting = partnership.meetings.filter(starts_at__lt=timezone.now()).order_by("-starts_at").first()
        poll = partnership.polls.filter(status="closed").order_by("closed_at").first()
        ref = meeting_ref(meeting) if meeting is not None else None
        learning.lesson_record(
            actor=people["tom"],
            partnership=partnership,
            what_happened="Three carers could not reach the drop-in during the bus strike.",
            what_we_learned="Carers rely on **one bus route**: when it stops, so does our support.",
            what_we_will_change="Offer a phone drop-in whenever the buses are disrupted.",
            owner=people["gareth"],
            due=timezone.localdate() + timedelta(days=30),
            source_kind="meeting" if ref else "other",
            source_label=ref.label if ref else "",
            source_url=ref.url if ref else "",
            source_key=ref.key if ref else "",
        )
        if poll is not None:
            from_poll = learning.lesson_record(
                actor=people["priya"],
                partnership=partnership,
                what_happened="Half the partners voted in the last day of the poll.",
                what_we_learned="A week is too short for partners whose boards meet monthly.",
                what_we_will_change="Open polls for two weeks, and say so in the invitation.",
                owner=people["ruth"],
                poll=poll,
            )
            learning.lesson_status_set(
                actor=people["ruth"],
                lesson=from_poll,
                status="changed",
                note="Polls now stay open for two weeks by default.",
            )
            learning.lesson_mark_reviewed(actor=people["priya"], lesson=from_poll, meeting=ref)
        learning.lesson_record(
            actor=people["anil"],
            partnership=partnership,
            what_happened="Referrals from the surgery arrived without the carer's consent recorded.",
            what_we_learned="Our referral form does not ask for consent in a way GPs recognise.",
            what_we_will_change="Add the consent wording the practice uses to the referral form.",
            owner=people["anil"],
        )

    def _demo_questions(self, people, partnership):
        """Ask the partnership (issue 13, point 2): an answered question with an accepted
        answer, turned into a practice library entry, and an open question routed to the GP practice's representative. The
        people asked get the expertise that routes it, when they have not listed it yet."""
        from consortia.expertise import services as expertise
        from consortia.expertise.models import PersonExpertise
        from consortia.expertise.topics import topic_key
        from consortia.questions import services as questions

        for who, topic, note in [
            ("gareth", "carers' assessments", "I sign off the council's carers' assessments."),
            ("gareth", "consent", "Information governance lead for adult social care."),
            ("anil", "dementia diagnosis", "Memory clinic referrals at Riverside."),
        ]:
            if not PersonExpertise.objects.filter(
                partnership=partnership, user=people[who], topic__key=topic_key(topic)
            ).exists():
                expertise.expertise_add(actor=people[who], partnership=partnership, topic=topic, note=note)

        answered = questions.question_ask(
            actor=people["ruth"],
            partnership=partnership,
            title="How do we record consent for carers' assessments?",
            body="Families ask us to pass their details to the council for a **carer's assessment**. "
            "What consent do we need to record, and where?",
            topics=["consent", "carers' assessments"],
        )
        answer = questions.answer_post(
            actor=people["gareth"],
            question=answered,
            body="Record the carer's own consent (not the person they care for) on the council's referral "
            "e-form: tick *consent to share*, note the date and how it was given (in person, by phone). "
            "Keep a copy in your case notes for six years.",
        )
        questions.answer_post(
            actor=people["priya"],
            question=answered,
            body="We use the same e-form and add a line to our own consent log.",
        )
        questions.answer_accept(actor=people["ruth"], answer=answer)
        questions.answer_to_library(actor=people["ruth"], answer=answer)

        questions.question_ask(
            actor=people["tom"],
            partnership=partnership,
            title="Can the surgery tell carers about us at diagnosis?",
            body="When a patient is diagnosed with dementia, could their carer be offered our advice line "
            "there and then? What would the practice need from us?",
            topics=["dementia diagnosis"],
        )

    def _demo_library(self, people, partnership):
        """The practice library (issue 13, point 3): a published guide to the carers'
        café (CC BY 4.0, no attachments), a partnership-only case study of GP referrals
        edited once (two versions), and a draft consent policy; tied to the canvas outcomes."""
        from consortia.canvas.models import Outcome
        from consortia.library import services as library

        outcomes = {o.statement: o for o in Outcome.objects.filter(partnership=partnership)}
        advice = outcomes.get("Carers get the right advice within a week of asking")
        crisis = outcomes.get("Fewer carers reach crisis point")
        cafe = library.entry_create(
            actor=people["tom"],
            partnership=partnership,
            kind="guide",
            title="Running a monthly carers' café",
            summary="A relaxed monthly drop-in where carers meet each other and get advice on the spot.",
            what_worked="Holding it in the **surgery's community room** on the same day as the flu clinic; "
            "a volunteer greeting everyone at the door; an adviser from the council there every time.",
            what_didnt="Evening sessions: working carers asked for them, but few came. Lunchtimes worked better.",
            evidence_level="monitoring",
            evidence_note="Sign-in sheets over 12 months: 41 carers came at least twice.",
            outcomes=[o for o in (crisis,) if o],
            tags=["peer support", "carers' café"],
        )
        library.entry_publish(actor=people["tom"], entry=cafe, licence="cc-by-4.0")
        referrals = library.entry_create(
            actor=people["anil"],
            partnership=partnership,
            kind="case_study",
            title="GP referrals to the carers centre",
            summary="How the practice started identifying carers at routine appointments.",
            what_worked="A question on the check-in screen: “Do you look after someone?”",
            evidence_level="anecdote",
            evidence_note="What reception staff and carers told us.",
            outcomes=[o for o in (advice,) if o],
            tags=["social prescribing", "identifying carers"],
        )
        library.entry_update(
            actor=people["priya"],
            entry=referrals,
            kind="case_study",
            title="GP referrals to the carers centre",
            summary=referrals.summary,
            what_worked=referrals.what_worked,
            what_didnt="Referral forms by fax were lost; a shared inbox replaced them.",
            evidence_level="monitoring",
            evidence_note="Referrals rose from 4 to 19 a month after the change (practice records).",
            outcomes=[o for o in (advice,) if o],
            tags=["social prescribing", "identifying carers"],
        )
        library.entry_create(
            actor=people["gareth"],
            partnership=partnership,
            kind="policy",
            title="Recording carers' consent to share information",
            summary="Ask once, record it in one place, and say who it will be shared with.",
            evidence_level="anecdote",
            tags=["consent"],
        )

    def _demo_matching(self, people, partnership):
        """Matching (issue 13): a need nobody has pledged towards yet, volunteer drivers
        for hospital appointments, for "Who could help" to suggest the food bank's
        drivers in Northshire and the carers' centre's volunteer manager, who knows
        volunteer transport. (The search index follows once the demo commits.)"""
        from consortia.expertise import services as expertise

        canvas_services.need_add(
            actor=people["priya"],
            partnership=partnership,
            category="volunteer_time",
            description="Volunteer drivers to take carers to hospital appointments",
            quantity=Decimal("100"),
            unit="hours",
            priority="important",
        )
        expertise.expertise_add(
            actor=people["tom"],
            partnership=partnership,
            topic="Volunteer transport",
            note="Set up our volunteer drivers scheme for **hospital appointments** in 2023.",
        )
