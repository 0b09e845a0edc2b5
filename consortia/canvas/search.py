"""Canvas items in the search index (consortia/search/registry.py): outcomes (their
statement and description), needs and pledges (what is needed or offered, and by
which partner). Each leads to its list on the canvas."""

from django.urls import reverse

from consortia.search.registry import SearchDoc, Source, register

from .models import Need, Outcome, Pledge


def _outcome(outcome: Outcome) -> SearchDoc:
    return SearchDoc(
        partnership_id=outcome.partnership_id,
        title=outcome.statement,
        body=outcome.description,
        url=reverse("canvas:outcomes", args=[outcome.partnership.uuid]),
        updated_at=outcome.updated_at,
    )


def _need(need: Need) -> SearchDoc:
    return SearchDoc(
        partnership_id=need.partnership_id,
        title=f"Need: {need.get_category_display()}",
        body=need.description,
        url=reverse("canvas:needs", args=[need.partnership.uuid]),
        updated_at=need.updated_at,
    )


def _pledge(pledge: Pledge) -> SearchDoc:
    return SearchDoc(
        partnership_id=pledge.partnership_id,
        title=f"Pledge from {pledge.partner.organisation.name}: {pledge.get_category_display()}",
        body=pledge.description,
        url=reverse("canvas:pledges", args=[pledge.partnership.uuid]),
        updated_at=pledge.updated_at,
    )


register(
    Source(
        kind="outcome",
        label="Outcomes",
        model=Outcome,
        document=_outcome,
        queryset=lambda: Outcome.objects.select_related("partnership"),
    )
)
register(
    Source(
        kind="need",
        label="Needs",
        model=Need,
        document=_need,
        queryset=lambda: Need.objects.select_related("partnership"),
    )
)
register(
    Source(
        kind="pledge",
        label="Pledges",
        model=Pledge,
        document=_pledge,
        queryset=lambda: Pledge.objects.select_related("partnership", "partner__organisation"),
    )
)
