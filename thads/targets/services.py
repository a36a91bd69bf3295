"""Writes of targets: set by the parent unit, split down to officers, imported from Excel.

Who sets what (Thông tư 06/2019/TT-BTP and the yearly plans of the Tổng cục / Cục Quản lý
THADS: targets are assigned by the level above):

* the national department (Cục Quản lý THADS) sets the provinces' targets;
* a province's leaders set the targets of the units directly below it;
* a unit's head (or deputy) splits the unit's targets down to its officers.

Every value is a percentage from 0 to 100 with at most two decimals. Every change is appended
to `TargetChange` in the same transaction; bad input raises `DomainError` and changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from thads.common.errors import DomainError
from thads.common.uploads import read_xlsx_rows
from thads.org.access import Access
from thads.org.models import Staff, Unit
from thads.targets.models import OfficerTarget, Target, TargetChange
from thads.targets.permissions import may_set_officer_target, may_set_unit_target
from thads.targets.selectors import officers_of

# Roles that lead a unit and may therefore give targets to the level below.
UNIT_FIELDS = (
    "case_rate",
    "money_rate",
    "decisions_on_time_rate",
    "complaints_on_time_rate",
    "carried_over_reduction",
)
OPTIONAL_FIELDS = UNIT_FIELDS[2:]
FIELD_LABELS = TargetChange.FIELD_LABELS
# Changing a unit's official target (given by the level above) on the screens or through the
# API needs a reason, kept in the change log; an import carries the other system's decisions
# as they are.
REASONED_SOURCES = frozenset({"form", "excel", "api"})
_RATE_RE = re.compile(r"^\d{1,3}([.,]\d{1,2})?$")


def parse_rate(value, label: str = "Tỷ lệ") -> Decimal:
    """A percentage from 0 to 100 with at most two decimals: "82,50", "82.5", 82.5, Decimal.

    Raises DomainError with a Vietnamese message otherwise.
    """
    if isinstance(value, bool) or value is None or value == "":
        raise DomainError(_("%(label)s: chưa nhập.") % {"label": label})
    if isinstance(value, Decimal):
        text = format(value, "f")
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, float):
        text = repr(value)
    else:
        text = str(value).strip().rstrip("%").strip()
    extra_zeros = re.match(r"^(\d+[.,]\d{2})0+$", text)
    if extra_zeros:  # "82.500" from a spreadsheet is 82.50
        text = extra_zeros.group(1)
    if not _RATE_RE.match(text):
        raise DomainError(
            _(
                "%(label)s: “%(value)s” không hợp lệ — nhập số phần trăm từ 0 đến 100, "
                "tối đa hai chữ số thập phân, ví dụ 82,50."
            )
            % {"label": label, "value": value}
        )
    try:
        number = Decimal(text.replace(",", "."))
    except InvalidOperation:  # pragma: no cover - the pattern above already refuses it
        raise DomainError(_("%(label)s: không hợp lệ.") % {"label": label}) from None
    if number > 100:
        raise DomainError(
            _("%(label)s: %(value)s vượt quá 100%%.") % {"label": label, "value": value}
        )
    return number.quantize(Decimal("0.01"))


def _check_year(year) -> int:
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2200:
        raise DomainError(_("Năm báo cáo không hợp lệ (%(year)s).") % {"year": year})
    return year


def _log(unit, staff, year, field, old, new, by, reason, source) -> None:
    if old == new:
        return
    TargetChange.objects.create(
        unit=unit,
        staff=staff,
        year=year,
        field=field,
        old_value=old,
        new_value=new,
        changed_by=by,
        reason=reason or "",
        source=source,
    )


@transaction.atomic
def target_set(
    access: Access,
    unit: Unit,
    year: int,
    *,
    case_rate,
    money_rate,
    by=None,
    reason: str = "",
    source: str = "form",
    **optional,
) -> Target:
    """Set (or change) the targets of `unit` for report `year`, logging each changed value.

    Only the parent unit's leaders or heads may (the national department for provinces).
    Optional targets (decisions on time, complaints on time, carried-over reduction) are kept
    unchanged when not given; an empty value clears them.
    """
    if not may_set_unit_target(access, unit):
        raise DomainError(
            _("Chỉ lãnh đạo đơn vị cấp trên trực tiếp mới được giao chỉ tiêu cho %(unit)s.")
            % {"unit": unit.name}
        )
    year = _check_year(year)
    unknown = set(optional) - set(OPTIONAL_FIELDS)
    if unknown:
        raise ValueError(f"unknown targets: {sorted(unknown)}")
    values = {
        "case_rate": parse_rate(case_rate, str(FIELD_LABELS["case_rate"])),
        "money_rate": parse_rate(money_rate, str(FIELD_LABELS["money_rate"])),
    }
    for key, value in optional.items():
        values[key] = None if value in (None, "") else parse_rate(value, str(FIELD_LABELS[key]))
    target = Target.objects.select_for_update().filter(unit=unit, year=year).first()
    if target is None:
        target = Target(unit=unit, year=year, created_by=by)
        old = dict.fromkeys(values)
    else:
        old = {key: getattr(target, key) for key in values}
        changed = any(old[key] != value for key, value in values.items())
        if changed and source in REASONED_SOURCES and not (reason or "").strip():
            raise DomainError(
                _(
                    "Chỉ tiêu năm %(year)s của %(unit)s đã được giao: muốn thay đổi phải ghi lý do "
                    "(lý do được lưu vào lịch sử thay đổi)."
                )
                % {"year": year, "unit": unit.name}
            )
        target.version += 1
    for key, value in values.items():
        setattr(target, key, value)
    target.set_by = by
    target.updated_by = by
    target.save()
    for key, value in values.items():
        _log(unit, None, year, key, old[key], value, by, reason, source)
    return target


@transaction.atomic
def officer_target_set(
    access: Access,
    unit: Unit,
    staff: Staff,
    year: int,
    *,
    case_rate,
    money_rate,
    by=None,
    reason: str = "",
) -> OfficerTarget:
    """A head splits its unit's targets down to one of its officers (Chấp hành viên)."""
    if not may_set_officer_target(access, unit):
        raise DomainError(
            _("Chỉ Thủ trưởng đơn vị mới được giao chỉ tiêu cho Chấp hành viên của đơn vị.")
        )
    year = _check_year(year)
    if staff.pk not in {s.pk for s in officers_of(unit)}:
        raise DomainError(
            _("%(name)s không phải Chấp hành viên đang công tác tại %(unit)s.")
            % {"name": staff.full_name, "unit": unit.name}
        )
    values = {
        "case_rate": parse_rate(case_rate, str(FIELD_LABELS["case_rate"])),
        "money_rate": parse_rate(money_rate, str(FIELD_LABELS["money_rate"])),
    }
    target = (
        OfficerTarget.objects.select_for_update().filter(unit=unit, staff=staff, year=year).first()
    )
    if target is None:
        target = OfficerTarget(unit=unit, staff=staff, year=year, created_by=by)
        old = dict.fromkeys(values)
    else:
        old = {key: getattr(target, key) for key in values}
        target.version += 1
    for key, value in values.items():
        setattr(target, key, value)
    target.set_by = by
    target.updated_by = by
    target.save()
    for key, value in values.items():
        _log(unit, staff, year, key, old[key], value, by, reason, "form")
    return target


