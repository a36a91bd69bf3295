"""Exemption dossiers and form 6: dossiers counted by their steps, decisions from the cases'
`mien_giam` events (exempted or reduced as the linked dossier says), through `thads report
exemptions`."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from thads.cases.models import CaseEvent
from thads.common.errors import DomainError
from thads.oversight.services import exemptions
from thads.testing.targets import make_case

pytestmark = pytest.mark.django_db
D = dt.date


def mien_giam(case, on, amount, corrects=None, **data):
    return CaseEvent.objects.create(
        case=case,
        seq=case.events.count() + 1,
        type="mien_giam",
        on=on,
        amount=amount,
        data=data,
        law_version="2008",
        corrects=corrects,
    )


def report(unit="TNG", year=2026, month=12) -> dict:
    out = io.StringIO()
    call_command(
        "report",
        "exemptions",
        "--unit",
        unit,
        "--year",
        str(year),
        "--month",
        str(month),
        stdout=out,
    )
    return json.loads(out.getvalue())


def test_form_6_from_dossiers_and_mien_giam_events(demo_org):
    kv2, kv3 = demo_org["TNG-KV2"], demo_org["TNG-KV3"]
    a = make_case(kv2, is_state_budget=True)
    b = make_case(kv2, is_state_budget=True)
    c = make_case(kv3, is_state_budget=True)
    d = make_case(kv3, is_state_budget=True)
    da = exemptions.dossier_open(case=a, eligible_on=D(2025, 11, 3), amount_requested=5_000_000)
    db_ = exemptions.dossier_open(case=b, eligible_on=D(2025, 11, 4), amount_requested=8_000_000)
    dc = exemptions.dossier_open(case=c, eligible_on=D(2025, 9, 1), amount_requested=1_000_000)
    mien_giam(a, D(2026, 2, 2), 5_000_000)
    mien_giam(b, D(2026, 3, 2), 3_000_000)
    exemptions.dossier_update(
        da,
        sent_on=D(2025, 11, 10),
        court_accepted_on=D(2025, 12, 1),
        decided_on=D(2026, 2, 2),
        decision_no="3/QĐ-TA",
        result="mien",
        version=da.version,
    )
    exemptions.dossier_update(
        db_,
        sent_on=D(2025, 11, 10),
        court_accepted_on=D(2025, 12, 1),
        decided_on=D(2026, 3, 2),
        decision_no="4/QĐ-TA",
        result="giam",
        version=db_.version,
    )
    exemptions.dossier_update(
        dc,
        sent_on=D(2025, 9, 20),
        court_accepted_on=D(2025, 10, 5),
        decided_on=D(2026, 1, 5),
        decision_no="5/QĐ-TA",
        result="khong_chap_nhan",
        version=dc.version,
    )
    # No dossier: the event's own data says it exempts; a voided event does not count.
    mien_giam(d, D(2026, 4, 1), 700_000, kind="mien")
    wrong = mien_giam(d, D(2026, 4, 2), 100_000)
    CaseEvent.objects.create(
        case=d,
        seq=d.events.count() + 1,
        type="huy_su_kien",
        on=D(2026, 4, 3),
        law_version="2008",
        corrects=wrong,
    )
    mien_giam(d, D(2025, 9, 30), 900_000)  # before the year
    total = report()["total"]
    assert (total["du_dieu_kien"], total["da_lap_ho_so"], total["toa_thu_ly"]) == (2, 2, 3)
    assert (total["mien_viec"], total["mien_tien"]) == (2, 5_700_000)
    assert (total["giam_viec"], total["giam_tien"]) == (1, 3_000_000)
    assert total["khong_chap_nhan"] == 1
    assert total["da_xet"] == total["mien_viec"] + total["giam_viec"] + 1


def test_dossier_rules(demo_org):
    kv2 = demo_org["TNG-KV2"]
    private = make_case(kv2)
    with pytest.raises(DomainError, match="ngân sách"):
        exemptions.dossier_open(case=private, eligible_on=D(2025, 11, 3), amount_requested=1)
    case = make_case(kv2, is_state_budget=True)
    dossier = exemptions.dossier_open(case=case, eligible_on=D(2025, 11, 3), amount_requested=1)
    with pytest.raises(DomainError, match="thứ tự"):
        exemptions.dossier_update(
            dossier,
            sent_on=None,
            court_accepted_on=D(2025, 12, 1),
            decided_on=None,
            decision_no="",
            result="",
            version=dossier.version,
        )
    with pytest.raises(DomainError, match="Chưa có sự kiện miễn, giảm"):
        exemptions.dossier_update(
            dossier,
            sent_on=D(2025, 11, 4),
            court_accepted_on=D(2025, 12, 1),
            decided_on=D(2026, 1, 5),
            decision_no="1",
            result="mien",
            version=dossier.version,
        )
