"""factory-boy factories for tests, benchmarks and the demo's bulk data."""

from datetime import timedelta
from typing import Any

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.tokens import token_hash, token_new
from consortia.organisations.models import Membership, Offer, Organisation
from consortia.partnerships.models import Participant, Partner, Partnership, Representative

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            # factory-boy passes the built object first; mypy reads it as the factory.
            obj.save()  # type: ignore[attr-defined]

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


class PartnershipFactory(factory.django.DjangoModelFactory[Partnership]):
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

    # .create(), not a call: factory-boy types what it returns, a Partnership and a User.
    partnership = PartnershipFactory.create()
    convener_admin = UserFactory.create()
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


# --- the canvas ------------------------------------------------------------------------------


class OutcomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "canvas.Outcome"

    partnership = factory.SubFactory(PartnershipFactory)
    statement = factory.Sequence(lambda n: f"Carers feel less alone ({n})")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "canvas.Indicator"

    outcome = factory.SubFactory(OutcomeFactory)
    question = "better_off"
    name = "Carers who say they feel less alone"
    unit = "%"
    baseline = 20
    target = 60
    target_date = factory.LazyFunction(lambda: timezone.localdate().replace(day=1) + timedelta(days=400))


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "canvas.Need"

    partnership = factory.SubFactory(PartnershipFactory)
    category = "premises"
    description = factory.Sequence(lambda n: f"A room for a weekly drop-in ({n})")
    quantity = 50
    unit = "hours"
    priority = "important"


class PledgeFactory(factory.django.DjangoModelFactory):
    """A pledge by `partner` (in its partnership), by default against no need."""

    class Meta:
        model = "canvas.Pledge"

    partner = factory.SubFactory(PartnerFactory)
    partnership = factory.SelfAttribute("partner.partnership")
    need = None
    category = "premises"
    description = factory.Sequence(lambda n: f"Our hall on Tuesday mornings ({n})")
    quantity = 10
    unit = "hours"
    value_gbp = 250


# --- the agreement -----------------------------------------------------------------------------


class AgreementVersionFactory(factory.django.DjangoModelFactory):
    """A draft by default; pass status="published" (with published_at) for a
    published one. Publish through the service where the partners asked matter."""

    class Meta:
        model = "agreements.AgreementVersion"

    partnership = factory.SubFactory(PartnershipFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = "draft"
    vision = "Carers of people with dementia get joined-up advice in one place."
    aims = "One front door for advice; no carer reaches crisis unseen."
    principles = "Openness, equity and mutual benefit."
    published_at = factory.LazyAttribute(lambda v: timezone.now() if v.status != "draft" else None)


class AgreementObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.AgreementObjective"

    version = factory.SubFactory(AgreementVersionFactory)
    text = factory.Sequence(lambda n: f"Advise 200 carers a year ({n})")
    measure = "Carers advised, counted monthly"
    due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=365))


class AgreementRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.AgreementRole"

    version = factory.SubFactory(AgreementVersionFactory)
    partner = factory.SubFactory(PartnerFactory)
    responsibilities = "Runs the weekly drop-in and reports on it."


class EndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "agreements.Endorsement"

    version = factory.SubFactory(AgreementVersionFactory, status="published")
    partner = factory.SubFactory(PartnerFactory)


# --- decisions ---------------------------------------------------------------------------------


class PollFactory(factory.django.DjangoModelFactory):
    """An open proposal (agree / abstain / disagree) closing in a week, voted on by
    all partners one person one vote, with its fixed options. Pass kind="poll" or
    "score" with option_labels=[...] for the others; open polls through the
    service (poll_open) where the permission or event matters."""

    class Meta:
        model = "decisions.Poll"
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    kind = "proposal"
    title = factory.Sequence(lambda n: f"Move the drop-in to Thursdays ({n})")
    quorum_percent = 50
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))

    @factory.post_generation
    def option_labels(obj, create, extracted, **kwargs):
        from consortia.decisions.kinds import KINDS
        from consortia.decisions.models import PollOption

        if not create:
            return
        pairs = KINDS[obj.kind].answers or [
            (f"o{i}", label) for i, label in enumerate(extracted or ["Option A", "Option B", "Option C"], 1)
        ]
        PollOption.objects.bulk_create(
            # obj is the Poll built (factory-boy passes it first); mypy reads it as the factory.
            PollOption(poll=obj, key=key, label=label, position=i)  # type: ignore[misc]
            for i, (key, label) in enumerate(pairs)
        )


class BallotFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "decisions.Ballot"

    poll = factory.SubFactory(PollFactory)
    voter_user = factory.SubFactory(UserFactory)
    cast_by = factory.SelfAttribute("voter_user")
    choice = factory.LazyFunction(lambda: ["agree"])


class ThreadFactory(factory.django.DjangoModelFactory):
    """A thread without posts: add PostFactory(thread=...) for its opening post and
    replies, or start threads through the service (thread_start) where the
    permission, mentions or event matter."""

    class Meta:
        model = "threads.Thread"

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Referrals from the surgeries ({n})")
    author = factory.SubFactory(UserFactory)
    last_post_at = factory.LazyFunction(timezone.now)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "threads.Post"

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory)
    body = factory.Sequence(lambda n: f"A point about referrals, number {n}.")


# --- working groups ----------------------------------------------------------------------------


class WorkingGroupFactory(factory.django.DjangoModelFactory):
    """An open working group with no members; give it members with
    GroupMembershipFactory, or set one up through the service (group_create)
    where the permission or event matters."""

    class Meta:
        model = "groups.WorkingGroup"

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Referral pathway ({n})")
    purpose = "Agree one referral route from diagnosis to carers' advice."


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "groups.GroupMembership"

    group = factory.SubFactory(WorkingGroupFactory)
    user = factory.SubFactory(UserFactory)


# --- actions -------------------------------------------------------------------------------------


class ActionFactory(factory.django.DjangoModelFactory):
    """An open action owned by a person (owner_user), without the permission checks or
    event of the service: add actions through action_create where those matter. Pass
    owner_partner=... with owner_user=None for an action a partner organisation owns."""

    class Meta:
        model = "actions.Action"

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Send the referral form to the surgeries ({n})")
    owner_user = factory.SubFactory(UserFactory)
    created_by = factory.SelfAttribute("owner_user")
    due = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))


# --- calendar feeds ----------------------------------------------------------------------------


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    """A live calendar feed link. Pass `token="..."` to know the link's token (only its
    hash is stored); make links through the service (feed_make) where the revoking of
    the old one or the event matters."""

    class Meta:
        model = "calendars.CalendarFeed"

    class Params:
        token = factory.LazyFunction(lambda: token_new()[0])

    user = factory.SubFactory(UserFactory)
    token_hash = factory.LazyAttribute(lambda feed: token_hash(feed.token))


# --- meetings ----------------------------------------------------------------------------------


class MeetingFactory(factory.django.DjangoModelFactory):
    """A scheduled meeting a week from now, for two hours, with no invited partners
    and no agenda: schedule through the service (meeting_schedule) where the
    invitations, the default agenda or the event matter."""

    class Meta:
        model = "meetings.Meeting"

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"Partnership meeting ({n})")
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + timedelta(hours=2))
    place = "The carers' centre, 12 High Street"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "meetings.AgendaItem"

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Item {n}")
    position = factory.Sequence(lambda n: n + 1)


# --- contributions -----------------------------------------------------------------------------


class RateFactory(factory.django.DjangoModelFactory):
    """A rate on `partnership`'s card: volunteer hours at £12.50 from 1 January 2020."""

    class Meta:
        model = "contributions.Rate"

    partnership = factory.SubFactory(PartnershipFactory)
    category = "volunteer_time"
    unit = "hours"
    rate_gbp = factory.LazyFunction(lambda: _decimal("12.50"))
    valid_from = factory.LazyFunction(lambda: timezone.localdate().replace(year=2020, month=1, day=1))


def _decimal(text: str):
    from decimal import Decimal

    return Decimal(text)


def entry_for(partner, *, category="volunteer_time", unit="hours", quantity="2", **kwargs):
    """A ledger entry recorded by the system for `partner` (contributions.services.entry_record,
    the only writer of entries), dated today unless `on` is given."""
    from consortia.contributions.services import entry_record

    kwargs.setdefault("on", timezone.localdate())
    return entry_record(
        actor=None,
        partnership=partner.partnership,
        partner=partner,
        category=category,
        unit=unit,
        quantity=_decimal(str(quantity)),
        **kwargs,
    )


# --- fund --------------------------------------------------------------------------------------


