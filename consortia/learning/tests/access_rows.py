"""The learning log's rows for the access table (consortia/core/tests/test_access.py):
every learning URL, GET and POST, for every persona, and `scene(world, s)`, which adds
the lessons, polls and meeting the rows name and puts their ids on `s`.

Who may do what (consortia/learning/rules.py): everyone who sees the partnership reads
its lessons (site admins too). Its members record lessons and mark them reviewed.
The scene's lesson was recorded by the participant and is owned by the partner
member: they and the convener's admin (who speaks for the convening partner) change
it; only the owner and the convener set its status, and any other member who posts a
status is told why (400, never 403). All else is a 404.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import LessonFactory, MeetingFactory, PartnershipFactory

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
MEMBER_PAGE = (LOGIN, 404, 200, 200, 200, 200, 200, 404)
MEMBER_DONE = (LOGIN, 404, OK, OK, OK, OK, OK, 404)
MEMBER_REFUSED = (LOGIN, 404, 400, 400, 400, 400, 400, 404)
MEMBER_CONFLICT = (LOGIN, 404, 409, 409, 409, 409, 409, 404)
CHANGER_PAGE = (LOGIN, 404, 404, 200, 404, 200, 200, 404)
CHANGED = (LOGIN, 404, 404, OK, 404, OK, OK, 404)
CHANGER_REFUSED = (LOGIN, 404, 404, 400, 404, 400, 400, 404)
STATUS_PAGE = (LOGIN, 404, 404, 200, 404, 200, 404, 404)
STATUS_SET = (LOGIN, 404, 400, OK, 400, OK, 400, 400)
STATUS_REFUSED = (LOGIN, 404, 400, 400, 400, 400, 400, 400)


def lesson(s, **overrides):
    return {
        "what_happened": "The drop-in clashed with half term.",
        "what_we_learned": "Check the school holidays first.",
        "what_we_will_change": "",
        "owner": s.partner_member,
        "due": "",
        "source_kind": "other",
        "source_label": "",
        **overrides,
    }


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("learning:list", GET,                          READ, args=(P,)),
    Row("learning:list", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- recording a lesson: every member ------------------------------------------------------------
    Row("learning:new", GET,                           MEMBER_PAGE, args=(P,)),
    Row("learning:new", POST,                          MEMBER_DONE, args=(P,), data=lesson, done="lesson.recorded"),
    Row("learning:new", POST,                          MEMBER_REFUSED, args=(P,),
        data=lambda s: lesson(s, what_we_learned=""), label="nothing learned"),
    Row("learning:new", POST,                          MEMBER_REFUSED, args=(P,),
        data=lambda s: lesson(s, owner=s.outsider), label="an owner outside the partnership"),
    Row("learning:new", POST,                          MEMBER_REFUSED, args=(P,),
        data=lambda s: lesson(s, due=s.lesson_yesterday), label="a due date before today"),

    # --- a lesson -------------------------------------------------------------------------------------
    Row("learning:detail", GET,                        READ, args=(P, "lesson")),
    Row("learning:detail", POST,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P, "lesson")),
    Row("learning:detail", GET,                        NOT_FOUND, args=(P, "lesson_other"),
        label="another partnership's lesson"),

    # --- changing it: its recorder, its owner, the convener ---------------------------------------
    Row("learning:edit", GET,                          CHANGER_PAGE, args=(P, "lesson")),
    Row("learning:edit", POST,                         CHANGED, args=(P, "lesson"),
        data=lambda s: lesson(s, what_we_will_change="A shared calendar."), done="lesson.changed"),
    Row("learning:edit", POST,                         CHANGER_REFUSED, args=(P, "lesson"),
        data=lambda s: lesson(s, what_we_learned=""), label="nothing learned"),
    Row("learning:edit", GET,                          NOT_FOUND, args=(P, "lesson_other"),
        label="another partnership's lesson"),

    # --- its status: the owner and the convener; other members are told why ----------------------
    Row("learning:status", GET,                        STATUS_PAGE, args=(P, "lesson")),
    Row("learning:status", POST,                       STATUS_SET, args=(P, "lesson"),
        data=lambda s: {"status": "changed", "note": "In the calendar now."}, done="lesson.status_changed"),
    Row("learning:status", POST,                       STATUS_REFUSED, args=(P, "lesson"),
        data=lambda s: {"status": "dropped", "note": ""}, label="no note"),
    Row("learning:status", POST,                       NOT_FOUND, args=(P, "lesson_other"),
        data=lambda s: {"status": "changed", "note": "x"}, label="another partnership's lesson"),

    # --- reviewed at a meeting: every member --------------------------------------------------------
    Row("learning:reviewed", GET,                      SIGN_IN_THEN_NOT_ALLOWED, args=(P, "lesson")),
    Row("learning:reviewed", POST,                     MEMBER_DONE, args=(P, "lesson"),
        data=lambda s: {"meeting": s.lesson_meeting}, done="lesson.reviewed"),
    Row("learning:reviewed", POST,                     MEMBER_DONE, args=(P, "lesson"),
        data=lambda s: {}, done="lesson.reviewed", label="not at a meeting"),
    Row("learning:reviewed", POST,                     MEMBER_REFUSED, args=(P, "lesson"),
        data=lambda s: {"meeting": s.lesson_other_meeting}, label="another partnership's meeting"),
    Row("learning:reviewed", POST,                     MEMBER_CONFLICT, args=(P, "lesson_reviewed"),
        data=lambda s: {}, label="already reviewed"),
    Row("learning:reviewed", POST,                     NOT_FOUND, args=(P, "lesson_other"),
        data=lambda s: {}, label="another partnership's lesson"),
]
# fmt: on

ALLOWED_CHANGES = {
    ("observer", "learning:new"),
    ("partner_member", "learning:new"),
    ("participant", "learning:new"),
    ("observer", "learning:reviewed"),
    ("partner_member", "learning:reviewed"),
    ("participant", "learning:reviewed"),
    ("partner_member", "learning:edit"),
    ("participant", "learning:edit"),
    ("partner_member", "learning:status"),
}


def scene(world, s: SimpleNamespace) -> None:
    """A lesson recorded by the participant and owned by the partner member, one
    already reviewed, a past meeting of the partnership, and another partnership's
    lesson and meeting."""
    users = world.users
    recorded = {"recorded_by": users["participant"], "owner": users["partner_member"]}
    s.lesson = str(LessonFactory(partnership=world.partnership, **recorded).uuid)
    s.lesson_reviewed = str(
        LessonFactory(partnership=world.partnership, reviewed_at=timezone.now(), **recorded).uuid
    )
    s.lesson_other = str(LessonFactory(partnership=PartnershipFactory()).uuid)
    past = timezone.now() - timedelta(days=1)
    s.lesson_meeting = str(
        MeetingFactory(partnership=world.partnership, starts_at=past, ends_at=past + timedelta(hours=1)).uuid
    )
    s.lesson_other_meeting = str(MeetingFactory().uuid)
    s.lesson_yesterday = str(timezone.localdate() - timedelta(days=1))
