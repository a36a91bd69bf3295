"""The access matrix of the REST API (/api/v1/): the same ROLES × SCOPE as the screens.

A token has exactly its user's scope: an object of a unit outside it answers 404, a write the
role may not do on an object it sees answers 403, anonymous calls answer 401. Every API
endpoint is listed here (test_access_api.py), like the pages in access_matrix.py:
`ApiEndpoint(name, method, kind, build)` where build(subject) → (url, json body, headers).
Writes also say which roles write (`writers`) and what a success answers (`ok`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from thads.testing.api import act_json
from thads.web.tests.access_matrix import (
    CASE_OFFICERS,
    CASE_WORKERS,
    LETTER_REGISTRARS,
    PAGE,
    READ,
    ROLES,
    STAFF_IN,
    TARGETS,
    WRITE,
    Subject,
    _case_day,
    _case_in,
    _letter_in,
    cell,
)


@dataclass(frozen=True)
class ApiEndpoint:
    name: str
    method: str
    kind: str
    build: Callable[[Subject | None], tuple[str, dict | None, dict]]
    needs_staff: bool = False
    writers: frozenset[str] | None = None
    ok: int = 200
    # Writes allowed by the unit's place as well as the role (targets: the level above gives
    # them): the (role, target) cells that succeed; every other readable cell answers 403.
    allowed: frozenset[tuple[str, str]] | None = None

    @property
    def id(self) -> str:
        return f"{self.name}:{self.method}"


def _get(path: Callable[[Subject], str]):
    return lambda s: (path(s), None, {})


API_ENDPOINTS: list[ApiEndpoint] = [
    ApiEndpoint("units", "GET", PAGE, lambda s: ("/api/v1/units/", None, {})),
    ApiEndpoint("staff", "GET", PAGE, lambda s: ("/api/v1/staff/", None, {})),
    ApiEndpoint("cases", "GET", PAGE, lambda s: ("/api/v1/cases/", None, {})),
    ApiEndpoint("unit", "GET", READ, _get(lambda s: f"/api/v1/units/{s.unit.code}/")),
    ApiEndpoint(
        "staff_member",
        "GET",
        READ,
        _get(lambda s: f"/api/v1/staff/{s.staff.code}/"),
        needs_staff=True,
    ),
    ApiEndpoint("case", "GET", READ, _get(lambda s: f"/api/v1/cases/{_case_in(s.unit).pk}/")),
]


def _versioned(path: str, body: Callable[[Subject], dict]):
    """A write on the subject unit's case, naming the version it read (If-Match)."""

    def build(subject: Subject):
        case = _case_in(subject.unit)
        headers = {"HTTP_IF_MATCH": f'"{case.version}"'}
        return f"/api/v1/cases/{case.pk}/{path}/", body(subject), headers

    return build


def _intake(subject: Subject):
    day = _case_day(subject.unit).isoformat()
    body = {
        "unit": subject.unit.code,
        "judgment": {
            "court": "Tòa án nhân dân tỉnh Thái Nguyên",
            "number": f"API-{subject.unit.code}",
            "date": "2025-01-06",
            "kind": "dan_su",
        },
        "decision_no": "3/QĐ-THA",
        "decision_date": day,
        "accepted_on": day,
        "mode": "chu_dong",
        "parties": [{"role": "phai_thi_hanh", "kind": "ca_nhan", "name": "Lê Văn Đức"}],
        "obligations": [{"description": "Án phí", "amount": 300_000, "priority": "an_phi"}],
    }
    return "/api/v1/cases/", body, {}


def _case_path(suffix: str):
    return _get(lambda s: f"/api/v1/cases/{_case_in(s.unit).pk}/{suffix}")


API_ENDPOINTS += [
    ApiEndpoint("case_events", "GET", READ, _case_path("events/")),
    ApiEndpoint("case_receipts", "GET", READ, _case_path("receipts/")),
    ApiEndpoint("case_payouts", "GET", READ, _case_path("payouts/")),
    ApiEndpoint("cases", "POST", WRITE, _intake, writers=CASE_WORKERS, ok=201),
    ApiEndpoint(
        "case_events",
        "POST",
        WRITE,
        _versioned(
            "events",
            lambda s: {
                "type": "xac_minh",
                "on": _case_day(s.unit).isoformat(),
                "data": act_json("xac_minh", _case_day(s.unit)),
            },
        ),
        writers=CASE_OFFICERS,
        ok=201,
    ),
    ApiEndpoint(
        "case_payments",
        "POST",
        WRITE,
        _versioned(
            "payments",
            lambda s: {
                "amount": 100_000,
                "received_on": _case_day(s.unit).isoformat(),
                "payer": "Trần Thị Bình",
            },
        ),
        writers=CASE_WORKERS,
        ok=201,
    ),
]


