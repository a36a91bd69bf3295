"""Forms 8 and 9 through `thads report`: the seeds' 38/40 (95,00 %) and the national 2023
report's 2.590 of 2.669 matters (97,04 %), from interchange `complaint` records (one letter each:
"chuyen" a forwarded letter, otherwise an accepted matter)."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from thads.common.form_sources import form_source
from thads.complaints import services
from thads.complaints.models import Complaint, Matter
from thads.complaints.services import HandlingInput, LetterInput, MatterInput, SenderInput

pytestmark = pytest.mark.django_db

D = dt.date


def _record(code, unit, received, resolved=None, result=None, kind="khieu_nai"):
    rec = {"type": "complaint", "code": code, "unit": unit, "kind": kind,
           "received_on": received.isoformat(), "case": None,
           "resolved_on": resolved.isoformat() if resolved else None}  # fmt: skip
    if result:
        rec["result"] = result
    return rec


def _import(tmp_path, records):
    path = tmp_path / "don.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n")
    call_command("import", str(path), "--today", "2026-11-21", stdout=io.StringIO())


def _report(*args) -> dict:
    out = io.StringIO()
    call_command("report", *args, "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def _letters(unit: str, resolved: int, total: int, prefix: str = "KN") -> list[dict]:
    """`total` matters: 5 carried over from before 01/10/2025, the rest accepted in the report
    year; the first `resolved` resolved in the year by 30/06/2026 (the last of them on that
    very day, and one more on 01/07, after the cut-off); 3 letters forwarded (letters, not
    matters)."""
    results = ["sai", "dung", "dung_mot_phan", "rut"]
    records = []
    for i in range(total):
        received = D(2025, 9, 10) if i < 5 else D(2025, 10, 1) + dt.timedelta(days=i % 250)
        if i < resolved - 1:
            done = max(received + dt.timedelta(days=20), D(2025, 10, 15))
        elif i == resolved - 1:
            done = D(2026, 6, 30)
        elif i == resolved:
            done = D(2026, 7, 1)
        else:
            done = None
        code = f"{unit}/{prefix}/{i:05d}"
        records.append(_record(code, unit, received, done, results[i % 4] if done else None))
    for i in range(3):
        code = f"{unit}/{prefix}/CH{i}"
        records.append(_record(code, unit, D(2026, 2, 2), D(2026, 2, 4), "chuyen"))
    return records


def test_seeds_38_of_40_is_95_percent(shared_demo_org, tmp_path):
    _import(tmp_path, _letters("TNG-KV3", resolved=38, total=40))
    payload = _report("complaints", "--unit", "TNG-KV3", "--year", "2026", "--as-of", "2026-06-30")
    total = payload["total"]
    assert payload["form"] == "8"
    assert (total["phai_giai_quyet"], total["da_giai_quyet"], total["ty_le"]) == (40, 38, "95.00")
    assert (total["viec_cu"], total["viec_moi"], total["dang_giai_quyet"]) == (5, 35, 2)
    # A forwarded letter counts as a letter, not a matter.
    assert total["don_tiep_nhan"] == 38 and total["don_chuyen"] == 3
    assert total["don_thuoc_tq"] == 35 and total["kn1_phai_giai_quyet"] == 40
    keys = set(form_source("complaints").keys) | {"unit", "name", "ty_le"}
    assert set(total) == keys and all(set(r) == keys for r in payload["rows"])
    assert Matter.objects.filter(letter__unit__code="TNG-KV3").count() == 40


def test_national_2590_of_2669_is_97_04_percent(shared_demo_org, tmp_path):
    records = _letters("TNG-KV2", resolved=1300, total=1330)
    records += _letters("TNG-KV3", resolved=900, total=930, prefix="KV")
    records += _letters("CBG-KV1", resolved=390, total=409)
    _import(tmp_path, records)
    payload = _report("complaints", "--unit", "TW", "--year", "2026", "--as-of", "2026-06-30")
    total = payload["total"]
    assert (total["phai_giai_quyet"], total["da_giai_quyet"]) == (2669, 2590)
    assert total["ty_le"] == "97.04"
    assert sum(r["phai_giai_quyet"] for r in payload["rows"]) == 2669
    assert payload["checks"] == [{"rule": "Cộng các dòng đơn vị bằng tổng", "ok": True}]


def test_no_base_no_rate_and_csv(shared_demo_org):
    payload = _report("complaints", "--unit", "TNG-KV2", "--year", "2020", "--month", "3")
    assert payload["total"]["phai_giai_quyet"] == 0 and payload["total"]["ty_le"] is None
    out = io.StringIO()
    call_command("report", "complaints", "--unit", "TNG-KV2", "--year", "2020", "--month", "3",
                 "--format", "csv", stdout=out)  # fmt: skip
    assert out.getvalue().splitlines()[0].startswith("unit,name,don_tiep_nhan")


def test_duplicates_overdue_and_drill_down(shared_demo_org):
    from thads.org.models import Unit

    unit = Unit.objects.get(code="TNG-KV2")
    letter = services.letter_register(
        unit,
        LetterInput(
            kind="kien_nghi", received_on=D(2026, 3, 2), senders=[SenderInput("Mai Văn Tư")]
        ),  # fmt: skip
    )
    services.letter_handle(
        letter,
        HandlingInput(on=D(2026, 3, 2), handling="thu_ly", matters=[MatterInput("kien_nghi")]),
        expected_version=letter.version,
    )
    services.letter_register(
        unit,
        LetterInput(
            kind="kien_nghi",
            received_on=D(2026, 3, 5),
            duplicate_of=letter,
            senders=[SenderInput("Mai Văn Tư")],
        ),  # fmt: skip
    )
    # Deadline 10 days → 12/03/2026: not overdue on 12/03, overdue on 13/03.
    on_12 = _report("complaints", "--unit", "TNG-KV2", "--year", "2026", "--as-of", "2026-03-12")
    on_13 = _report("complaints", "--unit", "TNG-KV2", "--year", "2026", "--as-of", "2026-03-13")
    assert on_12["total"]["qua_han"] == 0 and on_13["total"]["qua_han"] == 1
    total = on_13["total"]
    assert (total["don_tiep_nhan"], total["don_trung"], total["phai_giai_quyet"]) == (2, 1, 1)
    source = form_source("complaints")
    items = source.items([unit.pk], D(2025, 10, 1), D(2026, 3, 13), "don_trung")
    assert len(items) == 1 and items[0].url.endswith(
        f"/don/{Complaint.objects.get(duplicate_of=letter).pk}/"
    )
    items = source.items([unit.pk], D(2025, 10, 1), D(2026, 3, 13), "kp_qua_han")
    assert len(items) == 1 and items[0].key == letter.code


def test_form_8_and_9_on_the_screen_and_drill_down(client, shared_demo_org, tmp_path):
    from django.urls import reverse

    from thads.testing.cases import login

    _import(tmp_path, _letters("TNG-KV3", resolved=38, total=40))
    login(client, "lanhdao")
    query = "don_vi=TNG&nam=2026&ngay=30/06/2026"
    page = client.get(f"{reverse('stats:report')}?{query}&bieu=8")
    body = page.content.decode()
    assert page.status_code == 200 and "95,00" in body
    # Column 12 (index 11) is "Đã giải quyết — Tổng số": 38 matters behind it.
    drill = client.get(f"{reverse('stats:drill')}?{query}&bieu=8&cot=11&dong=TNG-KV3")
    assert drill.status_code == 200 and "Số bản ghi: 38" in drill.content.decode()
    # The rate (95,00 %) links to its numerator's matters, as the case forms' rates do (it
    # answered 500: the page read the rate as a sum of buckets).
    rate = client.get(f"{reverse('stats:drill')}?{query}&bieu=8&cot=19&dong=TNG-KV3")
    assert rate.status_code == 200 and "Số bản ghi: 38" in rate.content.decode()
    assert 'data-testid="drill-rate-note"' in rate.content.decode()
    assert 'data-testid="drill-rate-note"' not in drill.content.decode()
    assert client.get(f"{reverse('stats:report')}?{query}&bieu=9").status_code == 200


def test_cockpit_complaint_rate_against_target_and_overdue_by_resolver(
    client, shared_demo_org, tmp_path
):
    from decimal import Decimal

    from django.urls import reverse

    from thads.targets.models import Target
    from thads.testing.cases import login

    _import(tmp_path, _letters("TNG-KV3", resolved=38, total=40))
    Target.objects.update_or_create(
        unit=shared_demo_org["TNG-KV3"],
        year=2026,
        defaults={"case_rate": 80, "money_rate": 40, "complaints_on_time_rate": Decimal("90")},
    )
    login(client, "lanhdao")
    page = client.get(f"{reverse('targets:cockpit')}?don_vi=TNG&nam=2026&ngay=30/06/2026")
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="complaint-rates"' in body
    assert "95,00%" in body  # 38 of 40 resolved
    assert 'data-testid="overdue-by-resolver"' in body


def test_compiled_counts_are_the_orm_reads_rows(shared_demo_org, tmp_path):
    """Form 8's counts run the SQL compiled once per arguments (`common.compiled_sql`): the same
    rows as the ORM reads they are compiled from, periods and units apart, and no compiling the
    second time (the cockpit asks every request)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thads.complaints.statistics import complaint_counts, letter_counts, matter_counts
    from thads.org.models import Unit

    _import(tmp_path, _letters("TNG-KV3", resolved=38, total=40))
    units = tuple(Unit.objects.order_by("pk").values_list("pk", flat=True))
    kv3 = tuple(Unit.objects.filter(code="TNG-KV3").values_list("pk", flat=True))
    for unit_ids in (units, kv3):
        for start, end in ((D(2025, 10, 1), D(2026, 6, 30)), (D(2025, 10, 1), D(2026, 2, 3))):
            for counted in (letter_counts, matter_counts):
                orm = [dict(r) for r in counted.queryset(unit_ids, start, end)]
                assert counted(unit_ids, start, end) == orm
                assert any(any(v for k, v in r.items() if not k.endswith("unit_id")) for r in orm)
    assert letter_counts((), D(2025, 10, 1), D(2026, 6, 30)) == []
    counts = complaint_counts(list(kv3), D(2025, 10, 1), D(2026, 6, 30))
    assert counts[kv3[0]]["don_chuyen"] == 3
    # Compiled once: the second call runs the two statements kept, no ORM build.
    matter_counts.cache_clear()
    complaint_counts(list(kv3), D(2025, 10, 1), D(2026, 6, 30))
    with CaptureQueriesContext(connection) as captured:
        again = complaint_counts(list(kv3), D(2025, 10, 1), D(2026, 6, 30))
    assert again == counts and len(captured) == 2
    info = matter_counts.cache_info()
    assert (info.misses, info.hits) == (1, 1)
