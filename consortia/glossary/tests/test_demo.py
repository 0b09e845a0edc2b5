"""The demo partnership's glossary: terms defined for more than one sector, marked in
place, and a suggestion waiting for the convener."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from consortia.glossary.models import Term

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_glossary_with_terms_for_several_sectors(client):
    call_command("demo")

    approved = Term.objects.filter(status="approved")
    assert {"Carer's assessment", "Social prescribing", "Safeguarding", "CQC"} <= set(
        approved.values_list("name", flat=True)
    )
    assert approved.get(name="Safeguarding").definitions.count() == 3
    assert Term.objects.get(status="suggested").name == "Commissioning"
    term = approved.first()
    client.force_login(term.suggested_by)
    page = client.get(reverse("glossary:list", args=[term.partnership.uuid])).content.decode()
    assert f'id="term-{approved.get(name="CQC").uuid}"' in page
