"""Identity numbers of parties: one check for the intake screen, the Excel intake, the import
and the API (through `cases.services`).

- A person: the 12-digit number of the căn cước / CCCD (= số định danh cá nhân, Luật Căn cước
  2023, Điều 12 and 19; Nghị định 70/2024/NĐ-CP, Điều 8: 3 digits of the province of birth,
  1 digit of sex and century, 2 of the year of birth, 6 random), or the 9-digit number of the
  old chứng minh nhân dân. The CMND stopped being valid on 31/12/2024 (Luật Căn cước 2023,
  Điều 46 k1), but papers issued with its number keep their value (Điều 46 k3): judgments and
  decisions name parties by the CMND they held, so the 9-digit number stays accepted.
- An organisation: its tax code (mã số thuế), 10 digits, or 13 written as 10 digits, a hyphen
  and the 3 digits of a dependent unit or branch (Thông tư 105/2020/TT-BTC, Điều 5 k3:
  N1…N10-N11N12N13). Thirteen digits typed without the hyphen are put in that form.

Blanks and spaces inside a number are ignored ("001 085 012345"); only ASCII digits count.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from thads.common.errors import DomainError

PERSONAL_RE = re.compile(r"^[0-9]{12}$")
OLD_PERSONAL_RE = re.compile(r"^[0-9]{9}$")
TAX_CODE_RE = re.compile(r"^([0-9]{10})(?:-?([0-9]{3}))?$")
# Province codes of the CCCD (Thông tư 59/2021/TT-BCA, Phụ lục): 001 (Hà Nội) to 096 (Cà Mau).
PROVINCE_CODES = range(1, 97)


def _compact(number: str) -> str:
    return "".join((number or "").split())


def personal_number_clean(number: str) -> str:
    """A person's CCCD (12 digits, a real province code) or old CMND (9 digits); '' for none.

    Luật Căn cước 2023, Điều 12, 19, 46; Nghị định 70/2024/NĐ-CP, Điều 8.
    """
    compact = _compact(number)
    if not compact:
        return ""
    if OLD_PERSONAL_RE.match(compact):
        return compact
    if PERSONAL_RE.match(compact) and int(compact[:3]) in PROVINCE_CODES:
        return compact
    if PERSONAL_RE.match(compact):
        raise DomainError(
            _("Số CCCD “%(number)s” không hợp lệ: 3 chữ số đầu (%(code)s) không phải mã tỉnh.")
            % {"number": number.strip(), "code": compact[:3]}
        )
    raise DomainError(
        _(
            "Số CCCD / CMND “%(number)s” không hợp lệ: số CCCD gồm 12 chữ số, số CMND cũ "
            "gồm 9 chữ số."
        )
        % {"number": number.strip()}
    )


def tax_code_clean(number: str) -> str:
    """An organisation's tax code: 10 digits or 10-3 (Thông tư 105/2020/TT-BTC, Điều 5)."""
    compact = _compact(number)
    if not compact:
        return ""
    match = TAX_CODE_RE.match(compact)
    if match is None or match[2] == "000":
        raise DomainError(
            _(
                "Mã số thuế “%(number)s” không hợp lệ: gồm 10 chữ số, hoặc 13 chữ số viết "
                "dạng 0101234567-001 (đơn vị phụ thuộc, chi nhánh)."
            )
            % {"number": number.strip()}
        )
    return f"{match[1]}-{match[2]}" if match[2] else match[1]


def identity_number_clean(number: str, *, organisation: bool) -> str:
    """The party's number in its canonical form, or a DomainError saying what is wrong."""
    return tax_code_clean(number) if organisation else personal_number_clean(number)
