"""The cockpit page as a leader reads it: units by their short names, the months of the trend
table named as calendar months with each report year's figure under its own month."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from thads.common.periods import month_period
from thads.org.models import Unit
from thads.targets.cockpit import build_cockpit

pytestmark = pytest.mark.django_db
CO = ("xac_minh_co_dieu_kien", "2025-10-10")


def test_rankings_use_short_names_that_tell_units_apart(history):
    history("TNG-KV2", "2025-10-05", 1_000_000, [CO, ("dinh_chi", "2025-10-20")])
    history("TNG", "2025-10-05", 1_000_000, [CO])  # a case the province holds itself
    cockpit = build_cockpit(Unit.objects.get(code="TNG"), month_period(2026, 3), trend=False)
    labels = {r.unit_code: r.label for r in cockpit.rows}
    assert labels["TNG-KV2"] == "KV2"
    assert len(set(labels.values())) == len(labels)  # no two rows print alike
    assert labels["TNG"] == "Thái Nguyên (trực tiếp thụ lý)"


def test_trend_table_puts_this_years_october_under_october(client, history):
    # Report year 2026 runs 01/10/2025 – 30/09/2026: a case completed in October 2025 makes
    # October's rate 100 % this year; last year (2025) had nothing in October 2024.
    history("TNG-KV2", "2025-10-05", 1_000_000, [CO, ("dinh_chi", "2025-10-20")])
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    url = reverse("targets:cockpit") + "?don_vi=TNG&nam=2026&thang=3"
    page = client.get(url).content.decode()
    table = page[page.index('data-testid="trend-table"') :]
    table = table[: table.index("</table>")]
    rows = re.findall(r'<tr data-month="(\d+)"><td>([^<]+)</td>(.*?)</tr>', table, flags=re.S)
    months = {int(k): (label, cells) for k, label, cells in rows}
    assert [months[k][0] for k in (1, 2, 3, 4, 12)] == [
        "Tháng 10",
        "Tháng 11",
        "Tháng 12",
        "Tháng 1",
        "Tháng 9",
    ]
    october = re.findall(r'<td class="num">([^<]*)</td>', months[1][1])
    # Columns: cases last year, cases this year, money last year, money this year.
    assert october[0] == "—" and october[1] == "100,00%"
    january = re.findall(r'<td class="num">([^<]*)</td>', months[4][1])
    assert january[1] == "" and january[3] == ""  # January 2026 lies after the period's end
    assert "Về việc 2025" in table and "Về việc 2026" in table
    # The ranking and the charts print the short names.
    assert ">KV2</a>" in page
    assert '"KV2"' in page  # the chart's data (json_script)
