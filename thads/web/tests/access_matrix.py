"""The access matrix: who may read and write what, for every page.

Three tables, all explicit:

* ROLES — one demo account per role, and whether the role may switch units (leaders do);
* SCOPE — for each role, the unit that plays each TARGET (own unit, child, predecessor,
  sibling, parent, other province) and what the role may do there:
  "rw" reads and writes, "r" reads only (writes answer 403), "-" is out of scope (404);
* ENDPOINTS — every page or endpoint, with how to build its request for a target.

How to extend (every new page must be added here, so the matrix grows with the site):

1. Append an `Endpoint` to ENDPOINTS: its URL name, the HTTP method, its `kind`
   (PAGE: no object, every signed-in user gets 200; READ: shows an object of the target unit;
   WRITE: changes one, only "rw" cells may; SWITCH: leaders change the unit they look at)
   and a `build(subject)` returning `(url, post_data)`. `subject.unit` is the target unit and
   `subject.staff` a staff member posted there (None when the unit has none: the case is skipped).
   A successful POST is expected to redirect (302).
2. If the page needs an object other than a unit or a staff member (a case, a receipt…),
   add it to `Subject` and create one per target unit in the fixture that builds the subjects.
3. A new role: add it to ROLES and a row to SCOPE. A new target: a column in every SCOPE row.

`expected_status()` turns a cell into the status code; the tests are in test_access_matrix.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from thads.org.models import Staff, Unit
from thads.testing.cases import act_post

PAGE, READ, WRITE, SWITCH = "page", "read", "write", "switch"
TARGETS = ("own", "child", "predecessor", "sibling", "parent", "other_province")


@dataclass(frozen=True)
class RoleAccount:
    username: str
    switches_units: bool


ROLES: dict[str, RoleAccount] = {
    "officer": RoleAccount("chv", switches_units=False),
    "clerk": RoleAccount("thuky", switches_units=False),
    "head": RoleAccount("truongphong", switches_units=False),
    "deputy": RoleAccount("phophong", switches_units=False),
    "provincial_leader": RoleAccount("lanhdao", switches_units=True),
    "national": RoleAccount("trunguong", switches_units=True),
    "inspector": RoleAccount("kiemtra", switches_units=True),
    "inspection_office": RoleAccount("phongkiemtra", switches_units=True),
    "admin": RoleAccount("quantri", switches_units=True),
}

# Units of the demo province (thads.org.demo) and of the other province (conftest.py).
# A local unit's "predecessor" is the Chi cục it continues since 01/07/2025 (TN-SC for KV2);
# a province's is the former Cục THADS tỉnh. None: the role has no such unit (case skipped).
LOCAL = {
    "own": "TNG-KV2",
    "child": None,
    "predecessor": "TN-SC",
    "sibling": "TNG-KV3",
    "parent": "TNG",
    "other_province": "CBG-KV1",
}
PROVINCE = {
    "own": "TNG",
    "child": "TNG-KV2",
    "predecessor": "TN",
    "sibling": "CBG",
    "parent": "TW",
    "other_province": "CBG-KV1",
}
NATIONAL = {
    "own": "TW",
    "child": "TNG",
    "predecessor": None,
    "sibling": None,
    "parent": None,
    "other_province": "CBG-KV1",
}

# fmt: off
#                       own   child  predecessor sibling parent other_province
SCOPE: dict[str, tuple[dict[str, str | None], tuple[str, ...]]] = {
    "officer":           (LOCAL,    ("r",  "",   "r",  "-", "-", "-")),
    "clerk":             (LOCAL,    ("r",  "",   "r",  "-", "-", "-")),
    "head":              (LOCAL,    ("r",  "",   "r",  "-", "-", "-")),
    "deputy":            (LOCAL,    ("r",  "",   "r",  "-", "-", "-")),
    "provincial_leader": (PROVINCE, ("r",  "r",  "r",  "-", "-", "-")),
    "national":          (NATIONAL, ("r",  "r",  "",   "",  "",  "r")),
    "inspector":         (PROVINCE, ("r",  "r",  "r",  "-", "-", "-")),
    "inspection_office": (PROVINCE, ("r",  "r",  "r",  "-", "-", "-")),
    "admin":             (PROVINCE, ("rw", "rw", "rw", "-", "-", "-")),
}
# fmt: on

# A staff member posted in each unit (for the staff pages); None: nobody is posted there only.
STAFF_IN: dict[str, str | None] = {
    "TW": "TW-01",
    "TNG": "TN-LD02",
    "TN": "TN-LD02",
    "TNG-KV2": "TN-SC-03",
    "TN-SC": "TN-SC-03",
    "TNG-KV3": "TN-DT-02",
    "CBG": "CBG-LD01",
    "CBG-KV1": "CBG-KV1-02",
}


@dataclass(frozen=True)
class Subject:
    unit: Unit
    staff: Staff | None


@dataclass(frozen=True)
class Endpoint:
    name: str
    method: str
    kind: str
    build: Callable[[Subject], tuple[str, dict | None]]
    needs_staff: bool = False
    # Case screens: the roles that may write where the role sees the unit (others read only);
    # None keeps the SCOPE cell as it is.
    writers: frozenset[str] | None = None

    @property
    def id(self) -> str:
        return f"{self.name}:{self.method}"


def _staff_form(subject: Subject) -> dict:
    staff = Staff.objects.get(pk=subject.staff.pk)
    return {"full_name": staff.full_name + " ", "title": staff.title, "version": staff.version}


ENDPOINTS: list[Endpoint] = [
    Endpoint("web:home", "GET", PAGE, lambda s: (reverse("web:home"), None)),
    Endpoint("org:unit_list", "GET", PAGE, lambda s: (reverse("org:unit_list"), None)),
    Endpoint(
        "org:unit_detail",
        "GET",
        READ,
        lambda s: (reverse("org:unit_detail", args=[s.unit.code]), None),
    ),
    Endpoint(
        "org:staff_detail",
        "GET",
        READ,
        lambda s: (reverse("org:staff_detail", args=[s.staff.code]), None),
        needs_staff=True,
    ),
    Endpoint(
        "org:staff_edit",
        "GET",
        WRITE,
        lambda s: (reverse("org:staff_edit", args=[s.staff.code]), None),
        needs_staff=True,
    ),
    Endpoint(
        "org:staff_edit",
        "POST",
        WRITE,
        lambda s: (reverse("org:staff_edit", args=[s.staff.code]), _staff_form(s)),
        needs_staff=True,
    ),
    Endpoint(
        "web:switch_unit",
        "POST",
        SWITCH,
        lambda s: (reverse("web:switch_unit"), {"unit": s.unit.pk, "next": "/"}),
    ),
]


def cell(role: str, target: str) -> tuple[str | None, str]:
    """(unit code, permission) of `role` on `target`; unit None when not applicable."""
    units, cells = SCOPE[role]
    return units[target], cells[TARGETS.index(target)]


def expected_status(endpoint: Endpoint, role: str, permission: str) -> int:
    if endpoint.writers is not None and permission in {"r", "rw"}:
        permission = "rw" if role in endpoint.writers else "r"
    if endpoint.kind == PAGE:
        return 200
    if permission == "-":
        return 404
    if endpoint.kind == READ:
        return 200
    if endpoint.kind == SWITCH:
        return 302 if ROLES[role].switches_units else 404
    if endpoint.kind == WRITE:
        if permission != "rw":
            return 403
        return 302 if endpoint.method == "POST" else 200
    raise ValueError(endpoint.kind)


def object_cases() -> list[tuple[str, str, Endpoint]]:
    """(role, target, endpoint) for every applicable cell and every object endpoint."""
    cases = []
    for role in ROLES:
        for target in TARGETS:
            unit_code, permission = cell(role, target)
            if unit_code is None:
                assert permission == "", (role, target)
                continue
            assert permission in {"r", "rw", "-"}, (role, target, permission)
            for endpoint in ENDPOINTS:
                if endpoint.kind == PAGE:
                    continue
                if endpoint.needs_staff and STAFF_IN.get(unit_code) is None:
                    continue
                cases.append((role, target, endpoint))
    return cases


# ---- case screens (thads.cases.views) -----------------------------------------------------
# Every subject unit gets a case built on demand (inside the test's transaction); the demo
# officer "chv" (TN-SC-02) holds it where he is or was posted (TNG-KV2 and its predecessor
# TN-SC), so the officer's "own case" writes are exercised. Officers write on their own cases,
# clerks record intake and payments, heads and deputies everything of their unit; leaders,
# inspectors, the national department and administrators read only.

CASE_WORKERS = frozenset({"officer", "clerk", "head", "deputy"})
CASE_OFFICERS = frozenset({"officer", "head", "deputy"})
CASE_MANAGERS = frozenset({"head", "deputy"})


def _case_day(unit: Unit):
    import datetime as dt

    from django.utils import timezone

    day = min(unit.valid_to or timezone.localdate(), timezone.localdate())
    return max(day, unit.valid_from, dt.date(2025, 1, 6))


def _case_in(unit: Unit):
    from thads.cases import services
    from thads.cases.models import Case, Party

    case = Case.objects.filter(unit=unit, code__startswith="MATRIX/").first()
    if case is not None:
        return case
    chv = Staff.objects.get(code="TN-SC-02")
    holds = chv.memberships.filter(unit=unit).exists()
    day = _case_day(unit)
    judgment = services.judgment_get_or_create(
        court="Tòa án nhân dân tỉnh Thái Nguyên",
        number=f"MATRIX-{unit.code}",
        date=dt_date(2025, 1, 6),
        kind="dan_su",
    )
    return services.case_create(
        judgment=judgment,
        data=services.CaseInput(
            code=f"MATRIX/{unit.code}",
            unit=unit,
            decision_no="1/QĐ-THA",
            decision_date=day,
            accepted_on=day,
            mode="chu_dong",
            officer=chv if holds else None,
            parties=[
                services.PartyInput(
                    role=Party.Role.PHAI_THI_HANH, kind=Party.Kind.CA_NHAN, name="Trần Thị Bình"
                )
            ],
            obligations=[services.ObligationInput(description="Trả nợ", amount=1_000_000)],
        ),
    )


def dt_date(*args):
    import datetime as dt

    return dt.date(*args)


def _case_event(kind: str, amount: str | None = None):
    def build(subject: Subject):
        case = _case_in(subject.unit)
        day = _case_day(subject.unit)
        data = {"on": day.isoformat(), "version": case.version, **act_post(kind, day)}
        if amount:
            data["amount"] = amount
        return reverse("cases:action", args=[case.pk, kind]), data

    return build


def _assign_form(subject: Subject):
    from thads.cases import assignment

    case = _case_in(subject.unit)
    load = assignment.unit_load(assignment.working_unit(case.unit))
    officer = next((o.staff.code for o in load.officers if o.staff != case.officer), "")
    from django.utils import timezone

    data = {"officer": officer, "on": timezone.localdate().isoformat(), "version": case.version}
    return reverse("cases:assign", args=[case.pk]), data


def _intake_form(subject: Subject):
    day = _case_day(subject.unit).isoformat()
    data = {
        "so_viec": "1",
        "j-court": "Tòa án nhân dân tỉnh Thái Nguyên",
        "j-number": f"MATRIX-INTAKE-{subject.unit.code}",
        "j-date": "2025-01-06",
        "j-kind": "dan_su",
        "c0-decision_no": "2/QĐ-THA",
        "c0-decision_date": day,
        "c0-accepted_on": day,
        "c0-mode": "chu_dong",
        "c0-p-TOTAL_FORMS": "1",
        "c0-p-INITIAL_FORMS": "0",
        "c0-p-0-role": "phai_thi_hanh",
        "c0-p-0-kind": "ca_nhan",
        "c0-p-0-name": "Lê Văn Đức",
        "c0-o-TOTAL_FORMS": "1",
        "c0-o-INITIAL_FORMS": "0",
        "c0-o-0-description": "Án phí",
        "c0-o-0-amount": "300.000",
        "c0-o-0-priority": "an_phi",
    }
    return reverse("cases:intake", args=[subject.unit.code]), data


ENDPOINTS += [
    Endpoint("cases:my_cases", "GET", PAGE, lambda s: (reverse("cases:my_cases"), None)),
    Endpoint("cases:list", "GET", PAGE, lambda s: (reverse("cases:list"), None)),
    Endpoint("cases:violations", "GET", PAGE, lambda s: (reverse("cases:violations"), None)),
    Endpoint(
        "cases:detail",
        "GET",
        READ,
        lambda s: (reverse("cases:detail", args=[_case_in(s.unit).pk]), None),
    ),
    Endpoint(
        "cases:unit_load",
        "GET",
        READ,
        lambda s: (reverse("cases:unit_load", args=[s.unit.code]), None),
    ),
    # Money (thu_tien, chi_tra) is recorded through the ledger's screens (below).
    Endpoint(
        "cases:action",
        "GET",
        WRITE,
        lambda s: _case_event("xac_minh")(s)[0:1] + (None,),
        writers=CASE_OFFICERS,
    ),
    Endpoint("cases:action", "POST", WRITE, _case_event("xac_minh"), writers=CASE_OFFICERS),
    Endpoint(
        "cases:assign",
        "GET",
        WRITE,
        lambda s: (_assign_form(s)[0], None),
        writers=CASE_MANAGERS,
    ),
    Endpoint("cases:assign", "POST", WRITE, _assign_form, writers=CASE_MANAGERS),
    Endpoint(
        "cases:intake",
        "GET",
        WRITE,
        lambda s: (reverse("cases:intake", args=[s.unit.code]), None),
        writers=CASE_WORKERS,
    ),
    Endpoint("cases:intake", "POST", WRITE, _intake_form, writers=CASE_WORKERS),
]


# ---- statistics screens (thads.stats.views) -----------------------------------------------
# A form of any readable unit, the cases behind its first cell and its CSV: read-only pages,
# 404 outside the scope.


def _stats_url(name: str, **extra):
    def build(subject: Subject):
        from urllib.parse import urlencode

        query = {"don_vi": subject.unit.code, "bieu": "1", "nam": 2026, "thang": 4, **extra}
        return f"{reverse(name)}?{urlencode(query)}", None

    return build


ENDPOINTS += [
    Endpoint("stats:report", "GET", PAGE, lambda s: (reverse("stats:report"), None)),
    Endpoint("stats:report", "GET", READ, _stats_url("stats:report")),
    Endpoint("stats:drill", "GET", READ, _stats_url("stats:drill", cot=0)),
    Endpoint("stats:export", "GET", READ, _stats_url("stats:export", dinh_dang="csv")),
]


# ---- monthly report submission (thads.stats.submission_views) -----------------------------
# The status and overview pages read a unit's report (month 1 of 2026). Who may submit,
# approve or return depends on the unit's level as well as the role (a provincial leader
# submits its province's report but approves its local units'), which role-wide `writers`
# cannot express: those cells are in thads/stats/tests/test_submission_views.py (WRITES).


def _report_page(name: str):
    def build(subject: Subject):
        return f"{reverse(name, args=[subject.unit.code])}?nam=2026&thang=1", None

    return build


ENDPOINTS += [
    Endpoint("submission:status", "GET", READ, _report_page("submission:status")),
    Endpoint("submission:children", "GET", READ, _report_page("submission:children")),
]


# ---- bottlenecks and people (thads.targets.views.bottlenecks) ------------------------------
# Read-only pages of the leaders' cockpit: a unit given by ?don_vi= must be readable (404
# otherwise); without it the active unit is used (every signed-in user gets 200).


def _bottleneck_url(name: str, *args):
    def build(subject: Subject):
        return f"{reverse(name, args=args)}?don_vi={subject.unit.code}", None

    return build


ENDPOINTS += [
    Endpoint(
        "bottlenecks:overview", "GET", PAGE, lambda s: (reverse("bottlenecks:overview"), None)
    ),
    Endpoint("bottlenecks:overview", "GET", READ, _bottleneck_url("bottlenecks:overview")),
    Endpoint("bottlenecks:panel", "GET", READ, _bottleneck_url("bottlenecks:panel")),
    Endpoint("bottlenecks:list", "GET", READ, _bottleneck_url("bottlenecks:list", "tin-dung")),
    Endpoint("bottlenecks:list", "GET", READ, _bottleneck_url("bottlenecks:list", "qua-han")),
    Endpoint("bottlenecks:list", "GET", READ, _bottleneck_url("bottlenecks:list", "tien-tam-giu")),
    Endpoint("bottlenecks:people", "GET", READ, _bottleneck_url("bottlenecks:people")),
]


# ---- leaders' cockpit (thads.targets.views.cockpit)-----------------------------------------------
# Read-only pages: the cockpit and the printable summary of any readable unit (404 outside
# the scope). Who may give targets depends on the unit's level as well as the role (the
# province sets its regional offices', a head its officers'): those cells are in
# thads/targets/tests/test_services.py (ASSIGN).


def _cockpit_url(name: str):
    def build(subject: Subject):
        return f"{reverse(name)}?don_vi={subject.unit.code}&nam=2026&thang=4", None

    return build


ENDPOINTS += [
    Endpoint("targets:cockpit", "GET", PAGE, lambda s: (reverse("targets:cockpit"), None)),
    Endpoint("targets:cockpit", "GET", READ, _cockpit_url("targets:cockpit")),
    Endpoint("targets:summary", "GET", READ, _cockpit_url("targets:summary")),
]


# ---- ledger screens (thads.ledger.views) --------------------------------------------------
# Payments, payouts and their reversals on the matrix case follow the case screens' writers
# (officers their own cases, clerks, heads and deputies); tạm thu, tạm giữ is the unit's money:
# clerks, heads and deputies. Objects are made through the ledger services, on the case's day.

LEDGER_HOLDERS = frozenset({"clerk", "head", "deputy"})


def _ledger_day(subject: Subject) -> str:
    return _case_day(subject.unit).isoformat()


def _collected(subject: Subject):
    """The matrix case with 1.000 đ collected, and its receipt."""
    from thads.ledger import services as ledger_services

    case = _case_in(subject.unit)
    receipt = ledger_services.payment_record(
        case, amount=1_000, received_on=_case_day(subject.unit), payer="Trần Thị Bình"
    )
    case.refresh_from_db()
    return case, receipt


def _payment(subject: Subject):
    case = _case_in(subject.unit)
    data = {
        "amount": "1.000",
        "received_on": _ledger_day(subject),
        "payer": "Trần Thị Bình",
        "version": case.version,
    }
    return reverse("ledger:payment", args=[case.pk]), data


def _receipt_reverse(subject: Subject):
    case, receipt = _collected(subject)
    data = {"on": _ledger_day(subject), "reason": "Ghi nhầm", "version": case.version}
    return reverse("ledger:receipt_reverse", args=[receipt.pk]), data


def _receipt_print(subject: Subject):
    return reverse("ledger:receipt_print", args=[_collected(subject)[1].pk]), None


def _payout(subject: Subject):
    case, _receipt = _collected(subject)
    data = {"paid_on": _ledger_day(subject), "version": case.version}
    return reverse("ledger:payout", args=[case.pk]), data


def _payout_reverse(subject: Subject):
    from thads.ledger import services as ledger_services

    case, _receipt = _collected(subject)
    payout = ledger_services.payout_record(case, paid_on=_case_day(subject.unit))[0]
    case.refresh_from_db()
    data = {"on": _ledger_day(subject), "reason": "Chi nhầm", "version": case.version}
    return reverse("ledger:payout_reverse", args=[payout.pk]), data


def _held_receive(subject: Subject):
    data = {
        "kind": "tam_giu",
        "amount": "1.000",
        "received_on": _ledger_day(subject),
        "source": "Đỗ Văn Hùng",
    }
    return reverse("ledger:held_receive", args=[subject.unit.code]), data


def _held_release(subject: Subject):
    from thads.ledger import services as ledger_services

    held = ledger_services.held_money_receive(
        subject.unit,
        kind="tam_giu",
        amount=1_000,
        received_on=_case_day(subject.unit),
        source="Đỗ Văn Hùng",
    )
    data = {"released_on": _ledger_day(subject), "reason": "Trả lại"}
    return reverse("ledger:held_release", args=[held.pk]), data


def _get(build):
    return lambda s: (build(s)[0], None)


ENDPOINTS += [
    Endpoint("ledger:receipt_print", "GET", READ, _receipt_print),
    Endpoint("ledger:payment", "GET", WRITE, _get(_payment), writers=CASE_WORKERS),
    Endpoint("ledger:payment", "POST", WRITE, _payment, writers=CASE_WORKERS),
    Endpoint("ledger:receipt_reverse", "GET", WRITE, _get(_receipt_reverse), writers=CASE_WORKERS),
    Endpoint("ledger:receipt_reverse", "POST", WRITE, _receipt_reverse, writers=CASE_WORKERS),
    Endpoint("ledger:payout", "GET", WRITE, _get(_payout), writers=CASE_WORKERS),
    Endpoint("ledger:payout", "POST", WRITE, _payout, writers=CASE_WORKERS),
    Endpoint("ledger:payout_reverse", "GET", WRITE, _get(_payout_reverse), writers=CASE_WORKERS),
    Endpoint("ledger:payout_reverse", "POST", WRITE, _payout_reverse, writers=CASE_WORKERS),
    Endpoint(
        "ledger:held_list",
        "GET",
        READ,
        lambda s: (reverse("ledger:held_list", args=[s.unit.code]), None),
    ),
    Endpoint("ledger:held_receive", "GET", WRITE, _get(_held_receive), writers=LEDGER_HOLDERS),
    Endpoint("ledger:held_receive", "POST", WRITE, _held_receive, writers=LEDGER_HOLDERS),
    Endpoint("ledger:held_release", "GET", WRITE, _get(_held_release), writers=LEDGER_HOLDERS),
    Endpoint("ledger:held_release", "POST", WRITE, _held_release, writers=LEDGER_HOLDERS),
    # Quản trị (org.admin_views): the administrator's, within its subtree.
    Endpoint(
        "administration:staff",
        "GET",
        WRITE,
        lambda s: (reverse("administration:staff", args=[s.staff.code]), None),
        needs_staff=True,
        writers=frozenset({"admin"}),
    ),
    Endpoint(
        "administration:deactivate",
        "POST",
        WRITE,
        lambda s: (reverse("administration:deactivate", args=[s.staff.code]), {"reason": "Thử"}),
        needs_staff=True,
        writers=frozenset({"admin"}),
    ),
    # The clerk's books (ledger.books): read pages of a unit, with their Excel files.
    *[
        Endpoint(name, "GET", READ, lambda s, name=name: (reverse(name, args=[s.unit.code]), None))
        for name in ("ledger:receipt_register", "ledger:cash_book", "ledger:payouts_due")
    ],
    Endpoint(
        "ledger:cash_book",
        "GET",
        READ,
        lambda s: (reverse("ledger:cash_book", args=[s.unit.code]) + "?dinh_dang=xlsx", None),
    ),
]


# ---- Excel intake (thads.interchange.views) -----------------------------------------------
# The template and the upload of a unit: like the intake form (case workers write, read-only
# roles 403, out of scope 404). An upload is then seen and confirmed by its owner only
# (thads/interchange/tests/test_excel_intake.py).


def _excel_upload(subject: Subject):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from thads.interchange.excel_intake import template_bytes

    content = template_bytes(subject.unit)
    return reverse("interchange:upload", args=[subject.unit.code]), {
        "tep": SimpleUploadedFile("mau.xlsx", content)
    }


ENDPOINTS += [
    Endpoint(
        "interchange:template",
        "GET",
        WRITE,
        lambda s: (reverse("interchange:template", args=[s.unit.code]), None),
        writers=CASE_WORKERS,
    ),
    Endpoint("interchange:upload", "GET", WRITE, _get(_excel_upload), writers=CASE_WORKERS),
    Endpoint("interchange:upload", "POST", WRITE, _excel_upload, writers=CASE_WORKERS),
]


# ---- oversight (thads.oversight.views) ----------------------------------------------------
# The THAHC register of a unit: its own people write (officers, clerks, heads, deputies), the
# others read; a judgment per subject unit is built on demand.


def _judgment_in(unit: Unit):
    from thads.oversight.models import AdminJudgment

    judgment = AdminJudgment.objects.filter(unit=unit, code__startswith="MATRIX/").first()
    if judgment is None:
        day = _case_day(unit)
        judgment = AdminJudgment.objects.create(
            unit=unit,
            code=f"MATRIX/{unit.code}",
            court="Tòa án nhân dân tỉnh Thái Nguyên",
            number="01/2025/HC-ST",
            judgment_date=dt_date(2025, 1, 2),
            instance="so_tham",
            doc_type="ban_an",
            kind="diem_a",
            received_on=day,
            plaintiff="Nguyễn Văn An",
            obliged_name="Ủy ban nhân dân huyện Đại Từ",
            obliged_body="ubnd_huyen",
            has_content=True,
        )
    return judgment


def _thahc_new(subject: Subject):
    day = _case_day(subject.unit).isoformat()
    data = {
        "court": "Tòa án nhân dân tỉnh Thái Nguyên",
        "number": "02/2025/HC-ST",
        "judgment_date": "2025-01-02",
        "instance": "so_tham",
        "doc_type": "ban_an",
        "kind": "diem_a",
        "received_on": day,
        "plaintiff": "Lê Thị Hoa",
        "obliged_name": "Ủy ban nhân dân xã Hà Châu",
        "obliged_body": "ubnd_xa",
        "has_content": "0",
    }
    return reverse("oversight:thahc_new", args=[subject.unit.code]), data


def _thahc_step(subject: Subject):
    judgment = _judgment_in(subject.unit)
    data = {"reason": "Ủy ban nhân dân chưa bố trí kinh phí", "version": judgment.version}
    return reverse("oversight:thahc_action", args=[judgment.pk, "ly-do"]), data


ENDPOINTS += [
    Endpoint(
        "oversight:thahc_list",
        "GET",
        READ,
        lambda s: (reverse("oversight:thahc_list", args=[s.unit.code]), None),
    ),
    Endpoint("oversight:thahc_new", "GET", WRITE, _get(_thahc_new), writers=CASE_WORKERS),
    Endpoint("oversight:thahc_new", "POST", WRITE, _thahc_new, writers=CASE_WORKERS),
    Endpoint(
        "oversight:thahc_detail",
        "GET",
        READ,
        lambda s: (reverse("oversight:thahc_detail", args=[_judgment_in(s.unit).pk]), None),
    ),
    Endpoint("oversight:thahc_action", "GET", WRITE, _get(_thahc_step), writers=CASE_WORKERS),
    Endpoint("oversight:thahc_action", "POST", WRITE, _thahc_step, writers=CASE_WORKERS),
]


# Inspections: the provincial inspection office writes over the units it sees; a head or
# deputy runs the self-inspection of its own unit. The procuracy's acts and exemption dossiers
# are written by the unit's own people.
INSPECTORS = frozenset({"inspection_office", "head", "deputy"})
OFFICE = frozenset({"inspection_office"})


def _inspection_in(unit: Unit):
    from thads.oversight.models import Inspection

    inspection = Inspection.objects.filter(unit=unit, code__startswith="MATRIX/").first()
    if inspection is None:
        day = _case_day(unit)
        inspection = Inspection.objects.create(
            code=f"MATRIX/{unit.code}",
            inspecting_unit=unit,
            unit=unit,
            kind="tu_kiem_tra",
            decision_no="1/QĐ-KT",
            decision_on=day,
            team="Trưởng đoàn: Võ Thị Hương",
            scope="Tự kiểm tra hồ sơ",
            period_from=dt_date(2024, 1, 1),
            period_to=day,
        )
    return inspection


def _act_in(unit: Unit):
    from thads.oversight.models import ProcuracyAct

    act = ProcuracyAct.objects.filter(unit=unit, number="MATRIX").first()
    if act is None:
        day = _case_day(unit)
        act = ProcuracyAct.objects.create(
            unit=unit,
            kind="kien_nghi",
            level="cung_cap",
            procuracy="Viện kiểm sát nhân dân tỉnh Thái Nguyên",
            number="MATRIX",
            act_on=day,
            received_on=day,
            content="Kiến nghị khắc phục vi phạm",
            answer_due=day,
        )
    return act


def _dossier_in(unit: Unit):
    from thads.cases.models import Case
    from thads.oversight.models import ExemptionDossier

    case = _case_in(unit)
    Case.objects.filter(pk=case.pk).update(is_state_budget=True)
    dossier = ExemptionDossier.objects.filter(case=case).first()
    if dossier is None:
        dossier = ExemptionDossier.objects.create(
            case=case, eligible_on=case.accepted_on, amount_requested=100_000
        )
    return dossier


def _plan_form(subject: Subject):
    data = {
        "thao_tac": "ke_hoach",
        "year": "2026",
        "decision_no": "01/QĐ-KH",
        "approved_on": "2026-01-05",
    }
    return reverse("oversight:plan", args=[subject.unit.code]), data


def _inspection_new(subject: Subject):
    day = _case_day(subject.unit).isoformat()
    data = {
        "unit": subject.unit.pk,
        "kind": "tu_kiem_tra",
        "decision_no": "2/QĐ-KT",
        "decision_on": day,
        "team": "Trưởng đoàn: Lê Văn Hòa",
        "scope": "Tự kiểm tra công tác thu, chi",
        "period_from": "2024-01-01",
        "period_to": day,
    }
    return reverse("oversight:inspection_new", args=[subject.unit.code]), data


def _finding(subject: Subject):
    inspection = _inspection_in(subject.unit)
    data = {"case": "", "violation": "ho_so", "description": "Hồ sơ thiếu biên bản xác minh"}
    return reverse("oversight:inspection_action", args=[inspection.pk, "vi-pham"]), data


def _act_new(subject: Subject):
    day = _case_day(subject.unit).isoformat()
    data = {
        "kind": "yeu_cau",
        "level": "cung_cap",
        "procuracy": "Viện kiểm sát nhân dân khu vực 2",
        "number": "3/YC-VKS",
        "act_on": day,
        "received_on": day,
        "content": "Yêu cầu tự kiểm tra",
    }
    return reverse("oversight:procuracy_new", args=[subject.unit.code]), data


def _act_answer(subject: Subject):
    act = _act_in(subject.unit)
    data = {
        "version": act.version,
        "number": "9/CV",
        "on": act.received_on.isoformat(),
        "result": "chap_nhan",
    }
    return reverse("oversight:procuracy_answer", args=[act.pk]), data


def _dossier_new(subject: Subject):
    case = _dossier_in(subject.unit).case
    data = {
        "code": case.code,
        "eligible_on": case.accepted_on.isoformat(),
        "amount_requested": "200.000",
    }
    return reverse("oversight:exemption_new", args=[subject.unit.code]), data


def _dossier_update(subject: Subject):
    dossier = _dossier_in(subject.unit)
    data = {"version": dossier.version, "sent_on": dossier.eligible_on.isoformat()}
    return reverse("oversight:exemption_update", args=[dossier.pk]), data


def _unit_page(name: str):
    return lambda s: (reverse(name, args=[s.unit.code]), None)


ENDPOINTS += [
    Endpoint("oversight:inspections", "GET", READ, _unit_page("oversight:inspections")),
    Endpoint("oversight:plan", "GET", WRITE, _get(_plan_form), writers=OFFICE),
    Endpoint("oversight:plan", "POST", WRITE, _plan_form, writers=OFFICE),
    Endpoint("oversight:inspection_new", "GET", WRITE, _get(_inspection_new), writers=INSPECTORS),
    Endpoint("oversight:inspection_new", "POST", WRITE, _inspection_new, writers=INSPECTORS),
    Endpoint(
        "oversight:surprise_new", "GET", WRITE, _unit_page("oversight:surprise_new"), writers=OFFICE
    ),
    Endpoint(
        "oversight:inspection_detail",
        "GET",
        READ,
        lambda s: (reverse("oversight:inspection_detail", args=[_inspection_in(s.unit).pk]), None),
    ),
    Endpoint("oversight:inspection_action", "GET", WRITE, _get(_finding), writers=INSPECTORS),
    Endpoint("oversight:inspection_action", "POST", WRITE, _finding, writers=INSPECTORS),
    Endpoint("oversight:procuracy_list", "GET", READ, _unit_page("oversight:procuracy_list")),
    # The documents of oversight: whoever reads the record may print it (page and files).
    Endpoint(
        "oversight:paper",
        "GET",
        READ,
        lambda s: (reverse("oversight:paper", args=["tra-loi-vks", _act_in(s.unit).pk]), None),
    ),
    Endpoint(
        "oversight:paper_file",
        "GET",
        READ,
        lambda s: (
            reverse("oversight:paper_file", args=["thong-bao", _judgment_in(s.unit).pk, "docx"]),
            None,
        ),
    ),
    Endpoint("oversight:procuracy_new", "GET", WRITE, _get(_act_new), writers=CASE_WORKERS),
    Endpoint("oversight:procuracy_new", "POST", WRITE, _act_new, writers=CASE_WORKERS),
    Endpoint(
        "oversight:procuracy_detail",
        "GET",
        READ,
        lambda s: (reverse("oversight:procuracy_detail", args=[_act_in(s.unit).pk]), None),
    ),
    Endpoint("oversight:procuracy_answer", "GET", WRITE, _get(_act_answer), writers=CASE_WORKERS),
    Endpoint("oversight:procuracy_answer", "POST", WRITE, _act_answer, writers=CASE_WORKERS),
    Endpoint("oversight:exemptions", "GET", READ, _unit_page("oversight:exemptions")),
    Endpoint("oversight:exemption_new", "GET", WRITE, _get(_dossier_new), writers=CASE_WORKERS),
    Endpoint("oversight:exemption_new", "POST", WRITE, _dossier_new, writers=CASE_WORKERS),
    Endpoint(
        "oversight:exemption_update", "GET", WRITE, _get(_dossier_update), writers=CASE_WORKERS
    ),
    Endpoint("oversight:exemption_update", "POST", WRITE, _dossier_update, writers=CASE_WORKERS),
]


# ---- documents (thads.documents.views) ----------------------------------------------------
# Drafts are written by whoever records on the case; the head (or deputy) issues the agency's
# decisions, the case's officer what the law gives him (freezing: Điều 20, 67) — an officer
# never issues what only the head signs; clerks and heads record the day sent to the procuracy.

DOCUMENT_SENDERS = frozenset({"clerk", "head", "deputy"})
FREEZE = {"bank": "Agribank", "account": "123"}
HOAN_ACT = {"reason": "khac", "ground": "om_nang"}


def _document(subject: Subject, code: str = "qd-phong-toa", issued: bool = False):
    import datetime as dt

    from thads.documents import services as document_services
    from thads.documents.rendering import template_in_force

    case = _case_in(subject.unit)
    day = _case_day(subject.unit)
    act = FREEZE if code == "qd-phong-toa" else {**HOAN_ACT, "until": str(day + dt.timedelta(30))}
    document = document_services.document_draft(
        case, template=template_in_force(code, day), doc_date=day, act=act
    )
    if issued:
        signer = Staff.objects.get(code="TN-SC-01")
        document = document_services.document_issue(
            document, signer=signer, expected_version=document.version
        )
    return document


def _draft_form(subject: Subject):
    case = _case_in(subject.unit)
    data = {"mau": "qd-phong-toa", "doc_date": _case_day(subject.unit).isoformat(), **FREEZE}
    return reverse("documents:draft", args=[case.pk]), data


def _issue(code: str):
    def build(subject: Subject):
        document = _document(subject, code)
        return reverse("documents:issue", args=[document.pk]), {"version": document.version}

    return build


def _mark_sent(subject: Subject):
    document = _document(subject, issued=True)
    data = {"version": document.version, "sent_on": _case_day(subject.unit).isoformat()}
    return reverse("documents:mark_sent", args=[document.pk]), data


ENDPOINTS += [
    Endpoint("documents:templates", "GET", PAGE, lambda s: (reverse("documents:templates"), None)),
    Endpoint(
        "documents:register",
        "GET",
        READ,
        lambda s: (reverse("documents:register", args=[s.unit.code]), None),
    ),
    Endpoint(
        "documents:procuracy_register",
        "GET",
        READ,
        lambda s: (reverse("documents:procuracy_register", args=[s.unit.code]), None),
    ),
    Endpoint(
        "documents:detail",
        "GET",
        READ,
        lambda s: (reverse("documents:detail", args=[_document(s).pk]), None),
    ),
    Endpoint(
        "documents:download",
        "GET",
        READ,
        lambda s: (reverse("documents:download", args=[_document(s).pk, "docx"]), None),
    ),
    Endpoint("documents:draft", "GET", WRITE, _get(_draft_form), writers=CASE_OFFICERS),
    Endpoint("documents:draft", "POST", WRITE, _draft_form, writers=CASE_OFFICERS),
    Endpoint("documents:issue", "POST", WRITE, _issue("qd-phong-toa"), writers=CASE_OFFICERS),
    Endpoint("documents:issue", "POST", WRITE, _issue("qd-hoan"), writers=CASE_MANAGERS),
    Endpoint("documents:mark_sent", "POST", WRITE, _mark_sent, writers=DOCUMENT_SENDERS),
]


# ---- complaints: the register of letters (thads.complaints.views) --------------------------
# Clerks, heads and deputies enter letters; heads, deputies and the provincial leaders decide
# how a letter is handled.
# Who sees a denouncer's identity is in thads/complaints/tests/test_identity.py (IDENTITY).
LETTER_REGISTRARS = frozenset({"clerk", "head", "deputy"})
LETTER_HANDLERS = frozenset({"head", "deputy", "provincial_leader"})


def _letter_in(unit: Unit):
    from thads.complaints import services as complaint_services
    from thads.complaints.models import Complaint

    letter = Complaint.objects.filter(unit=unit, summary="MATRIX").first()
    if letter is not None:
        return letter
    return complaint_services.letter_register(
        unit,
        complaint_services.LetterInput(
            kind="khieu_nai",
            received_on=_case_day(unit),
            summary="MATRIX",
            senders=[complaint_services.SenderInput("Phạm Văn Hải")],
        ),
    )


def _letter_new(subject: Subject):
    data = {
        "received_on": _case_day(subject.unit).isoformat(),
        "kind": "kien_nghi",
        "channel": "buu_chinh",
        "subject": "case",
        "obstacle_days": "0",
        "s-TOTAL_FORMS": "1",
        "s-INITIAL_FORMS": "0",
        "s-0-name": "Phạm Văn Hải",
    }
    return reverse("complaints:letter_new", args=[subject.unit.code]), data


def _letter_handle(subject: Subject):
    letter = _letter_in(subject.unit)
    data = {
        "version": letter.version,
        "on": _case_day(subject.unit).isoformat(),
        "competent": "0",
        "eligible": "1",
        "handling": "huong_dan",
        "sent_to": "Tòa án nhân dân tỉnh Thái Nguyên",
        "instance": "1",
        "subject_role": "officer",
    }
    return reverse("complaints:letter_handle", args=[letter.pk]), data


ENDPOINTS += [
    Endpoint("complaints:rules", "GET", PAGE, lambda s: (reverse("complaints:rules"), None)),
    Endpoint(
        "complaints:register",
        "GET",
        READ,
        lambda s: (reverse("complaints:register", args=[s.unit.code]), None),
    ),
    Endpoint(
        "complaints:letter",
        "GET",
        READ,
        lambda s: (reverse("complaints:letter", args=[_letter_in(s.unit).pk]), None),
    ),
    Endpoint("complaints:letter_new", "GET", WRITE, _get(_letter_new), writers=LETTER_REGISTRARS),
    Endpoint("complaints:letter_new", "POST", WRITE, _letter_new, writers=LETTER_REGISTRARS),
    Endpoint(
        "complaints:letter_handle", "GET", WRITE, _get(_letter_handle), writers=LETTER_HANDLERS
    ),
    Endpoint("complaints:letter_handle", "POST", WRITE, _letter_handle, writers=LETTER_HANDLERS),
]


# Scanned attachments: whoever enters or handles the letter attaches; readers of the letter
# download (a denunciation's are hidden with its denouncer: test_attachments.py).
PDF_SCAN = b"%PDF-1.4\n%%EOF\n"


def _scan():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("scan.pdf", PDF_SCAN)


def _letter_attach(subject: Subject):
    letter = _letter_in(subject.unit)
    return reverse("complaints:letter_attach", args=[letter.pk]), {"file": _scan()}


def _attachment(subject: Subject):
    from thads.complaints import services as complaint_services

    letter = _letter_in(subject.unit)
    attachment = letter.attachments.first() or complaint_services.letter_attach(letter, _scan())
    return reverse("complaints:attachment", args=[attachment.pk]), None


ENDPOINTS += [
    Endpoint(
        "complaints:letter_attach",
        "POST",
        WRITE,
        _letter_attach,
        writers=LETTER_REGISTRARS | LETTER_HANDLERS,
    ),
    Endpoint("complaints:attachment", "GET", READ, _attachment),
]


# ---- complaints: matters and citizen reception ---------------------------------------------
# A matter is resolved by the head or deputy of its resolving unit (the verifier records
# verification and dialogue: thads/complaints/tests/test_identity.py). The matrix matter is a
# petition (kiến nghị), resolved by the unit that received it. Reception sessions are recorded
# by the same people as letters.


def _handled_letter(unit: Unit, summary: str, kind: str, **handling):
    """The unit's letter `summary` (kind `kind`), handled as `handling` says on the matrix day;
    entered once per test."""
    from thads.complaints import services as complaint_services
    from thads.complaints.models import Complaint

    letter = Complaint.objects.filter(unit=unit, summary=summary).first()
    if letter is not None:
        return letter
    day = _case_day(unit)
    letter = complaint_services.letter_register(
        unit,
        complaint_services.LetterInput(
            kind=kind,
            received_on=day,
            summary=summary,
            senders=[complaint_services.SenderInput("Phạm Văn Hải")],
        ),
    )
    return complaint_services.letter_handle(
        letter,
        complaint_services.HandlingInput(on=day, **handling),
        expected_version=letter.version,
    )


def _matter_in(unit: Unit):
    from thads.complaints import services as complaint_services

    matters = [complaint_services.MatterInput(kind="kien_nghi")]
    letter = _handled_letter(unit, "MATRIX-VV", "kien_nghi", handling="thu_ly", matters=matters)
    return letter.matters.get()


def _matter_step(subject: Subject):
    matter = _matter_in(subject.unit)
    data = {"version": matter.version, "on": _case_day(subject.unit).isoformat(), "note": "Họp"}
    return reverse("complaints:matter_action", args=[matter.pk, "doi-thoai"]), data


def _session_new(subject: Subject):
    data = {
        "held_on": _case_day(subject.unit).isoformat(),
        "form": "thuong_xuyen",
        "visits": "2",
        "people": "2",
        "matters_old": "0",
        "matters_new": "1",
        "groups": "0",
        "group_people": "0",
        "group_matters": "0",
        "about_khieu_nai": "1",
        "about_to_cao": "0",
        "about_kien_nghi": "0",
    }
    return reverse("complaints:session_new", args=[subject.unit.code]), data


def _session_in(unit: Unit):
    from thads.complaints import services as complaint_services

    return complaint_services.session_record(
        unit,
        complaint_services.SessionInput(
            held_on=_case_day(unit),
            form="dinh_ky",
            visits=1,
            people=1,
            matters_new=1,
            about_kien_nghi=1,
        ),  # fmt: skip
    )


def _dialogue_in(unit: Unit):
    """A dialogue step of the matrix matter (its minutes: biên bản đối thoại)."""
    from thads.complaints import services as complaint_services

    matter = _matter_in(unit)
    step = matter.steps.filter(kind="doi_thoai", note="MATRIX-DT").first()
    if step is not None:
        return step
    return complaint_services.matter_record(
        matter, "doi_thoai", on=_case_day(unit), note="MATRIX-DT"
    )


def _guided_in(unit: Unit):
    """A letter whose sender is guided to the competent body (its guidance letter)."""
    return _handled_letter(
        unit, "MATRIX-HD", "khieu_nai", handling="huong_dan", competent=False,
        sent_to="Tòa án nhân dân tỉnh",
    )  # fmt: skip


ENDPOINTS += [
    Endpoint(
        "complaints:matters",
        "GET",
        READ,
        lambda s: (reverse("complaints:matters", args=[s.unit.code]), None),
    ),
    Endpoint(
        "complaints:matter",
        "GET",
        READ,
        lambda s: (reverse("complaints:matter", args=[_matter_in(s.unit).pk]), None),
    ),
    Endpoint("complaints:matter_action", "GET", WRITE, _get(_matter_step), writers=LETTER_HANDLERS),
    Endpoint("complaints:matter_action", "POST", WRITE, _matter_step, writers=LETTER_HANDLERS),
    Endpoint(
        "complaints:sessions",
        "GET",
        READ,
        lambda s: (reverse("complaints:sessions", args=[s.unit.code]), None),
    ),
    Endpoint(
        "complaints:session",
        "GET",
        READ,
        lambda s: (reverse("complaints:session", args=[_session_in(s.unit).pk]), None),
    ),
    Endpoint("complaints:session_new", "GET", WRITE, _get(_session_new), writers=LETTER_REGISTRARS),
    Endpoint("complaints:session_new", "POST", WRITE, _session_new, writers=LETTER_REGISTRARS),
    # The documents of the complaint handling: whoever reads the record may print it.
    Endpoint(
        "complaints:paper",
        "GET",
        READ,
        lambda s: (reverse("complaints:paper", args=["giai-quyet", _matter_in(s.unit).pk]), None),
    ),
    Endpoint(
        "complaints:paper_file",
        "GET",
        READ,
        lambda s: (
            reverse(
                "complaints:paper_file",
                args=["thong-bao-thu-ly", _matter_in(s.unit).letter_id, "docx"],
            ),
            None,
        ),
    ),
    Endpoint(
        "complaints:paper",
        "GET",
        READ,
        lambda s: (
            reverse("complaints:paper", args=["bien-ban-doi-thoai", _dialogue_in(s.unit).pk]),
            None,
        ),
    ),
    Endpoint(
        "complaints:paper_file",
        "GET",
        READ,
        lambda s: (
            reverse("complaints:paper_file", args=["huong-dan", _guided_in(s.unit).pk, "docx"]),
            None,
        ),
    ),
]

# Forms 8 (complaints) and 9 (citizen reception) on the statistics screens, and their drill-down.
ENDPOINTS += [
    Endpoint("stats:report", "GET", READ, _stats_url("stats:report", bieu="8")),
    Endpoint("stats:drill", "GET", READ, _stats_url("stats:drill", bieu="8", cot=8)),
    Endpoint("stats:report", "GET", READ, _stats_url("stats:report", bieu="9")),
    Endpoint("stats:drill", "GET", READ, _stats_url("stats:drill", bieu="9", cot=1)),
]
