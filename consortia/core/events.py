"""The event spine: every service records what it changed through `event_record`."""

from collections.abc import Callable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.dispatch import Signal

from consortia.accounts.models import User

from .models import Event

# Sent after the transaction that recorded an event commits, with `event_id` and
# `verb`: how the apps above core (notifications) learn of a change without core
# knowing them. A receiver should enqueue work, not do it (it runs in the request
# that made the change), and can pass over a verb without a query.
event_recorded = Signal()

# Filters an app above core adds to what a person sees of a partnership's event log:
# each takes (user, partnership) and gives a Q on Event (groups: a closed group's
# events only for the members who could open what they describe). Core cannot know
# those rules, so it keeps the list and `event_visibility_q` combines it.
EVENT_VISIBILITY: list[Callable[[Any, Any], models.Q]] = []


def event_visibility_q(user: User | AnonymousUser, partnership: Any) -> models.Q:
    """What `user` may see of `partnership`'s events: every registered filter at once."""
    q = models.Q()
    for visibility in EVENT_VISIBILITY:
        q &= visibility(user, partnership)
    return q


# How each verb reads in an activity feed: "<actor> (<organisation>) <text> <object>".
VERB_TEXT: dict[str, str] = {
    "organisation.created": "created the organisation",
    "organisation.updated": "updated the profile of",
    "organisation.member_invited": "invited a colleague to",
    "organisation.invitation_revoked": "withdrew an invitation to",
    "organisation.member_joined": "joined",
    "organisation.member_removed": "removed a member from",
    "organisation.member_left": "left",
    "organisation.member_role_changed": "changed a member's role in",
    "organisation.offer_added": "added an offer:",
    "organisation.offer_removed": "removed an offer:",
    "partnership.convened": "convened the partnership",
    "partnership.updated": "updated the details of",
    "partnership.status_changed": "changed the status of",
    "partnership.convening_handed_over": "handed over convening to",
    "partner.invited": "invited an organisation to join",
    "partner.invitation_revoked": "withdrew an invitation to",
    "partner.joined": "joined the partnership as",
    "partner.declined": "declined the invitation to",
    "partner.role_changed": "changed the role of",
    "partner.left": "left the partnership:",
    "partner.representative_added": "named a representative for",
    "partner.representative_removed": "removed a representative for",
    "participant.invited": "invited an individual participant to",
    "participant.joined": "joined as an individual participant:",
    "participant.declined": "declined the invitation to",
    "participant.removed": "removed an individual participant from",
    "participant.left": "left the partnership:",
    "canvas.purpose_updated": "updated the purpose of",
    "canvas.step_completed": "marked a canvas step as done:",
    "canvas.step_reopened": "reopened a canvas step:",
    "canvas.commented": "commented on the canvas step",
    "outcome.added": "added an outcome:",
    "outcome.updated": "changed an outcome:",
    "outcome.removed": "removed an outcome:",
    "indicator.added": "added an indicator:",
    "indicator.updated": "changed an indicator:",
    "indicator.removed": "removed an indicator:",
    "need.added": "added a need:",
    "need.updated": "changed a need:",
    "need.removed": "removed a need:",
    "pledge.added": "pledged",
    "pledge.updated": "changed a pledge:",
    "pledge.removed": "withdrew a pledge:",
    "partner.statement_updated": "said what it wants from",
    "agreement.draft_started": "started a new draft of",
    "agreement.draft_updated": "edited the draft of",
    "agreement.objective_added": "added an objective to",
    "agreement.objective_removed": "removed an objective from",
    "agreement.role_set": "set a partner's responsibilities in",
    "agreement.weights_set": "set the voting weights in",
    "agreement.published": "published for endorsement",
    "agreement.endorsed": "endorsed",
    "agreement.in_force": "brought into force, with every endorsement,",
    "group.created": "set up the working group",
    "group.updated": "changed the working group",
    "group.archived": "archived the working group",
    "group.reopened": "reopened the working group",
    "group.member_joined": "joined the working group",
    "group.member_left": "left the working group",
    "group.member_added": "added a member to the working group",
    "group.member_removed": "removed a member from the working group",
    "poll.opened": "opened a poll:",
    "vote.cast": "voted in",
    "vote.changed": "changed their vote in",
    "poll.closed": "closed the poll",
    "poll.outcome_written": "wrote the outcome of",
    # consultations for the wider community (no respondent's personal data in payloads)
    "consultation.opened": "opened a public consultation on",
    "consultation.response_received": "answered the public consultation on",
    "consultation.response_hidden": "hid a consultation response on",
    "consultation.response_shown": "showed again a consultation response on",
    "consultation.closed": "closed the public consultation on",
    "consultation.personal_data_deleted": "deleted respondents' personal data from the consultation on",
    "consultation.link_renewed": "issued a new public link to the consultation on",
    "consultation.links_created": "made personal links to the consultation on",
    # discussion threads (payloads name the mentioned users and partners by id)
    "thread.started": "started the thread",
    "thread.replied": "replied in the thread",
    "post.edited": "edited a post in the thread",
    "thread.pinned": "pinned as an announcement the thread",
    "thread.unpinned": "unpinned the thread",
    # actions (payloads name the owner person or partner, and the creator, by id)
    "action.created": "added the action",
    "action.updated": "changed the action",
    "action.done": "marked as done the action",
    "action.dropped": "dropped the action",
    "action.reopened": "reopened the action",
    # written by the daily reminder job, with no actor
    "action.due_soon": "reminds you of an action due in two days:",
    "action.due_today": "reminds you of an action due today:",
    # the pooled fund (payloads name the requester by id; settled by a poll: automatic)
    "fund.set_up": "set up the pooled fund of",
    "fund.host_changed": "changed the fiscal host of",
    "fund.budget_line_added": "added the budget line",
    "fund.income_recorded": "recorded money received:",
    "spending_request.created": "drafted the spending request",
    "spending_request.submitted": "asked for approval of the spending request",
    "spending_request.withdrawn": "withdrew the spending request",
    "spending_request.approval_given": "approved for their organisation the spending request",
    "spending_request.approved": "approved the spending request",
    "spending_request.rejected": "refused the spending request",
    "spending_request.paid": "marked as paid the spending request",
    "spending_request.reconciled": "reconciled with its receipt the spending request",
    # meetings (payloads name agenda items and decisions by uuid, partners by id)
    "meeting.scheduled": "scheduled the meeting",
    "meeting.changed": "changed the meeting",
    "meeting.cancelled": "cancelled the meeting",
    "meeting.agenda_item_added": "added an agenda item to the meeting",
    "meeting.agenda_item_changed": "changed an agenda item of the meeting",
    "meeting.agenda_item_removed": "removed an agenda item from the meeting",
    "meeting.agenda_reordered": "reordered the agenda of the meeting",
    "meeting.attendance_recorded": "recorded attendance at the meeting",
    "meeting.apologies_sent": "sent apologies for the meeting",
    "meeting.minutes_drafted": "drafted the minutes of the meeting",
    "meeting.minutes_opened": "opened for corrections the minutes of the meeting",
    "meeting.correction_suggested": "suggested a correction to the minutes of the meeting",
    "meeting.minutes_published": "published the minutes of the meeting",
    "meeting.minutes_approved": "approved the minutes of the meeting",
    "meeting.minutes_final": "made final, with every approval, the minutes of the meeting",
    "meeting.decision_recorded": "recorded a decision in the minutes of the meeting",
    # shared assets (booking payloads name the booker, the booking partner and the owner by id)
    "asset.listed": "listed for booking",
    "asset.changed": "changed the bookable asset",
    "booking.requested": "asked to book",
    "booking.made": "booked",
    "booking.approved": "approved a booking of",
    "booking.declined": "declined a booking of",
    "booking.cancelled": "cancelled a booking of",
    # training places (payloads name the offering partner, and by id who was given a place)
    "training.course_offered": "offered the training course",
    "training.course_changed": "changed the training course",
    "training.course_cancelled": "cancelled the training course",
    "training.place_booked": "booked a place on the training course",
    "training.place_waitlisted": "joined the waiting list for the training course",
    "training.place_cancelled": "cancelled a place on the training course",
    "training.attendance_recorded": "recorded attendance at the training course",
    # written by the hourly release job, with no actor
    "training.places_released": "gave released places to the waiting list of the training course",
    # a person's own calendar feed link (no partnership; nobody is notified)
    "calendar.feed_made": "made a new calendar feed link:",
    "calendar.feed_revoked": "stopped the calendar feed link:",
    "contribution.recorded": "recorded a contribution:",
    "contribution.reversed": "reversed a contribution:",
    "rate.set": "set a rate on the rate card:",
    # the health radar (payload: the remedy's and the cause's keys, the cause's level)
    "radar.remedy_added": "put a remedy the health radar suggested on the agenda of the meeting",
    # who knows what (issue 13, point 1): payloads carry the visibility, the endorsed person's id,
    # the merged topic's name and how many uses moved
    "expertise.added": "added to their expertise:",
    "expertise.removed": "removed from their expertise:",
    "expertise.endorsed": "endorsed the expertise",
    "expertise.topics_merged": "merged a topic into",
    # the health check (issue 12): payloads never carry answers or who gave which rating's values
    "health.round_opened": "opened the health check",
    "health.round_closed": "closed the health check",
    "health.round_answered": "answered the health check",
    "health.rating_saved": "rated a partner in the health check",
    "health.rating_removed": "withdrew a rating of a partner in the health check",
    # progress on outcomes (payloads name the indicator by uuid, the day and the value)
    "measurement.recorded": "recorded a measurement:",
    "measurement.changed": "corrected a measurement:",
    "measurement.removed": "removed a measurement:",
    # "how we work" profiles (issue 13, point 5; payload: the changed fields' names)
    "workingprofile.written": "wrote how it works:",
    "workingprofile.updated": "updated how it works:",
    "workingprofile.reviewed": "checked how it works is still right:",
    # the glossary across sectors (issue 13): a suggestion's payload names the approvers by id
    "glossary.term_suggested": "suggested the glossary term",
    "glossary.term_approved": "approved the glossary term",
    "glossary.term_rejected": "rejected the glossary term",
    "glossary.term_changed": "changed the glossary term",
    "glossary.term_retired": "retired the glossary term",
    "glossary.stewards_named": "named the glossary's stewards:",
    # exchanges between organisations (issue 13; payloads: host and sender partner ids,
    # the start, the status, whom to tell)
    "exchanges.exchange_proposed": "proposed the exchange",
    "exchanges.exchange_agreed": "agreed to the exchange",
    "exchanges.dbs_confirmed": "confirmed the DBS check for the exchange",
    "exchanges.exchange_confirmed": "confirmed the exchange",
    "exchanges.participant_added": "named a person on the exchange",
    "exchanges.exchange_completed": "completed the exchange",
    "exchanges.exchange_cancelled": "cancelled the exchange",
    "exchanges.reflection_written": "wrote a reflection on the exchange",
    # --- the learning log (issue 13) ---
    "lesson.recorded": "recorded a lesson:",
    "lesson.changed": "changed a lesson:",
    "lesson.status_changed": "changed the status of a lesson:",
    "lesson.reviewed": "marked a lesson reviewed:",
    "lesson.due_today": "reminded the owner of a lesson due today:",
    # ask the partnership (issue 13, point 2): payloads name whom the notifications tell
    "questions.asked": "asked a question:",
    "questions.routed": "put a question to a colleague:",
    "questions.answered": "answered the question",
    "questions.answer_accepted": "accepted an answer to",
    "questions.answer_unaccepted": "withdrew the acceptance of an answer to",
    "questions.widened": "opened the question to the directory:",
    "questions.closed": "closed the question",
    # the practice library (issue 13, point 3)
    "library.entry_added": "added to the practice library:",
    "library.entry_changed": "changed the library entry",
    "library.attachment_added": "attached a file to the library entry",
    "library.attachment_shareable": "confirmed a file may be shared outside the partnership, on",
    "library.entry_published": "published in the public library:",
    "library.entry_unpublished": "took back from the public library:",
    "library.entry_copied": "copied into the practice library:",
}


