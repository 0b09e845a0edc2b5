"""Every change to the partnership agreement.

Each service runs in one transaction, checks the actor's permission (django-rules,
consortia/agreements/rules.py), writes one event (the endorsement that completes the
agreement writes a second, `agreement.in_force`) and sends email only after commit.
The event credits the actor's organisation whose role may do the action
(partnerships/credit.py), or the partner an endorsement is for.

What was published never changes: every edit is refused unless the version is a
draft, read again under a row lock, and the database's triggers (migration 0002)
refuse the same. A change to a published agreement starts a new draft.

Row locks are FOR NO KEY UPDATE (PostgreSQL): they queue the writers of one
partnership's agreement without blocking the foreign-key checks of rows that point
at the locked row. A plain FOR UPDATE on the partnership would deadlock publishing
against an endorsement: the endorsement holds its version and waits to write its
event (which points at the partnership) while publishing holds the partnership
and waits for that version (see test_concurrency.py).
"""

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.mail import email_schedule
from consortia.core.services import assign, refuse_if_closed, require
from consortia.organisations.models import Membership, Organisation
from consortia.partnerships.credit import CONVENING, CORE_ROLES, credited_organisation
from consortia.partnerships.models import Partner, Partnership

from .models import (
    AgreementObjective,
    AgreementRole,
    AgreementVersion,
    AgreementWeight,
    Endorsement,
    Weighting,
)
from .rules import ENDORSING_ROLES
from .selectors import pledge_commitments

EDIT = "agreements.edit_draft_of_partnership"
PUBLISH = "agreements.publish_for_partnership"
ENDORSE_FOR = "agreements.endorse_for_partner"
TEXT_FIELDS = ("vision", "aims", "principles", "meeting_rhythm", "joining_and_leaving")
WAYS_OF_WORKING = ("decision_rule", "quorum_percent", "spending_threshold_gbp", "spending_approvals")
EDITABLE_FIELDS = (*TEXT_FIELDS, *WAYS_OF_WORKING, "review_date")
# What a new draft copies from the latest version (weights: agreement_weights_set).
COPIED_FIELDS = (*EDITABLE_FIELDS, "weighting", "weighting_reason")
MAX_VOTES = 100


def _locked_draft(version: AgreementVersion) -> AgreementVersion:
    """Read the version again under a row lock and refuse unless it is still a draft:
    a publication that has just committed must win over an edit in another tab."""
    locked = AgreementVersion.objects.select_for_update(no_key=True).get(pk=version.pk)
    if locked.status != AgreementVersion.Status.DRAFT:
        raise Conflict(
            f"Version {locked.number} has been published, so it can no longer be changed. "
            "Start a new draft to propose changes."
        )
    locked.partnership = version.partnership  # share the partners already loaded
    return locked


def _takes_part(partner: Partner, version: AgreementVersion) -> bool:
    """An active partner of the version's partnership that is not only observing:
    the partners that own objectives and have roles."""
    return (
        partner.partnership_id == version.partnership_id
        and partner.left_at is None
        and partner.role != Partner.Role.OBSERVER
    )


def _refuse_past(day: date | None, field: str, what: str) -> None:
    if day is not None and day < timezone.localdate():
        raise ServiceError(f"{what} must be today or in the future", field=field)


def _refuse_too_long(model: type[models.Model], values: dict[str, str]) -> None:
    """TextField lengths, which model validation leaves to forms."""
    for field, value in values.items():
        model_field = model._meta.get_field(field)
        assert isinstance(model_field, models.Field)  # a column, not a relation
        limit = model_field.max_length
        if limit and len(value) > limit:
            label = model_field.verbose_name.capitalize()
            raise ServiceError(f"{label} must be {limit:,} characters or fewer", field=field)


def _record(
    actor: User,
    verb: str,
    version: AgreementVersion,
    organisation: Organisation | None = None,
    **payload: Any,
) -> None:
    """Record `verb` on the version, credited to `organisation` (the partner an
    endorsement is for), or else to the actor's organisation that may edit drafts."""
    event_record(
        actor=actor,
        verb=verb,
        obj=version,
        organisation=organisation or credited_organisation(actor, version.partnership, roles=CORE_ROLES),
        partnership=version.partnership,
        object_repr=f"the agreement (version {version.number})",
        payload={"number": version.number, **payload},
    )


