"""`{% indicator_chart progress "figure-id" %}`: an indicator's chart (its baseline,
measurements, target and the straight line between them) as a decorative SVG, and
`status_tag`: the GOV.UK tag class of a status."""

from typing import Any

from django import template

from consortia.progress.charts import indicator_chart as chart_of
from consortia.progress.selectors import IndicatorProgress

register = template.Library()

TAG_CLASSES = {
    "on_track": "govuk-tag--green",
    "at_risk": "govuk-tag--yellow",
    "off_track": "govuk-tag--red",
    "no_data": "govuk-tag--grey",
}


@register.inclusion_tag("progress/partials/chart.html")
def indicator_chart(progress: IndicatorProgress, figure_id: str) -> dict[str, Any]:
    return {"progress": progress, "chart": chart_of(progress), "figure_id": figure_id}


@register.filter
def status_tag(status: str) -> str:
    return TAG_CLASSES.get(status, "govuk-tag--grey")
