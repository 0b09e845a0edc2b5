"""@mentions in a post: which people and partner organisations of the partnership a
post names, and the refusal when it names someone outside it.

The syntax (shown under the post box):

- `@[Name]` names exactly: a person's full name or email address, or a partner
  organisation's name, in the partnership. Anything else in brackets is refused.
- `@Name` (no brackets) is matched longest-first against the same names, so
  `@Riverside Medical Practice, please…` finds the organisation and
  `@Carol Carer` the person. When nothing in the partnership matches but the words
  after the `@` are the name or email of a person or organisation elsewhere on the
  site, it is refused; otherwise it is plain text (`meet @ 3pm`, `@home`).
- An `@` inside a word (an email address such as `carol@example.org` in the text)
  is never a mention.

A whole partner organisation reaches its named representatives, or its admins when
it has none.
"""

import re
from dataclasses import dataclass, field

from consortia.accounts.models import User
from consortia.core.errors import ServiceError
from consortia.organisations.models import Membership, Organisation
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners

# An "@" that starts a mention: not inside a word or an email address.
AT = re.compile(r"(?<![\w@.+\-/])@")
EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(\.[\w\-]+)+")
WORDS = re.compile(r"[^\W_][\w'\u2019\-&]*(?: [^\W_][\w'\u2019\-&]*){0,7}")
MAX_MENTIONS = 50


@dataclass
class Mentions:
    users: list[User] = field(default_factory=list)
    partners: list[Partner] = field(default_factory=list)
    reached: list[User] = field(default_factory=list)  # the people told: users and partners' people

    def payload(self) -> dict[str, list[int]]:
        return {
            "mentioned_users": sorted({u.pk for u in self.reached}),
            "mentioned_partners": [p.pk for p in self.partners],
        }


def _refuse(name: str, why: str) -> ServiceError:
    return ServiceError(f"You cannot mention “{name}”: {why}", field="body")


def _targets(partnership: Partnership) -> dict[str, list[User | Partner]]:
    """Every name a mention may use (casefolded): people's names and emails, partners' names."""
    partners = active_partners(partnership)
    targets: dict[str, list[User | Partner]] = {}

    def add(key: str, target: User | Partner) -> None:
        key = key.strip().casefold()
        if key and target not in targets.setdefault(key, []):
            targets[key].append(target)

    for partner in partners:
        add(partner.organisation.name, partner)
    people = {
        m.user.pk: m.user
        for m in Membership.objects.filter(organisation_id__in=[p.organisation_id for p in partners])
        .select_related("user")
        .filter(user__is_active=True)
    }
    for participant in partnership.participants.active().select_related("user"):
        people[participant.user.pk] = participant.user
    for person in people.values():
        add(person.email, person)
        if person.name:
            add(person.name, person)
    return targets


def _outside(words: str) -> str | None:
    """The longest prefix of `words` that names a person or organisation on the site."""
    prefixes = []
    parts = words.split(" ")
    for n in range(len(parts), 0, -1):
        prefixes.append(" ".join(parts[:n]).rstrip(".,;:!?\u2019'"))
    known = {u.casefold() for u in User.objects.filter(name__in=prefixes).values_list("name", flat=True)}
    known |= {
        o.casefold() for o in Organisation.objects.filter(name__in=prefixes).values_list("name", flat=True)
    }
    return next((p for p in prefixes if p.casefold() in known), None)


def mentions_resolve(partnership: Partnership, text: str) -> Mentions:
    """The people and partners `text` mentions; ServiceError (on the body field) for a
    mention of someone outside the partnership, an unknown bracketed name, or a name
    shared by two people."""
    found = Mentions()
    if not AT.search(text):
        return found
    targets = _targets(partnership)
    keys = sorted(targets, key=len, reverse=True)
    for match in AT.finditer(text):
        rest = text[match.end() :]
        hit: tuple[str, list[User | Partner]] | None = None
        if rest.startswith("["):
            name = rest[1:].split("]", 1)[0].strip() if "]" in rest else ""
            if not name:
                continue
            if name.casefold() not in targets:
                raise _refuse(name, "nobody and no partner organisation in this partnership has that name")
            hit = (name, targets[name.casefold()])
        else:
            folded = rest.casefold()
            for key in keys:
                after = folded[len(key) : len(key) + 1]
                if folded.startswith(key) and not (after.isalnum() or after == "_"):
                    hit = (rest[: len(key)], targets[key])
                    break
            if hit is None:
                email = EMAIL.match(rest)
                if email and User.objects.filter(email__iexact=email.group()).exists():
                    raise _refuse(email.group(), "they are not in this partnership")
                words = WORDS.match(rest)
                outsider = _outside(words.group()) if words else None
                if outsider:
                    raise _refuse(outsider, "they are not in this partnership")
                continue
        name, candidates = hit
        if len(candidates) > 1:
            raise _refuse(name, "more than one person has that name; mention them by email address")
        target = candidates[0]
        if isinstance(target, Partner):
            if target not in found.partners:
                found.partners.append(target)
        elif target not in found.users:
            found.users.append(target)
        if len(found.users) + len(found.partners) > MAX_MENTIONS:
            raise ServiceError(f"Mention {MAX_MENTIONS} people or organisations or fewer", field="body")
    found.reached = list(found.users)
    if found.partners:
        admins: dict[int, list[User]] = {}
        without = [p.organisation_id for p in found.partners if not p.representatives.all()]
        for m in Membership.objects.filter(organisation_id__in=without, role="admin").select_related("user"):
            admins.setdefault(m.organisation_id, []).append(m.user)
        for partner in found.partners:
            reps = [r.user for r in partner.representatives.all()] or admins.get(partner.organisation_id, [])
            found.reached += [u for u in reps if u not in found.reached]
    return found
