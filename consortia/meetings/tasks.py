"""Background work for meetings: the invitation emails. The task gets the meeting's
id and the iCalendar METHOD only (never an address); it reads who is invited when it
runs and puts one message per person in the outbox (core/mail.py), each with the
meeting as an `invitation.ics` attachment naming that person as the attendee."""

from django.db import transaction
from django_tasks import task

from consortia.core.mail import email_schedule

from .ics import meeting_calendar, meeting_url
from .models import Meeting
from .selectors import invitees

TEMPLATES = {"REQUEST": "meetings/email/invitation", "CANCEL": "meetings/email/cancelled"}


@task()
def meeting_invitations_send(*, meeting_id: int, method: str) -> int:
    """Email every invitee the meeting (METHOD:REQUEST) or its cancellation
    (METHOD:CANCEL). Returns how many messages were queued."""
    meeting = Meeting.objects.select_related("partnership", "working_group").filter(pk=meeting_id).first()
    if meeting is None or method not in TEMPLATES:
        return 0
    people = [p.user for p in invitees(meeting) if p.user.email and p.user.is_active]
    context = {"meeting": meeting, "url": meeting_url(meeting), "cancelled": method == "CANCEL"}
    with transaction.atomic():
        for user in people:
            email_schedule(
                to=user.email,
                template=TEMPLATES[method],
                context={**context, "user": user},
                about=f"meeting:{meeting.uuid}",
                attachments=[
                    (
                        "invitation.ics",
                        meeting_calendar(meeting, method=method, attendee=user),
                        f"text/calendar; method={method}",
                    )
                ],
            )
    return len(people)
