"""The leaders' view of complaints (issue 12 item 7): overdue matters by resolving unit on the
cockpit (counted on both sides of the deadline, linked to the unit's overdue matters), the
bottleneck "cases with repeated complaints" read from the register, and both reachable from the
menu (cockpit → "Chỉ tiêu và tiến độ", bottlenecks → "Điểm nghẽn")."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from thads.complaints import selectors, services
from thads.complaints.models import Matter
from thads.complaints.services import HandlingInput, LetterInput, MatterInput, SenderInput
from thads.org.access import access_for, scope_unit_ids
from thads.org.models import Unit
from thads.testing.cases import login, new_case, staff

pytestmark = pytest.mark.django_db


def _matter(unit: Unit, day: dt.date, summary: str, case=None):
    letter = services.letter_register(
        unit,
        LetterInput(kind="kien_nghi", received_on=day, senders=[SenderInput("Mai Văn Tư")],
                    summary=summary, case=case),
    )  # fmt: skip
    services.letter_handle(
        letter,
        HandlingInput(on=day, handling="thu_ly", matters=[MatterInput(kind="kien_nghi")]),
        expected_version=letter.version,
    )
    return letter.matters.get()


def test_overdue_by_resolver_on_both_sides_of_the_deadline(shared_demo_org):
    unit = staff("TN-SC-01").memberships.get(valid_to__isnull=True).unit
    early = _matter(unit, dt.date(2025, 8, 1), "Sớm")
    late = _matter(unit, dt.date(2025, 8, 5), "Muộn")
    done = _matter(unit, dt.date(2025, 8, 1), "Xong")
    services.matter_decide(
        done, on=dt.date(2025, 8, 2), outcome="tra_loi", decision_no="1/PTHADS",
        measures="Đã trả lời", expected_version=done.version,
    )  # fmt: skip
    assert early.resolver_unit == late.resolver_unit == done.resolver_unit
    resolver = early.resolver_unit
    access = access_for(staff("TN-LD01").user)  # "lanhdao", the provincial leader
    ids = scope_unit_ids(Unit.objects.get(code="TNG")) & access.visible_unit_ids

    def row(as_of: dt.date) -> tuple[int, int]:
        rows = {r["code"]: r for r in selectors.overdue_by_resolver(access, ids, as_of)}
        return rows[resolver.code]["open"], rows[resolver.code]["overdue"]

    assert late.accepted_on <= early.due_on < late.due_on
    # On 01/08 the answered one is still open, the late one not yet accepted.
    assert row(dt.date(2025, 8, 1)) == (2, 0)
    assert row(early.due_on) == (2, 0)  # on its last day a matter is not overdue yet
    assert row(early.due_on + dt.timedelta(days=1)) == (2, 1)
    assert row(late.due_on + dt.timedelta(days=1)) == (2, 2)


def test_cockpit_and_bottleneck_reachable_from_the_menu(client, shared_demo_org):
    unit = staff("TN-SC-01").memberships.get(valid_to__isnull=True).unit
    case = new_case("TNG-KV2", accepted_on=dt.date(2025, 7, 10))
    first = _matter(unit, dt.date(2025, 8, 1), "Lần một", case=case)
    _matter(unit, dt.date(2025, 8, 20), "Lần hai", case=case)
    login(client, "lanhdao")
    home = client.get(reverse("web:home")).content.decode()
    assert reverse("targets:cockpit") in home and reverse("bottlenecks:overview") in home

    # The report year 2026 runs from 01/10/2025 (common.periods): the matters are carried over.
    page = client.get(f"{reverse('targets:cockpit')}?don_vi=TNG&nam=2026&ngay=31/12/2025")
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="overdue-by-resolver"' in body
    link = (
        f"{reverse('complaints:matters', args=[first.resolver_unit.code])}"
        "?tinh_trang=qua_han&ngay=2025-12-31&rieng=1"
    )
    assert link.replace("&", "&amp;") in body
    overdue = client.get(link).content.decode()
    assert first.code in overdue and "tính đến ngày 31/12/2025" in overdue

    overview = client.get(f"{reverse('bottlenecks:overview')}?don_vi=TNG").content.decode()
    bottleneck = reverse("bottlenecks:list", args=["khieu-nai"])
    assert bottleneck in overview
    listed = client.get(f"{bottleneck}?don_vi=TNG&so_don=2").content.decode()
    assert case.code in listed and "nhiều lần" in listed


def test_the_cockpits_overdue_count_is_the_list_it_links_to(client, shared_demo_org):
    """The count by resolver and the list behind its link are one selector on one day: a matter
    answered after that day still counts, a sub-unit's matter stays in its own row, and a
    running period counts as of today, never as of its future month end."""
    import re

    unit = staff("TN-SC-01").memberships.get(valid_to__isnull=True).unit
    _matter(unit, dt.date(2025, 8, 1), "Quá hạn")
    answered_late = _matter(unit, dt.date(2025, 8, 3), "Trả lời sau")
    services.matter_decide(
        answered_late, on=dt.date(2026, 1, 5), outcome="tra_loi", decision_no="2/PTHADS",
        measures="Đã trả lời", expected_version=answered_late.version,
    )  # fmt: skip
    province_unit = Unit.objects.get(code="TNG")
    _matter(province_unit, dt.date(2025, 8, 2), "Của tỉnh")
    login(client, "lanhdao")

    def cockpit(query: str) -> dict[str, tuple[str, int]]:
        body = client.get(f"{reverse('targets:cockpit')}?don_vi=TNG&{query}").content.decode()
        table = body.split('data-testid="overdue-by-resolver"')[1].split("</table>")[0]
        rows = re.findall(r'<a href="([^"]+)">[^<]+</a></td><td class="num">\d+</td>'
                          r'<td class="num">(\d+)</td>', table)  # fmt: skip
        return {href.split("/")[-2]: (href.replace("&amp;", "&"), int(n)) for href, n in rows}

    def listed(link: str) -> int:
        body = client.get(link).content.decode()
        table = body.split('data-testid="matter-list"')[1].split("</table>")[0]
        return table.count('<tr class="table-danger">')

    rows = cockpit("nam=2026&ngay=31/12/2025")
    assert set(rows) >= {unit.code, "TNG"}
    for link, count in rows.values():
        assert count and listed(link) == count, link
    with time_machine.travel(
        dt.datetime(2025, 8, 4, 3, 0, tzinfo=dt.UTC), tick=False
    ):  # a running month: due dates still ahead
        rows = cockpit("nam=2025&thang=11")
    dues = [m.due_on for m in Matter.objects.all()]
    assert [count for _link, count in rows.values()] == [0, 0], dues
