"""Every change to the practice library: adding an entry (the public `entry_create`,
which other apps call too: an accepted answer or an exchange's reflection becomes an
entry), editing it (a new numbered version each time), attaching files and the
uploader's word that a file may be shared, publishing an entry under a licence and
taking it back, and copying a published entry into another partnership.

Each service runs in one transaction, checks the actor's permission
(consortia/library/rules.py), refuses a closed partnership, checks everything it is
given before anything is written (hostile Markdown, an empty title, another
partnership's outcome...) and writes exactly one event.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from consortia.accounts.models import User
from consortia.canvas.models import Outcome
from consortia.core.attachments import attachment_check
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.markdown import markdown_refuse_hostile
from consortia.core.services import refuse_if_closed, require
from consortia.expertise.models import Topic
from consortia.expertise.services import topic_for
from consortia.partnerships.models import Partnership

from .models import (
    NOTE_MAX,
    ORIGIN_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Attachment,
    Entry,
    EntryVersion,
    Evidence,
    Kind,
    Licence,
    Visibility,
)

ADD = "library.add_entry_in_partnership"
CHANGE = "library.change_entry"
PUBLISH = "library.publish_entry"
SHARE = "library.share_attachment"
TAGS_MAX = 10

TEXT_FIELDS = {
    "summary": "The summary",
    "what_worked": "What worked",
    "what_didnt": "What didn't work",
}


@dataclass(frozen=True)
class Content:
    """An entry's content, checked."""

    kind: str
    title: str
    summary: str
    what_worked: str
    what_didnt: str
    evidence_level: str
    evidence_note: str
    outcomes: list[Outcome]
    tags: list[str]

    def fields(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "summary": self.summary,
            "what_worked": self.what_worked,
            "what_didnt": self.what_didnt,
            "evidence_level": self.evidence_level,
            "evidence_note": self.evidence_note,
        }


def _outcomes(partnership: Partnership, outcomes: Iterable[Outcome | UUID | str]) -> list[Outcome]:
    """The outcomes, which must all be on this partnership's canvas."""
    wanted = list(outcomes)
    refusal = ServiceError("Choose outcomes from this partnership's canvas", field="outcomes")
    keys: list[str] = []
    for item in wanted:
        if isinstance(item, Outcome):
            if item.partnership_id != partnership.pk:
                raise refusal
            keys.append(str(item.uuid))
        else:
            try:
                keys.append(str(UUID(str(item))))
            except ValueError:
                raise refusal from None
    if not keys:
        return []
    found = list(Outcome.objects.filter(uuid__in=keys, partnership=partnership).order_by("pk"))
    if len(found) != len(set(keys)):
        raise refusal
    return found


def _tag_names(tags: Iterable[str | Topic]) -> list[str]:
    names: list[str] = []
    for tag in tags:
        name = " ".join((tag.name if isinstance(tag, Topic) else str(tag)).split())
        if name and name.lower() not in {n.lower() for n in names}:
            names.append(name)
    if len(names) > TAGS_MAX:
        raise ServiceError(f"Give at most {TAGS_MAX} tags", field="tags")
    for name in names:
        markdown_refuse_hostile(name, label="A tag", field="tags")
    return names


