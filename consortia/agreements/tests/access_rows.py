"""Access rows for the agreement URLs, for consortia/core/tests/test_access.py.

ROWS follows that table's rules (cells in PERSONAS order: anonymous,
outsider, observer, partner member, partner admin, convener admin, participant,
site admin). `scene(world, s)` adds what the rows need to the world, once per test,
and sets their ids (as strings) on the SimpleNamespace `s`:

- version_superseded: version 1, published then superseded;
- version_published: version 2, published, asked of Convener Org and Core Org, with
  no endorsement yet (so one endorsement writes one event, not "in force" too);
- version_draft: version 3, a draft with a vision and a review date next year;
- published_objective, draft_objective: an objective of each;
- observer_partner: Observer Org's place in the partnership;
- elsewhere_partner: a partner of another partnership;
- fresh_partnership: a partnership of the same organisations, in the same roles,
  with no agreement yet (where starting a draft succeeds).

Publishing emails the partners asked except the publisher: in the world that is one
email, to Core Org's representative (MAILING_VERBS). Members of core partners draft
the agreement, so the partner member's changes are ALLOWED_CHANGES.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortia.agreements.models import AgreementVersion
from consortia.core.access_table import GET, LOGIN, OK, POST, Row
from consortia.core.factories import (
    AgreementObjectiveFactory,
    AgreementRoleFactory,
    AgreementVersionFactory,
    ParticipantFactory,
    PartnerFactory,
    PartnershipFactory,
    RepresentativeFactory,
)

MAILING_VERBS = {"agreement.published"}
ALLOWED_CHANGES = {
    ("partner_member", f"agreements:{name}")
    for name in ("draft_start", "draft_edit", "objective_add", "objective_remove", "role_set", "weights_set")
}

P, CORE, CONVENER = "partnership", "core_partner", "convener_partner"
DRAFT, PUBLISHED, SUPERSEDED = "version_draft", "version_published", "version_superseded"

VIEW = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_ALLOWED = (LOGIN,) + (405,) * 7


def editors(cell) -> tuple:
    """Members of the convener and of core partners (agreements.edit_draft_of_partnership)."""
    return (LOGIN, 404, 404, cell, cell, cell, 404, 404)


def convener_admin(cell) -> tuple:
    return (LOGIN, 404, 404, 404, 404, cell, 404, 404)


def core_admin(cell) -> tuple:
    return (LOGIN, 404, 404, 404, cell, 404, 404, 404)


def draft_form(s, **change) -> dict:
    next_year = (timezone.localdate() + timedelta(days=365)).isoformat()
    return {
        "vision": "Carers get timely advice from one place.",
        "aims": "One front door.",
        "principles": "Openness.",
        "meeting_rhythm": "Monthly",
        "decision_rule": "majority_orgs",
        "quorum_percent": "60",
        "spending_threshold_gbp": "750",
        "spending_approvals": "2",
        "review_date": next_year,
        "joining_and_leaving": "Three months' notice.",
        **change,
    }


def objective_form(s, owner: str) -> dict:
    due = (timezone.localdate() + timedelta(days=200)).isoformat()
    return {"text": "Open a Saturday clinic", "measure": "Clinics held", "owner": owner, "due": due}


def weights_form(s, **change) -> dict:
    return {
        "weighting": "stated",
        "weighting_reason": "In proportion to what each pays into the pooled budget.",
        f"votes_{s.convener_partner}": "3",
        f"votes_{s.core_partner}": "1",
        **change,
    }


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("agreements:detail", GET,                      VIEW, args=(P,)),
    Row("agreements:detail", POST,                     NOT_ALLOWED, args=(P,)),
    Row("agreements:readiness", GET,                   VIEW, args=(P,)),
    Row("agreements:readiness", POST,                  NOT_ALLOWED, args=(P,)),
    Row("agreements:version", GET,                     VIEW, args=(P, PUBLISHED)),
    Row("agreements:version", GET,                     VIEW, args=(P, DRAFT), label="draft"),
    Row("agreements:version", POST,                    NOT_ALLOWED, args=(P, PUBLISHED)),
    Row("agreements:changes", GET,                     VIEW, args=(P, PUBLISHED)),
    Row("agreements:changes", POST,                    NOT_ALLOWED, args=(P, PUBLISHED)),
    Row("agreements:print", GET,                       VIEW, args=(P, PUBLISHED)),
    Row("agreements:print", POST,                      NOT_ALLOWED, args=(P, PUBLISHED)),
    Row("agreements:pdf", GET,                         VIEW, args=(P, PUBLISHED)),
    Row("agreements:pdf", POST,                        NOT_ALLOWED, args=(P, PUBLISHED)),

    Row("agreements:draft_start", GET,                 NOT_ALLOWED, args=(P,)),
    Row("agreements:draft_start", POST,                editors(OK), args=("fresh_partnership",),
        done="agreement.draft_started"),
    Row("agreements:draft_start", POST,                editors(409), args=(P,), label="a draft exists"),
    Row("agreements:draft_edit", GET,                  editors(200), args=(P, DRAFT)),
    Row("agreements:draft_edit", GET,                  editors(409), args=(P, PUBLISHED), label="published"),
    Row("agreements:draft_edit", POST,                 editors(OK), args=(P, DRAFT), data=draft_form,
        done="agreement.draft_updated"),
    Row("agreements:draft_edit", POST,                 editors(400), args=(P, DRAFT),
        data=lambda s: draft_form(s, quorum_percent="0"), label="quorum 0"),
    Row("agreements:draft_edit", POST,                 editors(409), args=(P, PUBLISHED), data=draft_form,
        label="published"),
    Row("agreements:objective_add", GET,               editors(200), args=(P, DRAFT)),
    Row("agreements:objective_add", POST,              editors(OK), args=(P, DRAFT),
        data=lambda s: objective_form(s, s.core_partner), done="agreement.objective_added"),
    Row("agreements:objective_add", POST,              editors(400), args=(P, DRAFT),
        data=lambda s: objective_form(s, s.elsewhere_partner), label="owner elsewhere"),
    Row("agreements:objective_remove", GET,            NOT_ALLOWED, args=(P, DRAFT, "draft_objective")),
    Row("agreements:objective_remove", POST,           editors(OK), args=(P, DRAFT, "draft_objective"),
        done="agreement.objective_removed"),
    Row("agreements:objective_remove", POST,           editors(409), args=(P, PUBLISHED, "published_objective"),
        label="published"),
    Row("agreements:role_set", GET,                    editors(200), args=(P, DRAFT, CORE)),
    Row("agreements:role_set", POST,                   editors(OK), args=(P, DRAFT, CORE),
        data=lambda s: {"responsibilities": "Hosts the Saturday clinic."}, done="agreement.role_set"),
    Row("agreements:role_set", POST,                   editors(404), args=(P, DRAFT, "observer_partner"),
        data=lambda s: {"responsibilities": "Watches."}, label="an observer"),
    Row("agreements:weights_set", GET,                 editors(200), args=(P, DRAFT)),
    Row("agreements:weights_set", GET,                 editors(409), args=(P, PUBLISHED), label="published"),
    Row("agreements:weights_set", POST,                editors(OK), args=(P, DRAFT), data=weights_form,
        done="agreement.weights_set"),
    Row("agreements:weights_set", POST,                editors(400), args=(P, DRAFT),
        data=lambda s: weights_form(s, weighting_reason=""), label="no reason"),
    Row("agreements:weights_set", POST,                editors(400), args=(P, DRAFT),
        data=lambda s: weights_form(s, **{f"votes_{s.core_partner}": "101"}), label="too many votes"),
    Row("agreements:weights_set", POST,                editors(409), args=(P, PUBLISHED), data=weights_form,
        label="published"),
    Row("agreements:publish", GET,                     convener_admin(200), args=(P, DRAFT)),
    Row("agreements:publish", POST,                    convener_admin(OK), args=(P, DRAFT),
        done="agreement.published"),
    Row("agreements:publish", POST,                    convener_admin(409), args=(P, PUBLISHED), label="published"),

    # Each partner asked endorses through its admin or representative; nobody else can.
    Row("agreements:endorse", GET,                     NOT_ALLOWED, args=(P, PUBLISHED, CORE)),
    Row("agreements:endorse", POST,                    core_admin(OK), args=(P, PUBLISHED, CORE),
        done="agreement.endorsed"),
    Row("agreements:endorse", POST,                    convener_admin(OK), args=(P, PUBLISHED, CONVENER),
        done="agreement.endorsed", label="for the convener"),
    Row("agreements:endorse", POST,                    (LOGIN,) + (404,) * 7, args=(P, PUBLISHED, "observer_partner"),
        label="for an observer"),
    Row("agreements:endorse", POST,                    core_admin(409), args=(P, SUPERSEDED, CORE), label="superseded"),
    Row("agreements:endorse", POST,                    core_admin(409), args=(P, DRAFT, CORE), label="a draft"),
]
# fmt: on


def _version(world, number: int, status: str) -> AgreementVersion:
    """A version with an objective and a role; published ones asked of the convener
    and Core Org. Parts are added while it is a draft, as the database requires."""
    version = AgreementVersionFactory(
        partnership=world.partnership,
        number=number,
        vision=f"Carers get joined-up advice (version {number}).",
        review_date=timezone.localdate() + timedelta(days=365),
    )
    AgreementObjectiveFactory(version=version, owner=world.core_partner)
    AgreementRoleFactory(version=version, partner=world.core_partner)
    if status != "draft":
        version.required_partners.set([world.convener_partner, world.core_partner])
        AgreementVersion.objects.filter(pk=version.pk).update(status="published", published_at=timezone.now())
    if status == "superseded":
        AgreementVersion.objects.filter(pk=version.pk).update(status="superseded")
    return version


def _fresh_partnership(world):
    partnership = PartnershipFactory(name="Fresh Partnership")
    convener = PartnerFactory(partnership=partnership, organisation=world.convener_org, role="convener")
    core = PartnerFactory(partnership=partnership, organisation=world.core_org, role="core")
    PartnerFactory(partnership=partnership, organisation=world.observer_org, role="observer")
    RepresentativeFactory(partner=convener, user=world.users["convener_admin"])
    RepresentativeFactory(partner=core, user=world.users["partner_admin"])
    ParticipantFactory(partnership=partnership, user=world.users["participant"])
    return partnership


def scene(world, s: SimpleNamespace) -> None:
    superseded = _version(world, 1, "superseded")
    published = _version(world, 2, "published")
    draft = _version(world, 3, "draft")
    ids = {
        SUPERSEDED: superseded.uuid,
        PUBLISHED: published.uuid,
        DRAFT: draft.uuid,
        "published_objective": published.objectives.get().uuid,
        "draft_objective": draft.objectives.get().uuid,
        "observer_partner": world.observer_partner.uuid,
        "elsewhere_partner": PartnerFactory().uuid,
        "fresh_partnership": _fresh_partnership(world).uuid,
    }
    for name, value in ids.items():
        setattr(s, name, str(value))
