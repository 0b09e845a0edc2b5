"""The meetings' rows for the access table (consortia/core/tests/test_access.py): every
meetings URL, GET and POST, for every persona, and `scene(world, s)`, which adds the
meetings the rows name and puts their ids on `s`.

Who may do what (consortia/meetings/rules.py): everyone who sees the partnership sees
its meetings and their .ics (observers and site admins too); the convener's admins
schedule, change and cancel meetings and their agendas (a group's lead schedules the
group's meetings: the core partner's plain member leads a closed group in threads'
scene); the note-taker (here the core partner's plain member) and the
convener's admins record attendance, write, open and publish the minutes, record
decisions and add actions; anyone invited sends their own apologies; those who
attended (here the participant) suggest corrections; a partner's admin or
representative approves the minutes for it. All else is a 404. No row sends email:
the forms' "email those invited" boxes are left unticked (invitations are proved in
test_invitations.py).
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import AgendaItemFactory, MeetingFactory, PartnershipFactory
from consortia.meetings.models import Attendance, Meeting

P, M = "partnership", "meeting"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
CONVENER_PAGE = (LOGIN, 404, 404, 404, 404, 200, 404, 404)
CONVENER_DONE = (LOGIN, 404, 404, 404, 404, OK, 404, 404)
CONVENER_REFUSED = (LOGIN, 404, 404, 404, 404, 400, 404, 404)
CONVENER_CONFLICT = (LOGIN, 404, 404, 404, 404, 409, 404, 404)
NOTES_PAGE = (LOGIN, 404, 404, 200, 404, 200, 404, 404)  # the note-taker and the convener's admins
NOTES_DONE = (LOGIN, 404, 404, OK, 404, OK, 404, 404)
NOTES_REFUSED = (LOGIN, 404, 404, 400, 404, 400, 404, 404)
NOTES_CONFLICT = (LOGIN, 404, 404, 409, 404, 409, 404, 404)
INVITED_DONE = (LOGIN, 404, OK, OK, OK, OK, OK, 404)
ATTENDEE_PAGE = (LOGIN, 404, 404, 404, 404, 404, 200, 404)
ATTENDEE_DONE = (LOGIN, 404, 404, 404, 404, 404, OK, 404)
CORE_SPEAKER_DONE = (LOGIN, 404, 404, 404, OK, 404, 404, 404)
CORE_SPEAKER_CONFLICT = (LOGIN, 404, 404, 404, 409, 404, 404, 404)


def meeting_form(s, **overrides):
    return {
        "title": "Partnership meeting, March",
        "starts_at": "2030-03-12T10:00",
        "ends_at": "2030-03-12T12:00",
        "time_zone": "Europe/London",
        "place": "The carers' centre",
        "default_agenda": "on",
        **overrides,
    }


def action_form(s, **overrides):
    return {"title": "Print the leaflets", "owner": f"user:{s.partner_member}", **overrides}


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("meetings:list", GET,                          READ, args=(P,)),
    Row("meetings:list", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- scheduling and changing: the convener's admins ------------------------------------------------
    # The plain member leads a closed group (threads' scene): they may schedule its
    # meetings, not the partnership's.
    Row("meetings:create", GET,                        NOTES_PAGE, args=(P,)),
    Row("meetings:create", POST,                       (LOGIN, 404, 404, 400, 404, OK, 404, 404), args=(P,),
        data=meeting_form, done="meeting.scheduled"),
    Row("meetings:create", POST,                       NOTES_REFUSED, args=(P,),
        data=lambda s: meeting_form(s, ends_at="2030-03-12T09:00"), label="ends before it starts"),
    Row("meetings:create", POST,                       NOTES_REFUSED, args=(P,),
        data=lambda s: meeting_form(s, chair=s.outsider), label="an outsider as chair"),
    Row("meetings:edit", GET,                          CONVENER_PAGE, args=(P, M)),
    Row("meetings:edit", POST,                         CONVENER_DONE, args=(P, M),
        data=lambda s: meeting_form(s, place="The library"), done="meeting.changed"),
    Row("meetings:edit", POST,                         CONVENER_REFUSED, args=(P, M),
        data=lambda s: meeting_form(s, ends_at="2030-03-11T12:00"), label="ends before it starts"),
    Row("meetings:edit", GET,                          NOT_FOUND, args=(P, "other_meeting"),
        label="another partnership's meeting"),
    Row("meetings:cancel", GET,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, M)),
    Row("meetings:cancel", POST,                       CONVENER_DONE, args=(P, M), done="meeting.cancelled"),
    Row("meetings:cancel", POST,                       CONVENER_CONFLICT, args=(P, "cancelled_meeting"),
        label="already cancelled"),

    # --- the meeting's page and its calendar file -----------------------------------------------------
    Row("meetings:detail", GET,                        READ, args=(P, M)),
    Row("meetings:detail", GET,                        READ, args=(P, "approval_meeting"), label="published"),
    Row("meetings:detail", GET,                        NOT_FOUND, args=(P, "other_meeting"),
        label="another partnership's meeting"),
    Row("meetings:detail", POST,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P, M)),
    Row("meetings:ics", GET,                           READ, args=(P, M)),
    Row("meetings:ics", GET,                           NOT_FOUND, args=(P, "other_meeting"),
        label="another partnership's meeting"),
    Row("meetings:ics", POST,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P, M)),

    # --- the agenda: the convener's admins --------------------------------------------------------------
    Row("meetings:agenda_add", GET,                    CONVENER_PAGE, args=(P, M)),
    Row("meetings:agenda_add", POST,                   CONVENER_DONE, args=(P, M),
        data=lambda s: {"title": "Referral form", "duration_minutes": "15"}, done="meeting.agenda_item_added"),
    Row("meetings:agenda_add", POST,                   CONVENER_REFUSED, args=(P, M),
        data=lambda s: {"title": "Referral form", "duration_minutes": "0"}, label="no time"),
    Row("meetings:agenda_edit", GET,                   CONVENER_PAGE, args=(P, M, "item")),
    Row("meetings:agenda_edit", POST,                  CONVENER_DONE, args=(P, M, "item"),
        data=lambda s: {"title": "Progress on outcomes", "not_reached": "on"}, done="meeting.agenda_item_changed"),
    Row("meetings:agenda_edit", GET,                   NOT_FOUND, args=(P, M, "other_item"),
        label="another meeting's item"),
    Row("meetings:agenda_move", GET,                   SIGN_IN_THEN_NOT_ALLOWED, args=(P, M, "item")),
    Row("meetings:agenda_move", POST,                  CONVENER_DONE, args=(P, M, "item"),
        data=lambda s: {"direction": "down"}, done="meeting.agenda_reordered"),
    Row("meetings:agenda_move", POST,                  CONVENER_CONFLICT, args=(P, M, "item"),
        data=lambda s: {"direction": "up"}, label="already first"),
    Row("meetings:agenda_remove", GET,                 SIGN_IN_THEN_NOT_ALLOWED, args=(P, M, "item")),
    Row("meetings:agenda_remove", POST,                CONVENER_DONE, args=(P, M, "item"),
        done="meeting.agenda_item_removed"),

    # --- attendance: the note-taker and the convener's admins; apologies: anyone invited -------------
    Row("meetings:attendance", GET,                    NOTES_PAGE, args=(P, "held_meeting")),
    Row("meetings:attendance", POST,                   NOTES_DONE, args=(P, "held_meeting"),
        data=lambda s: {f"person_{s.observer_user}": "apologies"}, done="meeting.attendance_recorded"),
    Row("meetings:attendance", POST,                   NOTES_REFUSED, args=(P, "held_meeting"),
        data=lambda s: {f"person_{s.observer_user}": "late"}, label="no such status"),
    Row("meetings:attendance", POST,                   NOTES_CONFLICT, args=(P, M),
        data=lambda s: {f"person_{s.observer_user}": "attended"}, label="before the meeting"),
    Row("meetings:apologies", GET,                     SIGN_IN_THEN_NOT_ALLOWED, args=(P, M)),
    Row("meetings:apologies", POST,                    INVITED_DONE, args=(P, M), done="meeting.apologies_sent"),

    # --- minutes: the note-taker and the convener's admins; corrections: those who attended ----------
    Row("meetings:minutes", GET,                       NOTES_PAGE, args=(P, "held_meeting")),
    Row("meetings:minutes", POST,                      NOTES_DONE, args=(P, "held_meeting"),
        data=lambda s: {"minutes": "We agreed one referral form."}, done="meeting.minutes_drafted"),
    Row("meetings:minutes", POST,                      NOTES_REFUSED, args=(P, "held_meeting"),
        data=lambda s: {"minutes": "  "}, label="empty"),
    Row("meetings:minutes", POST,                      NOTES_CONFLICT, args=(P, "approval_meeting"),
        data=lambda s: {"minutes": "Rewritten"}, label="after publication"),
    Row("meetings:minutes_open", GET,                  SIGN_IN_THEN_NOT_ALLOWED, args=(P, "held_meeting")),
    Row("meetings:minutes_open", POST,                 NOTES_DONE, args=(P, "held_meeting"),
        data=lambda s: {"days": "5"}, done="meeting.minutes_opened"),
    Row("meetings:minutes_open", POST,                 NOTES_REFUSED, args=(P, "held_meeting"),
        data=lambda s: {"days": "30"}, label="too long"),
    Row("meetings:correction", GET,                    ATTENDEE_PAGE, args=(P, "open_meeting")),
    Row("meetings:correction", POST,                   ATTENDEE_DONE, args=(P, "open_meeting"),
        data=lambda s: {"text": "It was two forms, not one."}, done="meeting.correction_suggested"),
    Row("meetings:correction", POST,                   (LOGIN, 404, 404, 404, 404, 404, 409, 404),
        args=(P, "approval_meeting"), data=lambda s: {"text": "Typo"}, label="after publication"),
    Row("meetings:minutes_publish", GET,               SIGN_IN_THEN_NOT_ALLOWED, args=(P, "window_closed_meeting")),
    Row("meetings:minutes_publish", POST,              NOTES_DONE, args=(P, "window_closed_meeting"),
        done="meeting.minutes_published"),
    Row("meetings:minutes_publish", POST,              NOTES_CONFLICT, args=(P, "open_meeting"),
        label="still open for corrections"),
    Row("meetings:decision_add", GET,                  NOTES_PAGE, args=(P, "held_meeting")),
    Row("meetings:decision_add", POST,                 NOTES_DONE, args=(P, "held_meeting"),
        data=lambda s: {"text": "One referral form for all partners"}, done="meeting.decision_recorded"),
    Row("meetings:decision_add", POST,                 NOTES_REFUSED, args=(P, "held_meeting"),
        data=lambda s: {"text": ""}, label="empty"),
    Row("meetings:action_add", GET,                    NOTES_PAGE, args=(P, "held_meeting")),
    Row("meetings:action_add", POST,                   NOTES_DONE, args=(P, "held_meeting"), data=action_form,
        done="action.created"),
    Row("meetings:action_add", POST,                   NOTES_REFUSED, args=(P, "held_meeting"),
        data=lambda s: action_form(s, title=""), label="no title"),

    # --- approval for a partner: its admin or representative ------------------------------------------
    Row("meetings:minutes_approve", GET,               SIGN_IN_THEN_NOT_ALLOWED,
        args=(P, "approval_meeting", "core_partner")),
    Row("meetings:minutes_approve", POST,              CORE_SPEAKER_DONE, args=(P, "approval_meeting", "core_partner"),
        done="meeting.minutes_approved"),
    Row("meetings:minutes_approve", POST,              CORE_SPEAKER_CONFLICT,
        args=(P, "held_meeting", "core_partner"), label="not published"),
]
# fmt: on

ALLOWED_CHANGES = {
    ("observer", "meetings:apologies"),
    ("partner_member", "meetings:apologies"),
    ("participant", "meetings:apologies"),
    ("participant", "meetings:correction"),
    # the core partner's plain member is the note-taker
    *(
        ("partner_member", f"meetings:{name}")
        for name in ("attendance", "minutes", "minutes_open", "minutes_publish", "decision_add", "action_add")
    ),
}


def scene(world, s: SimpleNamespace) -> None:
    """An upcoming meeting of the partnership inviting every partner, with one agenda
    item, the core partner's plain member taking notes; one already cancelled; four
    held already, at which the participant was present: minutes drafted, open
    for corrections, open with the window closed, and published needing each
    partner's approval; and another partnership's meeting with an item."""
    users = world.users
    partners = [world.convener_partner, world.core_partner, world.observer_partner]

    def meeting(**fields):
        made = MeetingFactory(partnership=world.partnership, note_taker=users["partner_member"], **fields)
        made.invited_partners.set(partners)
        return made

    upcoming = meeting()
    item = AgendaItemFactory(meeting=upcoming, title="Progress on our outcomes", position=1)
    AgendaItemFactory(meeting=upcoming, title="Any other business", position=2)
    cancelled = meeting(status=Meeting.Status.CANCELLED)
    now = timezone.now()
    held = meeting(
        starts_at=now - timedelta(days=1, hours=2),
        ends_at=now - timedelta(days=1),
        minutes="Draft minutes.",
        minutes_status="draft",
    )
    open_ = meeting(
        starts_at=now - timedelta(days=1, hours=2),
        ends_at=now - timedelta(days=1),
        minutes="Draft minutes.",
        minutes_status="open",
        corrections_until=now + timedelta(days=3),
    )
    window_closed = meeting(
        starts_at=now - timedelta(days=9, hours=2),
        ends_at=now - timedelta(days=9),
        minutes="Draft minutes.",
        minutes_status="open",
        corrections_until=now - timedelta(days=1),
    )
    approval = meeting(
        starts_at=now - timedelta(days=20, hours=2),
        ends_at=now - timedelta(days=20),
        minutes="Final minutes.",
        minutes_status="published",
        minutes_published_at=now - timedelta(days=10),
        needs_partner_approval=True,
    )
    for each in (held, open_, window_closed, approval):
        Attendance.objects.create(meeting=each, user=users["participant"], status="attended")
    other = MeetingFactory(partnership=PartnershipFactory())
    other_item = AgendaItemFactory(meeting=other)
    s.meeting = str(upcoming.uuid)
    s.item = str(item.uuid)
    s.cancelled_meeting = str(cancelled.uuid)
    s.held_meeting = str(held.uuid)
    s.open_meeting = str(open_.uuid)
    s.window_closed_meeting = str(window_closed.uuid)
    s.approval_meeting = str(approval.uuid)
    s.other_meeting = str(other.uuid)
    s.other_item = str(other_item.uuid)
    s.observer_user = str(users["observer"].uuid)