def _content(
    partnership: Partnership,
    *,
    title: str,
    summary: str,
    kind: str,
    what_worked: str,
    what_didnt: str,
    evidence_level: str,
    evidence_note: str,
    outcomes: Iterable[Outcome | UUID | str],
    tags: Iterable[str | Topic],
) -> Content:
    title = " ".join((title or "").split())
    if not title:
        raise ServiceError("Enter a title", field="title")
    if len(title) > TITLE_MAX:
        raise ServiceError(f"The title must be {TITLE_MAX:,} characters or fewer", field="title")
    markdown_refuse_hostile(title, label="The title", field="title")
    if kind not in Kind.values:
        raise ServiceError("Choose what kind of entry this is", field="kind")
    if evidence_level not in Evidence.values:
        raise ServiceError("Choose the evidence behind the entry", field="evidence_level")
    texts = {"summary": summary, "what_worked": what_worked, "what_didnt": what_didnt}
    for field, label in TEXT_FIELDS.items():
        texts[field] = (texts[field] or "").strip()
        if len(texts[field]) > TEXT_MAX:
            raise ServiceError(f"{label} must be {TEXT_MAX:,} characters or fewer", field=field)
        markdown_refuse_hostile(texts[field], label=label, field=field)
    evidence_note = (evidence_note or "").strip()
    if len(evidence_note) > NOTE_MAX:
        raise ServiceError(
            f"What the evidence is must be {NOTE_MAX:,} characters or fewer", field="evidence_note"
        )
    markdown_refuse_hostile(evidence_note, label="What the evidence is", field="evidence_note")
    return Content(
        kind=kind,
        title=title,
        evidence_level=evidence_level,
        evidence_note=evidence_note,
        outcomes=_outcomes(partnership, outcomes),
        tags=_tag_names(tags),
        **texts,
    )


def _version_write(entry: Entry, number: int, actor: User, content: Content) -> EntryVersion:
    try:
        with transaction.atomic():
            return EntryVersion.objects.create(
                entry=entry,
                number=number,
                author=actor,
                outcomes=[o.statement for o in content.outcomes],
                tags=content.tags,
                **content.fields(),
            )
    except IntegrityError as error:
        raise Conflict("Someone saved this entry at the same time: reload it and try again.") from error


def _origin(origin_label: str, origin_url: str) -> tuple[str, str]:
    origin_label = " ".join((origin_label or "").split())[:ORIGIN_MAX]
    origin_url = (origin_url or "").strip()
    if origin_url and not (origin_url.startswith("/") or origin_url.startswith(("https://", "http://"))):
        raise ServiceError("The origin must be a link to a page", field="origin_url")
    if len(origin_url) > ORIGIN_MAX or origin_url.startswith("//"):
        raise ServiceError("The origin must be a link to a page", field="origin_url")
    return origin_label, origin_url


@transaction.atomic
def entry_create(
    *,
    actor: User,
    partnership: Partnership,
    title: str,
    summary: str = "",
    kind: str = "guide",
    what_worked: str = "",
    what_didnt: str = "",
    evidence_level: str = "anecdote",
    evidence_note: str = "",
    outcomes: Iterable[Outcome | UUID | str] = (),
    tags: Iterable[str | Topic] = (),
    origin_label: str = "",
    origin_url: str = "",
) -> Entry:
    """Add an entry to the partnership's library, partnership-only, as version 1;
    every member is told. `outcomes` are the partnership's canvas outcomes (objects or
    uuids), `tags` topic names (new ones join the shared list), `origin_label` and
    `origin_url` where it came from ("From the accepted answer to ...", a link)."""
    require(ADD, actor, partnership)
    refuse_if_closed(partnership, "add to its library")
    content = _content(
        partnership,
        title=title,
        summary=summary,
        kind=kind,
        what_worked=what_worked,
        what_didnt=what_didnt,
        evidence_level=evidence_level,
        evidence_note=evidence_note,
        outcomes=outcomes,
        tags=tags,
    )
    origin_label, origin_url = _origin(origin_label, origin_url)
    topics = [topic_for(name) for name in content.tags]
    entry = Entry.objects.create(
        partnership=partnership,
        author=actor,
        origin_label=origin_label,
        origin_url=origin_url,
        **content.fields(),
    )
    entry.outcomes.set(content.outcomes)
    entry.tags.set(topics)
    _version_write(entry, 1, actor, content)
    event_record(
        actor=actor,
        verb="library.entry_added",
        obj=entry,
        partnership=partnership,
        payload={"kind": entry.kind},
    )
    return entry


