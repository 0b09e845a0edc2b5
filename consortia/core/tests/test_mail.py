"""Outbound email (consortia/core/mail.py) with the database task backend that
`consortia worker` runs: no token, code or address in the task tables before or
after sending, the outbox emptied once sent, and a failed send kept and retried."""

import contextlib
import importlib
import re
import smtplib
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.urls import resolve, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from consortia.consultations import services as consultation_services
from consortia.core.factories import PollFactory
from consortia.core.mail import RETRY_AFTER, email_schedule
from consortia.core.models import OutgoingEmail
from consortia.core.testing import (
    DATABASE_TASKS,
    assert_nowhere_in_database,
    database_texts,
    link_path,
    run_queued_tasks,
    signed_in,
    text,
)
from consortia.organisations.services import member_invite
from consortia.partnerships.services import partner_invite

# Where a message waits until it is sent.
WAITING = ["core_outgoingemail.to", "core_outgoingemail.subject", "core_outgoingemail.body"]

CODE_CONTEXT = {"code": "123456", "title": "Move the drop-in", "minutes": 30}
COLLEAGUE, PARTNER, RESIDENT = (
    "new-colleague@example.org",
    "chair@new-partner.example.org",
    "resident@example.net",
)


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every recipient, quoting the address as SMTP does."""

    def send_messages(self, messages):
        raise smtplib.SMTPRecipientsRefused({m.to[0]: (550, b"No such user here") for m in messages})


def apart(code: str) -> re.Pattern:
    """A 6-digit code standing alone, not a run of digits inside a hash or an id."""
    return re.compile(rf"(?<![0-9A-Za-z]){code}(?![0-9A-Za-z])")


@pytest.mark.django_db(transaction=True)
def test_it_keeps_tokens_codes_and_addresses_out_of_the_task_tables_before_and_after_sending(
    world, settings, mailoutbox
):
    settings.TASKS = DATABASE_TASKS
    convener = world.users["convener_admin"]
    member_invite(actor=convener, organisation=world.convener_org, email=COLLEAGUE)
    partner_invite(actor=convener, partnership=world.partnership, email=PARTNER, role="core")
    poll = PollFactory(partnership=world.partnership, created_by=convener)
    consultation, _ = consultation_services.consultation_open(actor=convener, poll=poll)
    consultation_services.code_request(consultation=consultation, email=RESIDENT, stance="support")
    queued = database_texts()  # committed, the worker not yet run

    run_queued_tasks()

    assert DBTaskResult.objects.count() == 3
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert sorted(m.to[0] for m in mailoutbox) == sorted([COLLEAGUE, PARTNER, RESIDENT])
    assert not OutgoingEmail.objects.exists()
    by_recipient = {m.to[0]: m.body for m in mailoutbox}
    tokens = [resolve(link_path(by_recipient[to])).kwargs["token"] for to in (COLLEAGUE, PARTNER)]
    code = apart(re.search(r"\b(\d{6})\b", by_recipient[RESIDENT]).group(1))
    # Where the application keeps an address on purpose: the invitation, the pending code.
    kept = {
        COLLEAGUE: ["organisations_organisationinvitation.email"],
        PARTNER: ["partnerships_partnershipinvitation.email"],
        RESIDENT: ["decisions_consultationcode.email"],
    }
    for secret in [*tokens, code]:
        assert_nowhere_in_database(secret, allow=WAITING, dump=queued)
        assert_nowhere_in_database(secret)
    for address, places in kept.items():
        assert_nowhere_in_database(address, allow=places + WAITING, dump=queued)
        assert_nowhere_in_database(address, allow=places)


@pytest.mark.django_db(transaction=True)
def test_it_keeps_a_message_it_could_not_send_and_tries_again_later(world, settings, mailoutbox):
    settings.TASKS = DATABASE_TASKS
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"
    convener = world.users["convener_admin"]
    member_invite(actor=convener, organisation=world.convener_org, email=COLLEAGUE)

    run_queued_tasks()

    message = OutgoingEmail.objects.get()
    assert (message.to, message.attempts, message.failed_at) == (COLLEAGUE, 1, None)
    failed, retry = DBTaskResult.objects.order_by("enqueued_at")
    assert failed.status == "FAILED" and failed.exception_class_path == "consortia.core.mail.EmailNotSent"
    assert retry.status == "READY" and retry.args_kwargs["kwargs"] == {"outgoing_email_id": message.pk}
    assert retry.run_after >= timezone.now() + RETRY_AFTER[0] - timedelta(seconds=30)
    assert mailoutbox == []
    # The refusal quoted the address: the failed task's traceback does not.
    assert_nowhere_in_database(COLLEAGUE, allow=["organisations_organisationinvitation.email", *WAITING])

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    DBTaskResult.objects.filter(pk=retry.pk).update(run_after=timezone.now())
    run_queued_tasks()

    assert [m.to for m in mailoutbox] == [[COLLEAGUE]]
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_it_marks_a_message_failed_and_keeps_it_when_it_cannot_try_again(
    settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"{__name__}.RefusingBackend"  # and the immediate tasks cannot wait to retry

    with django_capture_on_commit_callbacks(execute=True):
        email_schedule(to=RESIDENT, template="consultations/email/code", context=CODE_CONTEXT)

    message = OutgoingEmail.objects.get()
    assert (message.to, message.attempts) == (RESIDENT, 1)
    assert message.failed_at is not None
    assert f"Outgoing email {message.pk} not sent after 1 attempts" in caplog.text


@pytest.mark.django_db
def test_it_neither_sends_nor_keeps_a_message_when_the_change_is_rolled_back(
    mailoutbox, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True),
        contextlib.suppress(RuntimeError),
        transaction.atomic(),
    ):
        email_schedule(to=RESIDENT, template="consultations/email/code", context=CODE_CONTEXT)
        raise RuntimeError("the change failed")

    assert mailoutbox == []
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_its_migration_moves_waiting_mail_to_the_outbox_and_strips_sent_mail_from_the_task_table():
    """Task rows written before the outbox (core 0002) carried the whole message."""
    migration = importlib.import_module("consortia.core.migrations.0002_outgoing_email")
    old = {
        "task_path": "consortia.core.mail.email_send",
        "backend_name": "default",
        "run_after": get_date_max(),
        "exception_class_path": "",
        "traceback": "",
    }
    link = "https://consortia.example.org/organisations/invitations/a-plain-token-of-old/"
    DBTaskResult.objects.create(
        status="READY",
        args_kwargs={
            "args": [],
            "kwargs": {"to": [RESIDENT], "subject": "Your code", "body": "Code: 123456"},
        },
        **old,
    )
    DBTaskResult.objects.create(
        status="SUCCESSFUL",
        args_kwargs={"args": [], "kwargs": {"to": [COLLEAGUE], "subject": "Join us", "body": link}},
        **old,
    )

    migration.move_mail_out_of_the_task_table(django_apps, None)

    message = OutgoingEmail.objects.get()
    assert (message.to, message.subject, message.body) == (RESIDENT, "Your code", "Code: 123456")
    waiting = DBTaskResult.objects.get(status="READY")
    assert waiting.args_kwargs == {"args": [], "kwargs": {"outgoing_email_id": message.pk}}
    assert DBTaskResult.objects.get(status="SUCCESSFUL").args_kwargs == {"args": [], "kwargs": {}}
    assert_nowhere_in_database(RESIDENT, allow=WAITING)
    assert_nowhere_in_database(apart("123456"), allow=WAITING)
    assert_nowhere_in_database(COLLEAGUE)
    assert_nowhere_in_database("a-plain-token-of-old")


@pytest.mark.django_db
def test_it_lets_the_site_admin_send_a_failed_message_again_from_the_admin(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    failed = OutgoingEmail.objects.create(
        to=RESIDENT, subject="Your code", body="Code: 123456", attempts=5, failed_at=timezone.now()
    )
    client = signed_in(world.users["site_admin"])
    url = reverse("admin:core_outgoingemail_changelist")

    listed = client.get(url, {"failed_at__isempty": "0"})
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"action": "send_again", "_selected_action": [failed.pk]})

    assert listed.status_code == 200 and RESIDENT in text(listed) and "123456" not in text(listed)
    assert done.status_code == 302
    assert [(m.to, m.body) for m in mailoutbox] == [([RESIDENT], "Code: 123456")]
    assert not OutgoingEmail.objects.exists()


@pytest.mark.django_db
def test_it_sends_the_headers_kept_with_a_message(mailoutbox, django_capture_on_commit_callbacks):
    """A notification's List-Unsubscribe headers (RFC 8058) wait in the outbox with
    the message and go out with it; a message without headers sends none."""
    unsubscribe = {
        "List-Unsubscribe": "<https://consortia.example/notifications/unsubscribe/abc/>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    with django_capture_on_commit_callbacks(execute=True):
        email_schedule(
            to=RESIDENT, template="consultations/email/code", context=CODE_CONTEXT, headers=unsubscribe
        )
        with transaction.atomic():
            assert OutgoingEmail.objects.get().headers == unsubscribe
        email_schedule(to=COLLEAGUE, template="consultations/email/code", context=CODE_CONTEXT)

    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert {k: by_recipient[RESIDENT].extra_headers[k] for k in unsubscribe} == unsubscribe
    assert "List-Unsubscribe" not in by_recipient[COLLEAGUE].extra_headers
    assert "List-Unsubscribe" in by_recipient[RESIDENT].message().as_string()


@pytest.mark.django_db
def test_it_keeps_attachments_on_the_outbox_row_and_sends_them(
    mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        email_schedule(
            to=RESIDENT,
            template="consultations/email/code",
            context=CODE_CONTEXT,
            attachments=[("invitation.ics", "BEGIN:VCALENDAR", "text/calendar; method=REQUEST")],
        )
    row = OutgoingEmail.objects.get()
    assert row.attachments == [
        {
            "filename": "invitation.ics",
            "content": "BEGIN:VCALENDAR",
            "mimetype": "text/calendar; method=REQUEST",
        }
    ]
    for callback in callbacks:
        callback()
    sent = mailoutbox[0].message()
    part = sent.get_payload()[1]
    assert part.get_content_type() == "text/calendar"
    assert part.get_param("method") == "REQUEST"
    assert part.get_filename() == "invitation.ics"
    assert part.get_payload(decode=True).decode() == "BEGIN:VCALENDAR"


@pytest.mark.django_db
def test_a_message_without_attachments_is_sent_as_before(mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email_schedule(to=RESIDENT, template="consultations/email/code", context=CODE_CONTEXT)
    assert mailoutbox[0].attachments == []
    assert not mailoutbox[0].message().is_multipart()
