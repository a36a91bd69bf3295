"""Report periods as the screens say them, and years that stay numbers in links and inputs.

Regressions of issue 10: "năm 2.027" and "?nam=2.027" (every link of the report chain answered
404), "Tháng (1 = tháng 10)", and a running month reading "đến ngày 31/12/2026" on 02/12/2026.
"""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from thads.common.periods import (
    as_of_period,
    month_label,
    month_name,
    month_period,
    period_label,
    range_text,
)
from thads.stats import documents
from thads.testing.text_checks import localised_numbers

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 2)
NOW = dt.datetime(2026, 12, 2, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_months_by_name():
    assert month_name(2027, 1) == "Tháng 10/2026"
    assert month_name(2027, 3) == "Tháng 12/2026"
    assert month_name(2027, 4) == "Tháng 1/2027"
    assert month_name(2027, 12) == "Tháng 9/2027"
    assert month_label(2027, 3) == "Tháng 12/2026 — tháng thứ 3 của năm báo cáo 2027"


def test_a_running_period_says_so_and_ends_today():
    running = month_period(2027, 3)
    assert period_label(running, TODAY) == (
        "Tháng 12/2026 — tháng thứ 3 của năm báo cáo 2027 "
        "(đang diễn ra: số liệu đến hết ngày 02/12/2026)"
    )
    assert range_text(running, TODAY) == "từ ngày 01/10/2026 đến ngày 02/12/2026"
    assert documents.period_text(running, TODAY) == "Từ ngày 01/10/2026 đến ngày 02/12/2026"
    closed = month_period(2027, 2)
    assert period_label(closed, TODAY) == "Tháng 11/2026 — tháng thứ 2 của năm báo cáo 2027"
    assert range_text(closed, TODAY) == "từ ngày 01/10/2026 đến ngày 30/11/2026"
    assert documents.period_text(closed, TODAY) == "Từ ngày 01/10/2026 đến ngày 30/11/2026"
    assert period_label(month_period(2027, 5), TODAY).endswith(
        "(tháng chưa đến: số liệu đến hết ngày 02/12/2026)"
    )
    assert period_label(month_period(2028, 1), TODAY).endswith("(chưa bắt đầu)")
    assert period_label(as_of_period(2027, dt.date(2026, 11, 15)), TODAY) == (
        "Năm báo cáo 2027, đến ngày 15/11/2026"
    )


@time_machine.travel(NOW, tick=False)
def test_the_default_report_period_is_named_and_running(client, demo_org):
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    page = client.get(reverse("stats:report")).content.decode()
    assert "Tháng 12/2026 — tháng thứ 3 của năm báo cáo 2027" in page
    assert "đang diễn ra: số liệu đến hết ngày 02/12/2026" in page
    assert "Từ ngày 01/10/2026 đến ngày 02/12/2026" in page
    assert "31/12/2026" not in page
    assert "Tháng (1 = tháng 10)" not in page
    # The month box lists the months by name, the running one chosen.
    options = re.findall(r'<option value="(\d+)" ?(selected)?>([^<]+)</option>', page)
    months = [(int(k), name) for k, _sel, name in options if name.startswith("Tháng ")]
    assert months[0] == (1, "Tháng 10/2026") and months[-1] == (12, "Tháng 9/2027")
    assert [name for _k, sel, name in options if sel and name.startswith("Tháng")] == [
        "Tháng 12/2026"
    ]
    # The year is a plain number in its box, the day box a dd/mm/yyyy text field.
    assert re.search(r'name="nam"[^>]*value="2027"', page)
    assert re.search(r'type="text" name="ngay" data-datepicker', page)


@time_machine.travel(NOW, tick=False)
def test_a_day_typed_dd_mm_yyyy_selects_the_period(client, demo_org):
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    response = client.get(
        reverse("stats:report"), {"don_vi": "TNG", "nam": 2027, "ngay": "15/11/2026"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Năm báo cáo 2027, đến ngày 15/11/2026" in page
    assert 'value="15/11/2026"' in page


@pytest.mark.parametrize("grouping", [False, True])
@time_machine.travel(NOW, tick=False)
def test_the_report_chain_is_reachable_by_clicking(client, demo_org, grouping):
    """The links of the monthly report chain keep the year a plain number — even if someone
    turned thousand separators back on — and each of them answers."""
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    with override_settings(USE_THOUSAND_SEPARATOR=grouping):
        status = client.get(reverse("submission:status", args=["TNG"]), {"nam": 2027, "thang": 2})
        html = status.content.decode()
        assert status.status_code == 200
        assert localised_numbers(html) == []
        children_url = re.search(r'href="([^"]+)" data-testid="children-link"', html).group(1)
        children_url = children_url.replace("&amp;", "&")
        assert "nam=2027" in children_url
        children = client.get(children_url)
        assert children.status_code == 200
        html = children.content.decode()
        assert localised_numbers(html) == []
        links = re.findall(r'href="(/bao-cao-thang/TNG-KV\d/\?[^"]+)"', html)
        assert len(links) == 5
        for link in links:
            assert client.get(link.replace("&amp;", "&")).status_code == 200
        for name in ("stats:report", "targets:cockpit"):
            page = client.get(reverse(name), {"don_vi": "TNG", "nam": 2027, "thang": 2})
            assert localised_numbers(page.content.decode()) == [], name
            assert "2.027" not in page.content.decode(), name
