"""Every change to a poll's public consultation: opening and closing it, issuing a
new public link, making personal single-use links, asking for and checking an email
code (which records the response), answering through a personal link, hiding a
response, and deleting respondents' personal data.

Two ways to answer once: through the public link with a verified email (a
single-use code), or through a personal link, which records one response and is
then used up (for people without an email address: links handed out on paper).
Only hashes of every link's token are stored.

The convener's services check `consultations.manage_consultation_of_poll` (consortia/consultations/rules.py);
the public ones need no account, only a secret link. Each runs in one transaction
and writes one event with no personal data (and no token) in it: the manager's are
credited to their organisation (partnerships/credit.py), the public's to none.
Abuse is limited by counting code requests in the database (per email and per
consultation, per hour, and per requesting address across all consultations) and
wrong attempts on each code. The address is stored only as a keyed hash (`requester_key`) on the
code row; deleting a consultation's personal data deletes its codes, and with them
these hashes.

A respondent's email address is held in three places, and deleting their personal
data empties all three: the response, the code rows (a code's address is emptied
once it is used, as the response then holds it) and the code's email while it
waits in the outbox (`about=consultation_mail_about(...)`).
"""

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.errors import Conflict, Gone, ServiceError
from consortia.core.events import event_record
from consortia.core.mail import email_discard, email_schedule
from consortia.core.services import require
from consortia.core.tokens import token_new
from consortia.decisions.models import Poll
from consortia.decisions.services import MANAGING_ROLES
from consortia.partnerships.credit import credited_organisation

from .models import STANCES, Consultation, ConsultationCode, ConsultationLink, ConsultationResponse

MANAGE = "consultations.manage_consultation_of_poll"
CODE_LIFETIME = timedelta(minutes=30)
MAX_ATTEMPTS = 5  # wrong codes before a code is locked
CODES_PER_EMAIL_PER_HOUR = 3
CODES_PER_CONSULTATION_PER_HOUR = 200
CODES_PER_ADDRESS_PER_HOUR = 20  # from one requesting address, across all consultations
MAX_LINKS = 500  # personal links made at once
MAX_LABEL = 100
MAX_COMMENT, MAX_NAME = 2000, 100


class TooMany(ServiceError):
    status_code = 429


def _keyed(*parts: str) -> str:
    """A keyed hash (HMAC-SHA256 with the site's secret): a copy of the database alone
    cannot reverse a 6-digit code or confirm a guessed email."""
    message = "\x1f".join(parts).encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


def respondent_key(consultation: Consultation, email: str) -> str:
    """The keyed hash that stands for `email` in `consultation`: the same address
    (whatever its case or surrounding spaces) always gives the same key, so it holds
    the one-response rule after the address itself is deleted."""
    return _keyed("respondent", str(consultation.uuid), email.strip().lower())


def _event(actor: User | None, verb: str, consultation: Consultation, **payload: Any) -> None:
    """Record `verb` on the poll: a manager's action (manage_consultation is the
    poll's manage rule) is credited to their organisation, the public's (no actor)
    to none."""
    poll = consultation.poll
    event_record(
        actor=actor,
        verb=verb,
        obj=poll,
        organisation=credited_organisation(actor, poll.partnership, roles=MANAGING_ROLES),
        partnership=poll.partnership,
        object_repr=poll.title,
        payload=payload,
    )


# --- the convener ------------------------------------------------------------------------------


@transaction.atomic
def consultation_open(*, actor: User, poll: Poll) -> tuple[Consultation, str]:
    """Open the poll's public consultation (its manager only; one per poll, 409 if it
    exists, also when closed; the poll's row is locked so two openings cannot both
    pass). Returns the consultation and the link's token, which is shown once: only
    its hash is stored. Writes `consultation.opened`."""
    require(MANAGE, actor, poll)
    Poll.objects.select_for_update().filter(pk=poll.pk).first()
    if Consultation.objects.filter(poll=poll).exists():
        raise Conflict("This poll already has a consultation.")
    token, hashed = token_new()
    consultation = Consultation.objects.create(poll=poll, token_hash=hashed, opened_by=actor)
    _event(actor, "consultation.opened", consultation)
    return consultation, token