@transaction.atomic
def agreement_draft_start(*, actor: User, partnership: Partnership) -> AgreementVersion:
    """Start the next version as a draft: a copy of the latest version (its text,
    ways of working, objectives and roles of partners still taking part), or an
    empty first draft. One draft at a time, held by the database too."""
    require(EDIT, actor, partnership)
    # Lock the partnership so two "start a draft" clicks queue up: the second sees
    # the first's draft and gets a clear 409, not the unique constraint's error.
    Partnership.objects.select_for_update(no_key=True).filter(pk=partnership.pk).first()
    refuse_if_closed(partnership, "change its agreement")
    versions = partnership.agreement_versions.order_by("-number")
    draft = versions.filter(status=AgreementVersion.Status.DRAFT).first()
    if draft is not None:
        raise Conflict(f"Version {draft.number} is already being drafted. Change that draft instead.")
    latest = versions.first()
    copied = {field: getattr(latest, field) for field in COPIED_FIELDS} if latest else {}
    if copied.get("review_date") and copied["review_date"] < timezone.localdate():
        copied["review_date"] = None  # a date that has passed must be chosen again
    draft = AgreementVersion.objects.create(
        partnership=partnership,
        number=latest.number + 1 if latest else 1,
        created_by=actor,
        **copied,
    )
    if latest is not None:
        active = set(
            partnership.partners.active().exclude(role=Partner.Role.OBSERVER).values_list("pk", flat=True)
        )
        AgreementObjective.objects.bulk_create(
            AgreementObjective(
                version=draft,
                text=o.text,
                measure=o.measure,
                owner_id=o.owner_id if o.owner_id in active else None,
                due=o.due,
            )
            for o in latest.objectives.all()
        )
        AgreementRole.objects.bulk_create(
            AgreementRole(version=draft, partner_id=r.partner_id, responsibilities=r.responsibilities)
            for r in latest.roles.all()
            if r.partner_id in active
        )
        AgreementWeight.objects.bulk_create(
            AgreementWeight(version=draft, partner_id=w.partner_id, votes=w.votes)
            for w in latest.weights.all()
            if w.partner_id in active
        )
    _record(actor, "agreement.draft_started", draft, copied_from=latest.number if latest else None)
    return draft


@transaction.atomic
def agreement_draft_update(
    *,
    actor: User,
    version: AgreementVersion,
    vision: str,
    aims: str,
    principles: str,
    meeting_rhythm: str,
    decision_rule: str,
    quorum_percent: int,
    spending_threshold_gbp: Decimal,
    spending_approvals: int,
    review_date: date | None,
    joining_and_leaving: str,
) -> AgreementVersion:
    """Change a draft's text and ways of working. Refused for a published or
    superseded version (409) and for a review date that has passed (400); model
    validation refuses what the database would (quorum 1 to 100, amounts, lengths)."""
    require(EDIT, actor, version.partnership)
    draft = _locked_draft(version)
    _refuse_past(review_date, "review_date", "The review date")
    new: dict[str, Any] = {
        "vision": vision.strip(),
        "aims": aims.strip(),
        "principles": principles.strip(),
        "meeting_rhythm": meeting_rhythm.strip(),
        "decision_rule": decision_rule,
        "quorum_percent": quorum_percent,
        "spending_threshold_gbp": spending_threshold_gbp,
        "spending_approvals": spending_approvals,
        "review_date": review_date,
        "joining_and_leaving": joining_and_leaving.strip(),
    }
    _refuse_too_long(AgreementVersion, {f: new[f] for f in TEXT_FIELDS})
    changed = assign(draft, new, exclude=("created_by", "published_by", "partnership"))
    if not changed:
        return draft
    draft.save()
    _record(actor, "agreement.draft_updated", draft, fields=changed)
    return draft


@transaction.atomic
def agreement_objective_add(
    *,
    actor: User,
    version: AgreementVersion,
    text: str,
    measure: str,
    owner: Partner | None,
    due: date | None,
) -> AgreementObjective:
    """Add a specific, measurable objective to a draft, owned by a partner that
    takes part in this partnership now."""
    require(EDIT, actor, version.partnership)
    draft = _locked_draft(version)
    if owner is not None and not _takes_part(owner, draft):
        raise ServiceError("Choose a partner of this partnership to own the objective", field="owner")
    _refuse_past(due, "due", "The date")
    objective = AgreementObjective(
        version=draft, text=text.strip(), measure=measure.strip(), owner=owner, due=due
    )
    objective.full_clean()
    objective.save()
    _record(actor, "agreement.objective_added", draft, objective=objective.text[:100])
    return objective


