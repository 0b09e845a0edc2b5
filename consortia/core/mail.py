"""The one module for outbound email. Services call `email_schedule`, which sends
through a background task after the transaction commits, so a rolled-back change
never sends mail and a slow mail server never slows a request.

Nothing personal or secret goes into the task's arguments: the task tables keep
them after the task has run (django-tasks-db's `args_kwargs`), and an invitation's
link would then outlive the promise that only a hash of its token is stored. So
`email_schedule` renders the message at once (the token exists only in that moment)
and keeps it in the outbox, `OutgoingEmail`, in the service's own transaction; the
task carries only the outbox row's id, and deletes the row once the message is
sent. Mail about something whose personal data is deleted, and still waiting, goes
with it (`email_discard`).

A failed send is logged and kept: with a backend that can defer (the database
backend that `consortia worker` runs) the task enqueues itself again after a pause,
RETRY_AFTER[n] after the n-th failure, and after the last one the row is marked
failed and stays in the outbox, where the site administrator sees it (Django's
admin, consortia/core/admin.py) and can send it again or delete it. The failed
task's stored traceback names the row, never the address (the mail server's error
may quote it).
"""

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from email.mime.base import MIMEBase
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.message import SafeMIMEText
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django_tasks import task

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

# The pause before each new attempt; one attempt more than pauses in all.
RETRY_AFTER = [timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1), timedelta(hours=6)]

_suppressed: ContextVar[bool] = ContextVar("emails_suppressed", default=False)


class EmailNotSent(Exception):
    """The task's failure, naming the outbox row and the kind of error only."""


@contextmanager
def emails_suppressed() -> Iterator[None]:
    """Inside this block services send no email: for loading the demo or a bulk
    import, where the addresses are not real people waiting for a message."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


def emails_are_suppressed() -> bool:
    """True inside `emails_suppressed()`: for work that would send mail later, from a
    task, and should hold it back now (the notifications' fan-out)."""
    return _suppressed.get()


def email_schedule(
    *,
    to: str,
    template: str,
    context: dict[str, Any],
    about: str = "",
    headers: dict[str, str] | None = None,
    attachments: Iterable[tuple[str, str, str]] = (),
) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` now, keep the message
    in the outbox in the caller's transaction, and send it after commit. `about`
    ("consultation:<uuid>") lets `email_discard` find it while it waits; `headers`
    are sent with it (a notification's List-Unsubscribe); `attachments` are
    (filename, text content, mimetype) triples (a meeting's invitation.ics)."""
    if _suppressed.get():
        return
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    # One line: a name typed with a line break would otherwise make the subject an
    # invalid header, and the email would fail to send (Django refuses it).
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    files = [{"filename": name, "content": content, "mimetype": kind} for name, content, kind in attachments]
    message = OutgoingEmail.objects.create(
        to=to, subject=subject, body=body, about=about, headers=dict(headers or {}), attachments=files
    )
    transaction.on_commit(lambda: email_send.enqueue(outgoing_email_id=message.pk))


def email_discard(*, about: str, to: Iterable[str] | None = None) -> int:
    """Delete the mail about `about` (to these addresses only, if given) that has not
    been sent: for deleting personal data. Returns how many messages were deleted."""
    waiting = OutgoingEmail.objects.filter(about=about)
    if to is not None:
        waiting = waiting.filter(to__in=list(to))
    deleted, _ = waiting.delete()
    return deleted


def email_send_again(*, messages: Iterable[OutgoingEmail]) -> int:
    """Queue messages from the outbox (failed ones, typically) to be sent again, with a
    fresh count of attempts. Returns how many were queued."""
    ids = [message.pk for message in messages]
    OutgoingEmail.objects.filter(pk__in=ids).update(failed_at=None, attempts=0)
    for pk in ids:
        transaction.on_commit(partial(email_send.enqueue, outgoing_email_id=pk))
    return len(ids)


@task()
def email_send(*, outgoing_email_id: int) -> None:
    """Send one message from the outbox and delete it. A message deleted meanwhile
    (its personal data deleted) or already sent is skipped."""
    message = OutgoingEmail.objects.filter(pk=outgoing_email_id, failed_at__isnull=True).first()
    if message is None:
        return
    try:
        email = EmailMessage(
            message.subject,
            message.body,
            settings.DEFAULT_FROM_EMAIL,
            [message.to],
            headers=message.headers or None,
        )
        for file in message.attachments or []:
            email.attach(_attachment(file))
        email.send(fail_silently=False)
    except Exception as error:
        _attempt_failed(message, error)
        # `from None`: the mail server's error may quote the address, and the task
        # tables store the traceback.
        raise EmailNotSent(f"Outgoing email {message.pk} was not sent ({type(error).__name__}).") from None
    message.delete()


def _attachment(file: dict[str, str]) -> MIMEBase:
    """A stored attachment as a MIME part, keeping the parameters of its type
    ("text/calendar; method=REQUEST": calendar clients need the method)."""
    kind, *params = (part.strip() for part in file["mimetype"].split(";"))
    main, _, sub = kind.partition("/")
    if main == "text":
        part: MIMEBase = SafeMIMEText(file["content"], sub, "utf-8")
    else:
        part = MIMEBase(main, sub)
        part.set_payload(file["content"])
    for param in params:
        name, _, value = param.partition("=")
        part.set_param(name.strip(), value.strip().strip('"'))
    part.add_header("Content-Disposition", "attachment", filename=file["filename"])
    return part


def _attempt_failed(message: OutgoingEmail, error: Exception) -> None:
    """Count the attempt; try again later when the task backend can defer and retries
    are left, else mark the message failed. Logged either way."""
    message.attempts += 1
    retry = message.attempts <= len(RETRY_AFTER) and email_send.get_backend().supports_defer
    if not retry:
        message.failed_at = timezone.now()
    message.save(update_fields=["attempts", "failed_at"])
    why = f"{type(error).__name__}: {error}"
    if retry:
        pause = RETRY_AFTER[message.attempts - 1]
        email_send.using(run_after=timezone.now() + pause).enqueue(outgoing_email_id=message.pk)
        logger.warning(
            "Outgoing email %s not sent (attempt %s), trying again in %s: %s",
            message.pk,
            message.attempts,
            pause,
            why,
        )
    else:
        logger.error(
            "Outgoing email %s not sent after %s attempts; it stays in the outbox, marked failed: %s",
            message.pk,
            message.attempts,
            why,
        )
