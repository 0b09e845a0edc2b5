"""Every change to a partnership's glossary: suggesting a term, approving or rejecting
a suggestion, changing a term (its name, expansion and definitions per sector),
retiring it, and naming the working group that stewards the glossary.

Each service runs in one transaction, checks the actor's permission
(consortia/glossary/rules.py), refuses a closed partnership, checks what it is given
before anything is written and writes exactly one event. A suggestion's event names
the approvers (by id) so the notifications tell them.
"""

from collections.abc import Mapping

from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils import timezone

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.markdown import markdown_refuse_hostile
from consortia.core.services import refuse_if_closed, require
from consortia.groups.models import WorkingGroup
from consortia.groups.selectors import open_member_ids
from consortia.notifications.audiences import speakers_for
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import convener

from .models import DEFINITION_MAX, EXPANSION_MAX, NAME_MAX, Definition, Glossary, Sector, Term
from .selectors import glossary_of

SUGGEST = "glossary.suggest_term_in_partnership"
DECIDE = "glossary.decide_term"
NAME_STEWARDS = "glossary.name_stewards_of_partnership"
LIVE = (Term.Status.SUGGESTED, Term.Status.APPROVED)


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ServiceError("Enter the term", field="name")
    if len(name) > NAME_MAX:
        raise ServiceError(f"The term must be {NAME_MAX:,} characters or fewer", field="name")
    if not any(c.isalnum() for c in name):
        raise ServiceError("The term must contain a letter or a number", field="name")
    return name


def _clean_expansion(expansion: str) -> str:
    expansion = " ".join((expansion or "").split())
    if len(expansion) > EXPANSION_MAX:
        raise ServiceError(
            f"What it stands for must be {EXPANSION_MAX:,} characters or fewer", field="expansion"
        )
    return expansion


def _clean_definitions(definitions: Mapping[str, str]) -> dict[str, str]:
    known = {s.value for s in Sector}
    cleaned: dict[str, str] = {}
    for sector, text in definitions.items():
        if sector not in known:
            raise ServiceError(f"{sector!r} is not a sector the glossary knows", field="definitions")
        text = (text or "").strip()
        if len(text) > DEFINITION_MAX:
            raise ServiceError(
                f"The definition for {Sector(sector).label} must be {DEFINITION_MAX:,} characters or fewer",
                field=f"definition_{sector}",
            )
        markdown_refuse_hostile(
            text, label=f"The definition for {Sector(sector).label}", field=f"definition_{sector}"
        )
        if text:
            cleaned[sector] = text
    if not cleaned:
        raise ServiceError("Define the term for at least one sector", field="definition_general")
    return cleaned


def _refuse_duplicate(partnership: Partnership, name: str, *, but: Term | None = None) -> None:
    same = Term.objects.annotate(lower=Lower("name")).filter(
        partnership=partnership, lower=name.lower(), status__in=LIVE
    )
    if but is not None:
        same = same.exclude(pk=but.pk)
    if same.exists():
        raise Conflict(f"The glossary already has the term “{name}”", field="name")


def _save_unique(term: Term, name: str) -> None:
    """Save, turning a race past _refuse_duplicate into the same refusal."""
    try:
        with transaction.atomic():
            term.save()
    except IntegrityError as error:
        raise Conflict(f"The glossary already has the term “{name}”", field="name") from error


def _set_definitions(term: Term, definitions: dict[str, str]) -> None:
    term.definitions.exclude(sector__in=list(definitions)).delete()
    for sector, text in definitions.items():
        Definition.objects.update_or_create(term=term, sector=sector, defaults={"text": text})


def approver_ids(partnership: Partnership) -> set[int]:
    """Who decides on suggestions: the convening partner's speakers and the stewards."""
    ids: set[int] = set()
    lead = convener(partnership)
    if lead is not None:
        ids |= speakers_for([lead.pk])
    glossary = glossary_of(partnership)
    if glossary is not None and glossary.stewards is not None and not glossary.stewards.is_archived:
        ids |= set(open_member_ids(glossary.stewards))
    return ids


@transaction.atomic
def term_suggest(
    *, actor: User, partnership: Partnership, name: str, expansion: str = "", definitions: Mapping[str, str]
) -> Term:
    """A member suggests a term with its definitions; the approvers are told."""
    require(SUGGEST, actor, partnership)
    refuse_if_closed(partnership, "change its glossary")
    name = _clean_name(name)
    expansion = _clean_expansion(expansion)
    cleaned = _clean_definitions(definitions)
    _refuse_duplicate(partnership, name)
    term = Term(partnership=partnership, name=name, expansion=expansion, suggested_by=actor)
    _save_unique(term, name)
    _set_definitions(term, cleaned)
    event_record(
        actor=actor,
        verb="glossary.term_suggested",
        obj=term,
        partnership=partnership,
        payload={"approvers": sorted(approver_ids(partnership) - {actor.pk}), "sectors": sorted(cleaned)},
    )
    return term


