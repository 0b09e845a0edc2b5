"""What the pages of lower apps show about partnerships.

The organisation's page belongs to organisations, which sits below partnerships and
so cannot ask for them itself; its template loads this library instead, and the
Python imports keep to the layer map (pyproject.toml, [tool.importlinter]).
"""

from django import template
from django.db.models import QuerySet

from consortia.organisations.models import Organisation
from consortia.partnerships.models import Partnership
from consortia.partnerships.selectors import partnership_list_for_organisation

register = template.Library()


@register.simple_tag
def partnerships_of(organisation: Organisation) -> QuerySet[Partnership]:
    """The partnerships the organisation is a partner in now, by name."""
    return partnership_list_for_organisation(organisation)
