"""What matching ranks by full text, in the search index (consortia/search/registry.py):

- people's expertise (`expertise`): one document per PersonExpertise, in its
  partnership, the topic as title and the note (plain text) as body. Members also find
  it on the search page, leading to the partnership's expertise map.
- organisations' profiles (`organisation`): one directory-wide document per
  organisation (no partnership, so no partnership's search returns it, and it is not
  in the search page's filter), its name as title and as body its description, its
  offers and its expertise topics. Matching ranks them with engines.engine_rank, only
  among the organisations it may suggest (partners, or those listed in the directory).
"""

from urllib.parse import urlencode

from django.urls import reverse

from consortia.expertise.models import PersonExpertise, Topic
from consortia.organisations.models import Expertise, Offer, Organisation
from consortia.search.registry import SearchDoc, Source, register, register_dependency
from consortia.search.text import plain_text

EXPERTISE, ORGANISATION = "expertise", "organisation"


def _expertise(row: PersonExpertise) -> SearchDoc:
    partnership = row.partnership
    query = urlencode({"q": row.topic.name})
    return SearchDoc(
        partnership_id=partnership.pk,
        title=row.topic.name,
        body=plain_text(row.note),
        url=f"{reverse('expertise:map', args=[partnership.uuid])}?{query}",
        updated_at=row.updated_at,
    )


def _organisation(organisation: Organisation) -> SearchDoc:
    parts = [organisation.description]
    parts += [offer.description for offer in organisation.offers.all()]
    parts += [x.topic for x in organisation.expertise.all()]
    return SearchDoc(
        partnership_id=None,
        title=organisation.name,
        body="\n".join(p for p in parts if p),
        url=reverse("organisations:detail", args=[organisation.uuid]),
        updated_at=organisation.updated_at,
    )


register(
    Source(
        kind=EXPERTISE,
        label="People's expertise",
        model=PersonExpertise,
        document=_expertise,
        queryset=lambda: PersonExpertise.objects.select_related("partnership", "topic"),
    )
)
register(
    Source(
        kind=ORGANISATION,
        label="Organisations",
        model=Organisation,
        document=_organisation,
        queryset=lambda: Organisation.objects.prefetch_related("offers", "expertise"),
        listed=False,
    )
)
register_dependency(Offer, lambda offer: [offer.organisation])
register_dependency(Expertise, lambda x: [x.organisation])
register_dependency(Topic, lambda topic: topic.uses.all())