class FundFactory(factory.django.DjangoModelFactory):
    """A pooled fund with its bank and income accounts (as fund_set_up makes them),
    held by a new core partner of a new partnership unless `host` is given. Money moves
    only through the services (ledger.post)."""

    class Meta:
        model = "fund.Fund"
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    host = factory.SubFactory(PartnerFactory, partnership=factory.SelfAttribute("..partnership"))

    @factory.post_generation
    def accounts(obj, create, extracted, **kwargs):
        from consortia.fund.models import Account

        fund: Any = obj  # factory-boy passes the built object first; mypy reads it as the factory
        if create:
            Account.objects.bulk_create(
                [
                    Account(fund=fund, name=Account.BANK, type=Account.Type.ASSET),
                    Account(fund=fund, name=Account.GRANTS, type=Account.Type.INCOME),
                    Account(fund=fund, name=Account.CONTRIBUTIONS, type=Account.Type.INCOME),
                ]
            )


class BudgetLineFactory(factory.django.DjangoModelFactory):
    """A budget line with its expense account."""

    class Meta:
        model = "fund.BudgetLine"
        skip_postgeneration_save = True

    fund = factory.SubFactory(FundFactory)
    name = factory.Sequence(lambda n: f"Carers' respite ({n})")
    amount = 5000

    @factory.post_generation
    def account(obj, create, extracted, **kwargs):
        from consortia.fund.models import Account

        line: Any = obj  # the built object (see FundFactory.accounts)
        if create:
            Account.objects.create(
                fund=line.fund, name=line.name, type=Account.Type.EXPENSE, budget_line=line
            )


class SpendingRequestFactory(factory.django.DjangoModelFactory):
    """A draft spending request of £120 from a new core partner of the fund's
    partnership (pass `requesting_partner` and `status` as needed; approvals and
    payments through the services)."""

    class Meta:
        model = "fund.SpendingRequest"

    fund = factory.SubFactory(FundFactory)
    requesting_partner = factory.SubFactory(
        PartnerFactory, partnership=factory.SelfAttribute("..fund.partnership")
    )
    budget_line = factory.SubFactory(BudgetLineFactory, fund=factory.SelfAttribute("..fund"))
    payee = "Riverside Hall"
    description = "Room hire for the carers' café"
    amount = 120


# --- assets ------------------------------------------------------------------------------------


def next_weekday_at(hour: int, minute: int = 0, *, days: int = 7):
    """An aware moment `days` or more days from now, on a weekday (Monday to Friday),
    at hour:minute Europe/London: inside a default asset's opening hours."""
    import datetime
    from zoneinfo import ZoneInfo

    day = timezone.localdate() + timedelta(days=days)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=ZoneInfo("Europe/London"))


class AssetFactory(factory.django.DjangoModelFactory):
    """A room the partnership's first partner lends, open Monday to Friday 9 to 5, the
    owner approving each booking."""

    class Meta:
        model = "assets.Asset"

    partnership = factory.SubFactory(PartnershipFactory)
    owner = factory.SubFactory(PartnerFactory, partnership=factory.SelfAttribute("..partnership"))
    name = factory.Sequence(lambda n: f"Meeting room {n}")
    kind = "room"
    location = "12 High Street"
    capacity = 8


class BookingFactory(factory.django.DjangoModelFactory):
    """A pending booking of an hour, a week or more from now, for the asset's owner
    (give `partner` for another)."""

    class Meta:
        model = "assets.Booking"

    asset = factory.SubFactory(AssetFactory)
    partnership = factory.SelfAttribute("asset.partnership")
    partner = factory.SelfAttribute("asset.owner")
    booked_by = factory.SubFactory(UserFactory)
    start = factory.LazyFunction(lambda: next_weekday_at(10))
    end = factory.LazyAttribute(lambda b: b.start + timedelta(hours=1))
    purpose = "Team meeting"


# --- training ----------------------------------------------------------------------------------


class CourseFactory(factory.django.DjangoModelFactory):
    """A scheduled course a fortnight from now, for three hours, ten places, open to
    every partner, offered by a new partner of its partnership: offer through the
    service (course_create) where the checks or the event matter."""

    class Meta:
        model = "training.Course"

    partnership = factory.SubFactory(PartnershipFactory)
    partner = factory.LazyAttribute(lambda c: PartnerFactory(partnership=c.partnership, role="core"))
    title = factory.Sequence(lambda n: f"Safeguarding adults, level 2 ({n})")
    location = "The carers' centre, 12 High Street"
    starts_at = factory.LazyFunction(lambda: timezone.now().replace(microsecond=0) + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda c: c.starts_at + timedelta(hours=3))
    places = 10


class QuotaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Quota"

    course = factory.SubFactory(CourseFactory)
    partner = factory.LazyAttribute(lambda q: PartnerFactory(partnership=q.course.partnership))
    places = 2


