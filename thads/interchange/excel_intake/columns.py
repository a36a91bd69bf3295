"""The columns of the intake sheet, their Vietnamese labels and the limits of an upload."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from django.utils import translation

from thads.cases.models import CaseMode, JudgmentKind, Party
from thads.common.text import fold_vietnamese

SHEET = "Thụ lý"


HELP_SHEET = "Hướng dẫn"


FIRST_ROW = 2  # row 1 holds the headers


MAX_ROWS = 20000


# Columns read from the sheet (the template has fewer; a few added by the user are ignored).
MAX_COLUMNS = 60


MAX_BYTES = 10 * 1024 * 1024


PREVIEW_ROWS = 200  # rows kept for the preview table (errors are all kept)


KEEP_DAYS = 7  # uploads older than this are purged


CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


Progress = Callable[[float], None]


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int = 18
    required: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("code", "Mã việc", 18),
    Column("decision_no", "Số QĐ THA", 16, True),
    Column("decision_date", "Ngày QĐ THA", 13, True),
    Column("accepted_on", "Ngày thụ lý", 13, True),
    Column("mode", "Hình thức", 14, True),
    Column("court", "Tòa án / cơ quan ban hành", 30, True),
    Column("judgment_no", "Số bản án", 16, True),
    Column("judgment_date", "Ngày bản án", 13, True),
    Column("kind", "Loại việc", 22, True),
    Column("officer", "Mã Chấp hành viên", 16),
    Column("amount", "Số tiền (đồng)", 16, True),
    Column("ngan_sach", "Ngân sách (x)", 11),
    Column("tin_dung", "Tín dụng (x)", 11),
    Column("tham_nhung_kinh_te", "Tham nhũng - kinh tế (x)", 13),
    Column("debtor_name", "Người phải thi hành - tên", 26, True),
    Column("debtor_kind", "Người phải thi hành - loại", 14),
    Column("debtor_id", "Người phải thi hành - CCCD", 16),
    Column("debtor_address", "Người phải thi hành - địa chỉ", 30),
    Column("creditor_name", "Người được thi hành - tên", 26),
    Column("creditor_kind", "Người được thi hành - loại", 14),
    Column("creditor_id", "Người được thi hành - CCCD/mã số", 18),
    Column("creditor_address", "Người được thi hành - địa chỉ", 30),
)


FLAG_KEYS = ("ngan_sach", "tin_dung", "tham_nhung_kinh_te")


def fold(text: str) -> str:
    """Lower case without diacritics or extra spaces: how headers and list values are matched."""
    return re.sub(r"[\s_\-–/()]+", " ", fold_vietnamese(str(text))).strip()


def _labels(choices) -> list[tuple[str, str]]:
    """(value, Vietnamese label) of a TextChoices (the template is always in Vietnamese)."""
    with translation.override("vi"):
        return [(value, str(label)) for value, label in choices.choices]


MODE_LABELS = [(CaseMode.CHU_DONG.value, "Chủ động"), (CaseMode.THEO_DON.value, "Theo đơn")]


KIND_LABELS = _labels(JudgmentKind)


PARTY_KIND_LABELS = _labels(Party.Kind)


def _lookup(pairs: list[tuple[str, str]], extra: dict[str, str] | None = None) -> dict[str, str]:
    table = {}
    for value, label in pairs:
        table[fold(value)] = value
        table[fold(label)] = value
    for text, value in (extra or {}).items():
        table[fold(text)] = value
    return table


MODES = _lookup(MODE_LABELS, {"theo đơn yêu cầu": CaseMode.THEO_DON})


KINDS = _lookup(KIND_LABELS)


PARTY_KINDS = _lookup(PARTY_KIND_LABELS)


HEADERS = {fold(c.header): c for c in COLUMNS}


MARKS = {"x", "co", "1", "true"}
