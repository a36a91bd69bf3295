"""The clerk's books (ledger.books): sổ biên lai, sổ quỹ, tiền chờ chi trả — each on screen,
printable (the print style hides the shell) and as an Excel file (`?dinh_dang=xlsx`)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from thads.ledger import book_exports, books, selectors
from thads.ledger.forms import CashBookForm, RegisterFilterForm
from thads.org.shortcuts import unit_for_read_or_404

PAGE_SIZE = 50  # payouts due per page (the Excel export lists them all)


def _xlsx(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=book_exports.XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _wants_xlsx(request) -> bool:
    return request.GET.get("dinh_dang") == "xlsx"


@login_required
def receipt_register(request, unit_code: str):
    """Sổ biên lai: every receipt and reversal of the year by number, and the series check."""
    unit = unit_for_read_or_404(request.access, unit_code)
    access = request.access
    today = timezone.localdate()
    form = RegisterFilterForm(request.GET or None, initial={"nam": today.year})
    year, month = today.year, None
    if form.is_bound and form.is_valid():
        year = form.cleaned_data["nam"] or today.year
        month = form.cleaned_data["thang"]
    receipts = list(books.receipt_register(access, unit, year, month))
    checks = books.series_checks(access, unit, year)
    subtitle = (
        _("Tháng %(month)s năm %(year)s") % {"month": month, "year": year}
        if month
        else _("Năm %(year)s") % {"year": year}
    )
    if _wants_xlsx(request):
        data = book_exports.receipt_register_xlsx(unit, year, subtitle, receipts, checks)
        suffix = f"{year}{month:02d}" if month else f"{year}"
        return _xlsx(data, f"so-bien-lai-{unit.code}-{suffix}.xlsx")
    total_in = sum(r.amount for r in receipts if not r.is_reversal)
    total_out = sum(r.amount for r in receipts if r.is_reversal)
    return render(
        request,
        "ledger/books/receipt_register.html",
        {
            "unit": unit,
            "form": form,
            "year": year,
            "month": month,
            "subtitle": subtitle,
            "receipts": receipts,
            "checks": checks,
            "total_in": total_in,
            "total_out": total_out,
            "years": books.receipt_years(access, unit),
            "nav_active": "receipt_register",
        },
    )


@login_required
def cash_book(request, unit_code: str):
    """Sổ quỹ: per day, opening balance, thu, chi, tạm thu/tạm giữ, closing balance."""
    unit = unit_for_read_or_404(request.access, unit_code)
    today = timezone.localdate()
    form = CashBookForm(request.GET or None)
    start, end = today.replace(day=1), today
    status = 200
    if form.is_bound:
        if form.is_valid():
            start = form.cleaned_data["tu"] or start
            end = form.cleaned_data["den"] or max(start, end)
        else:
            status = 400
    if start > end:
        end = start
    book = books.cash_book(request.access, unit, start, end)
    subtitle = _("Từ ngày %(start)s đến ngày %(end)s") % {
        "start": f"{start:%d/%m/%Y}",
        "end": f"{end:%d/%m/%Y}",
    }
    if _wants_xlsx(request) and status == 200:
        data = book_exports.cash_book_xlsx(book, subtitle)
        return _xlsx(data, f"so-quy-{unit.code}-{start:%Y%m%d}-{end:%Y%m%d}.xlsx")
    return render(
        request,
        "ledger/books/cash_book.html",
        {
            "unit": unit,
            "form": form,
            "book": book,
            "subtitle": subtitle,
            "query": f"tu={start:%d/%m/%Y}&den={end:%d/%m/%Y}",
            "nav_active": "cash_book",
        },
        status=status,
    )


@login_required
def payouts_due(request, unit_code: str):
    """Tiền đã thu chưa chi trả: per case, the oldest collection first (Luật THADS 2008, Điều 47:
    collected money is paid to the creditors)."""
    unit = unit_for_read_or_404(request.access, unit_code)
    today = timezone.localdate()
    due = selectors.payouts_due(request.access, books.book_unit_ids(request.access, unit))
    subtitle = _("Tính đến ngày %(day)s") % {"day": f"{today:%d/%m/%Y}"}
    if _wants_xlsx(request):
        data = book_exports.payouts_due_xlsx(unit, subtitle, due, today)
        return _xlsx(data, f"cho-chi-tra-{unit.code}-{today:%Y%m%d}.xlsx")
    summary = due.aggregate(n=Count("pk"), total=Sum("unpaid"))
    paginator = Paginator(due, PAGE_SIZE)
    paginator.count = summary["n"] or 0  # counted with the total: no second COUNT query
    page = paginator.get_page(request.GET.get("trang"))
    rows = list(page.object_list)
    for case in rows:
        case.waiting_days = (today - case.first_collected).days if case.first_collected else None
    return render(
        request,
        "ledger/books/payouts_due.html",
        {
            "unit": unit,
            "rows": rows,
            "page": page,
            "count": summary["n"] or 0,
            "total": summary["total"] or 0,
            "subtitle": subtitle,
            "today": today,
            "nav_active": "payouts_due",
        },
    )


__all__ = ["cash_book", "payouts_due", "receipt_register"]
