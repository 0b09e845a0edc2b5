"""Read functions for the partnership agreement: versions, who endorsed what, the
version in force and the defaults it sets, what changed between versions, and how
ready the partnership is to agree.

Callers have already fetched the partnership for the user (access.py); everything
here is about that one partnership, with its related rows loaded in a fixed number
of queries.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import rules
from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from consortia.accounts.models import User
from consortia.canvas.models import Outcome, PartnerStatement, Pledge
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners
from consortia.partnerships.selectors import partnership_ids_for_user

from .diff import FieldChange, ListChange, lines_diff, words_diff
from .models import (
    AgreementObjective,
    AgreementRole,
    AgreementVersion,
    AgreementWeight,
    DecisionRule,
    Endorsement,
    Weighting,
)

# --- versions -------------------------------------------------------------------------------


def version_parts() -> list[Prefetch[Any]]:
    """What a version page shows besides the version's own fields: objectives with
    their owners, roles, endorsements and the partners asked to endorse."""
    return [
        Prefetch("objectives", queryset=AgreementObjective.objects.select_related("owner__organisation")),
        Prefetch("roles", queryset=AgreementRole.objects.select_related("partner__organisation")),
        Prefetch("weights", queryset=AgreementWeight.objects.select_related("partner__organisation")),
        Prefetch(
            "endorsements",
            queryset=Endorsement.objects.select_related("partner__organisation", "endorsed_by"),
        ),
        Prefetch("required_partners", queryset=Partner.objects.select_related("organisation")),
    ]


def version_list(partnership: Partnership) -> list[AgreementVersion]:
    """Every version, newest first, with `asked_count`, `endorsed_count` and its
    endorsements (who endorsed which version): two queries for any number."""
    versions = (
        partnership.agreement_versions.select_related("published_by")
        .annotate(
            asked_count=Count("required_partners", distinct=True),
            endorsed_count=Count("endorsements", distinct=True),
        )
        .prefetch_related(
            Prefetch(
                "endorsements",
                queryset=Endorsement.objects.select_related("partner__organisation", "endorsed_by"),
            )
        )
        .order_by("-number")
    )
    result: list[AgreementVersion] = list(versions)
    for version in result:
        version.partnership = partnership  # share the partners already loaded
    return result


def version_draft(versions: list[AgreementVersion]) -> AgreementVersion | None:
    """The draft being written, from an already loaded version list (no query), or
    None."""
    return next((v for v in versions if v.status == AgreementVersion.Status.DRAFT), None)


def version_published(versions: list[AgreementVersion]) -> AgreementVersion | None:
    """The version published most recently (the one endorsements are asked for)."""
    return next((v for v in versions if v.status == AgreementVersion.Status.PUBLISHED), None)


def version_in_force(versions: list[AgreementVersion]) -> AgreementVersion | None:
    """agreement_in_force, from an already loaded version list."""
    return next((v for v in versions if v.in_force_at is not None), None)


def agreement_in_force(partnership: Partnership) -> AgreementVersion | None:
    """The version in force: the newest version that every partner asked at its
    publication (the convener and the core partners active then) has endorsed.

    Publishing a newer version does not end it: it stays in force, though its status
    says superseded, until the newer version has every endorsement in turn. So the
    partnership is never without agreed rules while partners consider a change. A
    partner that leaves before endorsing holds a version back for good; publishing a
    new version asks the partners as they are then."""
    return partnership.agreement_versions.filter(in_force_at__isnull=False).order_by("-number").first()


# The defaults when no version is in force: the model's field defaults, namely consent
# of all core partners, a quorum of half the partner organisations, and spending of
# £500 or more approved by two partners.
DEFAULT_FIELDS = ("decision_rule", "quorum_percent", "spending_threshold_gbp", "spending_approvals")


def agreement_defaults(partnership: Partnership) -> dict[str, Any]:
    """How the partnership decides and spends, for decisions and the pooled fund:
    {decision_rule, quorum_percent, spending_threshold_gbp, spending_approvals, version},
    from the version in force, else the documented defaults (with version None)."""
    version = agreement_in_force(partnership)
    if version is None:
        values = {f: AgreementVersion._meta.get_field(f).get_default() for f in DEFAULT_FIELDS}  # type: ignore[union-attr]  # DEFAULT_FIELDS are model fields, not relations
    else:
        values = {f: getattr(version, f) for f in DEFAULT_FIELDS}
    return {**values, "version": version.number if version else None}


def agreement_vote_weights(partnership: Partnership) -> tuple[AgreementVersion | None, dict[int, int] | None]:
    """The version in force and the votes it gives each partner (by partner id) for
    polls on the weighted basis; a partner it does not name has one. The weights are
    None when no version is in force or the version in force gives every partner one
    vote (Weighting.EQUAL). Two queries."""
    version = agreement_in_force(partnership)
    if version is None or version.weighting != Weighting.STATED:
        return version, None
    return version, dict(version.weights.values_list("partner_id", "votes"))


def weight_rows(version: AgreementVersion, partners: list[Partner]) -> list[tuple[Partner, int]]:
    """(partner, votes) for a version's page: on a draft every partner taking part now
    (so the missing ones show), on a published version the partners it names. Needs
    version_parts() loaded."""
    votes = {w.partner_id: w for w in version.weights.all()}
    if version.is_draft:
        return [(p, votes[p.pk].votes if p.pk in votes else 1) for p in partners]
    return sorted(
        ((w.partner, w.votes) for w in votes.values()), key=lambda row: row[0].organisation.name.lower()
    )


@dataclass(frozen=True)
class EndorsementLine:
    partner: Partner
    endorsement: Endorsement | None


def endorsement_lines(version: AgreementVersion) -> list[EndorsementLine]:
    """Each partner asked to endorse the version (the convener first), with its
    endorsement or None. Needs version_parts() loaded."""
    given = {e.partner_id: e for e in version.endorsements.all()}
    asked = sorted(
        version.required_partners.all(),
        key=lambda p: (p.role != Partner.Role.CONVENER, p.organisation.name.lower()),
    )
    return [EndorsementLine(partner, given.get(partner.pk)) for partner in asked]


def version_previous(version: AgreementVersion) -> AgreementVersion | None:
    """The version numbered just before `version`, with version_parts() loaded (what
    version_diff compares it with), or None for the first: one query and the
    prefetches."""
    previous = (
        version.partnership.agreement_versions.filter(number__lt=version.number)
        .order_by("-number")
        .prefetch_related(*version_parts())
        .first()
    )
    if previous is not None:
        previous.partnership = version.partnership
    return previous


def pledge_commitments(partnership: Partnership) -> list[dict[str, str]]:
    """The pledges of partners taking part now, as plain values that keep their
    meaning if a pledge is later changed or withdrawn: what publishing copies into
    the version's resource_commitments, and what a draft shows."""
    pledges = (
        Pledge.objects.filter(partnership=partnership, partner__left_at__isnull=True)
        .select_related("partner__organisation")
        .order_by("partner__organisation__name", "created_at", "id")
    )
    return [
        {
            "partner": str(p.partner.uuid),
            "organisation": p.partner.organisation.name,
            "category": p.category,
            "category_label": p.get_category_display(),
            "description": p.description,
            "quantity": f"{p.quantity.normalize():f}",
            "unit": p.unit,
            "unit_label": p.get_unit_display(),
            "value_gbp": str(p.value_gbp),
            "availability": p.availability,
        }
        for p in pledges
    ]


