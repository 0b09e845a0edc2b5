"""The questions rows for the access table (consortia/core/tests/test_access.py): every
questions URL, GET and POST, for every persona, and `scene(world, s)`, which adds the
questions and answers the rows name and puts their ids on `s`.

Who may do what (consortia/questions/rules.py): everyone who sees the partnership
reads its questions (site admins too). Its members (partners' people and individual
participants, not site admins) ask, answer and put a question to one more suggested
person. The asker (here the partner member) accepts and unaccepts answers; the asker
and the convener's admin widen and close; any other member who can see the question
is refused with a 400 (never a 403). Widened questions are listed at site level for
anyone signed in who belongs to an organisation (the outsider too; not the
participant nor the site admin, who belong to none), who may answer them there;
un-widened ones are a 404 there for everyone.
"""

from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import (
    AnswerFactory,
    PartnershipFactory,
    PersonExpertiseFactory,
    QuestionFactory,
    TopicFactory,
)

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
MEMBER_PAGE = (LOGIN, 404, 200, 200, 200, 200, 200, 404)
MEMBERS_DO = (LOGIN, 404, OK, OK, OK, OK, OK, 404)
MEMBERS_REFUSED = (LOGIN, 404, 400, 400, 400, 400, 400, 404)
MEMBERS_CONFLICT = (LOGIN, 404, 409, 409, 409, 409, 409, 404)
ASKER_DOES = (LOGIN, 404, 400, OK, 400, 400, 400, 400)
ASKER_CONFLICT = (LOGIN, 404, 400, 409, 400, 400, 400, 400)
ASKER_OR_CONVENER = (LOGIN, 404, 400, OK, 400, OK, 400, 400)
ASKER_OR_CONVENER_CONFLICT = (LOGIN, 404, 400, 409, 400, 409, 400, 400)
IN_AN_ORGANISATION = (LOGIN, 200, 200, 200, 200, 200, 404, 404)
IN_AN_ORGANISATION_DO = (LOGIN, OK, OK, OK, OK, OK, 404, 404)
IN_AN_ORGANISATION_REFUSED = (LOGIN, 400, 400, 400, 400, 400, 404, 404)


def asking(s, **overrides):
    return {
        "title": "How do we record consent?",
        "body": "For carers' assessments.",
        "topics": "consent",
        "target": timezone.localdate().isoformat(),
        **overrides,
    }


