"""Fetch a library entry or attachment for a user: within a partnership the caller
already fetched for them (consortia.partnerships.access), or a published one for
anyone. Missing, another partnership's, unpublished and not allowed all answer 404."""

from uuid import UUID

import rules
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from consortia.accounts.models import User
from consortia.partnerships.models import Partnership

from .models import Attachment, Entry, Visibility
from .selectors import entry_with_everything

VIEW = "library.view_entry"


def entry_get_for_user(
    user: User | AnonymousUser, partnership: Partnership, uuid: UUID, *, perm: str = VIEW, full: bool = False
) -> Entry:
    """The partnership's entry `uuid` (with all its page shows when `full`); 404 when
    there is none or `perm` is not the user's."""
    entries = Entry.objects.filter(partnership=partnership, uuid=uuid)
    entry = (entry_with_everything(entries) if full else entries).first()
    if entry is not None:
        entry.partnership = partnership
    if entry is None or not rules.has_perm(VIEW, user, entry) or not rules.has_perm(perm, user, entry):
        raise Http404("No such entry.")
    return entry


def published_entry_get(uuid: UUID, *, full: bool = False) -> Entry:
    """A published entry, for anyone; 404 for any other."""
    entries = Entry.objects.filter(uuid=uuid, visibility=Visibility.PUBLISHED).select_related("partnership")
    entry = (entry_with_everything(entries) if full else entries).first()
    if entry is None:
        raise Http404("No such entry.")
    return entry


def entry_get_for_copy(user: User, partnership_uuid: UUID, uuid: UUID) -> Entry:
    """An entry to copy: a published one for anyone signed in; an unpublished one only
    for whoever sees it (the service then says it must be published first); else 404."""
    entry = (
        Entry.objects.filter(partnership__uuid=partnership_uuid, uuid=uuid)
        .select_related("partnership")
        .first()
    )
    if entry is None or not (entry.is_published or rules.has_perm(VIEW, user, entry)):
        raise Http404("No such entry.")
    return entry


def attachment_get(entry: Entry, uuid: UUID, *, shareable_only: bool = False) -> Attachment:
    """The entry's attachment `uuid` (only one its uploader said may be shared, when
    `shareable_only`); 404 otherwise."""
    attachments = Attachment.objects.filter(entry=entry, uuid=uuid)
    if shareable_only:
        attachments = attachments.filter(shareable=True)
    attachment = attachments.select_related("uploaded_by").first()
    if attachment is None:
        raise Http404("No such attachment.")
    attachment.entry = entry
    return attachment
