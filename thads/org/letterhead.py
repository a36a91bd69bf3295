"""The agency block of a document: names as they were on the document's date.

Units are renamed by succession, never in place (the 01/07/2025 reform): a document dated after
a Chi cục ended carries the name of the unit that continues it (`unit_on`). The procuracy of
the same level (Viện kiểm sát nhân dân) is named after the unit's territory (`procuracy_name`).
"""

from __future__ import annotations

import datetime as dt
import re

from thads.common.paper import Header, Signature
from thads.org.models import Membership, Unit

THADS = "Thi hành án dân sự"
PLACE = re.compile(r"(?:tỉnh|thành phố)\s+(.+)$")


def unit_on(unit: Unit, day: dt.date) -> Unit:
    """The unit that carried `unit`'s work on `day` (itself, or a successor after it ended)."""
    seen = set()
    while unit.valid_to is not None and unit.valid_to < day and unit.successor_id:
        if unit.pk in seen:
            break
        seen.add(unit.pk)
        unit = unit.successor
    return unit


def province_of(unit: Unit) -> Unit | None:
    current: Unit | None = unit
    while current is not None and current.level != Unit.Level.PROVINCE:
        current = current.parent
    return current


def place_of(unit: Unit) -> str:
    """The place written before the date: the province's name ("Thái Nguyên")."""
    province = province_of(unit)
    if province is None:
        return "Hà Nội"
    match = PLACE.search(province.name)
    return match.group(1) if match else province.name


def procuracy_name(unit: Unit) -> str:
    """Viện kiểm sát nhân dân of the same level ("… khu vực 2 – Thái Nguyên", "… huyện Đại Từ")."""
    name = unit.name
    index = name.find(THADS)
    territory = name[index + len(THADS) :].strip() if index >= 0 else name
    return f"Viện kiểm sát nhân dân {territory}".strip()


def header_for(unit: Unit, day: dt.date | None, number: str = "") -> Header:
    """The header of a document of `unit` dated `day` (None: a blank form), numbered `number`."""
    issuing = unit_on(unit, day) if day else unit
    parent = issuing.parent.name if issuing.parent_id else ""
    return Header(
        parent=parent, agency=issuing.name, number=number, place=place_of(issuing), day=day
    )


def head_of(unit: Unit, day: dt.date) -> Membership | None:
    """The head's posting in `unit` on `day` (the signer of the agency's decisions)."""
    postings = Membership.objects.filter(unit=unit, is_head=True, valid_from__lte=day)
    for posting in postings.select_related("staff").order_by("-valid_from"):
        if posting.valid_to is None or posting.valid_to >= day:
            return posting
    return None


# The kinds of agency by the start of their name: (number suffix, the head's title).
AGENCY_KINDS = [
    ("Chi cục", "CCTHADS", "CHI CỤC TRƯỞNG"),
    ("Cục", "CTHADS", "CỤC TRƯỞNG"),
    ("Phòng", "PTHADS", "TRƯỞNG PHÒNG"),
]
OTHER_AGENCY = ("", "THADS", "THỦ TRƯỞNG")


def _agency_kind(agency: str) -> tuple[str, str, str]:
    return next((k for k in AGENCY_KINDS if agency.startswith(k[0])), OTHER_AGENCY)


def head_title(agency: str) -> str:
    """The head's title on the signature block, from the agency's kind."""
    return _agency_kind(agency)[2]


def number_suffix(agency: str) -> str:
    """The agency part of a document's number: "12/QĐ-CCTHADS", "12/QĐ-PTHADS"."""
    return _agency_kind(agency)[1]


def head_signature(unit: Unit, day: dt.date) -> Signature:
    """The signature block of the head of the unit that carried `unit`'s work on `day`."""
    issuing = unit_on(unit, day)
    head = head_of(issuing, day)
    return Signature(role=head_title(issuing.name), name=head.staff.full_name if head else "")
