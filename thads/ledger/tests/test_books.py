"""The clerk's books (ledger.books): the receipt register with its series check, the cash book
per day with opening and closing balances, the payouts due — on screen and as Excel files read
back with openpyxl.

Demo accounts (thads.org.demo): thuky (clerk of TNG-KV2), chv (officer), lanhdao (leader).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thads.ledger import books, services
from thads.ledger.models import ReceiptCounter
from thads.ledger.views import books as book_views
from thads.org.models import Unit
from thads.testing.cases import login, new_case

pytestmark = pytest.mark.django_db
D = dt.date
D1, D2, D3 = D(2025, 9, 1), D(2025, 9, 2), D(2025, 9, 3)


@pytest.fixture
def ledger_days(shared_demo_org):
    """D1: receipt 3.000.000 and 500.000 held; D2: receipt 2.000.000, the first reversed, a
    payout of 2.000.000; D3: the held money released."""
    unit = Unit.objects.get(code="TNG-KV2")
    case = new_case(amount=10_000_000)
    first = services.payment_record(case, amount=3_000_000, received_on=D1, payer="Đỗ Văn Hùng")
    held = services.held_money_receive(
        unit, kind="tam_giu", amount=500_000, received_on=D1, source="Mai Văn Tư"
    )
    case.refresh_from_db()
    second = services.payment_record(case, amount=2_000_000, received_on=D2, payer="Đỗ Văn Hùng")
    services.receipt_reverse(first, reason="Ghi nhầm số tiền", on=D2)
    case.refresh_from_db()
    services.payout_record(case, paid_on=D2)
    services.held_money_release(held, released_on=D3, reason="Trả lại cho người nộp")
    return {"unit": unit, "case": case, "first": first, "second": second}


def test_missing_numbers():
    assert books.missing_numbers([1, 2, 4, 7], 7) == [3, 5, 6]
    assert books.missing_numbers([], 0) == []


def test_receipt_register_lists_receipts_and_reversals_by_number(client, ledger_days):
    login(client, "thuky")
    response = client.get(reverse("ledger:receipt_register", args=["TNG-KV2"]), {"nam": 2025})
    assert response.status_code == 200
    numbers = [r.number for r in response.context["receipts"]]
    assert numbers == ["BL-2025/000001", "BL-2025/000002", "BL-2025/000003"]
    assert response.context["total_in"] == 5_000_000
    assert response.context["total_out"] == 3_000_000
    [check] = response.context["checks"]
    assert check.is_complete and check.count == check.last == 3
    html = response.content.decode()
    assert "liên tục, không thiếu số" in html
    assert "Hủy biên lai BL-2025/000001" in html


def test_the_series_check_shows_a_gap(client, ledger_days):
    """Gaps cannot arise through the services; if a number went missing anyway (a counter
    moved by hand, a row lost from a restore) the register says so."""
    ReceiptCounter.objects.filter(unit=ledger_days["unit"], year=2025).update(last=5)
    login(client, "thuky")
    response = client.get(reverse("ledger:receipt_register", args=["TNG-KV2"]), {"nam": 2025})
    [check] = response.context["checks"]
    assert not check.is_complete
    assert check.missing == [4, 5]
    assert 'data-complete="0"' in response.content.decode()


def test_cash_book_per_day_with_opening_and_closing(client, ledger_days):
    login(client, "thuky")
    url = reverse("ledger:cash_book", args=["TNG-KV2"])
    book = client.get(url, {"tu": "01/09/2025", "den": "30/09/2025"}).context["book"]
    assert book.opening == 0
    rows = [(d.day, d.opening, d.money_in, d.money_out, d.held, d.closing) for d in book.days]
    assert rows == [
        (D1, 0, 3_000_000, 0, 500_000, 3_500_000),
        (D2, 3_500_000, -1_000_000, 2_000_000, 0, 500_000),
        (D3, 500_000, 0, 0, -500_000, 0),
    ]
    later = client.get(url, {"tu": "02/09/2025", "den": "02/09/2025"}).context["book"]
    assert later.opening == 3_500_000 and later.closing == 500_000


def test_cash_book_refuses_a_reversed_period(client, ledger_days):
    login(client, "thuky")
    url = reverse("ledger:cash_book", args=["TNG-KV2"])
    response = client.get(url, {"tu": "30/09/2025", "den": "01/09/2025"})
    assert response.status_code == 400
    assert "Ngày bắt đầu phải trước" in response.content.decode()


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content)).active


def _table(sheet, first_column_header: str) -> list[list]:
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r[0] == first_column_header)
    return rows[start + 1 :]


def test_excel_files_hold_the_same_figures(client, ledger_days):
    login(client, "thuky")
    register = _sheet(
        client.get(
            reverse("ledger:receipt_register", args=["TNG-KV2"]), {"nam": 2025, "dinh_dang": "xlsx"}
        )
    )
    body = _table(register, "Số biên lai")
    assert [r[0] for r in body] == ["BL-2025/000001", "BL-2025/000002", "BL-2025/000003", "Cộng"]
    assert body[0][6] == 3_000_000 and body[2][7] == 3_000_000
    assert body[-1][6:8] == [5_000_000, 3_000_000]
    assert "liên tục, không thiếu số" in register["A3"].value

    cash = _sheet(
        client.get(
            reverse("ledger:cash_book", args=["TNG-KV2"]),
            {"tu": "01/09/2025", "den": "30/09/2025", "dinh_dang": "xlsx"},
        )
    )
    body = _table(cash, "Ngày")
    assert body[0][0] == "Số dư đầu kỳ" and body[0][5] == 0
    assert [r[5] for r in body[1:4]] == [3_500_000, 500_000, 0]
    assert body[1][0].date() == D1
    assert body[-1] == ["Cộng phát sinh", 0, 2_000_000, 2_000_000, 0, 0]


def _two_unpaid():
    """Two cases with money collected and not paid out, the older collection first."""
    older = new_case(amount=8_000_000)
    services.payment_record(older, amount=1_000_000, received_on=D(2025, 8, 20), payer="Lê Văn A")
    newer = new_case(amount=8_000_000)
    services.payment_record(newer, amount=4_000_000, received_on=D(2025, 10, 1), payer="Lê Văn B")
    return older, newer


def test_payouts_due_oldest_first_on_screen_and_in_excel(client, ledger_days):
    older, newer = _two_unpaid()
    login(client, "thuky")
    url = reverse("ledger:payouts_due", args=["TNG-KV2"])
    response = client.get(url)
    assert [c.code for c in response.context["rows"]] == [older.code, newer.code]
    assert response.context["total"] == 5_000_000  # the paid-out case is not due
    body = _table(_sheet(client.get(url, {"dinh_dang": "xlsx"})), "STT")
    assert [r[1] for r in body[:2]] == [older.code, newer.code]
    assert body[-1][8] == 5_000_000


def test_payouts_due_are_paged_with_the_totals_of_every_page(client, ledger_days, monkeypatch):
    monkeypatch.setattr(book_views, "PAGE_SIZE", 1)  # a province has thousands: 50 a page
    older, newer = _two_unpaid()
    login(client, "thuky")
    url = reverse("ledger:payouts_due", args=["TNG-KV2"])
    first, second = client.get(url), client.get(url, {"trang": "2"})
    assert [c.code for c in first.context["rows"]] == [older.code]
    assert [c.code for c in second.context["rows"]] == [newer.code]
    for response in (first, second):
        assert (response.context["count"], response.context["total"]) == (2, 5_000_000)
    assert "trang=2" in first.content.decode()


def test_the_books_are_in_the_menu_of_the_clerk_not_of_the_officer(client, ledger_days):
    login(client, "thuky")
    html = client.get("/").content.decode()
    for name in ("receipt_register", "cash_book", "payouts_due", "held_list"):
        assert reverse(f"ledger:{name}", args=["TNG-KV2"]) in html, name
    login(client, "chv")
    html = client.get("/").content.decode()
    assert reverse("ledger:receipt_register", args=["TNG-KV2"]) not in html


def test_book_sheet_boxes_every_row_to_the_widest_and_formats_money_and_dates():
    from types import SimpleNamespace

    from thads.ledger import book_exports

    data = book_exports._sheet(
        "Sổ", "Sổ", SimpleNamespace(name="Phòng THADS"), "Tháng 12", ["A", "B", "C"],
        [[1_000, D(2025, 1, 2)], [2_000, 3, 4]], [10, 10, 10], footer=["Cộng", 3_000, 4],
    )  # fmt: skip
    ws = load_workbook(io.BytesIO(data)).active
    head = 5
    assert [c.value for c in ws[head]] == ["A", "B", "C"]
    short = head + 1  # two values under three headings: the third cell is boxed too
    assert ws.cell(short, 3).border.left.style == "thin"
    assert ws.cell(short, 1).number_format == "#,##0"
    assert ws.cell(short, 2).number_format == "dd/mm/yyyy"
    assert not ws.cell(short + 1, 1).font.bold and ws.cell(short + 2, 1).font.bold  # footer
    assert ws.max_row == head + 3


def test_payouts_due_reads_the_summary_the_events_give(ledger_days):
    """The book reads `paid_out` and `first_collected_on` from the case: the reversed first
    receipt (D1) no longer counts, the payout of D2 is counted, a new receipt is due again."""
    case = ledger_days["case"]
    case.refresh_from_db()
    assert (case.collected, case.paid_out, case.first_collected_on) == (2_000_000, 2_000_000, D2)
    services.payment_record(case, amount=700_000, received_on=D3, payer="Đỗ Văn Hùng")
    case.refresh_from_db()
    assert (case.collected, case.paid_out, case.first_collected_on) == (2_700_000, 2_000_000, D2)
    from thads.ledger.selectors import case_balance_problems, payouts_due
    from thads.org.access import access_for

    assert case_balance_problems(case) == []
    unit = ledger_days["unit"]
    [due] = payouts_due(access_for(_clerk()), [unit.pk])
    assert (due.pk, due.unpaid, due.first_collected) == (case.pk, 700_000, D2)


def test_the_migration_fills_the_summary_from_the_effective_events(ledger_days):
    """cases 0007 fills the new columns of existing cases set-based, as replay would."""
    import importlib
    from types import SimpleNamespace

    from django.db import connection

    from thads.cases.models import Case

    fill = importlib.import_module("thads.cases.migrations.0007_case_payout_summary")
    older, newer = _two_unpaid()
    cases = [ledger_days["case"], older, newer]
    rows = Case.objects.filter(pk__in=[c.pk for c in cases])
    expected = {c.pk: (c.paid_out, c.first_collected_on) for c in rows}
    Case.objects.filter(pk__in=expected).update(paid_out=0, first_collected_on=None)
    # The migration runs `fill` with its schema editor; only its `execute` is used.
    with connection.cursor() as cursor:
        fill.fill(None, SimpleNamespace(execute=cursor.execute))
    got = {c.pk: (c.paid_out, c.first_collected_on) for c in Case.objects.filter(pk__in=expected)}
    assert got == expected
    assert expected[ledger_days["case"].pk] == (2_000_000, D2)
    assert expected[older.pk] == (0, D(2025, 8, 20))


def _clerk():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="thuky")
