"""Ledger screens on the demo org: payment with its receipt, receipt reversal, payout in the
legal order with its fee (preview, 1/3 when self-settled), payout reversal, held money.

Demo accounts (thads.org.demo): chv (officer TN-SC-02 of TNG-KV2), thuky (clerk), truongphong
(head), kiemtra (inspector), lanhdao (provincial leader); CBG-KV1 is another province.
"""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from thads.cases import services as case_services
from thads.cases.models import CaseMode, EventType, JudgmentKind, Obligation, Party
from thads.ledger import services
from thads.ledger.models import Fee, HeldMoney, Payout, PayoutReversal, Receipt
from thads.org.models import Staff, Unit
from thads.testing.cases import login, new_case

pytestmark = pytest.mark.django_db
D = dt.date
ACCEPTED = D(2025, 8, 4)
_numbers = itertools.count(1)


def creditor_case(unit_code: str = "TNG-KV2", officer: str | None = "TN-SC-02"):
    """Theo đơn: án phí 2.000.000 (ngân sách), cấp dưỡng 1.000.000 and a debt of 100.000.000
    owed to the creditor (party 1) — three classes of the legal order of payment."""
    number = next(_numbers)
    judgment = case_services.judgment_get_or_create(
        court="Tòa án nhân dân tỉnh Thái Nguyên",
        number=f"L{number}/2025/DS-ST",
        date=D(2025, 1, 6),
        kind=JudgmentKind.DAN_SU,
    )
    return case_services.case_create(
        judgment=judgment,
        data=case_services.CaseInput(
            code=f"{unit_code}/L/{number:04d}",
            unit=Unit.objects.get(code=unit_code),
            decision_no=f"L{number}/QĐ-THADS",
            decision_date=ACCEPTED,
            accepted_on=ACCEPTED,
            mode=CaseMode.THEO_DON,
            officer=Staff.objects.get(code=officer) if officer else None,
            parties=[
                case_services.PartyInput(
                    role=Party.Role.PHAI_THI_HANH, kind=Party.Kind.CA_NHAN, name="Đỗ Văn Hùng"
                ),
                case_services.PartyInput(
                    role=Party.Role.DUOC_THI_HANH, kind=Party.Kind.CA_NHAN, name="Mai Thị Lan"
                ),
            ],
            obligations=[
                case_services.ObligationInput(
                    description="Trả nợ vay",
                    amount=100_000_000,
                    priority=Obligation.Priority.KHAC,
                    payee_index=1,
                ),
                case_services.ObligationInput(
                    description="Án phí dân sự sơ thẩm",
                    amount=2_000_000,
                    priority=Obligation.Priority.AN_PHI,
                    is_state_budget=True,
                ),
                case_services.ObligationInput(
                    description="Tiền cấp dưỡng nuôi con",
                    amount=1_000_000,
                    priority=Obligation.Priority.CAP_DUONG,
                    payee_index=1,
                ),
            ],
        ),
    )


def paid(case, amount: int, on: dt.date | None = None) -> Receipt:
    on = on or D(2025, 8, 5)
    return services.payment_record(case, amount=amount, received_on=on, payer="Đỗ Văn Hùng")


def version(case) -> int:
    case.refresh_from_db()
    return case.version


def text(response) -> str:
    return response.content.decode()


# ---- payment -------------------------------------------------------------------------------