@transaction.atomic
def targets_create_imported(
    targets: list[tuple[Unit, int, Decimal, Decimal]], *, batch_size: int = 2000
) -> list[Target]:
    """New targets read by `thads import`, `(unit, year, case_rate, money_rate)` each, with
    their change log, in bulk (an import brings targets for a whole tree at once).

    The importer has checked the values and that no target exists yet for the same unit and
    year. An import has nobody logged in: no `set_by` / `changed_by`; each value set is logged
    like any other change (old value empty, source "import", the time of the import).
    """
    rows = [
        Target(unit=unit, year=year, case_rate=case_rate, money_rate=money_rate)
        for unit, year, case_rate, money_rate in targets
    ]
    Target.objects.bulk_create(rows, batch_size=batch_size)
    TargetChange.objects.bulk_create(
        [
            TargetChange(
                unit=target.unit,
                year=target.year,
                field=key,
                old_value=None,
                new_value=getattr(target, key),
                source="import",
            )
            for target in rows
            for key in ("case_rate", "money_rate")
        ],
        batch_size=batch_size,
    )
    return rows


@dataclass
class TargetEntry:
    """The rates typed for one line of the assignment screen: a unit, or an officer."""

    name: str
    case_rate: str | Decimal  # as typed, or already read by the screen's form
    money_rate: str | Decimal
    unit: Unit | None = None
    staff: Staff | None = None


