"""Identity numbers (`common.identity`): CCCD, CMND, organisations' tax codes."""

from __future__ import annotations

import pytest

from thads.common.errors import DomainError
from thads.common.identity import identity_number_clean, personal_number_clean, tax_code_clean


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("019180000123", "019180000123"),  # CCCD: Thái Nguyên, a woman born in 1980
        (" 001 085 012345 ", "001085012345"),  # spaces typed between the groups
        ("096300000001", "096300000001"),  # the last province code (Cà Mau)
        ("090123456", "090123456"),  # an old CMND, 9 digits
        ("", ""),
    ],
)
def test_personal_numbers_accepted(typed, kept):
    assert personal_number_clean(typed) == kept
    assert identity_number_clean(typed, organisation=False) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "0190ABC",
        "abc",
        "01918000012",  # 11 digits
        "0191800001234",  # 13 digits
        "09012345",  # 8 digits
        "000180000123",  # no province 000
        "097180000123",  # no province 097
        "٠١٩١٨٠٠٠٠١٢٣",  # Arabic-Indic digits are not ASCII digits
        "019-180-000-123",
        "0101234567",  # a tax code is not a person's number
    ],
)
def test_personal_numbers_refused(typed):
    with pytest.raises(DomainError) as refused:
        identity_number_clean(typed, organisation=False)
    assert "không hợp lệ" in refused.value.message
    assert typed.strip() in refused.value.message


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("0101234567", "0101234567"),
        ("0101234567-001", "0101234567-001"),
        ("0101234567001", "0101234567-001"),  # 13 digits put in the 10-3 form
        (" 4600123456 - 012 ", "4600123456-012"),
    ],
)
def test_tax_codes_accepted(typed, kept):
    assert tax_code_clean(typed) == kept
    assert identity_number_clean(typed, organisation=True) == kept


@pytest.mark.parametrize(
    "typed",
    ["010123456", "01012345678", "0101234567-01", "0101234567-000", "0101234567/001", "MST01"],
)
def test_tax_codes_refused(typed):
    with pytest.raises(DomainError) as refused:
        identity_number_clean(typed, organisation=True)
    assert "Mã số thuế" in refused.value.message
