"""The public list as CSV and JSON, for the national portal (thads.moj.gov.vn): the same
published fields as the page, nothing more."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable

from thads.common.spreadsheets import csv_dict_writer
from thads.portal.selectors import PublishedDebtor

FIELDS = [
    "nguoi_phai_thi_hanh",
    "nam_sinh",
    "dia_chi",
    "ban_an",
    "quyet_dinh_thi_hanh_an",
    "nghia_vu",
    "so_tien_con_phai_thi_hanh",
    "co_quan_thi_hanh_an",
    "ngay_quyet_dinh_chua_co_dieu_kien",
    "can_cu",
]


def as_csv(rows: Iterable[PublishedDebtor]) -> str:
    out = io.StringIO()
    out.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv_dict_writer(out, FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(row.as_export())
    return out.getvalue()


def as_json(rows: Iterable[PublishedDebtor]) -> str:
    return json.dumps([r.as_export() for r in rows], ensure_ascii=False, indent=1)
