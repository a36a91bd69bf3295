"""The printable receipt: amount in words, reversal details, scoped to the user's units."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thads.ledger import services
from thads.org import services as org_services
from thads.org.models import Role, Staff
from thads.testing.ledger import TODAY

D = dt.date
pytestmark = pytest.mark.django_db


def login(client, unit, code):
    staff = org_services.staff_create(
        code=code,
        full_name="Lê Thị Cúc",
        title=Staff.Title.THU_KY,
        unit=unit,
        valid_from=D(2010, 1, 1),
        role=Role.CLERK,
        username=code.lower(),
        password="x-Very-long-pass-123",
    )
    client.force_login(staff.user)
    return staff.user


def test_receipt_print_page(client, units, money_case):
    user = login(client, units["A"], "A-09")
    case = money_case()
    receipt = services.payment_record(
        case,
        amount=1_250_000,
        received_on=D(2024, 3, 1),
        payer="Phạm Văn Dũng",
        by=user,
        today=TODAY,
    )
    page = client.get(reverse("ledger:receipt_print", args=[receipt.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert "BIÊN LAI THU TIỀN" in html
    assert "BL-2024/000001" in html
    assert "1.250.000 đ" in html
    assert "Một triệu hai trăm năm mươi nghìn đồng" in html
    assert "Phạm Văn Dũng" in html
    reversal = services.receipt_reverse(receipt, reason="Ghi nhầm", on=D(2024, 3, 2), today=TODAY)
    html = client.get(reverse("ledger:receipt_print", args=[reversal.pk])).content.decode()
    assert "BIÊN LAI HỦY THU TIỀN" in html
    assert "Ghi nhầm" in html
    assert "BL-2024/000001" in html


def test_receipt_out_of_scope_is_404(client, units, money_case):
    login(client, units["B"], "B-09")
    receipt = services.payment_record(
        money_case(), amount=100, received_on=D(2024, 3, 1), payer="X", today=TODAY
    )
    assert client.get(reverse("ledger:receipt_print", args=[receipt.pk])).status_code == 404


def test_receipt_needs_login(client, units, money_case):
    receipt = services.payment_record(
        money_case(), amount=100, received_on=D(2024, 3, 1), payer="X", today=TODAY
    )
    response = client.get(reverse("ledger:receipt_print", args=[receipt.pk]))
    assert response.status_code == 302


def test_admin_ledger_is_read_only_and_schedule_validated(admin_client, money_case):
    from thads.ledger.models import FeeSchedule

    receipt = services.payment_record(
        money_case(), amount=100, received_on=D(2024, 3, 1), payer="X", today=TODAY
    )
    change = admin_client.get(f"/quan-tri/du-lieu/ledger/receipt/{receipt.pk}/change/")
    assert change.status_code == 200
    assert 'name="_save"' not in change.content.decode()
    assert admin_client.get("/quan-tri/du-lieu/ledger/receipt/add/").status_code == 403
    response = admin_client.post(
        "/quan-tri/du-lieu/ledger/feeschedule/add/",
        {
            "valid_from": "01/01/2030",
            "legal_basis": "Thử",
            "tiers": '[{"up_to": null, "rate": "2"}]',
            "exempt_up_to": "0",
            "exempt_priorities": "[]",
            "reduced_numerator": "1",
            "reduced_denominator": "3",
        },
    )
    assert response.status_code == 200
    assert "Các bậc phí không hợp lệ" in response.content.decode()
    assert not FeeSchedule.objects.filter(legal_basis="Thử").exists()


def test_case_panel_says_which_money_has_no_receipt_or_payout_in_the_books(
    client, units, money_case
):
    """Collections and payouts of an imported history carry no receipt nor payout slip: the
    panel says so with their sums, instead of "collected 2 million" beside "no receipt"."""
    from django.db.models import Max

    from thads.cases.models import CaseEvent

    user = login(client, units["A"], "A-09")
    case = money_case()
    services.payment_record(
        case, amount=1_250_000, received_on=D(2024, 3, 1), payer="Phạm Văn Dũng", by=user,
        today=TODAY,
    )  # fmt: skip
    url = reverse("cases:detail", args=[case.pk])
    page = client.get(url).content.decode()
    assert "ledger-collected-history-only" not in page
    assert "ledger-paid-history-only" not in page
    seq = case.events.aggregate(m=Max("seq"))["m"]
    law = case.events.first().law_version
    CaseEvent.objects.create(
        case=case, seq=seq + 1, type="thu_tien", on=D(2024, 3, 5), amount=2_000_000,
        law_version=law,
    )  # fmt: skip
    CaseEvent.objects.create(
        case=case, seq=seq + 2, type="chi_tra", on=D(2024, 3, 9), amount=500_000, law_version=law
    )
    page = client.get(url).content.decode()
    assert "2.000.000 đ đã thu được ghi trong lịch sử việc" in page
    assert "500.000 đ đã chi trả được ghi trong lịch sử việc" in page