@transaction.atomic
def consultation_close(*, actor: User, consultation: Consultation) -> Consultation:
    """Stop taking responses (the poll's manager only; 409 when already closed): unused
    codes and personal links stop working. Writes `consultation.closed`."""
    require(MANAGE, actor, consultation.poll)
    consultation = (
        Consultation.objects.select_for_update().select_related("poll__partnership").get(pk=consultation.pk)
    )
    if not consultation.is_open:
        raise Conflict("The consultation is already closed.")
    consultation.status = Consultation.Status.CLOSED
    consultation.closed_at = timezone.now()
    consultation.save(update_fields=["status", "closed_at", "updated_at"])
    _event(actor, "consultation.closed", consultation)
    return consultation


def _locked_open(consultation: Consultation, refusal: str) -> Consultation:
    """The consultation's row, locked; 409 with `refusal` when it is closed."""
    consultation = (
        Consultation.objects.select_for_update().select_related("poll__partnership").get(pk=consultation.pk)
    )
    if not consultation.is_open:
        raise Conflict(refusal)
    return consultation


@transaction.atomic
def consultation_link_renew(*, actor: User, consultation: Consultation) -> tuple[Consultation, str]:
    """Issue a new public link (for a convener who lost the one shown at opening): the
    new token's hash replaces the old one, so the old link stops working (404), and
    pending email codes with it. The poll's manager only; 409 when closed. Returns the
    consultation and the new token, shown once. Writes `consultation.link_renewed`."""
    require(MANAGE, actor, consultation.poll)
    consultation = _locked_open(consultation, "The consultation is closed: it needs no new link.")
    token, hashed = token_new()
    consultation.token_hash = hashed
    consultation.save(update_fields=["token_hash", "updated_at"])
    _event(actor, "consultation.link_renewed", consultation)
    return consultation, token


@transaction.atomic
def links_create(
    *, actor: User, consultation: Consultation, count: int, label: str = ""
) -> list[tuple[ConsultationLink, str]]:
    """Make `count` personal single-use links (1 to MAX_LINKS; else 400), all with the
    same `label` (where the batch goes, never a respondent's name). The poll's manager
    only; 409 when closed. Returns each link with its token, shown once: only the
    hashes are stored. Writes one `consultation.links_created` for the batch."""
    require(MANAGE, actor, consultation.poll)
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_LINKS:
        raise ServiceError(f"Make between 1 and {MAX_LINKS} links at a time.", field="count")
    label = label.strip()
    if len(label) > MAX_LABEL:
        raise ServiceError(f"Keep the label under {MAX_LABEL} characters.", field="label")
    consultation = _locked_open(consultation, "The consultation is closed: it takes no more answers.")
    tokens = [token_new() for _ in range(count)]
    links = ConsultationLink.objects.bulk_create(
        ConsultationLink(consultation=consultation, token_hash=hashed, label=label, created_by=actor)
        for _, hashed in tokens
    )
    _event(actor, "consultation.links_created", consultation, count=count, label=label)
    return [(link, token) for link, (token, _) in zip(links, tokens, strict=True)]


@transaction.atomic
def response_hide(
    *, actor: User, response: ConsultationResponse, hidden: bool = True
) -> ConsultationResponse:
    """Hide a response from the summary partners see (or show it again): the poll's
    manager only; 409 if it is already so. Writes `consultation.response_hidden` (or
    `_shown`) naming the response by its uuid, never its content."""
    consultation = response.consultation
    require(MANAGE, actor, consultation.poll)
    if response.hidden == hidden:
        raise Conflict("The response is already hidden." if hidden else "The response is already shown.")
    response.hidden = hidden
    response.save(update_fields=["hidden", "updated_at"])
    verb = "consultation.response_hidden" if hidden else "consultation.response_shown"
    _event(actor, verb, consultation, response=str(response.uuid))
    return response


def consultation_mail_about(consultation: Consultation) -> str:
    """What the consultation's code emails are about, in the outbox: one value per
    consultation, so `email_discard` finds all its waiting emails."""
    return f"consultation:{consultation.uuid}"