# --- what changed ---------------------------------------------------------------------------


def _day(value: date | None) -> str:
    return date_format(value, "j F Y") if value else "Not set"


def _field_texts(version: AgreementVersion) -> list[tuple[str, str]]:
    return [
        ("Vision", version.vision),
        ("Aims", version.aims),
        ("Principles and values", version.principles),
        ("Meeting rhythm", version.meeting_rhythm),
        ("How decisions are made", DecisionRule(version.decision_rule).label),
        ("Quorum", f"{version.quorum_percent}% of partner organisations"),
        ("Spending that needs approval", f"£{version.spending_threshold_gbp:,.2f} or more"),
        ("Partners who must approve such spending", str(version.spending_approvals)),
        ("Voting weights", Weighting(version.weighting).label),
        ("Why votes are weighted", version.weighting_reason),
        ("Review date", _day(version.review_date)),
        ("How a partner joins or leaves", version.joining_and_leaving),
    ]


def _objective_lines(version: AgreementVersion) -> list[str]:
    return [
        f"{o.text} (measure: {o.measure}; owner: {o.owner.organisation.name if o.owner else 'nobody yet'}; "
        f"by: {_day(o.due)})"
        for o in version.objectives.all()
    ]


def _role_lines(version: AgreementVersion) -> list[str]:
    roles = sorted(version.roles.all(), key=lambda r: r.partner.organisation.name.lower())
    return [f"{r.partner.organisation.name}: {r.responsibilities}" for r in roles]


def _weight_lines(version: AgreementVersion) -> list[str]:
    if version.weighting != Weighting.STATED:
        return []
    weights = sorted(version.weights.all(), key=lambda w: w.partner.organisation.name.lower())
    return [f"{w.partner.organisation.name}: {w.votes} vote{'s' if w.votes != 1 else ''}" for w in weights]


