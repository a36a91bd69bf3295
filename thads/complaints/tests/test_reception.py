"""Citizen reception: the counts of a session are checked; a letter handed in at a session
enters the register with it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thads.common.errors import DomainError
from thads.complaints import services
from thads.complaints.models import Complaint, ReceptionSession
from thads.complaints.services import SessionInput
from thads.testing.cases import login

D = dt.date


def test_counts_must_add_up(units):
    ok = dict(held_on=D(2026, 3, 2), form="dinh_ky", visits=3, people=3, matters_old=1,
              matters_new=2, about_khieu_nai=2, about_to_cao=0, about_kien_nghi=1)  # fmt: skip
    with pytest.raises(DomainError, match="phải bằng số vụ việc"):
        services.session_record(units["A"], SessionInput(**{**ok, "about_kien_nghi": 0}))
    with pytest.raises(DomainError, match="ít nhất một lượt"):
        services.session_record(units["A"], SessionInput(**{**ok, "visits": 0}))
    with pytest.raises(DomainError, match="số người và số vụ việc"):
        services.session_record(units["A"], SessionInput(**{**ok, "groups": 1}))
    assert not ReceptionSession.objects.exists()
    # A group of 6 people counted as one visit (đoàn đông người).
    group = {**ok, "visits": 2, "people": 7, "groups": 1, "group_people": 6, "group_matters": 1}
    session = services.session_record(units["A"], SessionInput(**group))
    assert session.matters == 3


@pytest.mark.django_db
def test_session_screen_and_letter_handed_in(client, shared_demo_org):
    login(client, "thuky")
    response = client.post(
        reverse("complaints:session_new", args=["TNG-KV2"]),
        {
            "held_on": "04/09/2025",
            "form": "thuong_xuyen",
            "by_leader": "on",
            "visits": "91",
            "people": "87",
            "matters_old": "20",
            "matters_new": "59",
            "groups": "1",
            "group_people": "6",
            "group_matters": "1",
            "about_khieu_nai": "50",
            "about_to_cao": "9",
            "about_kien_nghi": "20",
        },
    )
    assert response.status_code == 302
    session = ReceptionSession.objects.get(unit__code="TNG-KV2", visits=91)
    listing = client.get(reverse("complaints:sessions", args=["TNG-KV2"]) + "?nam=2025")
    assert "91 lượt, 87 người" in listing.content.decode()
    url = reverse("complaints:letter_new", args=["TNG-KV2"]) + f"?buoi_tiep={session.pk}"
    response = client.post(
        url,
        {
            "received_on": "04/09/2025",
            "kind": "khieu_nai",
            "channel": "truc_tiep",
            "subject": "case",
            "obstacle_days": "0",
            "s-TOTAL_FORMS": "1",
            "s-INITIAL_FORMS": "0",
            "s-0-name": "Hà Văn Sơn",
        },
    )
    assert response.status_code == 302
    letter = Complaint.objects.get(reception=session)
    assert letter.channel == "tiep_cong_dan"
    page = client.get(reverse("complaints:session", args=[session.pk])).content.decode()
    assert letter.code in page


@pytest.mark.django_db
def test_hostile_numbers_get_a_form_error_or_the_default(client, shared_demo_org):
    """A count beyond the form's bound is a form error (400), never the model's bigint refusal;
    a malformed or absurd year / session number falls back to the default page."""
    login(client, "thuky")
    response = client.post(
        reverse("complaints:session_new", args=["TNG-KV2"]),
        {
            "held_on": "04/09/2025",
            "form": "thuong_xuyen",
            "visits": "9" * 26,
            "people": "1",
            "matters_old": "0",
            "matters_new": "1",
            "groups": "0",
            "group_people": "0",
            "group_matters": "0",
            "about_khieu_nai": "1",
            "about_to_cao": "0",
            "about_kien_nghi": "0",
        },  # fmt: skip
    )
    assert response.status_code == 400
    assert response.context["form"].errors["visits"]
    assert not ReceptionSession.objects.filter(people=1, matters_new=1, visits__gt=1).exists()
    sessions = reverse("complaints:sessions", args=["TNG-KV2"])
    for year in ("9" * 26, "1", "²", "-5"):
        assert client.get(sessions, {"nam": year}).status_code == 200
    letter_new = reverse("complaints:letter_new", args=["TNG-KV2"])
    for number in ("²", "9" * 26, "-1"):
        assert client.get(letter_new, {"buoi_tiep": number}).status_code == 200
