"""What the public portal may show of a person: the published fields only (NĐ 62/2015, Điều
11: name, address, obligation) — never an identity number, never a creditor (NĐ 13/2023 on
personal data)."""

from __future__ import annotations

import re

from thads.cases.models import Party

HOUSE_NUMBER = re.compile(r"^\s*(số\s*)?\d+[\w/\-]*\b", re.IGNORECASE)
# The 4th digit of a 12-digit citizen identity number (CCCD, TT 59/2021/TT-BCA, Điều 7)
# codes century and sex; the 5th and 6th are the last two digits of the year of birth.
CENTURY = {"0": 1900, "1": 1900, "2": 2000, "3": 2000, "4": 2100, "5": 2100}


def birth_year(party: Party) -> int | None:
    """The year of birth of a person, read from the CCCD number (the number is never shown)."""
    number = (party.id_number or "").strip()
    if party.kind != Party.Kind.CA_NHAN or len(number) != 12 or not number.isdigit():
        return None
    century = CENTURY.get(number[3])
    return None if century is None else century + int(number[4:6])


def public_address(address: str) -> str:
    """The address without the house number (the place, not the door)."""
    parts = [p.strip() for p in (address or "").split(",") if p.strip()]
    kept = [p for p in parts if not HOUSE_NUMBER.match(p)]
    return ", ".join(kept)
