"""The one module for outbound email. Services call `email_schedule`, which sends
through a background task after the transaction commits, so a rolled-back change
never sends mail and a slow mail server never slows a request."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django_tasks import task

_suppressed: ContextVar[bool] = ContextVar("emails_suppressed", default=False)


@contextmanager
def emails_suppressed():
    """Inside this block services send no email: for loading the demo or a bulk
    import, where the addresses are not real people waiting for a message."""
    token = _suppressed.set(True)
    try:
        yield
    finally:
        _suppressed.reset(token)


@task()
def email_send(*, to: list[str], subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, to, fail_silently=False)


def email_schedule(*, to: str, template: str, context: dict) -> None:
    """Render `<template>_subject.txt` and `<template>_body.txt` now and send later."""
    if _suppressed.get():
        return
    context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    # One line: a name typed with a line break would otherwise make the subject an
    # invalid header, and the email would fail to send (Django refuses it).
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}_body.txt", context)
    transaction.on_commit(lambda: email_send.enqueue(to=[to], subject=subject, body=body))
