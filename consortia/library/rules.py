"""Who may do what with the practice library (see consortia/core/rules.py).

Everyone who sees the partnership (its members, and site admins) reads its entries.
Its members (partners' people and individual participants) add entries, edit them (each
edit is a new version, with who made it) and attach files. Only a file's uploader says
it may be shared outside the partnership. The entry's author or the convening partner's
admins publish an entry and take it back. Published entries are read by anyone in the
public library (selectors.published_entries), outside these rules.
"""

import rules
from django.contrib.auth.models import AnonymousUser

from consortia.accounts.models import User
from consortia.core.rules import add_perm, is_site_admin
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import is_convener_admin, is_partnership_member

from .models import Attachment, Entry


@rules.predicate
def sees_partnership(user: User | AnonymousUser, partnership: Partnership | None) -> bool:
    return partnership is not None and bool(is_partnership_member(user, partnership) or is_site_admin(user))


@rules.predicate
def sees_entry(user: User | AnonymousUser, entry: Entry | None) -> bool:
    return entry is not None and bool(sees_partnership(user, entry.partnership))


@rules.predicate
def member_of_entrys_partnership(user: User | AnonymousUser, entry: Entry | None) -> bool:
    return entry is not None and bool(is_partnership_member(user, entry.partnership))


@rules.predicate
def publishes_entry(user: User | AnonymousUser, entry: Entry | None) -> bool:
    """The entry's author (still a member) or the convening partner's admins."""
    if entry is None or not user.is_authenticated:
        return False
    if entry.author_id == user.pk and is_partnership_member(user, entry.partnership):
        return True
    return bool(is_convener_admin(user, entry.partnership))


@rules.predicate
def uploaded_attachment(user: User | AnonymousUser, attachment: Attachment | None) -> bool:
    return attachment is not None and user.is_authenticated and attachment.uploaded_by_id == user.pk


add_perm("library.add_entry_in_partnership", Partnership, is_partnership_member)
add_perm("library.view_entry", Entry, sees_entry)
add_perm("library.change_entry", Entry, member_of_entrys_partnership)
add_perm("library.publish_entry", Entry, publishes_entry)
add_perm("library.share_attachment", Attachment, uploaded_attachment)