@transaction.atomic
def personal_data_delete(
    *, actor: User, consultation: Consultation, response: ConsultationResponse | None = None
) -> int:
    """Delete respondents' names and emails, of one response or of all, keeping the
    anonymous answers (stance and comment): every copy of the address goes, from the
    responses, the email codes (all of them, or the chosen respondent's) and their
    emails still waiting to be sent. The respondent keys stay, so a deleted email
    still cannot answer twice. The poll's manager only. Returns how many responses
    were cleared (409 when there was nothing to delete). Writes
    `consultation.personal_data_deleted` with counts only."""
    require(MANAGE, actor, consultation.poll)
    now = timezone.now()
    responses = consultation.responses.filter(personal_data_deleted_at__isnull=True)
    codes = consultation.codes.all()
    if response is not None:
        responses = responses.filter(pk=response.pk)
        codes = codes.filter(respondent_key=response.respondent_key)
    addresses = {*responses.exclude(email="").values_list("email", flat=True)}
    addresses |= {*codes.exclude(email="").values_list("email", flat=True)}
    cleared = responses.update(name="", email="", personal_data_deleted_at=now, updated_at=now)
    deleted, _ = codes.delete()
    about = consultation_mail_about(consultation)
    email_discard(about=about, to=None if response is None else addresses)
    if not cleared and not deleted:
        raise Conflict("There is no personal data left to delete.")
    _event(actor, "consultation.personal_data_deleted", consultation, responses=cleared, all=response is None)
    return cleared


# --- the public ----------------------------------------------------------------------------------


def _stance_clean(stance: str) -> str:
    if stance not in {key for key, _ in STANCES}:
        raise ServiceError("Choose support, concerns or neutral.", field="stance")
    return stance


