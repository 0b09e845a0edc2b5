"""The outcomes page and the measurement forms over HTTP: the page shows each
outcome's status, each indicator's chart (decorative) with its table, and the record
form to those who may record; bad input gets a message and a 4xx and writes nothing."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from consortia.core.factories import IndicatorFactory, MeasurementFactory
from consortia.core.testing import SCRIPT, assert_inert, error_summary, snapshot, text
from consortia.core.testing import inline_error as raw_inline_error
from consortia.progress.models import Measurement

pytestmark = pytest.mark.django_db


def inline_error(response, field: str) -> str:
    return html.unescape(raw_inline_error(response, field))


def outcomes_url(world):
    return reverse("progress:outcomes", args=[world.partnership.uuid])


def record_url(world):
    return reverse("progress:record", args=[world.partnership.uuid])


def form(indicator, /, **overrides):
    return {
        "indicator": str(indicator.uuid),
        "on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "value": "38",
        "source": "Carers survey",
        "note": "",
    } | overrides


def test_the_page_shows_each_outcomes_status_chart_and_measurements(world, indicator, client_for):
    MeasurementFactory(indicator=indicator, on=timezone.localdate() - timedelta(days=20), value=28)
    MeasurementFactory(indicator=indicator, on=timezone.localdate(), value=37, note="A quiet month")

    page = client_for("observer").get(outcomes_url(world))

    body = text(page)
    assert page.status_code == 200
    assert "Carers feel less alone" in body
    assert body.count("At risk") == 2  # the outcome and its indicator
    assert 'aria-hidden="true"' in body and "<polyline" in body
    assert "Measurements of Carers who feel less alone" in body
    assert "A quiet month" in body
    assert "Record a measurement" not in body  # observers read only


def test_the_record_form_is_on_the_page_for_partners(world, indicator, client_for):
    body = text(client_for("partner_member").get(outcomes_url(world)))

    assert f'action="{record_url(world)}"' in body
    assert f'value="{indicator.uuid}"' in body


def test_a_partner_records_a_measurement_through_the_form(world, indicator, client_for):
    response = client_for("partner_member").post(record_url(world), form(indicator))

    assert response.status_code == 302
    assert response["Location"].endswith(f"#indicator-{indicator.uuid}")
    assert Measurement.objects.get().value == 38


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"value": "lots"}, "value", "Enter the value as a number"),
        ({"value": "NaN"}, "value", "Enter the value as a number"),
        ({"value": "1000000000.01"}, "value", "Enter the value of 1,000,000,000 or less"),
        ({"value": "-1000000000.01"}, "value", "Enter a value of -1,000,000,000 or more"),
        ({"value": ""}, "value", "Enter the value"),
        ({"on": "2026-02-30"}, "on", "Enter a real date"),
        ({"indicator": "not-a-uuid"}, "indicator", "Choose one of this partnership's indicators"),
    ],
    ids=["words", "nan", "too-large", "too-small", "missing", "no-such-day", "bad-indicator"],
)
def test_bad_input_gets_a_message_and_a_400_and_writes_nothing(
    world, indicator, client_for, overrides, field, message
):
    client = client_for("partner_member")
    before = snapshot()

    response = client.post(record_url(world), form(indicator, **overrides))

    assert response.status_code == 400
    assert message in inline_error(response, field)
    assert message in html.unescape(error_summary(response))
    assert snapshot() == before


def test_another_partnerships_indicator_is_refused_by_the_form(world, indicator, client_for):
    elsewhere = IndicatorFactory()
    client = client_for("partner_member")
    before = snapshot()

    response = client.post(record_url(world), form(indicator, indicator=str(elsewhere.uuid)))

    assert response.status_code == 400
    assert "Choose one of this partnership's indicators" in inline_error(response, "indicator")
    assert snapshot() == before


def test_a_date_in_the_future_is_refused(world, indicator, client_for):
    client = client_for("partner_member")
    before = snapshot()
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()

    response = client.post(record_url(world), form(indicator, on=tomorrow))

    assert response.status_code == 400
    assert "cannot be in the future" in inline_error(response, "on")
    assert snapshot() == before


def test_a_second_measurement_on_the_same_day_answers_409_and_asks_for_a_correction(
    world, indicator, client_for
):
    existing = MeasurementFactory(indicator=indicator, on=timezone.localdate() - timedelta(days=1))
    client = client_for("partner_member")
    before = snapshot()

    response = client.post(record_url(world), form(indicator))

    assert response.status_code == 409
    assert "change that one instead" in inline_error(response, "on")
    edit = reverse("progress:measurement_edit", args=[world.partnership.uuid, existing.uuid])
    assert f'href="{edit}">Correct the measurement of' in text(response)
    assert snapshot() == before
    assert Measurement.objects.get() == existing


def test_a_partner_corrects_and_removes_a_measurement(world, indicator, client_for):
    measurement = MeasurementFactory(indicator=indicator, organisation=world.core_org, value=30)
    client = client_for("partner_member")
    args = [world.partnership.uuid, measurement.uuid]

    page = client.get(reverse("progress:measurement_edit", args=args))
    assert page.status_code == 200 and 'value="30.00"' in text(page)
    changed = client.post(
        reverse("progress:measurement_edit", args=args),
        {"on": measurement.on.isoformat(), "value": "31.5", "source": "", "note": ""},
    )
    assert changed.status_code == 302
    measurement.refresh_from_db()
    assert str(measurement.value) == "31.50"

    removed = client.post(reverse("progress:measurement_remove", args=args))
    assert removed.status_code == 302
    assert not Measurement.objects.exists()


def test_hostile_markup_is_shown_as_text(world, indicator, client_for):
    MeasurementFactory(indicator=indicator, source=SCRIPT, note=SCRIPT)

    body = text(client_for("observer").get(outcomes_url(world)))

    assert "&lt;script&gt;" in body
    assert_inert(body, "the outcomes page")


def test_a_partnership_without_outcomes_says_so(world, client_for):
    body = text(client_for("observer").get(outcomes_url(world)))

    assert "The canvas has no outcomes yet" in body
