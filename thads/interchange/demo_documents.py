"""Documents of TNG-KV2 for the demo (after `demo_cases.load`), drafted and issued through the
documents app's services — numbered from the unit's registers (the counters start after the
numbers the imported acts already carry), signed, some sent to the procuracy — so the registers
(sổ văn bản) have rows of this report year:

* each officer: a summons (giấy triệu tập) and a request for information about the debtor's
  assets (văn bản yêu cầu cung cấp thông tin) on cases of his still being enforced, and the
  result of verification to the creditor on a case without means;
* the head: the decisions assigning the officer (quyết định phân công) and the notices of
  receipt of the request of the cases accepted this report year — and the latest still a
  draft, waiting for his signature.

Only templates that record no act on the case: the demo's cases and rates are unchanged.
Deterministic; a document a rule refuses is left out.
"""

from __future__ import annotations

import datetime as dt
from contextlib import suppress
from dataclasses import dataclass

from django.db import transaction

from thads.cases.models import Case, CaseMode, CaseState
from thads.common.calendar import is_working_day
from thads.common.errors import DomainError
from thads.common.periods import report_year_of, year_start
from thads.documents import services
from thads.documents.rendering import template_in_force
from thads.interchange.demo_office import postings
from thads.org.models import Role, Staff, Unit

OPEN = [CaseState.DANG_THI_HANH, CaseState.CHUA_CO_DIEU_KIEN]


@dataclass
class DocumentsResult:
    issued: int = 0
    drafts: int = 0


def _working(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def _issue(case: Case, code: str, day: dt.date, signer: Staff, today: dt.date, result) -> None:
    """Draft and issue one document; sent to the procuracy two days later when it goes there."""
    day = min(_working(day), today)
    try:
        template = template_in_force(code, day)
        document = services.document_draft(case, template=template, doc_date=day, by=signer.user)
        document = services.document_issue(
            document, signer=signer, expected_version=document.version, by=signer.user,
            today=today,
        )  # fmt: skip
    except DomainError:
        return
    result.issued += 1
    if "procuracy" in (template.recipients_rule or []):
        with suppress(DomainError):
            services.document_mark_sent(
                document, sent_on=min(today, day + dt.timedelta(days=2)),
                expected_version=document.version, by=signer.user,
            )  # fmt: skip


@transaction.atomic
def load(today: dt.date, unit_code: str = "TNG-KV2") -> DocumentsResult:
    """The documents of one regional office (TNG-KV2 by default) of this report year."""
    result = DocumentsResult()
    unit = Unit.objects.filter(code=unit_code).first()
    if unit is None:
        return result
    members = postings(unit, today)
    head = next((m.staff for m in members if m.role == Role.HEAD), None)
    start = year_start(report_year_of(today))
    # What each signs, (day, case, template, signer), issued in the order of the days so that
    # each register's numbers follow its dates.
    jobs: list[tuple[dt.date, Case, str, Staff]] = []
    for n, officer in enumerate(m.staff for m in members if m.role == Role.OFFICER):
        cases = list(
            Case.objects.filter(unit=unit, officer=officer, state__in=OPEN).order_by(
                "-accepted_on", "code"
            )[:6]
        )
        busy = [c for c in cases if c.state == CaseState.DANG_THI_HANH][:2]
        for i, case in enumerate(busy):
            day = max(start, case.accepted_on + dt.timedelta(days=3),
                      today - dt.timedelta(days=30 - 9 * i - 4 * n))  # fmt: skip
            jobs.append((day, case, "giay-trieu-tap", officer))
            jobs.append((day + dt.timedelta(days=2), case, "cv-yeu-cau-thong-tin", officer))
        idle = next((c for c in cases if c.state == CaseState.CHUA_CO_DIEU_KIEN), None)
        if idle is not None:
            jobs.append((today - dt.timedelta(days=12 - 3 * n), idle, "tb-ket-qua-xac-minh",
                         officer))  # fmt: skip
    accepted = list(
        Case.objects.filter(unit=unit, accepted_on__gte=start, officer__isnull=False).order_by(
            "-accepted_on", "-code"
        )[:12]
    )[::-1]
    if head is not None:
        for case in accepted[:-1]:
            jobs.append((case.accepted_on, case, "qd-phan-cong", head))
            if case.mode == CaseMode.THEO_DON:
                jobs.append((case.accepted_on, case, "tb-nhan-yeu-cau", head))
    for day, case, code, signer in sorted(
        jobs, key=lambda j: (min(_working(j[0]), today), j[1].code)
    ):
        _issue(case, code, day, signer, today, result)
    if (
        head is not None and accepted
    ):  # the latest assignment is drafted by the clerk and waits for the head
        case = accepted[-1]
        clerk = next((m.staff for m in members if m.role == Role.CLERK), head)
        with suppress(DomainError):
            services.document_draft(
                case, template=template_in_force("qd-phan-cong", today), doc_date=today,
                by=clerk.user,
            )  # fmt: skip
            result.drafts += 1
    return result
