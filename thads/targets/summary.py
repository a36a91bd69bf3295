"""The one-page summary in Vietnamese, written from the cockpit's numbers in the style of the
leaders' reports ("toàn tỉnh đã giải quyết xong 7.668 việc, với số tiền hơn 164 tỷ đồng, đạt
62,70% về việc và 18,50% về tiền; 02 đơn vị vượt chỉ tiêu về việc …")."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from thads.common.money import format_rate, group_thousands
from thads.common.periods import is_running
from thads.org.models import Unit
from thads.targets.cockpit import Cockpit

BILLION = 1_000_000_000
MILLION = 1_000_000


def money_words(amount: int) -> str:
    """An amount rounded down in words as the reports write it.

    164_250_000_000 → "hơn 164 tỷ đồng"; 164_000_000_000 → "164 tỷ đồng";
    2_500_000 → "hơn 2 triệu đồng"; below a million the exact amount ("850.000 đồng").
    """
    amount = int(amount)
    for size, word in ((BILLION, "tỷ"), (MILLION, "triệu")):
        if amount >= size:
            whole, rest = divmod(amount, size)
            prefix = "hơn " if rest else ""
            return f"{prefix}{group_thousands(whole)} {word} đồng"
    return f"{group_thousands(amount)} đồng"


def pad2(count: int) -> str:
    """Counts of units as the reports write them: 2 → "02", 12 → "12"."""
    return f"{count:02d}"


def scope_word(unit: Unit) -> str:
    if unit.level == Unit.Level.NATIONAL:
        return _("Toàn ngành")
    if unit.level == Unit.Level.PROVINCE:
        return _("Toàn tỉnh")
    return _("Toàn đơn vị")


def _member_word(cockpit: Cockpit) -> str:
    return _("Chấp hành viên") if cockpit.by == "officer" else _("đơn vị")


def _count_phrase(cockpit: Cockpit, measure: str, about: str) -> str:
    """ "02 đơn vị vượt chỉ tiêu về việc" — met units; "đạt và vượt" when one is exactly on it."""
    met = cockpit.met_count(measure)
    over = cockpit.over_count(measure)
    if cockpit.targeted_count(measure) == 0:
        return _("chưa giao chỉ tiêu %(about)s cho %(who)s") % {
            "who": _member_word(cockpit),
            "about": about,
        }
    if met == 0:
        return _("chưa có %(who)s nào đạt chỉ tiêu %(about)s") % {
            "who": _member_word(cockpit),
            "about": about,
        }
    verb = _("vượt") if met == over else _("đạt và vượt")
    return _("%(n)s %(who)s %(verb)s chỉ tiêu %(about)s") % {
        "n": pad2(met),
        "who": _member_word(cockpit),
        "verb": verb,
        "about": about,
    }


def _row_name(cockpit: Cockpit, row) -> str:
    """The row's full name; the cockpit unit's own row (the cases it holds itself) says so, or
    "tỉnh X (9,52%)" would read as the whole province's rate."""
    if cockpit.by == "unit" and row.unit_code == cockpit.unit.code:
        return _("%(unit)s (trực tiếp thụ lý)") % {"unit": row.name}
    return row.name


def _lowest(cockpit: Cockpit, measure: str) -> str:
    rows = cockpit.lowest(measure)
    items = ", ".join(
        f"{_row_name(cockpit, r)} ({format_rate(r.side(measure).rate)})" for r in rows
    )
    more = "..." if len(cockpit.low_rows(measure)) > len(rows) else ""
    return items + more


def summary_text(cockpit: Cockpit) -> str:
    """The paragraph of the summary: totals, rates, units over the targets, lowest units."""
    total = cockpit.total
    text = _(
        "%(scope)s đã giải quyết xong %(cases)s việc, với số tiền %(money)s, đạt %(case_rate)s "
        "về việc và %(money_rate)s về tiền"
    ) % {
        "scope": scope_word(cockpit.unit),
        "cases": group_thousands(total.cases.done),
        "money": money_words(total.money.done),
        "case_rate": format_rate(total.cases.rate),
        "money_rate": format_rate(total.money.rate),
    }
    if total.cases.target is not None:
        text += _(" (chỉ tiêu được giao: %(c)s về việc, %(m)s về tiền)") % {
            "c": format_rate(total.cases.target),
            "m": format_rate(total.money.target),
        }
    if cockpit.count:
        text += "; " + _("%(cases)s và %(money)s") % {
            "cases": _count_phrase(cockpit, "cases", _("về việc")),
            "money": _count_phrase(cockpit, "money", _("về tiền")),
        }
    text += "."
    low_cases, low_money = _lowest(cockpit, "cases"), _lowest(cockpit, "money")
    if low_cases or low_money:
        text += " " + (
            _("Chấp hành viên có tỷ lệ thấp")
            if cockpit.by == "officer"
            else _("Đơn vị có tỷ lệ thấp")
        )
        text += ": " + _("Về việc: %(units)s; Về tiền: %(money)s") % {
            "units": low_cases or "—",
            "money": low_money or "—",
        }
        text += "" if text.endswith("...") else "."
    return text


def headline(cockpit: Cockpit) -> str:
    """ "Kết quả thi hành án dân sự 4 tháng năm 2026 (từ 01/10/2025 đến 31/01/2026)"; a running
    period ends today (its figures go no further), not on a last day still to come."""
    p = cockpit.period
    today = timezone.localdate()
    end = today if is_running(p, today) else p.end
    if p.month:
        when = _("%(k)s tháng năm %(y)s") % {"k": pad2(p.month), "y": p.year}
    else:
        when = _("năm %(y)s") % {"y": p.year}
    return _("Kết quả thi hành án dân sự %(when)s (từ ngày %(s)s đến ngày %(e)s)") % {
        "when": when,
        "s": p.start.strftime("%d/%m/%Y"),
        "e": end.strftime("%d/%m/%Y"),
    }


def projection_text(cockpit: Cockpit) -> str:
    """What the year end looks like at this pace, and what it takes to reach the targets."""
    total = cockpit.total
    parts = []
    if total.cases.projected is not None:
        parts.append(
            _("Dự báo đến 30/09/%(y)s đạt %(c)s về việc và %(m)s về tiền")
            % {
                "y": cockpit.period.year,
                "c": format_rate(total.cases.projected),
                "m": format_rate(total.money.projected),
            }
        )
    if total.cases.needed:
        parts.append(
            _("để đạt chỉ tiêu cần giải quyết xong thêm %(n)s việc")
            % {"n": group_thousands(total.cases.needed)}
        )
    if total.money.needed:
        parts.append(
            _("và thu thêm %(m)s") % {"m": money_words(total.money.needed)}
            if total.cases.needed
            else _("để đạt chỉ tiêu về tiền cần thu thêm %(m)s")
            % {"m": money_words(total.money.needed)}
        )
    return (
        (", ".join(parts[:2]) + (" " + parts[2] if len(parts) > 2 else "") + ".") if parts else ""
    )
