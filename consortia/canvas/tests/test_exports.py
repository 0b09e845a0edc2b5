"""The canvas as CSV (one file per section) and JSON: columns, formula escaping,
file names, the JSON document's shape, and who may download."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.urls import reverse

from consortia.canvas.exports import csv_cell
from consortia.canvas.models import Canvas
from consortia.core.factories import (
    IndicatorFactory,
    NeedFactory,
    OfferFactory,
    OrganisationFactory,
    OutcomeFactory,
    PledgeFactory,
)
from consortia.core.testing import sends_to_sign_in, snapshot

SECTIONS = ["outcomes", "needs", "pledges", "gaps"]


@pytest.fixture
def canvas(world):
    outcome = OutcomeFactory(partnership=world.partnership, statement="Carers feel less alone")
    IndicatorFactory(
        outcome=outcome, question="how_much", name="Carers advised", unit="carers", baseline=-5, target=300
    )
    IndicatorFactory(
        outcome=outcome, question="better_off", name="Carers less alone", unit="%", baseline=None
    )
    OutcomeFactory(partnership=world.partnership, statement='=HYPERLINK("http://evil.example")')
    room = NeedFactory(partnership=world.partnership, description="+Drop-in room", quantity=50, unit="hours")
    room.outcomes.add(outcome)
    NeedFactory(
        partnership=world.partnership, description="@Minibus", category="equipment", quantity=1, unit="items"
    )
    PledgeFactory(partner=world.core_partner, need=room, description="-Our hall", quantity=20, value_gbp=400)
    PledgeFactory(partner=world.convener_partner, need=None, description="Advice line", value_gbp=100)
    Canvas.objects.create(partnership=world.partnership, area="Northshire", beneficiaries="Carers")
    helper = OrganisationFactory(name="Minibus Trust", listed_in_directory=True)
    OfferFactory(organisation=helper, category="equipment")
    return world


def download(client, world, section: str):
    response = client.get(reverse("canvas:export_csv", args=[world.partnership.uuid, section]))
    assert response.status_code == 200, section
    return response, list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+44 1234", "'+44 1234"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("A = B", "A = B"),
        (Decimal("-5.00"), "-5.00"),
        (None, ""),
    ],
)
def test_it_quotes_cells_a_spreadsheet_would_run_as_a_formula(value, cell):
    assert csv_cell(value) == cell


def test_it_exports_outcomes_with_one_row_per_indicator(canvas, client_for):
    response, rows = download(client_for("observer"), canvas, "outcomes")

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="carers-advice-partnership-canvas-outcomes.csv"'
    )
    assert rows == [
        [
            "outcome",
            "outcome description",
            "indicator question",
            "indicator",
            "unit",
            "baseline",
            "target",
            "target date",
        ],
        [
            "Carers feel less alone",
            "",
            "How much did we do?",
            "Carers advised",
            "carers",
            "-5.00",
            "300.00",
            rows[1][7],
        ],
        [
            "Carers feel less alone",
            "",
            "Is anyone better off?",
            "Carers less alone",
            "%",
            "",
            "60.00",
            rows[2][7],
        ],
        ['\'=HYPERLINK("http://evil.example")', "", "", "", "", "", "", ""],
    ]


def test_it_exports_needs_pledges_and_gaps_with_formulas_made_harmless(canvas, client_for):
    client = client_for("participant")

    _, needs = download(client, canvas, "needs")
    _, pledges = download(client, canvas, "pledges")
    _, gaps = download(client, canvas, "gaps")

    assert needs[0] == ["need", "category", "quantity", "unit", "needed by", "priority", "outcomes served"]
    assert needs[1] == [
        "'+Drop-in room",
        "Premises and office space",
        "50.00",
        "hours",
        "",
        "Important",
        "Carers feel less alone",
    ]
    assert needs[2][0] == "'@Minibus"
    assert pledges[0] == [
        "partner",
        "against need",
        "category",
        "pledge",
        "quantity",
        "unit",
        "estimated value (GBP)",
        "availability",
    ]
    assert sorted(row[3] for row in pledges[1:]) == ["'-Our hall", "Advice line"]
    assert gaps[0][:3] == ["need", "category", "coverage"] and gaps[0][-1] == "possible new partners"
    assert [(row[0], row[2], row[4], row[5], row[-1]) for row in gaps[1:]] == [
        ("'@Minibus", "Not covered", "0", "1.00", "Minibus Trust"),
        ("'+Drop-in room", "Partly covered", "20.00", "30.00", ""),
    ]


def test_it_exports_the_whole_canvas_as_one_json_document(canvas, client_for):
    response = client_for("partner_member").get(reverse("canvas:export_json", args=[canvas.partnership.uuid]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="carers-advice-partnership-canvas.json"'
    document = json.loads(response.content)
    assert list(document) == [
        "partnership",
        "purpose",
        "outcomes",
        "needs",
        "pledges",
        "gaps",
        "partner_shares",
    ]
    assert document["partnership"]["uuid"] == str(canvas.partnership.uuid)
    assert document["purpose"] == {
        "beneficiaries": "Carers",
        "why_together": "",
        "area": "Northshire",
        "completed_steps": [],
    }
    first = document["outcomes"][0]
    assert [i["name"] for i in first["indicators"]] == ["Carers advised", "Carers less alone"]
    assert first["indicators"][0] | {"uuid": "", "target_date": ""} == {
        "uuid": "",
        "question": "how_much",
        "name": "Carers advised",
        "unit": "carers",
        "baseline": "-5.00",
        "target": "300.00",
        "target_date": "",
    }
    room = next(n for n in document["needs"] if n["description"] == "+Drop-in room")
    assert room["outcomes"] == [first["uuid"]] and room["quantity"] == "50.00"
    assert {p["description"]: p["need"] for p in document["pledges"]} == {
        "-Our hall": room["uuid"],
        "Advice line": None,
    }
    assert [(g["coverage"], g["pledged"], g["remaining"]) for g in document["gaps"]] == [
        ("uncovered", "0", "1.00"),
        ("partly", "20.00", "30.00"),
    ]
    assert document["gaps"][0]["possible_partners"][0]["name"] == "Minibus Trust"
    shares = {s["organisation"]: s["share_percent"] for s in document["partner_shares"]}
    assert shares == {"Convener Org": "20.0", "Core Org": "80.0"}


def test_it_names_the_file_safely_whatever_the_partnership_is_called(world, client_for):
    world.partnership.name = '"; filename=evil.exe <script>'
    world.partnership.save()

    response = client_for("observer").get(
        reverse("canvas:export_csv", args=[world.partnership.uuid, "needs"])
    )

    assert response["Content-Disposition"] == 'attachment; filename="filenameevilexe-script-canvas-needs.csv"'


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", "sign in"),
        ("outsider", 404),
        ("site_admin", 404),  # support staff view pages, but do not download partnership data
        ("observer", 200),
        ("participant", 200),
        ("partner_member", 200),
        ("convener_admin", 200),
    ],
)
def test_it_lets_only_partnership_members_download(canvas, client_for, persona, status):
    client = client_for(persona)
    before = snapshot()

    answers = {
        "sign in" if sends_to_sign_in(r) else r.status_code
        for r in [
            *(client.get(reverse("canvas:export_csv", args=[canvas.partnership.uuid, s])) for s in SECTIONS),
            client.get(reverse("canvas:export_json", args=[canvas.partnership.uuid])),
        ]
    }

    assert answers == {status}
    assert snapshot() == before
