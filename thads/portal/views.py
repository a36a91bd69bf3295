"""The public portal (no login): debtors without conditions to pay, auction notices, the case
lookup for parties, the unit directory. Thin: selectors decide what is published."""

from __future__ import annotations

import datetime as dt
import json

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from thads.portal import auctions, exports, selectors, throttle
from thads.portal.forms import DebtorSearchForm, LookupForm

PAGE_SIZE = 20


def _search(request):
    form = DebtorSearchForm(request.GET or None, provinces=selectors.province_choices())
    q = unit = ""
    if form.is_valid():
        q, unit = form.cleaned_data["q"], form.cleaned_data["don_vi"]
    return form, selectors.search_listed(q, unit)


@require_GET
def debtors(request):
    """Danh sách người phải thi hành án chưa có điều kiện thi hành (Điều 44a k2)."""
    form, cases = _search(request)
    page = Paginator(cases, PAGE_SIZE).get_page(request.GET.get("trang"))
    rows = [selectors.published(case) for case in page.object_list]
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "portal/debtors.html",
        {"form": form, "page": page, "rows": rows, "query": query.urlencode(), "nav": "debtors"},
    )


@require_GET
def debtors_export(request, fmt: str):
    _form, cases = _search(request)
    rows = [selectors.published(case) for case in cases]
    if fmt == "csv":
        response = HttpResponse(exports.as_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.as_json(rows), content_type="application/json")
    stamp = timezone.localdate().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="chua-co-dieu-kien-{stamp}.{fmt}"'
    return response


def _day(value: str | None, default: dt.date) -> dt.date:
    try:
        return dt.date.fromisoformat(value or "")
    except ValueError:
        return default


@require_GET
def listing_changes(request):
    """Listings and delistings in a date window (?tu=YYYY-MM-DD&den=YYYY-MM-DD, at most a year),
    as JSON for the national portal."""
    today = timezone.localdate()
    end = _day(request.GET.get("den"), today)
    start = max(
        _day(request.GET.get("tu"), end - dt.timedelta(days=30)), end - dt.timedelta(days=366)
    )
    changes = [
        {
            **selectors.published(case).as_export(),
            "bien_dong": entry.kind,
            "ngay": entry.on.isoformat(),
            "ly_do": entry.reason,
        }
        for case, entry in selectors.listing_changes(start, end)
    ]
    body = {"tu": start.isoformat(), "den": end.isoformat(), "bien_dong": changes}
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json"
    )


@require_GET
def auction_list(request):
    notices = auctions.auction_notices()
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "portal/auctions.html", {"page": page, "nav": "auctions", "query": ""})


@require_http_methods(["GET", "POST"])
def lookup(request):
    """Tra cứu việc thi hành án: the case code and one's identity number → where it stands.

    The same answer for a case that does not exist and a number that is not a party's; a few
    tries per address (throttle)."""
    form = LookupForm(request.POST or None)
    answer = None
    not_found = throttled = False
    status = 200
    if request.method == "POST":
        if not throttle.allow(request):
            form, throttled, status = LookupForm(), True, 429
        elif form.is_valid():
            answer = selectors.lookup(form.cleaned_data["code"], form.cleaned_data["id_number"])
            not_found = answer is None
            form = LookupForm()  # the identity number is not written back into the page
        else:
            status = 400
    return render(
        request,
        "portal/lookup.html",
        {
            "form": form,
            "answer": answer,
            "not_found": not_found,
            "throttled": throttled,
            "nav": "lookup",
        },
        status=status,
    )


@require_GET
def units(request):
    return render(request, "portal/units.html", {"units": selectors.directory(), "nav": "units"})