def _commitment_lines(version: AgreementVersion) -> list[str]:
    """A draft's commitments are the pledges as they stand (publishing copies them)."""
    commitments = (
        pledge_commitments(version.partnership) if version.is_draft else version.resource_commitments
    )

    def amount(c: dict[str, str]) -> str:
        quantity = f"{Decimal(c['quantity']):,f}"
        return f"£{quantity}" if c["unit"] == "gbp" else f"{quantity} {c['unit_label']}"

    return [f"{c['organisation']}: {c['description']} ({amount(c)})" for c in commitments]


def version_diff(
    old: AgreementVersion | None, new: AgreementVersion
) -> tuple[list[FieldChange], list[ListChange]]:
    """Each text field and each list (objectives, roles, resource commitments) of
    `new` against `old` (an empty version when there is none). Both need
    version_parts() loaded."""
    old_fields = _field_texts(old) if old else [(label, "") for label, _ in _field_texts(new)]
    fields = [
        FieldChange(label, words_diff(before, after))
        for (label, before), (_, after) in zip(old_fields, _field_texts(new), strict=True)
    ]
    lists = [
        ListChange(label, lines_diff(lines(old) if old else [], lines(new)))
        for label, lines in (
            ("Objectives", _objective_lines),
            ("Roles and responsibilities", _role_lines),
            ("Voting weights", _weight_lines),
            ("Resource commitments", _commitment_lines),
        )
    ]
    return fields, lists


# --- readiness ------------------------------------------------------------------------------

NOT, PARTLY, FULLY = "not", "partly", "fully"
STATE_LABELS = {NOT: "Not in place", PARTLY: "Partly in place", FULLY: "Fully in place"}


@dataclass(frozen=True)
class ReadinessItem:
    key: str
    name: str
    state: str  # NOT, PARTLY or FULLY
    detail: str
    fix_url: str | None = None  # where to put it right, when the user may
    fix_text: str = ""

    @property
    def state_label(self) -> str:
        return STATE_LABELS[self.state]


@dataclass(frozen=True)
class ReadinessGroup:
    key: str
    title: str
    question: str
    items: tuple[ReadinessItem, ...]


def _share(done: int, total: int) -> str:
    if total == 0:
        return NOT
    return FULLY if done == total else PARTLY if done else NOT


def _canvas_url(partnership: Partnership, page: str) -> str:
    """The canvas page where an item of the checklist is put right."""
    return reverse(f"canvas:{page}", kwargs={"uuid": partnership.uuid})


def _working_version(partnership: Partnership) -> AgreementVersion | None:
    """The draft being written, else the latest version."""
    versions = partnership.agreement_versions.order_by("-number").prefetch_related("objectives", "roles")
    draft = versions.filter(status=AgreementVersion.Status.DRAFT).first()
    return draft or versions.first()


