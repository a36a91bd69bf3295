"""Django forms of the statistics screens: the period selection shared by every report screen
(statistics, cockpit, summary), and the report picker that adds the form number."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy

from thads.common.periods import (
    Period,
    as_of_period,
    current_month,
    month_period,
    report_year_of,
)

FORM_CHOICES = [
    ("1", "Biểu số 01"),
    ("2", "Biểu số 02"),
    ("3", "Biểu số 03"),
    ("4", "Biểu số 04"),
    ("5", "Biểu số 05"),
    ("6", "Biểu số 06"),
    ("7", "Biểu số 07"),
    ("8", "Biểu số 08"),
    ("9", "Biểu số 09"),
    ("10", "Biểu số 10"),
    ("12", "Biểu số 12"),
]


class PeriodForm(forms.Form):
    """?don_vi=&nam=&thang= (month k of the report year, 1 = October) or &ngay= (a cut-off)."""

    don_vi = forms.CharField(label=gettext_lazy("Đơn vị"), required=False)
    nam = forms.IntegerField(
        label=gettext_lazy("Năm báo cáo"), min_value=2000, max_value=2200, required=False
    )
    thang = forms.IntegerField(
        label=gettext_lazy("Tháng báo cáo"), min_value=1, max_value=12, required=False
    )
    ngay = forms.DateField(label=gettext_lazy("Hoặc đến ngày"), required=False)

    def extra_query(self) -> dict:
        """Parameters a subclass adds to the selection's query, after `don_vi`."""
        return {}

    def period(self, today: dt.date) -> tuple[Period, dict] | None:
        """The period chosen (default: the current month of this year, month 12 of another
        year) and its query parameters; None with a form error when the date is outside the
        year. Call on a valid (or unbound) form."""
        data = self.cleaned_data if self.is_bound else {}
        year = data.get("nam") or report_year_of(today)
        query: dict = {"nam": year}
        try:
            if data.get("ngay"):
                period = as_of_period(year, data["ngay"])
                query["ngay"] = data["ngay"].isoformat()
            else:
                month = data.get("thang") or (
                    current_month(today) if year == report_year_of(today) else 12
                )
                period = month_period(year, month)
                query["thang"] = month
        except ValueError as exc:
            self.add_error(None, str(exc))
            return None
        return period, query


class ReportForm(PeriodForm):
    """The statistics screen: the period and the form (biểu) to show."""

    bieu = forms.ChoiceField(label=gettext_lazy("Biểu"), choices=FORM_CHOICES, required=False)
    field_order = ["don_vi", "bieu", "nam", "thang", "ngay"]

    def extra_query(self) -> dict:
        data = self.cleaned_data if self.is_bound else {}
        return {"bieu": data.get("bieu") or "1"}
