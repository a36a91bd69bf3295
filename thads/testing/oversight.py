"""Oversight fixtures: `judgment(unit, officer, **overrides)` registers an administrative
judgment through the service (defaults: a first-instance judgment of kind a against a district
People's Committee, received on 03/11/2016, with content to monitor)."""

from __future__ import annotations

import datetime as dt
import itertools

from thads.org.models import Staff, Unit
from thads.oversight.models import AdminJudgment
from thads.oversight.services import thahc

_numbers = itertools.count(1)


def judgment(unit: Unit, officer: Staff | None, **overrides) -> AdminJudgment:
    n = next(_numbers)
    received = overrides.pop("received_on", dt.date(2016, 11, 3))
    data = {
        "court": "Tòa án nhân dân tỉnh Thái Nguyên",
        "number": f"{n:03d}/2016/HC-ST",
        "judgment_date": received - dt.timedelta(days=20),
        "instance": "so_tham",
        "doc_type": "ban_an",
        "kind": "diem_a",
        "received_on": received,
        "plaintiff": f"Người khởi kiện {n}",
        "obliged_name": "Ủy ban nhân dân huyện Đại Từ",
        "obliged_body": "ubnd_huyen",
        "content": "Hủy quyết định hành chính, cấp lại giấy chứng nhận",
        "has_content": True,
        "officer": officer,
    }
    data.update(overrides)
    if not data["has_content"]:
        data["officer"] = None
    return thahc.judgment_register(unit=unit, data=thahc.JudgmentInput(**data))
