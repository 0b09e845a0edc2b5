"""`{% directory_expertise_for organisation as people %}` (after `{% load expertise %}`): for the organisation's public
directory page, its people's expertise that they chose to show there (organisations
sits below this app, so its templates reach it through this tag)."""

from django import template

from consortia.organisations.models import Organisation

from ..models import PersonExpertise
from ..selectors import directory_expertise

register = template.Library()


@register.simple_tag
def directory_expertise_for(organisation: Organisation) -> list[PersonExpertise]:
    return directory_expertise(organisation)
