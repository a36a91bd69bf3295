"""Citizen reception sessions (Luật Tiếp công dân 2013; TT 13/2021/TT-BTP)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thads.common.errors import DomainError
from thads.complaints.models import ReceptionSession
from thads.complaints.services.common import author, not_future
from thads.org.models import Staff, Unit

COUNTS = (
    "visits",
    "people",
    "matters_old",
    "matters_new",
    "groups",
    "group_people",
    "group_matters",
    "about_khieu_nai",
    "about_to_cao",
    "about_kien_nghi",
)


@dataclass
class SessionInput:
    held_on: dt.date
    form: str
    place: str = ""
    host: Staff | None = None
    by_leader: bool = False
    visits: int = 0
    people: int = 0
    matters_old: int = 0
    matters_new: int = 0
    groups: int = 0
    group_people: int = 0
    group_matters: int = 0
    about_khieu_nai: int = 0
    about_to_cao: int = 0
    about_kien_nghi: int = 0
    content: str = ""
    outcome: str = ""


def _check(data: SessionInput) -> None:
    if any(getattr(data, name) < 0 for name in COUNTS):
        raise DomainError(_("Số lượt, người, vụ việc không được âm."))
    if data.visits == 0:
        raise DomainError(_("Buổi tiếp phải có ít nhất một lượt công dân."))
    if data.people == 0 or data.people > data.visits + data.group_people:
        raise DomainError(
            _("Số người phải từ 1 và không vượt quá số lượt cộng số người trong đoàn.")
        )
    matters = data.matters_old + data.matters_new
    if data.about_khieu_nai + data.about_to_cao + data.about_kien_nghi != matters:
        raise DomainError(
            _("Số vụ việc theo nội dung (%(by_kind)s) phải bằng số vụ việc cũ và mới (%(n)s).")
            % {
                "by_kind": data.about_khieu_nai + data.about_to_cao + data.about_kien_nghi,
                "n": matters,
            }
        )
    if data.groups and not (data.group_people and data.group_matters):
        raise DomainError(_("Đoàn đông người phải ghi số người và số vụ việc của đoàn."))
    if data.group_people > data.people or data.group_matters > matters:
        raise DomainError(_("Số người, vụ việc của đoàn không vượt quá tổng số."))
    if not data.groups and (data.group_people or data.group_matters):
        raise DomainError(_("Chưa ghi số đoàn đông người."))


@transaction.atomic
def session_record(
    unit: Unit, data: SessionInput, *, by: Any = None, today: dt.date | None = None
) -> ReceptionSession:
    """Ghi một buổi tiếp công dân with its counts (lượt, người, vụ việc cũ / mới, đoàn đông
    người), content and outcome; letters handed in are then entered in the register with the
    session (`letter_register(..., reception=session)`)."""
    not_future(data.held_on, today)
    if not unit.is_valid_on(data.held_on):
        raise DomainError(_("Đơn vị không hoạt động vào ngày tiếp."))
    _check(data)
    user = author(by)
    session = ReceptionSession(
        unit=unit,
        held_on=data.held_on,
        form=data.form,
        place=data.place.strip(),
        host=data.host,
        by_leader=data.by_leader,
        content=data.content.strip(),
        outcome=data.outcome.strip(),
        created_by=user,
        updated_by=user,
        **{name: getattr(data, name) for name in COUNTS},
    )
    session.full_clean()
    session.save()
    return session