def _decide(actor: User, term: Term, status: str, verb: str) -> Term:
    require(
        DECIDE,
        actor,
        term,
        refusal=ServiceError("Only the glossary's approvers decide on terms", status_code=403),
    )
    refuse_if_closed(term.partnership, "change its glossary")
    locked = Term.objects.select_for_update().get(pk=term.pk)
    if locked.status != Term.Status.SUGGESTED:
        raise Conflict(f"This term is already {locked.get_status_display().lower()}.")
    term.status, term.decided_by, term.decided_at = status, actor, timezone.now()
    term.save(update_fields=["status", "decided_by", "decided_at", "updated_at"])
    event_record(
        actor=actor,
        verb=verb,
        obj=term,
        partnership=term.partnership,
        payload={"suggested_by": term.suggested_by_id},
    )
    return term


@transaction.atomic
def term_approve(*, actor: User, term: Term) -> Term:
    """An approver approves a suggestion: it is shown and marked from now on."""
    return _decide(actor, term, Term.Status.APPROVED, "glossary.term_approved")


@transaction.atomic
def term_reject(*, actor: User, term: Term) -> Term:
    """An approver rejects a suggestion: it is never shown."""
    return _decide(actor, term, Term.Status.REJECTED, "glossary.term_rejected")


@transaction.atomic
def term_update(
    *, actor: User, term: Term, name: str, expansion: str = "", definitions: Mapping[str, str]
) -> list[str]:
    """An approver changes a live term; returns what changed (no event when nothing did)."""
    require(
        DECIDE,
        actor,
        term,
        refusal=ServiceError("Only the glossary's approvers change terms", status_code=403),
    )
    refuse_if_closed(term.partnership, "change its glossary")
    if term.status not in LIVE:
        raise Conflict("This term is no longer in the glossary.")
    name = _clean_name(name)
    expansion = _clean_expansion(expansion)
    cleaned = _clean_definitions(definitions)
    _refuse_duplicate(term.partnership, name, but=term)
    before = {d.sector: d.text for d in term.definitions.all()}
    changed = [f for f, v in (("name", name), ("expansion", expansion)) if getattr(term, f) != v]
    if before != cleaned:
        changed.append("definitions")
    if not changed:
        return []
    term.name, term.expansion = name, expansion
    _save_unique(term, name)
    _set_definitions(term, cleaned)
    event_record(
        actor=actor,
        verb="glossary.term_changed",
        obj=term,
        partnership=term.partnership,
        payload={"changed": changed},
    )
    return changed


@transaction.atomic
def term_retire(*, actor: User, term: Term) -> Term:
    """An approver retires an approved term: no longer shown or marked."""
    require(
        DECIDE,
        actor,
        term,
        refusal=ServiceError("Only the glossary's approvers retire terms", status_code=403),
    )
    refuse_if_closed(term.partnership, "change its glossary")
    locked = Term.objects.select_for_update().get(pk=term.pk)
    if locked.status != Term.Status.APPROVED:
        raise Conflict("Only a term in the glossary can be retired.")
    term.status = Term.Status.RETIRED
    term.save(update_fields=["status", "updated_at"])
    event_record(actor=actor, verb="glossary.term_retired", obj=term, partnership=term.partnership)
    return term


@transaction.atomic
def stewards_name(*, actor: User, partnership: Partnership, group: WorkingGroup | None) -> Glossary:
    """The convener names a working group as the glossary's stewards (None: nobody but
    the convening partner approves)."""
    require(NAME_STEWARDS, actor, partnership)
    refuse_if_closed(partnership, "change its glossary")
    if group is not None and (group.partnership_id != partnership.pk or group.is_archived):
        raise ServiceError("Choose one of this partnership's working groups", field="stewards")
    glossary, _ = Glossary.objects.get_or_create(partnership=partnership)
    if glossary.stewards_id == (group.pk if group else None):
        return glossary
    glossary.stewards = group
    glossary.save(update_fields=["stewards", "updated_at"])
    partnership.__dict__.pop("_glossary_cache", None)
    event_record(
        actor=actor,
        verb="glossary.stewards_named",
        obj=glossary,
        partnership=partnership,
        object_repr=group.name if group else "the convening partner",
        payload={"group": str(group.uuid) if group else None},
    )
    return glossary