@transaction.atomic
def code_request(
    *,
    consultation: Consultation,
    email: str,
    stance: str,
    comment: str = "",
    name: str = "",
    requester: str = "",
) -> ConsultationCode:
    """Keep the answer and email a single-use 6-digit code to confirm it. Refused with
    409 when the consultation is closed or the email has already answered, 429 past
    the hourly limits (per email, per consultation, and per `requester`, the client's
    address, kept only as a keyed hash). Needs no account: the caller had the public
    link. The code is sent after commit; only its keyed hash is stored. Writes no
    event (nothing is answered until the code is checked)."""
    consultation = Consultation.objects.select_for_update().get(pk=consultation.pk)
    if not consultation.is_open:
        raise Conflict("This consultation is closed.")
    stance = _stance_clean(stance)
    if len(comment) > MAX_COMMENT or len(name) > MAX_NAME:
        raise ServiceError(f"Keep comments under {MAX_COMMENT} characters and names under {MAX_NAME}.")
    email = email.strip().lower()
    key = respondent_key(consultation, email)
    if consultation.responses.filter(respondent_key=key).exists():
        raise Conflict("This email address has already answered.", field="email")
    hour_ago = timezone.now() - timedelta(hours=1)
    recent = consultation.codes.filter(created_at__gte=hour_ago)
    requester_key = _keyed("address", requester) if requester else ""
    if (
        recent.filter(respondent_key=key).count() >= CODES_PER_EMAIL_PER_HOUR
        or recent.count() >= CODES_PER_CONSULTATION_PER_HOUR
        or (
            requester_key
            and ConsultationCode.objects.filter(requester_key=requester_key, created_at__gte=hour_ago).count()
            >= CODES_PER_ADDRESS_PER_HOUR
        )
    ):
        raise TooMany("Too many codes were asked for. Please try again in an hour.")
    code = f"{secrets.randbelow(10**6):06d}"
    row = ConsultationCode(
        consultation=consultation,
        email=email,
        respondent_key=key,
        code_hash="",
        expires_at=timezone.now() + CODE_LIFETIME,
        stance=stance,
        comment=comment,
        name=name,
        requester_key=requester_key,
    )
    row.code_hash = _keyed("code", str(row.uuid), code)
    row.full_clean()
    row.save()
    email_schedule(
        to=email,
        template="consultations/email/code",
        context={
            "code": code,
            "title": consultation.poll.title,
            "minutes": int(CODE_LIFETIME.total_seconds() // 60),
        },
        about=consultation_mail_about(consultation),
    )
    return row


def code_verify(*, consultation: Consultation, code_row: ConsultationCode, code: str) -> ConsultationResponse:
    """Check the code and record the answer as a response. A wrong code counts an
    attempt (the count is committed even though the request is refused) and after
    MAX_ATTEMPTS the code is locked (429). Used: 409; expired: 410; closed: 409; the
    email already answered: 409. One response per email is held by a unique constraint.
    Writes `consultation.response_received`, credited to no one."""
    if not consultation.is_open:  # checked again under lock when the response is written
        raise Conflict("This consultation is closed.")
    with transaction.atomic():
        row = ConsultationCode.objects.select_for_update().get(pk=code_row.pk)
        if row.used_at is not None:
            raise Conflict("This code has already been used.")
        if row.attempts >= MAX_ATTEMPTS:
            raise TooMany("Too many wrong codes. Ask for a new code.")
        if row.expires_at <= timezone.now():
            raise Gone("This code has expired. Ask for a new one.")
        good = hmac.compare_digest(row.code_hash, _keyed("code", str(row.uuid), code.strip()))
        if not good:
            row.attempts += 1
            row.save(update_fields=["attempts", "updated_at"])
    if not good:  # outside the block, so the counted attempt stays
        raise ServiceError("That code is not right. Check the email and try again.", field="code")
    return _response_record(consultation=consultation, code_row=row)


@transaction.atomic
def _response_record(*, consultation: Consultation, code_row: ConsultationCode) -> ConsultationResponse:
    consultation = (
        Consultation.objects.select_for_update().select_related("poll__partnership").get(pk=consultation.pk)
    )
    if not consultation.is_open:
        raise Conflict("This consultation is closed.")
    row = ConsultationCode.objects.select_for_update().get(pk=code_row.pk)
    if row.used_at is not None:
        raise Conflict("This code has already been used.")
    response = ConsultationResponse(
        consultation=consultation,
        stance=row.stance,
        comment=row.comment,
        name=row.name,
        email=row.email,
        respondent_key=row.respondent_key,
    )
    response.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise Conflict("This email address has already answered.") from None
    # The answer now lives in the response: the code keeps only what rate limiting needs
    # (the keyed hashes), not a second copy of the address.
    row.used_at = timezone.now()
    row.stance, row.comment, row.name, row.email = "", "", "", ""
    row.save(update_fields=["used_at", "stance", "comment", "name", "email", "updated_at"])
    _event(None, "consultation.response_received", consultation, response=str(response.uuid))
    return response


@transaction.atomic
def link_answer(
    *, link: ConsultationLink, stance: str, comment: str = "", name: str = ""
) -> ConsultationResponse:
    """Record the answer given through a personal link, which it uses up: 409 when the
    link has been used or the consultation is closed. The link's row is locked, and
    its one response is held by ConsultationResponse.link being unique (and by the
    respondent key, a keyed hash of the link). Writes `consultation.response_received`,
    credited to no one."""
    consultation = _locked_open(link.consultation, "This consultation is closed.")
    link = ConsultationLink.objects.select_for_update().get(pk=link.pk)
    if link.used_at is not None:
        raise Conflict("This link has already been used.")
    stance = _stance_clean(stance)
    if len(comment) > MAX_COMMENT or len(name) > MAX_NAME:
        raise ServiceError(f"Keep comments under {MAX_COMMENT} characters and names under {MAX_NAME}.")
    response = ConsultationResponse(
        consultation=consultation,
        stance=stance,
        comment=comment,
        name=name.strip(),
        email="",
        respondent_key=_keyed("link", str(link.uuid)),
        link=link,
    )
    response.full_clean(validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:
        raise Conflict("This link has already been used.") from None
    link.used_at = timezone.now()
    link.save(update_fields=["used_at", "updated_at"])
    _event(None, "consultation.response_received", consultation, response=str(response.uuid))
    return response