def answer(s, **overrides):
    return {"body": "We use the council's e-form.", **overrides}


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("questions:list", GET,                         READ, args=(P,)),
    Row("questions:list", POST,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- asking: every member ----------------------------------------------------------------------
    Row("questions:ask", GET,                          MEMBER_PAGE, args=(P,)),
    Row("questions:ask", POST,                         MEMBERS_DO, args=(P,), data=asking, done="questions.asked"),
    Row("questions:ask", POST,                         MEMBERS_REFUSED, args=(P,),
        data=lambda s: asking(s, title=""), label="no question"),
    Row("questions:ask", POST,                         MEMBERS_REFUSED, args=(P,),
        data=lambda s: asking(s, target="2020-01-01"), label="a target in the past"),

    # --- a question, and answering it ----------------------------------------------------------------
    Row("questions:detail", GET,                       READ, args=(P, "question")),
    Row("questions:detail", POST,                      SIGN_IN_THEN_NOT_ALLOWED, args=(P, "question")),
    Row("questions:detail", GET,                       NOT_FOUND, args=(P, "question_elsewhere"),
        label="another partnership's question"),
    Row("questions:answer", GET,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P, "question")),
    Row("questions:answer", POST,                      MEMBERS_DO, args=(P, "question"), data=answer,
        done="questions.answered"),
    Row("questions:answer", POST,                      MEMBERS_REFUSED, args=(P, "question"),
        data=lambda s: answer(s, body=""), label="empty"),
    Row("questions:answer", POST,                      MEMBERS_CONFLICT, args=(P, "question_closed"),
        data=answer, label="a closed question"),
    Row("questions:answer", POST,                      NOT_FOUND, args=(P, "question_elsewhere"),
        data=answer, label="another partnership's question"),

    # --- accepting: the asker (the partner member) -------------------------------------------------
    Row("questions:accept", GET,                       SIGN_IN_THEN_NOT_ALLOWED, args=(P, "question", "question_answer")),
    Row("questions:accept", POST,                      ASKER_DOES, args=(P, "question", "question_answer"),
        done="questions.answer_accepted"),
    Row("questions:accept", POST,                      ASKER_CONFLICT, args=(P, "question_answered", "question_accepted"),
        label="already accepted"),
    Row("questions:accept", POST,                      NOT_FOUND, args=(P, "question", "question_accepted"),
        label="another question's answer"),
    # --- the accepted answer into the practice library: the asker -----------------------------
    Row("questions:to_library", GET,                   SIGN_IN_THEN_NOT_ALLOWED,
        args=(P, "question_answered", "question_accepted")),
    Row("questions:to_library", POST,                  ASKER_DOES, args=(P, "question_answered", "question_accepted"),
        done="library.entry_added"),
    Row("questions:to_library", POST,                  ASKER_CONFLICT, args=(P, "question", "question_answer"),
        label="not accepted"),
    Row("questions:unaccept", GET,                     SIGN_IN_THEN_NOT_ALLOWED,
        args=(P, "question_answered", "question_accepted")),
    Row("questions:unaccept", POST,                    ASKER_DOES, args=(P, "question_answered", "question_accepted"),
        done="questions.answer_unaccepted"),
    Row("questions:unaccept", POST,                    ASKER_CONFLICT, args=(P, "question", "question_answer"),
        label="not accepted"),

    # --- widening and closing: the asker or the convener ----------------------------------------------
    Row("questions:widen", GET,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "question")),
    Row("questions:widen", POST,                       ASKER_OR_CONVENER, args=(P, "question"), done="questions.widened"),
    Row("questions:widen", POST,                       ASKER_OR_CONVENER_CONFLICT, args=(P, "question_widened"),
        label="widened twice"),
    Row("questions:close", GET,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "question")),
    Row("questions:close", POST,                       ASKER_OR_CONVENER, args=(P, "question"), done="questions.closed"),
    Row("questions:close", POST,                       ASKER_OR_CONVENER_CONFLICT, args=(P, "question_closed"),
        label="closed twice"),

    # --- "ask them": every member ------------------------------------------------------------------
    Row("questions:route", GET,                        SIGN_IN_THEN_NOT_ALLOWED, args=(P, "question", "question_candidate")),
    Row("questions:route", POST,                       MEMBERS_DO, args=(P, "question", "question_candidate"),
        done="questions.routed"),
    Row("questions:route", POST,                       MEMBERS_REFUSED, args=(P, "question", "outsider"),
        label="not suggested"),

    # --- the directory: widened questions only ---------------------------------------------------------
    Row("directory_questions:list", GET,               IN_AN_ORGANISATION),
    Row("directory_questions:list", POST,              SIGN_IN_THEN_NOT_ALLOWED),
    Row("directory_questions:detail", GET,             IN_AN_ORGANISATION, args=("question_widened",)),
    Row("directory_questions:detail", GET,             NOT_FOUND, args=("question",), label="not widened"),
    Row("directory_questions:detail", POST,            SIGN_IN_THEN_NOT_ALLOWED, args=("question_widened",)),
    Row("directory_questions:answer", GET,             SIGN_IN_THEN_NOT_ALLOWED, args=("question_widened",)),
    Row("directory_questions:answer", POST,            IN_AN_ORGANISATION_DO, args=("question_widened",),
        data=answer, done="questions.answered"),
    Row("directory_questions:answer", POST,            IN_AN_ORGANISATION_REFUSED, args=("question_widened",),
        data=lambda s: answer(s, body=""), label="empty"),
    Row("directory_questions:answer", POST,            NOT_FOUND, args=("question",), data=answer,
        label="not widened"),
]
# fmt: on

ALLOWED_CHANGES = {
    (persona, name)
    for persona in ("observer", "partner_member", "participant")
    for name in ("questions:ask", "questions:answer", "questions:route", "directory_questions:answer")
} | {
    ("partner_member", "questions:accept"),
    ("partner_member", "questions:unaccept"),
    ("partner_member", "questions:to_library"),
    ("partner_member", "questions:widen"),
    ("partner_member", "questions:close"),
}


def scene(world, s: SimpleNamespace) -> None:
    """Questions the partner member asked: an open one on consent with an answer (the
    observer knows consent: a candidate for "ask them"), one with an accepted answer,
    one widened to the directory and one closed; and another partnership's question."""
    asker = world.users["partner_member"]
    consent = TopicFactory(name="consent", key="consent")
    PersonExpertiseFactory(partnership=world.partnership, user=world.users["observer"], topic=consent)
    question = QuestionFactory(partnership=world.partnership, asker=asker, title="Consent forms?")
    question.topics.set([consent])
    s.question = str(question.uuid)
    s.question_answer = str(AnswerFactory(question=question, author=world.users["partner_admin"]).uuid)
    s.question_candidate = str(world.users["observer"].uuid)
    answered = QuestionFactory(partnership=world.partnership, asker=asker, title="Respite?")
    s.question_answered = str(answered.uuid)
    s.question_accepted = str(
        AnswerFactory(
            question=answered, author=world.users["convener_admin"], accepted_at=timezone.now()
        ).uuid
    )
    s.question_widened = str(
        QuestionFactory(partnership=world.partnership, asker=asker, widened_at=timezone.now()).uuid
    )
    s.question_closed = str(
        QuestionFactory(
            partnership=world.partnership, asker=asker, status="closed", closed_at=timezone.now()
        ).uuid
    )
    s.question_elsewhere = str(QuestionFactory(partnership=PartnershipFactory()).uuid)
