"""Fetch agreement rows within a partnership the caller already fetched for the user
(consortia.partnerships.access.partnership_get_for_user): missing, another
partnership's and not allowed all answer 404."""

from uuid import UUID

from django.http import Http404

from consortia.partnerships.models import Partnership

from .models import AgreementObjective, AgreementVersion
from .selectors import version_parts


def version_get(partnership: Partnership, uuid: UUID, *, with_parts: bool = False) -> AgreementVersion:
    """One version of the partnership's agreement, with its objectives, roles,
    endorsements and the partners asked to endorse when `with_parts`."""
    versions = partnership.agreement_versions.filter(uuid=uuid).select_related("published_by")
    if with_parts:
        versions = versions.prefetch_related(*version_parts())
    version = versions.first()
    if version is None:
        raise Http404("No such version of the agreement.")
    version.partnership = partnership  # share the partners already loaded
    return version


def objective_get(version: AgreementVersion, uuid: UUID) -> AgreementObjective:
    objective = version.objectives.filter(uuid=uuid).first()
    if objective is None:
        raise Http404("No such objective.")
    objective.version = version
    return objective