# ---- reports, targets, complaints ---------------------------------------------------------
# Reports: any role reads the forms of a unit in its scope (the statistics screen). Targets:
# read in scope; a unit's targets are given by the level above (thads/targets/tests ASSIGN),
# an officer's by the head or deputy of its local unit. Complaints: the register's scope;
# clerks, heads and deputies enter letters (LETTER_REGISTRARS, as on the screens).
UNIT_TARGET_SETTERS = frozenset({("provincial_leader", "child"), ("national", "child")})
OFFICER_TARGET_SETTERS = frozenset({("head", "own"), ("deputy", "own")})


def _target_in(unit):
    from thads.targets.models import Target

    target, _created = Target.objects.get_or_create(
        unit=unit, year=2026, defaults={"case_rate": 80, "money_rate": 40}
    )
    return target


def _officer_target_in(subject: Subject):
    from thads.targets.models import OfficerTarget

    target, _created = OfficerTarget.objects.get_or_create(
        unit=subject.unit,
        staff=subject.staff,
        year=2026,
        defaults={"case_rate": 80, "money_rate": 40},
    )
    return target


def _report(subject: Subject):
    return f"/api/v1/reports/1/?unit={subject.unit.code}&year=2026&month=4", None, {}


def _give_target(subject: Subject):
    body = {"unit": subject.unit.code, "year": 2026, "case_rate": 80, "money_rate": 40}
    return "/api/v1/targets/", body, {}


def _give_officer_target(subject: Subject):
    body = {
        "unit": subject.unit.code,
        "officer": subject.staff.code,
        "year": 2026,
        "case_rate": 80,
        "money_rate": 40,
    }
    return "/api/v1/officer-targets/", body, {}


def _new_letter(subject: Subject):
    body = {
        "unit": subject.unit.code,
        "kind": "kien_nghi",
        "received_on": _case_day(subject.unit).isoformat(),
        "channel": "buu_chinh",
        "senders": [{"name": "Phạm Văn Hải"}],
    }
    return "/api/v1/complaints/", body, {}


API_ENDPOINTS += [
    ApiEndpoint("targets", "GET", PAGE, lambda s: ("/api/v1/targets/", None, {})),
    ApiEndpoint("officer_targets", "GET", PAGE, lambda s: ("/api/v1/officer-targets/", None, {})),
    ApiEndpoint("complaints", "GET", PAGE, lambda s: ("/api/v1/complaints/", None, {})),
    ApiEndpoint("report", "GET", READ, _report),
    ApiEndpoint("target", "GET", READ, _get(lambda s: f"/api/v1/targets/{_target_in(s.unit).pk}/")),
    ApiEndpoint(
        "officer_target",
        "GET",
        READ,
        _get(lambda s: f"/api/v1/officer-targets/{_officer_target_in(s).pk}/"),
        needs_staff=True,
    ),
    ApiEndpoint(
        "complaint", "GET", READ, _get(lambda s: f"/api/v1/complaints/{_letter_in(s.unit).pk}/")
    ),
    ApiEndpoint("targets", "POST", WRITE, _give_target, allowed=UNIT_TARGET_SETTERS),
    ApiEndpoint(
        "officer_targets",
        "POST",
        WRITE,
        _give_officer_target,
        needs_staff=True,
        allowed=OFFICER_TARGET_SETTERS,
    ),
    ApiEndpoint("complaints", "POST", WRITE, _new_letter, writers=LETTER_REGISTRARS, ok=201),
]


def api_object_cases() -> list[tuple[str, str, ApiEndpoint]]:
    cases = []
    for role in ROLES:
        for target in TARGETS:
            unit_code, permission = cell(role, target)
            if unit_code is None:
                continue
            for endpoint in API_ENDPOINTS:
                if endpoint.kind == PAGE:
                    continue
                if endpoint.needs_staff and STAFF_IN.get(unit_code) is None:
                    continue
                cases.append((role, target, endpoint))
    return cases


def api_expected_status(
    endpoint: ApiEndpoint, role: str, permission: str, target: str | None = None
) -> int:
    if endpoint.writers is not None and permission in {"r", "rw"}:
        permission = "rw" if role in endpoint.writers else "r"
    if endpoint.allowed is not None and permission in {"r", "rw"}:
        permission = "rw" if (role, target) in endpoint.allowed else "r"
    if endpoint.kind == PAGE:
        return 200
    if permission == "-":
        return 404
    if endpoint.kind == READ:
        return 200
    if endpoint.kind == WRITE:
        return endpoint.ok if permission == "rw" else 403
    raise ValueError(endpoint.kind)


# ---- the public portal (thads.portal): no login, the same answer for everyone -------------
PUBLIC_PAGES: list[str] = [
    "/cong-khai/",
    "/cong-khai/?q=nguyen&don_vi=TNG",
    "/cong-khai/xuat.csv",
    "/cong-khai/xuat.json",
    "/cong-khai/bien-dong.json",
    "/cong-khai/dau-gia/",
    "/cong-khai/tra-cuu/",
    "/cong-khai/don-vi/",
    "/api/v1/schema/",
    "/api/v1/docs/",
    "/api/v1/redoc/",
]
