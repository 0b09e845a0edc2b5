"""The agreement in the search index (consortia/search/registry.py): the version in
force, the published one awaiting endorsement and the draft (every member reads
drafts on the agreement's pages), each by its vision, aims, principles, how partners
join and leave, objectives and roles. A version that is superseded and no longer in
force leaves the index, so a search finds today's text, not every past wording.

A change to an objective or a role changes its version's document; a change to any
version (one coming into force) re-reads every version of the partnership."""

from django.urls import reverse

from consortia.search.registry import SearchDoc, Source, register, register_dependency

from .models import AgreementObjective, AgreementRole, AgreementVersion

Status = AgreementVersion.Status


def _in_force(version: AgreementVersion) -> bool:
    if version.in_force_at is None:
        return False
    newer = version.partnership.agreement_versions.filter(
        in_force_at__isnull=False, number__gt=version.number
    )
    return not newer.exists()


def _version(version: AgreementVersion) -> SearchDoc | None:
    in_force = _in_force(version)
    if version.status == Status.SUPERSEDED and not in_force:
        return None
    state = "in force" if in_force else "draft" if version.is_draft else "published, awaiting endorsement"
    objectives = [f"{o.text} {o.measure}" for o in version.objectives.all()]
    roles = [role.responsibilities for role in version.roles.all()]
    texts = [
        version.vision,
        version.aims,
        version.principles,
        version.joining_and_leaving,
        *objectives,
        *roles,
    ]
    return SearchDoc(
        partnership_id=version.partnership_id,
        title=f"Agreement, version {version.number} ({state})",
        body=" ".join(text for text in texts if text),
        url=reverse("agreements:version", args=[version.partnership.uuid, version.uuid]),
        updated_at=version.updated_at,
    )


register(
    Source(
        kind="agreement",
        label="Agreement",
        model=AgreementVersion,
        document=_version,
        queryset=lambda: AgreementVersion.objects.select_related("partnership").prefetch_related(
            "objectives", "roles"
        ),
    )
)
register_dependency(AgreementObjective, lambda objective: [objective.version])
register_dependency(AgreementRole, lambda role: [role.version])
register_dependency(AgreementVersion, lambda version: version.partnership.agreement_versions.all())