@transaction.atomic
def entry_update(
    *,
    actor: User,
    entry: Entry,
    title: str,
    summary: str = "",
    kind: str = "guide",
    what_worked: str = "",
    what_didnt: str = "",
    evidence_level: str = "anecdote",
    evidence_note: str = "",
    outcomes: Iterable[Outcome | UUID | str] = (),
    tags: Iterable[str | Topic] = (),
) -> list[str]:
    """Save new content as the next numbered version (the earlier ones stay as they
    were); returns what changed, and writes nothing when nothing did."""
    require(CHANGE, actor, entry)
    partnership = entry.partnership
    refuse_if_closed(partnership, "change its library")
    content = _content(
        partnership,
        title=title,
        summary=summary,
        kind=kind,
        what_worked=what_worked,
        what_didnt=what_didnt,
        evidence_level=evidence_level,
        evidence_note=evidence_note,
        outcomes=outcomes,
        tags=tags,
    )
    locked = Entry.objects.select_for_update().get(pk=entry.pk)
    changed = [f for f, v in content.fields().items() if getattr(locked, f) != v]
    if {o.pk for o in content.outcomes} != set(locked.outcomes.values_list("pk", flat=True)):
        changed.append("outcomes")
    topics = [topic_for(name) for name in content.tags]
    if {t.pk for t in topics} != set(locked.tags.values_list("pk", flat=True)):
        changed.append("tags")
    if not changed:
        return []
    number = locked.version + 1
    _version_write(locked, number, actor, content)
    for field, value in content.fields().items():
        setattr(entry, field, value)
    entry.version = number
    entry.save(update_fields=[*content.fields(), "version", "updated_at"])
    entry.outcomes.set(content.outcomes)
    entry.tags.set(topics)
    event_record(
        actor=actor,
        verb="library.entry_changed",
        obj=entry,
        partnership=partnership,
        payload={"changed": changed, "version": number},
    )
    return changed


