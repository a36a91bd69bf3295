"""A denouncer's identity (Luật Tố cáo 2018, Điều 47): only the resolver and the assigned
verifier see it; the officer denounced never does. One row per demo role (IDENTITY)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thads.complaints import services
from thads.complaints.services import HandlingInput, LetterInput, MatterInput, SenderInput
from thads.testing.cases import login, staff

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 9, 3)
NAME = "Đinh Công Tráng"

# username → sees the denouncer. The denounced officer is "chv" (TN-SC-02, TNG-KV2); the rule
# table sends a denunciation of a regional officer to the province (TNG), resolved by its
# leader ("lanhdao"); the verifier assigned is "phophong".
IDENTITY = {
    "chv": False,  # the officer denounced
    "thuky": False,  # entered the letter, is neither resolver nor verifier
    "truongphong": False,  # head of the regional office, not the resolver
    "phophong": True,  # the verifier assigned
    "lanhdao": True,  # the resolver
    "trunguong": False,
    "kiemtra": False,
    "quantri": False,
}


@pytest.fixture
def denunciation(shared_demo_org):
    unit = staff("TN-SC-01").memberships.get(valid_to__isnull=True).unit
    letter = services.letter_register(
        unit,
        LetterInput(
            kind="to_cao",
            received_on=DAY,
            senders=[SenderInput(NAME)],
            summary="Tố cáo Chấp hành viên nhận tiền",
        ),  # fmt: skip
    )
    services.letter_handle(
        letter,
        HandlingInput(
            on=DAY,
            handling="thu_ly",
            matters=[MatterInput(kind="to_cao", subject_staff=staff("TN-SC-02"))],
        ),  # fmt: skip
        expected_version=letter.version,
    )
    matter = letter.matters.get()
    matter = services.matter_assign_verifier(
        matter, staff("TN-PY-01"), on=DAY, expected_version=matter.version
    )
    return letter, matter


@pytest.mark.parametrize(("username", "sees"), IDENTITY.items())
def test_denouncer_identity(client, denunciation, username, sees):
    letter, matter = denunciation
    login(client, username)
    for url in (
        reverse("complaints:letter", args=[letter.pk]),
        reverse("complaints:matter", args=[matter.pk]),
    ):
        response = client.get(url)
        if response.status_code == 404:  # outside the user's scope: nothing shown at all
            assert not sees
            continue
        body = response.content.decode()
        assert response.status_code == 200
        assert (NAME in body) is sees, (username, url)
        assert ('data-testid="identity-hidden"' in body) is not sees


def test_resolver_comes_from_the_rule_table(denunciation):
    _letter, matter = denunciation
    assert matter.resolver_unit.code == "TNG"