class PlaceFactory(factory.django.DjangoModelFactory):
    """A booked place for a new member of a new partner: book through the service
    (place_book) where the quotas or the waiting list matter."""

    class Meta:
        model = "training.Place"

    course = factory.SubFactory(CourseFactory)
    partner = factory.LazyAttribute(lambda p: PartnerFactory(partnership=p.course.partnership))
    user = factory.LazyAttribute(lambda p: MembershipFactory(organisation=p.partner.organisation).user)
    status = "booked"
    booked_at = factory.LazyFunction(timezone.now)


# --- the health check (issue 12) ----------------------------------------------------------------


class RoundFactory(factory.django.DjangoModelFactory):
    """An open health check round closing in three weeks: open and close through the
    services (round_open, round_close) where the checks or the event matter."""

    class Meta:
        model = "health.Round"

    partnership = factory.SubFactory(PartnershipFactory)
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=21))


def health_answers(value=4, **overrides):
    """Every question of the health check answered `value` (None: "don't know"),
    with `overrides` by question key: the `answers` response_submit takes."""
    from consortia.health.questions import QUESTIONS

    return {q.key: overrides.get(q.key, value) for q in QUESTIONS}


def health_response(round, organisation=None, value=4, user=None, **overrides):
    """An anonymous response to `round` for `organisation` (None: an individual
    participant), written directly (no permission check, no event), and the
    Participation of `user` (a new one when None)."""
    from consortia.health.models import Answer, Participation, Response

    Participation.objects.create(round=round, user=user or UserFactory.create())
    response = Response.objects.create(
        round=round, organisation=organisation, answered_on=timezone.localdate()
    )
    Answer.objects.bulk_create(
        [
            Answer(response=response, question=k, value=v)
            for k, v in health_answers(value, **overrides).items()
        ]
    )
    return response


def health_round_closed(round):
    """Close `round` directly (no event), as the daily job would have."""
    round.status, round.closed_at = "closed", timezone.now()
    round.save(update_fields=["status", "closed_at", "updated_at"])
    return round


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "health.Rating"

    round = factory.SubFactory(RoundFactory)
    rater = factory.LazyAttribute(lambda r: PartnerFactory(partnership=r.round.partnership))
    rated = factory.LazyAttribute(lambda r: PartnerFactory(partnership=r.round.partnership))
    reliable = mission = openness = influence = involvement = resources = 3


# --- progress on outcomes (issue 12) ---------------------------------------------------------


class MeasurementFactory(factory.django.DjangoModelFactory):
    """A measurement of an indicator, by default a month ago: record through the
    service (measurement_record) where the checks or the event matter."""

    class Meta:
        model = "progress.Measurement"

    indicator = factory.SubFactory(IndicatorFactory)
    on = factory.Sequence(lambda n: timezone.localdate() - timedelta(days=30 + n))
    value = 30
    source = "Quarterly carers survey"


# --- who knows what (issue 13, point 1) --------------------------------------------------------


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "expertise.Topic"
        django_get_or_create = ("key",)

    name = factory.Sequence(lambda n: f"Carers assessment {n}")
    key = factory.LazyAttribute(lambda t: " ".join(t.name.casefold().split()))


class PersonExpertiseFactory(factory.django.DjangoModelFactory):
    """A person's expertise in a partnership, visible to it only; add through the
    service (expertise_add) where the checks or the event matter."""

    class Meta:
        model = "expertise.PersonExpertise"

    partnership = factory.SubFactory(PartnershipFactory)
    user = factory.SubFactory(UserFactory)
    topic = factory.SubFactory(TopicFactory)
    note = "Ran the **carers' assessment** pilot in 2024."
    visibility = "partnership"


class ExpertiseEndorsementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "expertise.Endorsement"

    expertise = factory.SubFactory(PersonExpertiseFactory)
    endorser = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)


# --- "how we work" profiles (issue 13, point 5) ------------------------------------------------


class WorkingProfileFactory(factory.django.DjangoModelFactory):
    """An organisation's "how we work" profile, not shown in the directory."""

    class Meta:
        model = "workingprofiles.WorkingProfile"

    organisation = factory.SubFactory(OrganisationFactory)
    board_rhythm = "Quarterly, on the second Tuesday"
    board_dates = factory.LazyFunction(lambda: [(timezone.localdate() + timedelta(days=40)).isoformat()])
    financial_year_start = 4
    working_hours = "Monday to Thursday, 9am to 3pm"
    channel = "email"
    contact = "hello@example.org"
    reply_days = 3
    languages = factory.LazyFunction(lambda: ["English", "Welsh"])


class SignOffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "workingprofiles.SignOff"

    profile = factory.SubFactory(WorkingProfileFactory)
    position = factory.Sequence(lambda n: n)
    decision = "Spending over £5,000"
    signed_off_by = "Board of trustees"
    usual_days = 42


# --- the glossary across sectors (issue 13) ------------------------------------------------------


class TermFactory(factory.django.DjangoModelFactory):
    """An approved glossary term with no definitions (add them with DefinitionFactory);
    suggest through the service (term_suggest) where the checks or the event matter."""

    class Meta:
        model = "glossary.Term"

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"term {n}")
    status = "approved"


class DefinitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "glossary.Definition"

    term = factory.SubFactory(TermFactory)
    sector = "general"
    text = "What the term means."


# --- exchanges between organisations (issue 13) -----------------------------------------------


class ExchangeFactory(factory.django.DjangoModelFactory):
    """A proposed job-shadowing exchange a fortnight from now, for three days, between
    two new partners of its partnership (host and sender), nobody agreed yet: propose
    and agree through the services where the checks or the events matter."""

    class Meta:
        model = "exchanges.Exchange"

    partnership = factory.SubFactory(PartnershipFactory)
    kind = "shadowing"
    direction = "offered"
    title = factory.Sequence(lambda n: f"Shadowing the carers' assessment team ({n})")
    host = factory.LazyAttribute(lambda e: PartnerFactory(partnership=e.partnership, role="core"))
    sender = factory.LazyAttribute(lambda e: PartnerFactory(partnership=e.partnership, role="core"))
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    ends_on = factory.LazyAttribute(lambda e: e.starts_on + timedelta(days=2))
    people = 2


class ExchangeParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "exchanges.Participant"

    exchange = factory.SubFactory(ExchangeFactory)
    user = factory.SubFactory(UserFactory)
    partner = factory.LazyAttribute(lambda p: p.exchange.sender)


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "exchanges.Reflection"

    exchange = factory.SubFactory(ExchangeFactory)
    author = factory.SubFactory(UserFactory)
    surprised = "How much the council's duty team already knew about us."
    differently = "Ring the duty team before a referral, not after."


# --- the learning log (issue 13) ------------------------------------------------------------------


class LessonFactory(factory.django.DjangoModelFactory):
    """An open lesson recorded directly ("other"), owned and recorded by nobody unless
    given: record through the service (lesson_record) where the checks or the event matter."""

    class Meta:
        model = "learning.Lesson"

    partnership = factory.SubFactory(PartnershipFactory)
    what_happened = "The autumn drop-in clashed with half term."
    what_we_learned = factory.Sequence(lambda n: f"Check school holidays before fixing dates ({n})")
    what_we_will_change = "Put the school holidays in the shared calendar."
    source_kind = "other"


# --- questions: ask the partnership (issue 13, point 2) -----------------------------------------


class QuestionFactory(factory.django.DjangoModelFactory):
    """An open question, not routed to anyone; ask through the service (question_ask)
    where the routing, the checks or the event matter."""

    class Meta:
        model = "questions.Question"

    partnership = factory.SubFactory(PartnershipFactory)
    asker = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Question {n}?")
    body = "What do you do about it?"
    target = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "questions.Answer"

    question = factory.SubFactory(QuestionFactory)
    author = factory.SubFactory(UserFactory)
    body = "We do it this way."


class RouteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "questions.Route"

    question = factory.SubFactory(QuestionFactory)
    user = factory.SubFactory(UserFactory)
    reason = "knows the topic"


# --- the practice library (issue 13, point 3) ----------------------------------------------------


class LibraryEntryFactory(factory.django.DjangoModelFactory):
    """A partnership-only guide with no version rows; create through the service
    (library.services.entry_create) where versions, checks or the event matter."""

    class Meta:
        model = "library.Entry"

    partnership = factory.SubFactory(PartnershipFactory)
    title = factory.Sequence(lambda n: f"How we record consent ({n})")
    summary = "Ask once, record it in **one** place."
    author = factory.SubFactory(UserFactory)


class LibraryAttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "library.Attachment"

    entry = factory.SubFactory(LibraryEntryFactory)
    file = factory.django.FileField(filename="upload", data=b"Some notes.\n")
    name = factory.Sequence(lambda n: f"notes-{n}.txt")
    content_type = "text/plain"
    size = 12
    uploaded_by = factory.SelfAttribute("entry.author")
