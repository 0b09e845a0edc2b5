"""Writing "how we work" profiles: an organisation's admins write and change it and
mark it reviewed. Every change records an event on the organisation."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import assign, require
from consortia.organisations.models import Organisation

from .models import SignOff, WorkingProfile

MAX_LANGUAGES = 20
MAX_LANGUAGE_LENGTH = 60
MAX_BOARD_DATES = 24
MAX_SIGN_OFFS = 20
MAX_REPLY_DAYS = 365
MAX_USUAL_DAYS = 730


@dataclass(frozen=True)
class SignOffRow:
    """A row of the decision table, as the form read it."""

    decision: str
    signed_off_by: str
    usual_days: int


def _check_rows(sign_offs: list[SignOffRow]) -> None:
    if len(sign_offs) > MAX_SIGN_OFFS:
        raise ServiceError(f"List at most {MAX_SIGN_OFFS} kinds of decision.", field="sign_offs")
    for number, row in enumerate(sign_offs, start=1):
        if not row.decision.strip() or not row.signed_off_by.strip():
            raise ServiceError(
                f"Row {number}: say the kind of decision and who signs it off.", field="sign_offs"
            )
        if len(row.decision) > 200 or len(row.signed_off_by) > 200:
            raise ServiceError(f"Row {number}: keep each part under 200 characters.", field="sign_offs")
        if not 0 <= row.usual_days <= MAX_USUAL_DAYS:
            raise ServiceError(
                f"Row {number}: the usual time must be between 0 and {MAX_USUAL_DAYS} days.",
                field="sign_offs",
            )


def _check_lists(board_dates: list[date], languages: list[str]) -> None:
    if len(board_dates) > MAX_BOARD_DATES:
        raise ServiceError(f"List at most {MAX_BOARD_DATES} board dates.", field="board_dates")
    if len(languages) > MAX_LANGUAGES:
        raise ServiceError(f"List at most {MAX_LANGUAGES} languages.", field="languages")
    if any(not name.strip() or len(name) > MAX_LANGUAGE_LENGTH for name in languages):
        raise ServiceError(
            f"Name each language in 1 to {MAX_LANGUAGE_LENGTH} characters, separated by commas.",
            field="languages",
        )


@transaction.atomic
def profile_save(
    *,
    actor: User,
    organisation: Organisation,
    sign_offs: list[SignOffRow],
    board_dates: list[date],
    board_rhythm: str,
    financial_year_start: int | None,
    reporting_deadlines: str,
    working_hours: str,
    channel: str,
    contact: str,
    reply_days: int | None,
    languages: list[str],
    accessibility: str,
    shown_in_directory: bool,
) -> WorkingProfile:
    """Write or change the organisation's profile (its admins only); an unchanged
    profile writes nothing."""
    require("workingprofiles.edit_profile_of_organisation", actor, organisation)
    if financial_year_start is not None and not 1 <= financial_year_start <= 12:
        raise ServiceError("The financial year starts in a month from 1 to 12.", field="financial_year_start")
    if reply_days is not None and not 0 <= reply_days <= MAX_REPLY_DAYS:
        raise ServiceError(f"The reply time must be between 0 and {MAX_REPLY_DAYS} days.", field="reply_days")
    _check_rows(sign_offs)
    _check_lists(board_dates, languages)
    # Two admins writing the first profile at once would both find none and the second
    # insert would break the one-to-one: lock the organisation's row first, so the second
    # waits and then finds the first's profile (SQLite's IMMEDIATE transactions already
    # run one at a time; this is for PostgreSQL).
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    profile = WorkingProfile.objects.select_for_update().filter(organisation=organisation).first()
    created = profile is None
    if profile is None:
        profile = WorkingProfile(organisation=organisation)
    changed = assign(
        profile,
        {
            "board_dates": sorted({d.isoformat() for d in board_dates}),
            "board_rhythm": board_rhythm.strip(),
            "financial_year_start": financial_year_start,
            "reporting_deadlines": reporting_deadlines.strip(),
            "working_hours": working_hours.strip(),
            "channel": channel,
            "contact": contact.strip(),
            "reply_days": reply_days,
            "languages": [name.strip() for name in languages],
            "accessibility": accessibility.strip(),
            "shown_in_directory": shown_in_directory,
        },
        exclude=("organisation",),
    )
    rows = [(r.decision.strip(), r.signed_off_by.strip(), r.usual_days) for r in sign_offs]
    old_rows = (
        [] if created else [(s.decision, s.signed_off_by, s.usual_days) for s in profile.sign_offs.all()]
    )
    if rows != old_rows:
        changed.append("sign_offs")
    if not created and not changed:
        return profile
    profile.save()
    if rows != old_rows:
        profile.sign_offs.all().delete()
        SignOff.objects.bulk_create(
            SignOff(profile=profile, position=i, decision=d, signed_off_by=w, usual_days=n)
            for i, (d, w, n) in enumerate(rows)
        )
    event_record(
        actor=actor,
        verb="workingprofile.written" if created else "workingprofile.updated",
        obj=profile,
        organisation=organisation,
        payload={"fields": changed},
    )
    return profile


@transaction.atomic
def profile_review(*, actor: User, organisation: Organisation) -> WorkingProfile:
    """An admin says the profile is still right: its "reviewed" date moves to now."""
    require("workingprofiles.edit_profile_of_organisation", actor, organisation)
    profile = WorkingProfile.objects.select_for_update().filter(organisation=organisation).first()
    if profile is None:
        raise Conflict(f"{organisation} has no profile yet: write it first.")
    profile.reviewed_at = timezone.now()
    profile.reviewed_by = actor
    profile.save(update_fields=["reviewed_at", "reviewed_by"])
    event_record(actor=actor, verb="workingprofile.reviewed", obj=profile, organisation=organisation)
    return profile