class TargetsRefused(DomainError):
    """Some lines were refused; nothing was saved. `errors`: one message per line."""

    def __init__(self, errors: list[str]):
        super().__init__(" ".join(errors))
        self.errors = errors


@transaction.atomic
def targets_assign(
    access: Access,
    parent: Unit,
    year: int,
    entries: list[TargetEntry],
    *,
    by=None,
    reason: str = "",
) -> int:
    """Give the targets of the level below `parent` — its units, or a local unit's officers —
    all or nothing: every refused line is reported (TargetsRefused) and nothing is saved."""
    errors: list[str] = []
    for entry in entries:
        try:
            if entry.staff is not None:
                officer_target_set(
                    access,
                    parent,
                    entry.staff,
                    year,
                    case_rate=entry.case_rate,
                    money_rate=entry.money_rate,
                    by=by,
                    reason=reason,
                )
            else:
                target_set(
                    access,
                    entry.unit,
                    year,
                    case_rate=entry.case_rate,
                    money_rate=entry.money_rate,
                    by=by,
                    reason=reason,
                )
        except DomainError as exc:
            errors.append(f"{entry.name}: {exc.message}")
    if errors:
        raise TargetsRefused(errors)
    return len(entries)


# ---- Excel upload -------------------------------------------------------------------------

XLSX_HEADER = [
    "Mã đơn vị",
    "Tên đơn vị",
    "Năm báo cáo",
    "Chỉ tiêu về việc (%)",
    "Chỉ tiêu về tiền (%)",
]


@dataclass
class UploadRow:
    line: int
    unit: Unit
    year: int
    case_rate: Decimal
    money_rate: Decimal
    old_case_rate: Decimal | None = None
    old_money_rate: Decimal | None = None

    def as_data(self) -> list:
        return [self.line, self.unit.code, self.year, str(self.case_rate), str(self.money_rate)]