@transaction.atomic
def attachment_add(*, actor: User, entry: Entry, upload: UploadedFile, shareable: bool = False) -> Attachment:
    """Attach a file (checked as threads' attachments are) to the entry, with the
    uploader's word, or not, that it may be shared outside the partnership. A published
    entry takes only files that may be shared."""
    require(CHANGE, actor, entry)
    refuse_if_closed(entry.partnership, "change its library")
    name, content_type = attachment_check(upload)
    locked = Entry.objects.select_for_update().get(pk=entry.pk)
    if locked.is_published and not shareable:
        raise Conflict(
            "This entry is published: attach only a file you confirm may be shared outside the partnership",
            field="shareable",
        )
    attachment = Attachment(
        entry=entry,
        name=name,
        content_type=content_type,
        size=upload.size or 0,
        uploaded_by=actor,
        shareable=shareable,
        shareable_at=timezone.now() if shareable else None,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    event_record(
        actor=actor,
        verb="library.attachment_added",
        obj=entry,
        partnership=entry.partnership,
        payload={"attachment": str(attachment.uuid), "name": name, "shareable": shareable},
    )
    return attachment


@transaction.atomic
def attachment_share(*, actor: User, attachment: Attachment) -> Attachment:
    """The uploader confirms the file may be shared outside the partnership (only they can)."""
    require(
        SHARE,
        actor,
        attachment,
        refusal=ServiceError("Only the person who uploaded the file can say it may be shared"),
    )
    entry = attachment.entry
    refuse_if_closed(entry.partnership, "change its library")
    locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if locked.shareable:
        raise Conflict(f"You have already said “{attachment.name}” may be shared.")
    attachment.shareable, attachment.shareable_at = True, timezone.now()
    attachment.save(update_fields=["shareable", "shareable_at", "updated_at"])
    event_record(
        actor=actor,
        verb="library.attachment_shareable",
        obj=entry,
        partnership=entry.partnership,
        payload={"attachment": str(attachment.uuid), "name": attachment.name},
    )
    return attachment


@transaction.atomic
def entry_publish(*, actor: User, entry: Entry, licence: str = Licence.CC_BY.value) -> Entry:
    """Publish the entry in the public library under `licence`: the author or the
    convener's admins, and only when every attachment's uploader said it may be shared
    (the refusal names the files)."""
    require(
        PUBLISH,
        actor,
        entry,
        refusal=ServiceError("Only the entry's author or the convening partner can publish it"),
    )
    refuse_if_closed(entry.partnership, "publish from its library")
    if licence not in Licence.values:
        raise ServiceError("Choose a licence", field="licence")
    locked = Entry.objects.select_for_update().get(pk=entry.pk)
    if locked.is_published:
        raise Conflict("This entry is already published.")
    unshared = [a.name for a in locked.attachments.filter(shareable=False).order_by("pk")]
    if unshared:
        names = ", ".join(f"“{n}”" for n in unshared)
        raise Conflict(
            f"These files are not confirmed as shareable outside the partnership: {names}. "
            "Whoever uploaded each must confirm it, or remove it, before the entry is published.",
            field="licence",
        )
    entry.visibility, entry.licence, entry.published_at = Visibility.PUBLISHED, licence, timezone.now()
    entry.save(update_fields=["visibility", "licence", "published_at", "updated_at"])
    event_record(
        actor=actor,
        verb="library.entry_published",
        obj=entry,
        partnership=entry.partnership,
        payload={"licence": licence},
    )
    return entry


@transaction.atomic
def entry_unpublish(*, actor: User, entry: Entry) -> Entry:
    """Take the entry back to the partnership only (copies already made keep their licence)."""
    require(
        PUBLISH,
        actor,
        entry,
        refusal=ServiceError("Only the entry's author or the convening partner can unpublish it"),
    )
    locked = Entry.objects.select_for_update().get(pk=entry.pk)
    if not locked.is_published:
        raise Conflict("This entry is not published.")
    entry.visibility, entry.published_at = Visibility.PARTNERSHIP, None
    entry.save(update_fields=["visibility", "published_at", "updated_at"])
    event_record(actor=actor, verb="library.entry_unpublished", obj=entry, partnership=entry.partnership)
    return entry


def authors_of(entry: Entry) -> str:
    """The names of everyone who wrote a version of the entry, first author first."""
    names: list[str] = []
    for version in entry.versions.select_related("author").order_by("number"):
        name = version.author.name if version.author is not None else ""
        if name and name not in names:
            names.append(name)
    return ", ".join(names)


@transaction.atomic
def entry_copy(*, actor: User, entry: Entry, partnership: Partnership) -> Entry:
    """Copy a published entry into another partnership the actor is a member of, as a
    partnership-only entry whose attribution (original title, authors, partnership,
    licence and link) is stored on it. Outcomes and attachments stay behind: outcomes
    are the source partnership's, files are shared from the original."""
    if not entry.is_published:
        raise Conflict("Only a published entry can be copied.")
    if partnership.pk == entry.partnership_id:
        raise ServiceError(
            "Choose another partnership: the entry is already in this one", field="partnership"
        )
    require(
        ADD,
        actor,
        partnership,
        refusal=ServiceError("Choose a partnership you are a member of", field="partnership"),
    )
    refuse_if_closed(partnership, "add to its library")
    copy = Entry.objects.create(
        partnership=partnership,
        author=actor,
        kind=entry.kind,
        title=entry.title,
        summary=entry.summary,
        what_worked=entry.what_worked,
        what_didnt=entry.what_didnt,
        evidence_level=entry.evidence_level,
        evidence_note=entry.evidence_note,
        copied_from=entry,
        source_title=entry.title,
        source_authors=authors_of(entry)[:500],
        source_partnership=entry.partnership.name[:200],
        source_licence=entry.licence,
        source_url=reverse("library:public_entry", args=[entry.uuid]),
    )
    topics = list(entry.tags.all())
    copy.tags.set(topics)
    EntryVersion.objects.create(
        entry=copy,
        number=1,
        author=actor,
        outcomes=[],
        tags=[t.name for t in topics],
        kind=copy.kind,
        title=copy.title,
        summary=copy.summary,
        what_worked=copy.what_worked,
        what_didnt=copy.what_didnt,
        evidence_level=copy.evidence_level,
        evidence_note=copy.evidence_note,
    )
    event_record(
        actor=actor,
        verb="library.entry_copied",
        obj=copy,
        partnership=partnership,
        payload={"from": str(entry.uuid), "licence": entry.licence},
    )
    return copy