def event_record(
    *,
    actor: User | AnonymousUser | None,
    verb: str,
    obj: models.Model | None = None,
    # Any: core sits below organisations and partnerships, so it cannot name their models.
    organisation: Any = None,
    partnership: Any = None,
    object_repr: str = "",
    payload: dict[str, Any] | None = None,
) -> Event:
    """Append one event. Call inside the service's transaction so the event and the
    change it describes are written together or not at all."""
    if verb not in VERB_TEXT:
        raise ValueError(f"Unknown event verb {verb!r}: add it to VERB_TEXT.")
    event = Event.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        organisation=organisation,
        partnership=partnership,
        verb=verb,
        object_type=(obj._meta.model_name or "") if obj is not None else "",
        object_uuid=getattr(obj, "uuid", None),
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:200],
        payload=payload or {},
    )
    event_id = event.pk
    transaction.on_commit(lambda: event_recorded.send(sender=Event, event_id=event_id, verb=verb))
    return event


def event_text(event: Event) -> str:
    return VERB_TEXT.get(event.verb, event.verb)


# Verbs only a scheduled job records, with nobody behind them: they read as said by
# the site ("Consortia reminds you of …"). A service that acts for a person or for the
# site marks the latter with payload {"automatic": true} (a poll closed at its time).
SYSTEM_VERBS = {"action.due_soon", "action.due_today", "training.places_released"}
SITE_NAME = "Consortia"


def event_actor_name(event: Event) -> str:
    """Who did it, as a feed, inbox or email names them: the person, the site for
    what a scheduled job did, or "Someone" for a person whose account is gone."""
    if event.actor is not None:
        return event.actor.display_name
    if event.verb in SYSTEM_VERBS or (event.payload or {}).get("automatic"):
        return SITE_NAME
    return "Someone"
