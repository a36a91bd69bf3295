"""Document helpers for every app's tests.

- `sample_act(event_type, day)`: plausible values for every field of an act (`cases.acts`),
  typed as the services take them (dates, whole đồng, the first choice of each list).
- `docx_text(data)`: every paragraph and table cell of a DOCX (bytes), opened with python-docx.
"""

from __future__ import annotations

import datetime as dt
import io

from thads.cases import acts


def sample_act(event_type: str, day: dt.date) -> dict:
    values: dict = {}
    for f in acts.act_fields(event_type):
        if f.kind == acts.DATE:
            values[f.key] = day + dt.timedelta(days=90) if f.key == "until" else day
        elif f.kind == acts.MONEY:
            values[f.key] = 123_456_000
        elif f.kind == acts.CHOICE:
            choices = acts.ground_choices(event_type, "2008") if f.key == "ground" else f.choices
            values[f.key] = choices[0][0]
        else:
            values[f.key] = f"Nội dung {f.key}"
    if event_type == "dau_gia":
        values["result"] = "thanh_cong"
    return values


def docx_text(data: bytes) -> str:
    from docx import Document

    document = Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
