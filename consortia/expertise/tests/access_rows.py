"""The expertise rows for the access table (consortia/core/tests/test_access.py): every
expertise URL, GET and POST, for every persona, and `scene(world, s)`, which adds the
expertise and topics the rows name and puts their ids on `s`.

Who may do what (consortia/expertise/rules.py): everyone who sees the partnership sees
its expertise map (observers, participants and site admins too); outsiders never do,
so expertise kept to the partnership never reaches them. Its members (not site
admins, who hold no place in it) add their own expertise, and remove only their own.
Members of a partner organisation endorse a colleague of another partner: the core
partner's plain member cannot endorse herself (400), nor can her own admin (400);
the observer's member and the convener's admin can. Participants, outsiders and site
admins have no partner organisation here (404). The convener's admins and site admins
merge topics. All else is a 404.
"""

from types import SimpleNamespace

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import PersonExpertiseFactory, TopicFactory

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
ADD_PAGE = (LOGIN, 404, 200, 200, 200, 200, 200, 404)
ADDED = (LOGIN, 404, OK, OK, OK, OK, OK, 404)
ADD_REFUSED = (LOGIN, 404, 400, 400, 400, 400, 400, 404)
REMOVED = (LOGIN, 404, 404, OK, 404, 404, 404, 404)
ENDORSED = (LOGIN, 404, OK, 400, 400, OK, 404, 404)
MERGE_PAGE = (LOGIN, 404, 404, 404, 404, 200, 404, 200)
MERGED = (LOGIN, 404, 404, 404, 404, OK, 404, OK)
MERGE_REFUSED = (LOGIN, 404, 404, 404, 404, 400, 404, 400)


def expertise(s, **overrides):
    return {"topic": "Carers' assessments", "note": "Ran the pilot", "visibility": "partnership", **overrides}


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("expertise:map", GET,                          READ, args=(P,)),
    Row("expertise:map", POST,                         SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    Row("expertise:add", GET,                          ADD_PAGE, args=(P,)),
    Row("expertise:add", POST,                         ADDED, args=(P,), data=expertise, done="expertise.added"),
    Row("expertise:add", POST,                         ADDED, args=(P,), done="expertise.added",
        data=lambda s: expertise(s, visibility="directory"), label="in the directory"),
    Row("expertise:add", POST,                         ADD_REFUSED, args=(P,),
        data=lambda s: expertise(s, topic=""), label="no topic"),
    Row("expertise:add", POST,                         ADD_REFUSED, args=(P,),
        data=lambda s: expertise(s, note="x" * 501), label="overlong note"),

    Row("expertise:remove", GET,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P, "expertise_item")),
    Row("expertise:remove", POST,                      REMOVED, args=(P, "expertise_item"),
        done="expertise.removed"),
    Row("expertise:remove", POST,                      NOT_FOUND, args=(P, "expertise_other_item"),
        label="another partnership's"),

    Row("expertise:endorse", GET,                      SIGN_IN_THEN_NOT_ALLOWED, args=(P, "expertise_item")),
    Row("expertise:endorse", POST,                     ENDORSED, args=(P, "expertise_item"),
        done="expertise.endorsed"),
    Row("expertise:endorse", POST,                     NOT_FOUND, args=(P, "expertise_other_item"),
        label="another partnership's"),

    Row("expertise:merge", GET,                        MERGE_PAGE, args=(P,)),
    Row("expertise:merge", POST,                       MERGED, args=(P,), done="expertise.topics_merged",
        data=lambda s: {"keep": s.expertise_keep_topic, "merge": s.expertise_merge_topic}),
    Row("expertise:merge", POST,                       MERGE_REFUSED, args=(P,), label="a topic into itself",
        data=lambda s: {"keep": s.expertise_keep_topic, "merge": s.expertise_keep_topic}),
]
# fmt: on

ALLOWED_CHANGES = {
    ("observer", "expertise:add"),
    ("partner_member", "expertise:add"),
    ("participant", "expertise:add"),
    ("partner_member", "expertise:remove"),
    ("observer", "expertise:endorse"),
}


def scene(world, s: SimpleNamespace) -> None:
    """The core partner's plain member's expertise (kept to the partnership), two
    topics its people use (to merge), and another partnership's expertise."""
    member = world.users["partner_member"]
    s.expertise_item = str(PersonExpertiseFactory(partnership=world.partnership, user=member).uuid)
    keep = TopicFactory(name="Safeguarding")
    merge = TopicFactory(name="Safe guarding adults")
    PersonExpertiseFactory(partnership=world.partnership, user=member, topic=keep)
    PersonExpertiseFactory(partnership=world.partnership, user=world.users["partner_admin"], topic=merge)
    s.expertise_keep_topic = str(keep.uuid)
    s.expertise_merge_topic = str(merge.uuid)
    s.expertise_other_item = str(PersonExpertiseFactory(visibility="directory").uuid)