def test_payment_form_issues_a_numbered_receipt(client, shared_demo_org):
    case = new_case(amount=5_000_000, debtor="Trần Thị Bình")
    login(client, "thuky")
    url = reverse("ledger:payment", args=[case.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert 'value="Trần Thị Bình"' in text(form)  # the debtor is the default payer
    response = client.post(
        url,
        {
            "amount": "1.234.567",
            "received_on": "05/08/2025",
            "payer": "Trần Thị Bình",
            "version": case.version,
        },
        follow=True,
    )
    receipt = Receipt.objects.get(case=case)
    assert (receipt.amount, receipt.received_on, receipt.number) == (
        1_234_567,
        D(2025, 8, 5),
        "BL-2025/000001",
    )
    html = text(response)
    assert response.redirect_chain[-1][0] == reverse("cases:detail", args=[case.pk])
    assert "Đã thu 1.234.567 đ, biên lai số BL-2025/000001." in html
    assert f'href="{reverse("ledger:receipt_print", args=[receipt.pk])}"' in html
    case.refresh_from_db()
    assert case.collected == 1_234_567
    assert receipt.event.recorded_by.username == "thuky"


def test_payment_errors_are_in_vietnamese_and_change_nothing(client, shared_demo_org):
    case = new_case(amount=1_000_000)
    login(client, "chv")
    url = reverse("ledger:payment", args=[case.pk])
    base = {"received_on": "2025-08-05", "payer": "Trần Thị Bình", "version": case.version}
    response = client.post(url, {**base, "amount": "1.000.001"})
    assert response.status_code == 400
    assert "vượt quá số tiền còn phải thi hành" in text(response) and "Điều 47" in text(response)
    response = client.post(url, {**base, "amount": "12,5"})
    assert response.status_code == 400 and "Số tiền phải là số nguyên đồng" in text(response)
    response = client.post(url, {**base, "amount": "100", "payer": "   "})
    assert response.status_code == 400
    future = (timezone.localdate() + dt.timedelta(days=2)).isoformat()
    response = client.post(url, {**base, "amount": "100", "received_on": future})
    assert response.status_code == 400 and "tương lai" in text(response)
    assert not Receipt.objects.filter(case=case).exists()
    assert not case.events.exists()


def test_payment_permissions(client, shared_demo_org):
    mine = new_case(officer="TN-SC-02")
    theirs = new_case(officer="TN-SC-03")
    other = new_case("CBG-KV1", officer=None)

    def post(case):
        data = {"amount": "1.000", "received_on": "2025-08-05", "payer": "X"}
        return client.post(
            reverse("ledger:payment", args=[case.pk]), {**data, "version": version(case)}
        ).status_code

    login(client, "chv")
    assert (post(mine), post(theirs), post(other)) == (302, 403, 404)
    login(client, "thuky")
    assert post(theirs) == 302
    login(client, "truongphong")
    assert post(theirs) == 302
    for reader in ("kiemtra", "lanhdao"):
        login(client, reader)
        assert post(mine) == 403
        assert client.get(reverse("ledger:payment", args=[mine.pk])).status_code == 403
    assert Receipt.objects.filter(case__in=[mine, theirs]).count() == 3


# ---- receipt reversal ----------------------------------------------------------------------


def test_receipt_reversal(client, shared_demo_org):
    case = new_case(amount=5_000_000)
    receipt = paid(case, 2_000_000)
    login(client, "thuky")
    url = reverse("ledger:receipt_reverse", args=[receipt.pk])
    page = client.get(reverse("cases:detail", args=[case.pk]))
    assert url in text(page)
    assert client.get(url).status_code == 200
    response = client.post(url, {"on": "2025-08-06", "reason": "", "version": version(case)})
    assert response.status_code == 400
    assert not Receipt.objects.filter(reverses=receipt).exists()
    response = client.post(
        url, {"on": "2025-08-06", "reason": "Ghi nhầm việc", "version": version(case)}
    )
    assert response.status_code == 302
    reversal = Receipt.objects.get(reverses=receipt)
    assert reversal.number == "BL-2025/000002" and reversal.reason == "Ghi nhầm việc"
    case.refresh_from_db()
    assert case.collected == 0
    html = text(client.get(reverse("cases:detail", args=[case.pk])))
    assert "Đã hủy (BL-2025/000002)" in html and url not in html
    # Twice: refused with the reason; a reversing receipt cannot itself be reversed.
    again = client.post(url, {"on": "2025-08-06", "reason": "Lần nữa", "version": version(case)})
    assert again.status_code == 400 and "đã được hủy trước đó" in text(again)
    back = reverse("ledger:receipt_reverse", args=[reversal.pk])
    assert client.get(back).status_code == 404


def test_receipt_reversal_permissions(client, shared_demo_org):
    receipt = paid(new_case(officer="TN-SC-03"), 1_000)
    foreign = paid(new_case("CBG-KV1", officer=None), 1_000)
    login(client, "chv")
    assert client.get(reverse("ledger:receipt_reverse", args=[receipt.pk])).status_code == 403
    assert client.get(reverse("ledger:receipt_reverse", args=[foreign.pk])).status_code == 404
    login(client, "kiemtra")
    assert client.get(reverse("ledger:receipt_reverse", args=[receipt.pk])).status_code == 403


def test_stale_receipt_reversal_is_a_conflict(client, shared_demo_org):
    case = new_case()
    receipt = paid(case, 1_000)
    stale = version(case)
    paid(case, 2_000, on=D(2025, 8, 6))
    login(client, "thuky")
    response = client.post(
        reverse("ledger:receipt_reverse", args=[receipt.pk]),
        {"on": "2025-08-07", "reason": "Nhầm", "version": stale},
    )
    assert response.status_code == 409
    assert not Receipt.objects.filter(reverses=receipt).exists()


# ---- payout --------------------------------------------------------------------------------


def test_payout_preview_follows_the_legal_order_and_shows_the_fee(client, shared_demo_org):
    case = creditor_case()
    paid(case, 23_000_000)
    login(client, "thuky")
    url = reverse("ledger:payout", args=[case.pk])
    response = client.get(url)
    assert response.status_code == 200
    preview = response.context["preview"]
    assert [(s["obligation"].description, s["amount"], s["fee"]) for s in preview] == [
        ("Tiền cấp dưỡng nuôi con", 1_000_000, 0),
        ("Án phí dân sự sơ thẩm", 2_000_000, None),
        # 3% of the creditor's cumulative 21.000.000 less that of the 1.000.000 received first
        ("Trả nợ vay", 20_000_000, 630_000),
    ]
    assert preview[2]["net"] == 19_370_000
    assert "23.000.000 đ" in text(response) and "630.000 đ" in text(response)
    # The preview records nothing.
    assert not Payout.objects.filter(case=case).exists()
    assert case.events.filter(type=EventType.CHI_TRA).count() == 0
    # Part of the money, self-settled: a third of the fee; still nothing recorded.
    data = {"paid_on": "2025-08-10", "total": "13.000.000", "self_settled": "on"}
    response = client.post(url, {**data, "version": version(case), "xem_truoc": "1"})
    assert response.status_code == 200
    shares = response.context["preview"]
    assert [(s["amount"], s["fee"], s["is_reduced"]) for s in shares] == [
        (1_000_000, 0, True),
        (2_000_000, None, False),
        (10_000_000, 110_000, True),  # a third of 3% × 11.000.000
    ]
    assert "110.000 đ" in text(response) and "(1/3)" in text(response)
    assert not Payout.objects.filter(case=case).exists()


def test_payout_records_shares_and_fees(client, shared_demo_org):
    case = creditor_case()
    paid(case, 23_000_000)
    login(client, "thuky")
    response = client.post(
        reverse("ledger:payout", args=[case.pk]),
        {"paid_on": "2025-08-10", "total": "", "version": version(case), "self_settled": "on"},
        follow=True,
    )
    assert "Đã chi trả 23.000.000 đ cho 3 khoản." in text(response)
    payouts = list(Payout.objects.filter(case=case).order_by("id"))
    assert [p.amount for p in payouts] == [1_000_000, 2_000_000, 20_000_000]
    fee = Fee.objects.get(payout=payouts[2])
    assert (fee.full_amount, fee.amount, fee.is_reduced) == (630_000, 210_000, True)
    panel = response.context["panels"][0].context
    assert panel["balance"].unpaid_collected == 0 and panel["balance"].fees == 210_000
    html = text(response)
    assert "210.000 đ" in html and "(1/3)" in html
    # Nothing left to pay: the form says so in Vietnamese, nothing recorded.
    response = client.post(
        reverse("ledger:payout", args=[case.pk]),
        {"paid_on": "2025-08-11", "version": version(case)},
    )
    assert response.status_code == 400 and "Không có tiền đã thu chưa chi trả" in text(response)
    assert Payout.objects.filter(case=case).count() == 3


def test_payout_refusals_name_the_article(client, shared_demo_org):
    case = creditor_case()
    case_services.event_record(case, type=EventType.XAC_MINH_CO_DIEU_KIEN, on=D(2025, 8, 5))
    case_services.event_record(
        case,
        type=EventType.QUYET_DINH_CUONG_CHE,
        on=D(2025, 8, 6),
        data={"measure": "ke_bien"},
    )
    paid(case, 3_000_000, on=D(2025, 8, 7))
    login(client, "truongphong")
    url = reverse("ledger:payout", args=[case.pk])
    data = {"paid_on": "2025-08-10", "version": version(case)}
    response = client.post(url, {**data, "self_settled": "on"})
    assert response.status_code == 400
    assert "Đã có quyết định cưỡng chế" in text(response) and "TT 216/2016" in text(response)
    response = client.post(url, {**data, "total": "3.000.001"})
    assert response.status_code == 400 and "vượt quá số tiền đã thu chưa chi" in text(response)
    response = client.post(url, {**data, "total": "2.000.000", "version": data["version"] - 1})
    assert response.status_code == 409
    assert not Payout.objects.filter(case=case).exists()


def test_payout_permissions_and_htmx_fragment(client, shared_demo_org):
    mine = creditor_case(officer="TN-SC-02")
    theirs = creditor_case(officer="TN-SC-03")
    foreign = creditor_case("CBG-KV1", officer=None)
    login(client, "chv")
    fragment = client.get(reverse("ledger:payout", args=[mine.pk]), HTTP_HX_REQUEST="true")
    assert fragment.status_code == 200
    assert 'id="action-form"' in text(fragment) and "<html" not in text(fragment)
    assert client.get(reverse("ledger:payout", args=[theirs.pk])).status_code == 403
    assert client.get(reverse("ledger:payout", args=[foreign.pk])).status_code == 404
    login(client, "thuky")
    assert client.get(reverse("ledger:payout", args=[theirs.pk])).status_code == 200
    login(client, "lanhdao")
    assert client.get(reverse("ledger:payout", args=[mine.pk])).status_code == 403


def test_payout_reversal(client, shared_demo_org):
    case = creditor_case()
    paid(case, 23_000_000)
    payouts = services.payout_record(case, paid_on=D(2025, 8, 10))
    debt = payouts[-1]
    login(client, "thuky")
    url = reverse("ledger:payout_reverse", args=[debt.pk])
    assert url in text(client.get(reverse("cases:detail", args=[case.pk])))
    response = client.post(url, {"on": "2025-08-11", "reason": "", "version": version(case)})
    assert response.status_code == 400
    response = client.post(
        url, {"on": "2025-08-11", "reason": "Chi nhầm người", "version": version(case)}
    )
    assert response.status_code == 302
    assert PayoutReversal.objects.get(payout=debt).reason == "Chi nhầm người"
    panel = client.get(reverse("cases:detail", args=[case.pk])).context["panels"][0].context
    assert panel["balance"].unpaid_collected == 20_000_000 and panel["balance"].fees == 0
    again = client.post(url, {"on": "2025-08-11", "reason": "Lại", "version": version(case)})
    assert again.status_code == 400 and "đã được hủy trước đó" in text(again)
    login(client, "kiemtra")
    assert client.get(url).status_code == 403
    login(client, "cbg-kv1-02")
    assert client.get(url).status_code == 404


# ---- held money ----------------------------------------------------------------------------


def test_held_money_receive_list_and_release(client, shared_demo_org):
    today = timezone.localdate()
    case = new_case()
    unit = Unit.objects.get(code="TNG-KV2")
    login(client, "thuky")
    receive = reverse("ledger:held_receive", args=["TNG-KV2"])
    assert client.get(receive).status_code == 200
    data = {
        "kind": "tam_thu",
        "amount": "7.500.000",
        "received_on": (today - dt.timedelta(days=40)).isoformat(),
        "source": "Đỗ Văn Hùng",
        "case_code": case.code,
    }
    response = client.post(receive, data)
    assert response.status_code == 302 and response["Location"] == reverse(
        "cases:detail", args=[case.pk]
    )
    held_old = HeldMoney.objects.get(case=case)
    assert (held_old.unit, held_old.amount) == (unit, 7_500_000)
    html = text(client.get(reverse("cases:detail", args=[case.pk])))
    assert "7.500.000 đ" in html and reverse("ledger:held_release", args=[held_old.pk]) in html
    recent = {**data, "kind": "tam_giu", "amount": "1.000", "case_code": ""}
    recent["received_on"] = (today - dt.timedelta(days=10)).isoformat()
    response = client.post(receive, recent)
    assert response["Location"] == reverse("ledger:held_list", args=["TNG-KV2"])
    held_new = HeldMoney.objects.get(case=None, unit=unit, amount=1_000)
    # The list: age in days, older than 30 days highlighted (or the number asked for).
    listing = client.get(reverse("ledger:held_list", args=["TNG-KV2"]))
    rows = {r.pk: r for r in listing.context["rows"]}
    assert (rows[held_old.pk].age, rows[held_old.pk].is_old) == (40, True)
    assert (rows[held_new.pk].age, rows[held_new.pk].is_old) == (10, False)
    assert listing.context["total"] == 7_501_000
    assert text(listing).count('data-old="1"') == 1
    listing = client.get(reverse("ledger:held_list", args=["TNG-KV2"]) + "?qua=5")
    assert text(listing).count('data-old="1"') == 2
    # Release: gone from the list.
    release = reverse("ledger:held_release", args=[held_old.pk])
    response = client.post(release, {"released_on": today.isoformat(), "reason": ""})
    assert response.status_code == 400
    response = client.post(
        release, {"released_on": today.isoformat(), "reason": "Chuyển thu cho việc"}
    )
    assert response.status_code == 302
    listing = client.get(reverse("ledger:held_list", args=["TNG-KV2"]))
    assert [r.pk for r in listing.context["rows"]] == [held_new.pk]
    again = client.post(release, {"released_on": today.isoformat(), "reason": "Lại"})
    assert again.status_code == 400 and "đã được xử lý trước đó" in text(again)


def test_held_money_refusals(client, shared_demo_org):
    login(client, "thuky")
    receive = reverse("ledger:held_receive", args=["TNG-KV2"])
    data = {"kind": "tam_thu", "amount": "1.000", "source": "X", "case_code": "KHONG-CO"}
    data["received_on"] = timezone.localdate().isoformat()
    response = client.post(receive, data)
    assert response.status_code == 400 and "Không có việc thi hành án mã này" in text(response)
    # A case of another unit is not found either (held money belongs to the case's unit).
    other = new_case("TNG-KV3", officer=None)
    response = client.post(receive, {**data, "case_code": other.code})
    assert response.status_code == 400
    future = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client.post(receive, {**data, "case_code": "", "received_on": future})
    assert response.status_code == 400 and "tương lai" in text(response)
    assert not HeldMoney.objects.exists()


def test_held_money_permissions(client, shared_demo_org):
    unit = Unit.objects.get(code="TNG-KV2")
    held = services.held_money_receive(
        unit, kind="tam_giu", amount=1_000, received_on=D(2025, 9, 1), source="X"
    )
    receive = reverse("ledger:held_receive", args=["TNG-KV2"])
    release = reverse("ledger:held_release", args=[held.pk])
    listing = reverse("ledger:held_list", args=["TNG-KV2"])
    for username, expected in [
        ("thuky", 200),
        ("truongphong", 200),
        ("chv", 403),
        ("kiemtra", 403),
        ("lanhdao", 403),
        ("cbg-kv1-02", 404),
    ]:
        login(client, username)
        assert client.get(receive).status_code == expected, username
        assert client.get(release).status_code == expected, username
        assert client.get(listing).status_code == (404 if expected == 404 else 200), username
    login(client, "lanhdao")
    assert held.pk in [r.pk for r in client.get(listing).context["rows"]]
    province = client.get(reverse("ledger:held_list", args=["TNG"]))
    assert held.pk in [r.pk for r in province.context["rows"]]  # the subtree
