"""Issue 10 item 3: duplicate intake. The same decision number in the same unit and year is
refused (service, database, screen, API); the same judgment and obligation shows the case
already taken and goes on only with a reason, stored with who and when."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from thads.cases import services
from thads.cases.models import Case, Judgment
from thads.cases.tests.test_views import intake_data
from thads.common.errors import DomainError
from thads.testing.api import api_client
from thads.testing.cases import login, new_case

pytestmark = pytest.mark.django_db
INTAKE = reverse("cases:intake", args=["TNG-KV2"])


def copy_of(case: Case, **changes) -> services.CaseInput:
    """The intake input of `case` again (another code), with `changes`."""
    data = services.CaseInput(
        code=f"{case.code}-B",
        unit=case.unit,
        decision_no=case.decision_no,
        decision_date=case.decision_date,
        accepted_on=case.accepted_on,
        mode=case.mode,
        parties=[
            services.PartyInput(p.role, p.kind, p.name, p.id_number) for p in case.parties.all()
        ],
        obligations=[
            services.ObligationInput(o.description, o.amount) for o in case.obligations.all()
        ],
    )
    return dataclasses.replace(data, **changes)


def test_the_same_decision_number_in_a_unit_and_year_is_refused(shared_demo_org):
    case = new_case("TNG-KV2", accepted_on=dt.date(2025, 8, 4))
    other_judgment = services.judgment_get_or_create(
        court="Tòa án nhân dân tỉnh Thái Nguyên", number="99/2025/DS-ST",
        date=dt.date(2025, 2, 1), kind="dan_su",
    )  # fmt: skip
    # typed again without diacritics, in lower case, with spaces: the same number
    for typed in (
        case.decision_no,
        case.decision_no.replace("Đ", "D").lower(),
        f" {case.decision_no} ",
    ):
        with pytest.raises(DomainError) as refused:
            services.case_create(
                judgment=other_judgment,
                data=copy_of(
                    case, decision_no=typed, obligations=[services.ObligationInput("X", 5)]
                ),
            )
        assert case.code in refused.value.message and "2025" in refused.value.message
    assert Case.objects.count() == 1
    # another calendar year, or another unit: a number of its own
    next_year = copy_of(case, decision_date=dt.date(2026, 1, 5), accepted_on=dt.date(2026, 1, 5),
                        obligations=[services.ObligationInput("X", 5)])  # fmt: skip
    services.case_create(judgment=other_judgment, data=next_year)
    kv3 = copy_of(case, code="KV3-1", unit=shared_demo_org["TNG-KV3"],
                  obligations=[services.ObligationInput("X", 6)])  # fmt: skip
    services.case_create(judgment=other_judgment, data=dataclasses.replace(kv3, officer=None))
    assert Case.objects.count() == 3


def test_the_database_refuses_the_same_decision_number(shared_demo_org):
    case = new_case("TNG-KV2")
    twin = Case.objects.get(pk=case.pk)
    twin.pk, twin.code = None, "TWIN-1"
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
    twin.decision_date = dt.date(2024, 12, 31)  # another year: allowed
    twin.save()


def test_intake_screen_refuses_a_decision_number_taken(client, shared_demo_org):
    login(client, "thuky")
    assert client.post(INTAKE, intake_data(1)).status_code == 302
    taken = Case.objects.get()
    again = intake_data(1, **{"j-number": "16/2025/DS-ST", "c0-o-0-amount": "2.000.000"})
    response = client.post(INTAKE, again)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Số quyết định thi hành án 100/QĐ-THADS năm 2025 đã được thụ lý" in page
    assert taken.code in page
    assert Case.objects.count() == 1 and not Judgment.objects.filter(number="16/2025/DS-ST")


def test_api_refuses_a_decision_number_taken(shared_demo_org):
    from thads.api.tests.test_write import INTAKE as BODY

    client = api_client("thuky")
    assert client.post("/api/v1/cases/", BODY, format="json").status_code == 201
    again = {**BODY, "judgment": {**BODY["judgment"], "number": "78/2025/DS-ST"}}
    response = client.post("/api/v1/cases/", again, format="json")
    assert response.status_code == 422
    assert "15/QĐ-THA" in response.json()["detail"]
    assert Case.objects.count() == 1


def test_same_judgment_and_obligation_needs_a_recorded_reason(client, shared_demo_org):
    user = login(client, "thuky")
    assert client.post(INTAKE, intake_data(1)).status_code == 302
    first = Case.objects.get()
    # the same judgment, debtor and amount under another decision number
    again = intake_data(1, **{"c0-decision_no": "200/QĐ-THADS"})
    response = client.post(INTAKE, again)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="intake-duplicate"' in page
    assert f'href="/viec/{first.pk}/"' in page or reverse("cases:detail", args=[first.pk]) in page
    assert 'name="ly_do_trung"' in page
    assert Case.objects.count() == 1
    # a blank reason is no reason
    assert client.post(INTAKE, {**again, "ly_do_trung": "   "}).status_code == 400
    reason = "Quyết định cũ bị thu hồi, ra quyết định mới"
    response = client.post(INTAKE, {**again, "ly_do_trung": reason})
    assert response.status_code == 302
    second = Case.objects.exclude(pk=first.pk).get()
    assert second.duplicate_of == first and second.duplicate_reason == reason
    assert second.created_by == user and second.created_at is not None
    shown = client.get(reverse("cases:detail", args=[second.pk])).content.decode()
    assert 'data-testid="case-duplicate"' in shown and reason in shown and first.code in shown
    assert user.get_full_name() in shown
    # a different amount is a different obligation: no question asked
    other = intake_data(1, **{"c0-decision_no": "201/QĐ-THADS", "c0-o-0-amount": "1.600.000"})
    assert client.post(INTAKE, other).status_code == 302
    assert not Case.objects.get(decision_no="201/QĐ-THADS").duplicate_of


def test_a_duplicate_without_reason_cannot_be_stored(shared_demo_org):
    case = new_case("TNG-KV2")
    twin = Case.objects.get(pk=case.pk)
    twin.pk, twin.code, twin.decision_no = None, "TWIN-2", "777/QĐ"
    twin.duplicate_of = case
    with pytest.raises(IntegrityError), transaction.atomic():
        twin.save()