@transaction.atomic
def agreement_objective_remove(*, actor: User, objective: AgreementObjective) -> None:
    """Remove an objective from a draft (core members only); refused once the version
    is published (409), read again under a row lock. Writes
    `agreement.objective_removed` naming the objective."""
    version = objective.version
    require(EDIT, actor, version.partnership)
    draft = _locked_draft(version)
    objective.delete()
    _record(actor, "agreement.objective_removed", draft, objective=objective.text[:100])


@transaction.atomic
def agreement_role_set(
    *, actor: User, version: AgreementVersion, partner: Partner, responsibilities: str
) -> AgreementRole | None:
    """Write what one partner is responsible for under a draft; empty text takes the
    partner's role out of the draft."""
    require(EDIT, actor, version.partnership)
    draft = _locked_draft(version)
    if not _takes_part(partner, draft):
        raise ServiceError("Choose a partner of this partnership", field="partner")
    responsibilities = responsibilities.strip()
    _refuse_too_long(AgreementRole, {"responsibilities": responsibilities})
    role = draft.roles.filter(partner=partner).first()
    if not responsibilities:
        if role is None:
            return None
        role.delete()
        role = None
    else:
        role = role or AgreementRole(version=draft, partner=partner)
        role.responsibilities = responsibilities
        role.full_clean()
        role.save()
    _record(actor, "agreement.role_set", draft, partner=str(partner.organisation), cleared=role is None)
    return role


@transaction.atomic
def agreement_weights_set(
    *, actor: User, version: AgreementVersion, weighting: str, reason: str = "", votes: dict[Partner, int]
) -> AgreementVersion:
    """Say how a draft weights votes in polls on the weighted basis: every partner
    one vote (Weighting.EQUAL, which removes any stated weights), or the votes each
    partner taking part has, 1 to 100, with the reason (Weighting.STATED). A partner
    left out of `votes` has one vote. Refused for a published version (409)."""
    require(EDIT, actor, version.partnership)
    draft = _locked_draft(version)
    if weighting not in Weighting.values:
        raise ServiceError("Choose how votes are weighted", field="weighting")
    reason = reason.strip()
    if weighting == Weighting.EQUAL:
        votes, reason = {}, ""
    elif not reason:
        raise ServiceError(
            "Say why votes are weighted, so every partner can see the rule", field="weighting_reason"
        )
    _refuse_too_long(AgreementVersion, {"weighting_reason": reason})
    for partner, count in votes.items():
        if not _takes_part(partner, draft):
            raise ServiceError("Give votes only to partners of this partnership", field="weighting")
        if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_VOTES:
            raise ServiceError(
                f"Give {partner.organisation} a whole number of votes from 1 to {MAX_VOTES}",
                field=f"votes_{partner.uuid}",
            )
    stated = {p.pk: n for p, n in votes.items() if n != 1}  # one vote needs no row
    before = dict(draft.weights.values_list("partner_id", "votes"))
    if (draft.weighting, draft.weighting_reason, before) == (weighting, reason, stated):
        return draft
    draft.weighting, draft.weighting_reason = weighting, reason
    draft.save(update_fields=["weighting", "weighting_reason", "updated_at"])
    draft.weights.all().delete()
    AgreementWeight.objects.bulk_create(
        AgreementWeight(version=draft, partner_id=partner_id, votes=n) for partner_id, n in stated.items()
    )
    names = {p.pk: p.organisation.name for p in votes}
    _record(
        actor,
        "agreement.weights_set",
        draft,
        weighting=weighting,
        votes={names[partner_id]: n for partner_id, n in stated.items()},
    )
    return draft


def _endorsers_to_ask(partners: list[Partner], actor: User) -> dict[str, list[Partner]]:
    """{email: partners that person can endorse for}: each partner's representatives,
    or its admins when it has named none; never the publisher, who is on the page."""
    admins = Membership.objects.filter(
        organisation_id__in=[p.organisation_id for p in partners], role=Membership.Role.ADMIN
    ).select_related("user")
    admins_by_org: dict[int, list[User]] = {}
    for membership in admins:
        admins_by_org.setdefault(membership.organisation_id, []).append(membership.user)
    to_ask: dict[str, list[Partner]] = {}
    for partner in partners:
        people = [r.user for r in partner.representatives.all()] or admins_by_org.get(
            partner.organisation_id, []
        )
        for person in people:
            if person.pk != actor.pk and person.is_active and person.email:
                to_ask.setdefault(person.email, []).append(partner)
    return to_ask


