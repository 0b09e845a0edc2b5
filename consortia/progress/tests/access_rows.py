"""The progress rows for the access table (consortia/core/tests/test_access.py): every
progress URL, GET and POST, for every persona, and `scene(world, s)`, which adds the
indicator and measurements the rows name and puts their ids on `s`.

Who may do what (consortia/progress/rules.py): everyone who sees the partnership sees
the outcomes page, the advantage page and its PDF (observers, participants and site
admins too). Members of partners that are not only observing (here the convener's
admin and the core partner's admin and member) record measurements, and correct and
remove those of their own organisation, or any as a convener or core partner member.
Observers, individual participants and site admins read only. All else is a 404.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone

from consortia.core.access_table import GET, LOGIN, OK, POST, SIGN_IN_THEN_NOT_ALLOWED, Row
from consortia.core.factories import IndicatorFactory, MeasurementFactory, OutcomeFactory

P = "partnership"
READ = (LOGIN, 404, 200, 200, 200, 200, 200, 200)
NOT_FOUND = (LOGIN, 404, 404, 404, 404, 404, 404, 404)
PARTNERS_PAGE = (LOGIN, 404, 404, 200, 200, 200, 404, 404)
PARTNERS_DONE = (LOGIN, 404, 404, OK, OK, OK, 404, 404)
PARTNERS_REFUSED = (LOGIN, 404, 404, 400, 400, 400, 404, 404)
PARTNERS_CONFLICT = (LOGIN, 404, 404, 409, 409, 409, 404, 404)
M = "progress_measurement"


def measured(s, **overrides):
    return {
        "indicator": s.progress_indicator,
        "on": (timezone.localdate() - timedelta(days=1)).isoformat(),
        "value": "42.5",
        "source": "Carers survey",
        "note": "",
        **overrides,
    }


def corrected(s, **overrides):
    return {"on": s.progress_measurement_on, "value": "41", "source": "", "note": "", **overrides}


# fmt: off
ROWS = [
    #                                                  anon   outsider observer member p.admin c.admin particip. site admin
    Row("progress:outcomes", GET,                      READ, args=(P,)),
    Row("progress:outcomes", POST,                     SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),

    # --- recording: members of contributing partners ---------------------------------------------
    Row("progress:record", GET,                        PARTNERS_PAGE, args=(P,)),
    Row("progress:record", POST,                       PARTNERS_DONE, args=(P,), data=measured,
        done="measurement.recorded"),
    Row("progress:record", POST,                       PARTNERS_REFUSED, args=(P,),
        data=lambda s: measured(s, indicator=s.progress_other_indicator), label="another partnership's indicator"),
    Row("progress:record", POST,                       PARTNERS_REFUSED, args=(P,),
        data=lambda s: measured(s, on=(timezone.localdate() + timedelta(days=1)).isoformat()), label="in the future"),
    Row("progress:record", POST,                       PARTNERS_REFUSED, args=(P,),
        data=lambda s: measured(s, value="1e12"), label="out of range"),
    Row("progress:record", POST,                       PARTNERS_REFUSED, args=(P,),
        data=lambda s: measured(s, value="lots"), label="not a number"),
    Row("progress:record", POST,                       PARTNERS_CONFLICT, args=(P,),
        data=lambda s: measured(s, on=s.progress_measurement_on), label="a second on the same day"),

    # --- correcting and removing: the measurement's organisation, or convener and core members ----
    Row("progress:measurement_edit", GET,              PARTNERS_PAGE, args=(P, M)),
    Row("progress:measurement_edit", POST,             PARTNERS_DONE, args=(P, M), data=corrected,
        done="measurement.changed"),
    Row("progress:measurement_edit", POST,             PARTNERS_REFUSED, args=(P, M),
        data=lambda s: corrected(s, value="NaN"), label="not a number"),
    Row("progress:measurement_edit", GET,              NOT_FOUND, args=(P, "progress_other_measurement"),
        label="another partnership's measurement"),
    Row("progress:measurement_remove", GET,            SIGN_IN_THEN_NOT_ALLOWED, args=(P, M)),
    Row("progress:measurement_remove", POST,           PARTNERS_DONE, args=(P, M), done="measurement.removed"),
    Row("progress:measurement_remove", POST,           NOT_FOUND, args=(P, "progress_other_measurement"),
        label="another partnership's measurement"),

    # --- the advantage page and its PDF --------------------------------------------------------
    Row("progress:advantage", GET,                     READ, args=(P,)),
    Row("progress:advantage", POST,                    SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
    Row("progress:advantage_pdf", GET,                 READ, args=(P,)),
    Row("progress:advantage_pdf", POST,                SIGN_IN_THEN_NOT_ALLOWED, args=(P,)),
]
# fmt: on

ALLOWED_CHANGES = {
    ("partner_member", "progress:record"),
    ("partner_member", "progress:measurement_edit"),
    ("partner_member", "progress:measurement_remove"),
}


def scene(world, s: SimpleNamespace) -> None:
    """An outcome of the partnership with an indicator, measured by the core partner
    a week ago; another partnership's indicator and measurement."""
    indicator = IndicatorFactory(outcome=OutcomeFactory(partnership=world.partnership))
    measurement = MeasurementFactory(
        indicator=indicator, on=timezone.localdate() - timedelta(days=7), organisation=world.core_org
    )
    s.progress_indicator = str(indicator.uuid)
    s.progress_measurement = str(measurement.uuid)
    s.progress_measurement_on = measurement.on.isoformat()
    other = MeasurementFactory()
    s.progress_other_indicator = str(other.indicator.uuid)
    s.progress_other_measurement = str(other.uuid)
