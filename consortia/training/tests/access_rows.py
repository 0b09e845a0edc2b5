"""The training rows for the access table (consortia/core/tests/test_access.py): every
training URL, GET and POST, for every persona, and `scene(world, s)`, which adds the
courses and places the rows name and puts their ids on `s`.

Who may do what (consortia/training/rules.py): everyone who sees the partnership sees
its courses (observers, participants and site admins too). Those who speak for a
partner that is not only observing offer courses (the convener's and the core
partner's admins); a course's organisers (here the convener's admin) change it,
cancel it and record attendance. Every partner organisation's members book places for
themselves (observers too; not individual participants, nor site admins, who hold no
place in the partnership); a place is cancelled by its holder or the organisers.
All else is a 404.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import CourseFactory, PartnershipFactory, PlaceFactory

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
OFFER_PAGE = (LOGIN, 404, 404, 404, 200, 200, 404, 404)
OFFERED = (LOGIN, 404, 404, 404, OK, OK, 404, 404)
OFFER_REFUSED = (LOGIN, 404, 404, 404, 400, 400, 404, 404)
RUN_PAGE = (LOGIN, 404, 404, 404, 404, 200, 404, 404)
RUN_DONE = (LOGIN, 404, 404, 404, 404, OK, 404, 404)
RUN_REFUSED = (LOGIN, 404, 404, 404, 404, 400, 404, 404)
RUN_CONFLICT = (LOGIN, 404, 404, 404, 404, 409, 404, 404)
BOOKED = (LOGIN, 404, OK, OK, OK, OK, 404, 404)
# The open course, where the core partner's plain member already holds a place: booking twice.
BOOKED_BUT_TWICE = (LOGIN, 404, OK, 409, OK, OK, 404, 404)
BOOK_CONFLICT = (LOGIN, 404, 409, 409, 409, 409, 404, 404)
# A course only the core partner's people may attend.
BOOK_NAMED = (LOGIN, 404, 400, OK, OK, 400, 404, 404)
# The core partner's plain member's place: theirs, and the organisers'.
PLACE_CANCELLED = (LOGIN, 404, 404, OK, 404, OK, 404, 404)


def course(s, **overrides):
    start = timezone.localtime() + timedelta(days=20)
    return {
        "partner": s.my_org,
        "title": "Dementia awareness",
        "description": "For **front-line** staff.",
        "location": "Northshire Carers Centre",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
        "places": "12",
        "who": "all",
        **overrides,
    }


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("training:list", GET,                          READ, args=(P,)),
    Row("training:list", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- offering a course: those who speak for a contributing partner ---------------------------
    Row("training:create", GET,                        OFFER_PAGE, args=(P,)),
    Row("training:create", POST,                       OFFERED, args=(P,), data=course,
        done="training.course_offered"),
    Row("training:create", POST,                       OFFERED, args=(P,), done="training.course_offered",
        data=lambda s: course(s, **{f"quota_{s.core_partner}": "4", "release_at": (
            timezone.localtime() + timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")}),
        label="with a quota"),
    Row("training:create", POST,                       OFFER_REFUSED, args=(P,),
        data=lambda s: course(s, title=""), label="no title"),
    Row("training:create", POST,                       OFFER_REFUSED, args=(P,),
        data=lambda s: course(s, places="0"), label="no places"),
    Row("training:create", POST,                       OFFER_REFUSED, args=(P,),
        data=lambda s: course(s, starts_at="2020-01-01T09:00", ends_at="2020-01-01T12:00"), label="in the past"),
    Row("training:create", POST,                       OFFER_REFUSED, args=(P,),
        data=lambda s: course(s, places="3", **{f"quota_{s.core_partner}": "4"}), label="quota over places"),
    Row("training:create", POST,                       OFFER_REFUSED, args=(P,),
        data=lambda s: course(s, partner=s.outsider_org), label="for another organisation"),

    # --- a course's page -----------------------------------------------------------------------
    Row("training:detail", GET,                        READ, args=(P, "training_course")),
    Row("training:detail", GET,                        READ, args=(P, "training_past_course"),
        label="started, with places"),
    Row("training:detail", GET,                        NOT_FOUND, args=(P, "training_other_course"),
        label="another partnership's course"),
    Row("training:detail", POST,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P, "training_course")),

    # --- changing and cancelling: the organisers -----------------------------------------------
    Row("training:edit", GET,                          RUN_PAGE, args=(P, "training_course")),
    Row("training:edit", POST,                         RUN_DONE, args=(P, "training_course"),
        data=lambda s: course(s, places="20"), done="training.course_changed"),
    Row("training:edit", POST,                         RUN_REFUSED, args=(P, "training_course"),
        data=lambda s: course(s, places="0"), label="no places"),
    Row("training:edit", GET,                          NOT_FOUND, args=(P, "training_other_course"),
        label="another partnership's course"),
    Row("training:cancel", GET,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "training_course")),
    Row("training:cancel", POST,                       RUN_DONE, args=(P, "training_course"),
        done="training.course_cancelled"),
    Row("training:cancel", POST,                       RUN_CONFLICT, args=(P, "training_cancelled_course"),
        label="already cancelled"),

    # --- booking: every partner organisation's members, for themselves ---------------------------
    Row("training:book", GET,                          SIGN_IN_THEN_NOT_ALLOWED, args=(P, "training_course")),
    Row("training:book", POST,                         BOOKED_BUT_TWICE, args=(P, "training_course"),
        done="training.place_booked"),
    Row("training:book", POST,                         BOOKED, args=(P, "training_full_course"),
        done="training.place_waitlisted", label="full"),
    Row("training:book", POST,                         BOOK_NAMED, args=(P, "training_named_course"),
        done="training.place_booked", label="for named partners"),
    Row("training:book", POST,                         BOOK_CONFLICT, args=(P, "training_cancelled_course"),
        label="cancelled"),
    Row("training:book", POST,                         BOOK_CONFLICT, args=(P, "training_past_course"),
        label="started"),
    Row("training:book", POST,                         NOT_FOUND, args=(P, "training_other_course"),
        label="another partnership's course"),

    # --- cancelling a place: its holder and the organisers ---------------------------------------
    Row("training:place_cancel", GET,                  SIGN_IN_THEN_NOT_ALLOWED,
        args=(P, "training_course", "training_place")),
    Row("training:place_cancel", POST,                 PLACE_CANCELLED,
        args=(P, "training_course", "training_place"), done="training.place_cancelled"),

    # --- attendance: the organisers, once the course has started ---------------------------------
    Row("training:attendance", GET,                    RUN_PAGE, args=(P, "training_past_course")),
    Row("training:attendance", POST,                   RUN_DONE, args=(P, "training_past_course"),
        data=lambda s: {f"place_{s.training_past_place}": "absent"}, done="training.attendance_recorded"),
    Row("training:attendance", POST,                   RUN_REFUSED, args=(P, "training_past_course"),
        data=lambda s: {f"place_{s.training_past_place}": "maybe"}, label="not a status"),
    Row("training:attendance", POST,                   RUN_CONFLICT, args=(P, "training_course"),
        data=lambda s: {}, label="not started"),
]
# fmt: on

# Attendance is recorded as "absent" in the table: "attended" writes a ledger entry too,
# with its own event by the system (consortia/training/tests/test_ledger.py).
ALLOWED_CHANGES = {
    ("observer", "training:book"),
    ("partner_member", "training:book"),
    ("partner_member", "training:place_cancel"),
}


def scene(world, s: SimpleNamespace) -> None:
    """Courses the convening partner offers: an open one on which the core partner's
    plain member holds a place, a full one, one for the core partner only, a
    cancelled one and one that started yesterday (the member's place on it booked);
    and another partnership's course."""
    member = world.users["partner_member"]
    offered = {"partnership": world.partnership, "partner": world.convener_partner}
    open_course = CourseFactory(**offered)
    full = CourseFactory(**offered, places=1)
    PlaceFactory(course=full, partner=world.core_partner)
    named = CourseFactory(**offered, open_to_all=False)
    named.allowed_partners.set([world.core_partner])
    cancelled = CourseFactory(**offered, status="cancelled")
    start = timezone.now() - timedelta(days=1)
    past = CourseFactory(**offered, starts_at=start, ends_at=start + timedelta(hours=3))
    s.training_course = str(open_course.uuid)
    s.training_place = str(PlaceFactory(course=open_course, partner=world.core_partner, user=member).uuid)
    s.training_full_course = str(full.uuid)
    s.training_named_course = str(named.uuid)
    s.training_cancelled_course = str(cancelled.uuid)
    s.training_past_course = str(past.uuid)
    s.training_past_place = str(PlaceFactory(course=past, partner=world.core_partner, user=member).uuid)
    s.training_other_course = str(CourseFactory(partnership=PartnershipFactory()).uuid)
