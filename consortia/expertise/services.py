"""Every change to people's expertise: adding an area of expertise (typing a new topic
creates it; a near-duplicate finds the existing one), removing it, endorsing a
colleague's, and merging two topics.

Each service runs in one transaction, checks the actor's permission
(consortia/expertise/rules.py), checks what it is given before anything is written and
writes exactly one event.
"""

from django.db import IntegrityError, transaction

from consortia.accounts.models import User
from consortia.core.errors import Conflict, ServiceError
from consortia.core.events import event_record
from consortia.core.services import refuse_if_closed, require
from consortia.organisations.models import Membership
from consortia.partnerships.models import Partnership
from consortia.partnerships.rules import partners_of_user

from .models import NOTE_MAX, TOPIC_MAX, Endorsement, PersonExpertise, Topic
from .topics import topic_key, topic_name

ADD = "expertise.add_expertise_in_partnership"
REMOVE = "expertise.delete_personexpertise"
ENDORSE = "expertise.endorse_personexpertise"
MERGE = "expertise.merge_topics_in_partnership"
VISIBILITIES = {v.value for v in PersonExpertise.Visibility}


def topic_for(name: str) -> Topic:
    """The shared topic named `name`, found by its normalised key or created (400 when
    the name is empty, too long or only punctuation). Other apps tag with it too."""
    name = topic_name(name)
    if not name:
        raise ServiceError("Enter a topic", field="topic")
    if len(name) > TOPIC_MAX:
        raise ServiceError(f"The topic must be {TOPIC_MAX} characters or fewer", field="topic")
    key = topic_key(name)
    if not key:
        raise ServiceError("Enter a topic in words, not only punctuation", field="topic")
    topic, _ = Topic.objects.get_or_create(key=key, defaults={"name": name})
    return topic


def expertise_add(
    *, actor: User, partnership: Partnership, topic: str, note: str = "", visibility: str = "partnership"
) -> PersonExpertise:
    """Add an area of expertise to the actor's profile in the partnership, creating the
    topic when it is new; 409 when the actor already lists it."""
    require(ADD, actor, partnership)
    refuse_if_closed(partnership, "add expertise to it")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ServiceError(f"The note must be {NOTE_MAX:,} characters or fewer", field="note")
    if visibility not in VISIBILITIES:
        raise ServiceError("Choose who can see this expertise", field="visibility")
    with transaction.atomic():
        found = topic_for(topic)
        if PersonExpertise.objects.filter(partnership=partnership, user=actor, topic=found).exists():
            raise Conflict(f"You already list {found} in this partnership", field="topic")
        expertise = PersonExpertise.objects.create(
            partnership=partnership, user=actor, topic=found, note=note, visibility=visibility
        )
        event_record(
            actor=actor,
            verb="expertise.added",
            obj=expertise,
            partnership=partnership,
            object_repr=found.name,
            payload={"visibility": visibility},
        )
    return expertise


def expertise_remove(*, actor: User, expertise: PersonExpertise) -> None:
    """Remove one of the actor's own areas of expertise (and its endorsements)."""
    require(REMOVE, actor, expertise)
    with transaction.atomic():
        event_record(
            actor=actor,
            verb="expertise.removed",
            obj=expertise,
            partnership=expertise.partnership,
            object_repr=expertise.topic.name,
        )
        expertise.delete()


def expertise_endorse(*, actor: User, expertise: PersonExpertise) -> Endorsement:
    """Endorse a colleague's expertise, speaking from one of the actor's partner
    organisations that the endorsed person does not belong to. Refused: oneself, a
    colleague of one's own organisation (400), endorsing twice (409)."""
    require(ENDORSE, actor, expertise)
    refuse_if_closed(expertise.partnership, "endorse expertise in it")
    if expertise.user_id == actor.pk:
        raise ServiceError("You cannot endorse your own expertise")
    theirs = set(
        Membership.objects.filter(user_id=expertise.user_id).values_list("organisation_id", flat=True)
    )
    mine = [p.organisation for p in partners_of_user(actor, expertise.partnership)]
    if any(o.pk in theirs for o in mine):
        raise ServiceError(
            f"{expertise.user} works in your own organisation: endorsements come from colleagues in other partners"
        )
    with transaction.atomic():
        if expertise.endorsements.filter(endorser=actor).exists():
            raise Conflict("You have already endorsed this expertise")
        try:
            with transaction.atomic():
                endorsement = Endorsement.objects.create(
                    expertise=expertise, endorser=actor, organisation=mine[0]
                )
        except IntegrityError:
            raise Conflict("You have already endorsed this expertise") from None
        event_record(
            actor=actor,
            verb="expertise.endorsed",
            obj=expertise,
            partnership=expertise.partnership,
            organisation=mine[0],
            object_repr=f"{expertise.topic.name} ({expertise.user})",
            payload={"endorsed": expertise.user_id},
        )
    return endorsement


def topic_merge(*, actor: User, partnership: Partnership, keep: Topic, merge: Topic) -> Topic:
    """Merge topic `merge` into `keep`, everywhere, in one transaction: every use moves
    to the kept topic (a person listing both keeps one row, with the endorsements of
    both, each endorser once) and the merged topic is deleted."""
    require(MERGE, actor, partnership)
    if keep.pk == merge.pk:
        raise ServiceError("Choose two different topics", field="merge")
    with transaction.atomic():
        moved = 0
        for use in PersonExpertise.objects.select_for_update().filter(topic=merge):
            twin = PersonExpertise.objects.filter(
                partnership_id=use.partnership_id, user_id=use.user_id, topic=keep
            )
            kept = twin.first()
            if kept is None:
                use.topic = keep
                use.save(update_fields=["topic", "updated_at"])
            else:
                already = set(kept.endorsements.values_list("endorser_id", flat=True))
                use.endorsements.exclude(endorser_id__in=already).update(expertise=kept)
                if use.visibility == PersonExpertise.Visibility.DIRECTORY:
                    twin.update(visibility=use.visibility)
                use.delete()
            moved += 1
        name = merge.name
        merge.delete()
        event_record(
            actor=actor,
            verb="expertise.topics_merged",
            obj=keep,
            partnership=partnership,
            object_repr=keep.name,
            payload={"merged": name, "uses": moved},
        )
    return keep