@dataclass
class UploadCheck:
    rows: list[UploadRow]
    errors: list[str]

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def template_xlsx(parent: Unit, year: int) -> bytes:
    """An empty sheet to fill: one line per unit directly below `parent`, current targets."""
    import io

    from openpyxl.styles import Font

    from thads.common.spreadsheets import new_workbook

    wb = new_workbook()
    ws = wb.active
    ws.title = "Chỉ tiêu"
    ws.append(XLSX_HEADER)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    existing = {t.unit_id: t for t in Target.objects.filter(unit__parent=parent, year=year)}
    for unit in parent.children.filter(valid_to__isnull=True).order_by("tree_order"):
        t = existing.get(unit.pk)
        ws.append(
            [
                unit.code,
                unit.name,
                year,
                float(t.case_rate) if t else None,
                float(t.money_rate) if t else None,
            ]
        )
    for letter, width in zip("ABCDE", (14, 50, 12, 20, 20), strict=True):
        ws.column_dimensions[letter].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def check_upload(access: Access, rows: list[list]) -> UploadCheck:
    """Validate sheet rows (header first): every error as "Dòng N: …", nothing written."""
    errors: list[str] = []
    parsed: list[UploadRow] = []
    if not rows:
        return UploadCheck([], [_("Tệp không có dữ liệu.")])
    header = [str(c or "").strip() for c in rows[0]]
    if [h.lower() for h in header[:5]] != [h.lower() for h in XLSX_HEADER]:
        return UploadCheck(
            [],
            [
                _("Dòng 1: tiêu đề cột phải là: %(cols)s.")
                % {"cols": ", ".join(f"“{h}”" for h in XLSX_HEADER)}
            ],
        )
    codes = {str(r[0]).strip() for r in rows[1:] if r and r[0] not in (None, "")}
    units = {u.code: u for u in Unit.objects.filter(code__in=codes)}
    seen: dict[tuple[str, int], int] = {}
    for index, raw in enumerate(rows[1:], start=2):
        cells = list(raw) + [None] * (5 - len(raw))
        if all(c in (None, "") for c in cells[:5]):
            continue
        code = str(cells[0] or "").strip()
        problems = []
        unit = units.get(code)
        if not code:
            problems.append(_("thiếu mã đơn vị"))
        elif unit is None:
            problems.append(_("không có đơn vị mã “%(code)s”") % {"code": code})
        elif not may_set_unit_target(access, unit):
            problems.append(
                _("bạn không được giao chỉ tiêu cho %(unit)s (chỉ đơn vị cấp trên trực tiếp)")
                % {"unit": unit.name}
            )
        year = cells[2]
        if isinstance(year, float) and year.is_integer():
            year = int(year)
        if isinstance(year, str) and year.strip().isdigit():
            year = int(year.strip())
        if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2200:
            problems.append(_("năm báo cáo không hợp lệ (“%(year)s”)") % {"year": cells[2]})
            year = None
        rates = []
        for col, key in ((3, "case_rate"), (4, "money_rate")):
            try:
                rates.append(parse_rate(cells[col], str(FIELD_LABELS[key])))
            except DomainError as exc:
                problems.append((exc.message[0].lower() + exc.message[1:]).rstrip("."))
        if unit is not None and year is not None:
            key = (code, year)
            if key in seen:
                problems.append(
                    _("trùng với dòng %(line)s (cùng đơn vị, cùng năm)") % {"line": seen[key]}
                )
            seen.setdefault(key, index)
        if problems:
            errors.append(
                _("Dòng %(line)s: %(problems)s.") % {"line": index, "problems": "; ".join(problems)}
            )
            continue
        parsed.append(UploadRow(index, unit, year, rates[0], rates[1]))
    if not parsed and not errors:
        errors.append(_("Tệp không có dòng chỉ tiêu nào."))
    current = {
        (t.unit_id, t.year): t
        for t in Target.objects.filter(
            unit_id__in=[r.unit.pk for r in parsed], year__in={r.year for r in parsed}
        )
    }
    for row in parsed:
        t = current.get((row.unit.pk, row.year))
        if t is not None:
            row.old_case_rate, row.old_money_rate = t.case_rate, t.money_rate
    return UploadCheck(parsed, errors)


# A targets sheet has one line per unit below a province: small. Bounded before it is read.
UPLOAD_MAX_BYTES = 2 * 1024 * 1024
UPLOAD_MAX_ROWS = 2000
UPLOAD_MAX_COLUMNS = 20


def read_xlsx(data: bytes) -> list[list]:
    """The first sheet's values, row by row, through the safe reader (`common.uploads`: size,
    rows and columns bounded before reading); an unreadable file raises DomainError."""
    rows = read_xlsx_rows(data, max_rows=UPLOAD_MAX_ROWS, max_columns=UPLOAD_MAX_COLUMNS)
    out = []
    for row in rows:
        cells = list(row)
        while cells and cells[-1] is None:
            cells.pop()
        out.append(cells)
    return out


@transaction.atomic
def targets_import(access: Access, rows: list[list], *, by=None, reason: str = "") -> int:
    """All or nothing: validate every row again, then set every target (source "excel")."""
    check = check_upload(access, rows)
    if not check.ok:
        raise DomainError(" ".join(check.errors) or _("Tệp không có dòng chỉ tiêu nào."))
    for row in check.rows:
        target_set(
            access,
            row.unit,
            row.year,
            case_rate=row.case_rate,
            money_rate=row.money_rate,
            by=by,
            reason=reason,
            source="excel",
        )
    return len(check.rows)