def agreement_readiness(
    partnership: Partnership, *, user: User | AnonymousUser | None = None
) -> list[ReadinessGroup]:
    """The agreement checklist (WHO, WHY, WHAT), computed from the partnership, its
    canvas and the working version of the agreement (the draft, else the latest).

    "Every partner" means every active partner that is not only observing: observers
    read and commit nothing. Each item links to where it is put right, when `user`
    may do that there."""
    partners = active_partners(partnership)
    taking_part = [p for p in partners if p.role != Partner.Role.OBSERVER]
    core = [p for p in partners if p.role == Partner.Role.CORE]
    version = _working_version(partnership)
    today = timezone.localdate()

    can_edit = user is not None and rules.has_perm("agreements.edit_draft_of_partnership", user, partnership)
    can_manage = user is not None and rules.has_perm("partnerships.manage_partnership", user, partnership)
    home = reverse("partnerships:detail", args=[partnership.uuid])
    agreement = reverse("agreements:detail", kwargs={"uuid": partnership.uuid})
    draft_url = None
    if can_edit:
        draft_url = (
            reverse("agreements:draft_edit", kwargs={"uuid": partnership.uuid, "version_uuid": version.uuid})
            if version is not None and version.is_draft
            else agreement
        )
    draft_text = "Change the draft" if version is not None and version.is_draft else "Start a new draft"

    def on_draft(key: str, name: str, state: str, detail: str) -> ReadinessItem:
        return ReadinessItem(key, name, state, detail, draft_url, draft_text if draft_url else "")

    with_reps = [p for p in taking_part if p.representatives.all()]
    who = (
        ReadinessItem(
            "partners",
            "Partners",
            FULLY if core else PARTLY if len(partners) > 1 else NOT,
            f"{len(partners)} partner organisation{'s' if len(partners) != 1 else ''}, "
            f"{len(core)} of them core partner{'s' if len(core) != 1 else ''} besides the convener",
            reverse("partnerships:invite", args=[partnership.uuid]) if can_manage else None,
            "Invite an organisation" if can_manage else "",
        ),
        ReadinessItem(
            "representatives",
            "Representatives",
            _share(len(with_reps), len(taking_part)),
            f"{len(with_reps)} of {len(taking_part)} partners have named who speaks for them",
            f"{home}#partners",
            "See the partners",
        ),
    )

    objectives = list(version.objectives.all()) if version else []
    complete = [o for o in objectives if o.owner_id and o.due]
    stated = set(
        PartnerStatement.objects.filter(partner__in=taking_part)
        .exclude(wants="")
        .values_list("partner_id", flat=True)
    )
    vision_and_aims = [bool(version and version.vision), bool(version and version.aims)]
    why = (
        on_draft(
            "vision",
            "Vision and aims",
            _share(sum(vision_and_aims), 2),
            "Vision and aims written"
            if all(vision_and_aims)
            else "Vision written, aims missing"
            if vision_and_aims[0]
            else "Aims written, vision missing"
            if vision_and_aims[1]
            else "No vision or aims yet",
        ),
        on_draft(
            "objectives",
            "Shared objectives",
            _share(len(complete), len(objectives)),
            f"{len(complete)} of {len(objectives)} objectives have an owner and a date"
            if objectives
            else "No shared objectives yet",
        ),
        ReadinessItem(
            "partner_objectives",
            "Each partner's own objectives",
            _share(len(stated), len(taking_part)),
            f"{len(stated)} of {len(taking_part)} partners have said what they want from the partnership",
            _canvas_url(partnership, "pledges"),
            "Go to the canvas",
        ),
        on_draft(
            "principles",
            "Principles and values",
            FULLY if version and version.principles else NOT,
            "Written" if version and version.principles else "Not written yet",
        ),
    )

    pledging = set(
        Pledge.objects.filter(partnership=partnership, partner__in=taking_part).values_list(
            "partner_id", flat=True
        )
    )
    with_role = {r.partner_id for r in version.roles.all()} if version else set()
    outcomes = list(
        Outcome.objects.filter(partnership=partnership).annotate(indicator_count=Count("indicators"))
    )
    measured = [o for o in outcomes if o.indicator_count]
    review = version.review_date if version else None
    what = (
        ReadinessItem(
            "commitments",
            "Resource commitments",
            _share(len(pledging), len(taking_part)),
            f"{len(pledging)} of {len(taking_part)} partners have pledged resources",
            _canvas_url(partnership, "pledges"),
            "Go to the pledges",
        ),
        on_draft(
            "roles",
            "Roles and responsibilities",
            _share(len(with_role & {p.pk for p in taking_part}), len(taking_part)),
            f"{len(with_role & {p.pk for p in taking_part})} of {len(taking_part)} partners have their "
            "responsibilities written down",
        ),
        ReadinessItem(
            "indicators",
            "Indicators",
            _share(len(measured), len(outcomes)),
            f"{len(measured)} of {len(outcomes)} outcomes have an indicator"
            if outcomes
            else "No outcomes yet",
            _canvas_url(partnership, "outcomes"),
            "Go to the outcomes",
        ),
        on_draft(
            "review",
            "Review date",
            FULLY if review and review >= today else PARTLY if review else NOT,
            f"Review on {_day(review)}"
            if review and review >= today
            else f"The review date, {_day(review)}, has passed"
            if review
            else "No review date yet",
        ),
        on_draft(
            "exit",
            "How a partner joins or leaves",
            FULLY if version and version.joining_and_leaving else NOT,
            "Written" if version and version.joining_and_leaving else "Not written yet",
        ),
    )
    return [
        ReadinessGroup("who", "Who", "Who is in the partnership, and who speaks for each partner?", who),
        ReadinessGroup("why", "Why", "What do the partners want to achieve, together and each?", why),
        ReadinessGroup("what", "What", "What will each partner bring and do, and how will you know?", what),
    ]


def readiness_counts(groups: list[ReadinessGroup]) -> dict[str, int]:
    """How many items of the checklist are in each state ({NOT, PARTLY, FULLY}): no
    query."""
    counts = {NOT: 0, PARTLY: 0, FULLY: 0}
    for group in groups:
        for item in group.items:
            counts[item.state] += 1
    return counts


def agreement_reviews_for_feed(user: User) -> QuerySet[AgreementVersion]:
    """For each partnership `user` is an active member of, the agreement in force (as
    agreement_in_force finds it: its newest version in force) when it names a review
    date, with its partnership: what the calendar feed shows (one query)."""
    newest_in_force = (
        AgreementVersion.objects.filter(partnership=OuterRef("partnership"), in_force_at__isnull=False)
        .order_by("-number")
        .values("number")[:1]
    )
    return (
        AgreementVersion.objects.filter(
            partnership__in=partnership_ids_for_user(user),
            in_force_at__isnull=False,
            number=Subquery(newest_in_force),
            review_date__isnull=False,
        )
        .select_related("partnership")
        .order_by("review_date", "id")
    )
