"""Reading "how we work" profiles: one organisation's, and every active partner's of
a partnership, side by side, in a constant number of queries."""

from dataclasses import dataclass

from django.db.models import QuerySet

from consortia.organisations.models import Organisation
from consortia.partnerships.models import Partner, Partnership
from consortia.partnerships.rules import active_partners

from .models import WorkingProfile


def _profiles() -> QuerySet[WorkingProfile]:
    return WorkingProfile.objects.select_related("reviewed_by").prefetch_related("sign_offs")


def profile_of(organisation: Organisation) -> WorkingProfile | None:
    """The organisation's profile with its decision table, or None when not written yet."""
    return _profiles().filter(organisation=organisation).first()


@dataclass(frozen=True)
class PartnerProfile:
    partner: Partner
    profile: WorkingProfile | None


def partner_profiles(partnership: Partnership) -> list[PartnerProfile]:
    """Every active partner, by organisation name, with its profile or None (the
    partners are the permission check's; the profiles and their rows are two queries)."""
    partners = sorted(active_partners(partnership), key=lambda p: p.organisation.name.lower())
    by_org = {
        p.organisation_id: p
        for p in _profiles().filter(organisation_id__in=[p.organisation_id for p in partners])
    }
    return [PartnerProfile(partner=p, profile=by_org.get(p.organisation_id)) for p in partners]