@transaction.atomic
def agreement_publish(*, actor: User, version: AgreementVersion) -> AgreementVersion:
    """Publish a draft (convener admins only): it is frozen, the version published
    before it is superseded, the pledges are copied into it, and the convener and
    every core partner taking part now are asked to endorse it, by email to their
    representatives after commit. Refused without a vision (400) or with a review
    date that has passed (400)."""
    partnership = version.partnership
    require(PUBLISH, actor, partnership)
    # Lock order: the partnership, then its versions (as agreement_draft_start), so
    # two publications, or a publication and a new draft, queue up.
    Partnership.objects.select_for_update(no_key=True).filter(pk=partnership.pk).first()
    refuse_if_closed(partnership, "publish an agreement")
    draft = _locked_draft(version)
    if not draft.vision.strip():
        raise ServiceError("Write the partnership's vision before publishing the agreement", field="vision")
    _refuse_past(draft.review_date, "review_date", "The review date")
    required = list(
        partnership.partners.active()
        .filter(role__in=ENDORSING_ROLES)
        .select_related("organisation")
        .prefetch_related("representatives__user")
    )
    # While it is still a draft: the database refuses to change who is asked later.
    draft.required_partners.set(required)
    partnership.agreement_versions.filter(status=AgreementVersion.Status.PUBLISHED).update(
        status=AgreementVersion.Status.SUPERSEDED, updated_at=timezone.now()
    )
    draft.status = AgreementVersion.Status.PUBLISHED
    draft.published_at, draft.published_by = timezone.now(), actor
    draft.resource_commitments = pledge_commitments(partnership)
    draft.save()
    _record(
        actor,
        "agreement.published",
        draft,
        organisation=credited_organisation(actor, partnership, roles=CONVENING),
        asked=[p.organisation.name for p in required],
    )
    for email, partners in _endorsers_to_ask(required, actor).items():
        email_schedule(
            to=email,
            template="agreements/email/endorsement_request",
            context={"version": draft, "partnership": partnership, "partners": partners, "publisher": actor},
        )
    return draft


@transaction.atomic
def agreement_endorse(*, actor: User, version: AgreementVersion, partner: Partner) -> Endorsement:
    """Endorse a published version on behalf of `partner`, as its admin or named
    representative. Only the partners asked at publication endorse, each once (the
    unique constraint holds it under any race); drafts and superseded versions
    cannot be endorsed (409). The last endorsement asked for brings the version into
    force and writes `agreement.in_force` too."""
    require(ENDORSE_FOR, actor, partner)
    if partner.partnership_id != version.partnership_id:
        raise ServiceError("No such partner in this partnership.", status_code=404)
    # The lock serialises endorsements of one version with each other and with the
    # publication of the next version, which supersedes this one.
    locked = AgreementVersion.objects.select_for_update(no_key=True).get(pk=version.pk)
    if locked.status == AgreementVersion.Status.DRAFT:
        raise Conflict(f"Version {locked.number} is a draft. It can be endorsed once it is published.")
    if locked.status == AgreementVersion.Status.SUPERSEDED:
        raise Conflict(
            f"Version {locked.number} has been replaced by a newer version. Endorse the latest version instead."
        )
    required = set(locked.required_partners.values_list("pk", flat=True))
    if partner.pk not in required:
        raise Conflict(
            f"{partner.organisation} was not asked to endorse version {locked.number}, because it was not "
            "the convener or a core partner when it was published."
        )
    organisation = partner.organisation
    if locked.endorsements.filter(partner=partner).exists():
        raise Conflict(f"{organisation} has already endorsed version {locked.number}.")
    try:
        with transaction.atomic():
            endorsement = Endorsement.objects.create(version=locked, partner=partner, endorsed_by=actor)
    except IntegrityError as error:  # only if the lock was not held: the constraint decides
        raise Conflict(f"{organisation} has already endorsed version {locked.number}.") from error
    locked.partnership = version.partnership
    _record(actor, "agreement.endorsed", locked, organisation=organisation, partner=organisation.name)
    endorsed = set(locked.endorsements.values_list("partner_id", flat=True))
    if locked.in_force_at is None and required <= endorsed:
        locked.in_force_at = timezone.now()
        locked.save(update_fields=["in_force_at", "updated_at"])
        _record(actor, "agreement.in_force", locked, organisation=organisation)
    return endorsement
