"""The legal content of an act (quyết định, thông báo, biên bản) recorded as a case event.

Each event type that is an act has a schema here: its own fields (hoãn: ground and "hoãn đến
ngày"; đấu giá: organisation, starting price, result, sale price; …) plus the keys every act
may carry — `doc_no`, `doc_date`, `signer`, `note`. The values live in `CaseEvent.data` (the
interchange keys of `docs/interchange-notes.md`), but only through `clean_act`: typed (dates as
ISO strings, money as whole đồng), grounds from the list of the law in force on the event's
date, and — when `strict` (the case page, the documents' issue) — every mandatory field
present, else a Vietnamese error naming the field and nothing is recorded. Imported histories
(files without act keys) are not strict: what they carry is still checked.

Who signs (`signer_role`): the head (Thủ trưởng) for the decisions of the agency; the
Chấp hành viên for security measures and coercion, which the law gives to the officer (Luật
THADS 2008, Điều 20 k2, Điều 66–71).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from django.utils.translation import gettext

from thads.cases.act_schemas import (  # the schemas, read as `acts.X` by the callers too
    AUCTION_NOTICE,
    CHOICE,
    COMMON_FIELDS,
    COMMON_KEYS,
    DATE,
    FLAG,
    GROUNDS_2008,
    HEAD,
    LONG_TEXT,
    MONEY,
    NEXT_AUCTION,
    NUMBER,
    OFFICER,
    SCHEMAS,
    SYSTEM_FIELDS,
    TEXT,
    ActField,
    ActSchema,
    ground_choices,
    grounds,
    schema_for,
    signer_role,
)
from thads.cases.law import law_on
from thads.common.errors import DomainError
from thads.common.parameters import MAX_MONEY

__all__ = [
    "ActField",
    "ActSchema",
    "AUCTION_NOTICE",
    "CHOICE",
    "COMMON_FIELDS",
    "COMMON_KEYS",
    "DATE",
    "FLAG",
    "GROUNDS_2008",
    "HEAD",
    "LONG_TEXT",
    "MONEY",
    "NEXT_AUCTION",
    "NUMBER",
    "OFFICER",
    "SCHEMAS",
    "SYSTEM_FIELDS",
    "TEXT",
    "ground_choices",
    "grounds",
    "schema_for",
    "signer_role",
    "act_fields",
    "act_problems",
    "clean_act",
    "data_fields",
    "field_label",
]


@cache
def _ground_dict(event_type: str, law_version: str) -> dict:
    return dict(ground_choices(event_type, law_version))


NO_CHOICES: dict = {}


def _choices_of(schema: ActSchema | None, f: ActField, law_version: str) -> dict:
    if schema is not None and f.key == "ground" and schema.has_grounds:
        return _ground_dict(schema.event_type, law_version)
    return dict(f.choices)


def _is_iso_date(value: Any) -> bool:
    if not isinstance(value, str) or len(value) != 10:
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _typed(f: ActField, value: Any, choices: dict) -> Any:
    """The value in its stored form, or raise DomainError naming the field.

    Types are strict — a date is a date (or an ISO 'YYYY-MM-DD' string), money and numbers are
    whole numbers (never text, never true/false), text is text (never a number), a flag is
    true or false — so that a file's mistake is reported, not turned into something else.
    """
    label = {"field": f.label}
    if f.kind == DATE:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()
        if _is_iso_date(value):
            return value
        raise DomainError(gettext("%(field)s: ngày không hợp lệ (YYYY-MM-DD).") % label)
    if f.kind in (MONEY, NUMBER):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_MONEY:
            if f.kind == MONEY:
                message = gettext("%(field)s: phải là số nguyên đồng, không âm.")
            else:
                message = gettext("%(field)s: phải là số nguyên không âm.")
            raise DomainError(message % label)
        return value
    if f.kind == FLAG:
        if not isinstance(value, bool):
            raise DomainError(gettext("%(field)s: phải là true hoặc false.") % label)
        return value
    if not isinstance(value, str):
        raise DomainError(gettext("%(field)s: phải là chữ.") % label)
    text = value.strip()
    if f.kind == CHOICE and choices and text not in choices:
        raise DomainError(gettext("%(field)s: giá trị không có trong danh mục.") % label)
    return text


@cache
def data_fields(event_type: str) -> dict[str, ActField]:
    """Every key an event's `data` may carry: the act's own, the common, the system's
    (computed once per type: do not change the dict)."""
    fields = (*act_fields(event_type), *COMMON_FIELDS, *SYSTEM_FIELDS.get(event_type, ()))
    return {f.key: f for f in fields}


def _dates_in_order(values: dict, on: dt.date) -> None:
    until = values.get("until")
    if until and dt.date.fromisoformat(until) <= on:
        raise DomainError(gettext("Hoãn đến ngày phải sau ngày ra quyết định hoãn."))
    received = values.get("received_on")
    if received and dt.date.fromisoformat(received) < on:
        raise DomainError(gettext("Ngày nhận được văn bản không được trước ngày thông báo."))


def act_problems(event_type: str, data: dict, *, on: dt.date) -> list[str]:
    """Every problem of the keys of an event's `data`, in key order (the import reports all
    of them): an unknown key, a value of the wrong type, a choice not in the law's list, a
    date out of order. Absent (null or empty) values are not problems: files need no act."""
    schema = schema_for(event_type)
    fields = data_fields(event_type)
    law_version = law_on(on).version
    problems: list[str] = []
    typed: dict = {}
    for key, value in data.items():
        f = fields.get(key)
        if f is None:
            problems.append(gettext("khóa không được phép: “%(key)s”.") % {"key": key})
            continue
        if value in (None, ""):
            continue
        # Only a choice reads its list (an import checks ~8 acts a case: no dict built per key).
        choices = _choices_of(schema, f, law_version) if f.kind == CHOICE else NO_CHOICES
        try:
            typed[key] = _typed(f, value, choices)
        except DomainError as refused:
            problems.append(f"“{key}” — {refused.message}")
    if not problems:
        try:
            _dates_in_order(typed, on)
        except DomainError as refused:
            problems.append(refused.message)
    return problems


def clean_act(
    event_type: str, data: dict | None, *, law_version: str, on: dt.date, strict: bool = False
) -> dict:
    """The event's `data` with every key typed and checked; unknown keys refused.

    Raises DomainError naming the first field that is wrong, or — when `strict` — missing.
    A date of the act (document date, hoãn end, notice received) is checked against the
    event's date `on`.
    """
    values = dict(data or {})
    schema = schema_for(event_type)
    fields = data_fields(event_type)
    system_keys = {f.key for f in SYSTEM_FIELDS.get(event_type, ())}
    unknown = sorted(set(values) - set(fields))
    if unknown:
        raise DomainError(
            gettext("Khóa không được hỗ trợ cho loại sự kiện này: %(keys)s.")
            % {"keys": ", ".join(unknown)}
        )
    for f in fields.values():
        value = values.get(f.key)
        if value in (None, ""):
            # A system key keeps its null (an assignment without a previous officer).
            if value == "" or f.key not in system_keys:
                values.pop(f.key, None)
            if strict and f.is_required(values):
                raise DomainError(
                    gettext("Thiếu thông tin bắt buộc: %(field)s.") % {"field": f.label}
                )
            continue
        values[f.key] = _typed(f, value, _choices_of(schema, f, law_version))
    _dates_in_order(values, on)
    return values


def act_fields(event_type: str) -> tuple[ActField, ...]:
    """The act's own fields (without the common ones), in display order."""
    schema = schema_for(event_type)
    return schema.fields if schema else ()


def field_label(event_type: str, key: str) -> Any:
    """The label of a data key of an event (own or common), or the key when unknown."""
    for f in (*act_fields(event_type), *COMMON_FIELDS):
        if f.key == key:
            return f.label
    return key
