"""The demo's acts carry their legal content (issue 11): every act of the demo passes the strict
check of `cases.acts`, and a document drafted from demo data for every kind of template leaves
no blank for want of data."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import transaction

from thads.cases import acts
from thads.cases.law import law_on
from thads.cases.models import Case, CaseEvent
from thads.documents import services
from thads.documents.models import DocumentTemplate, Family
from thads.documents.rendering import document_body, render, template_in_force
from thads.interchange import demo_cases
from thads.testing.documents import docx_text
from thads.testing.org import build_all

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 21)
COUNT = 300
# A value the case could not fill prints "…" alone; "……" is a blank the template leaves for
# the hand on purpose (the hour of a summons).
UNFILLED = re.compile(r".{0,40}(?<!…)…(?!…).{0,20}")
# Templates that draw on the case, not on an act of their own: the event whose day and amount
# the document takes (a receipt its payment, a payout decision its payout).
SOURCE_EVENT = {
    "bien-lai-thu": "thu_tien",
    "qd-chi": "chi_tra",
    "qd-phan-cong": "phan_cong",
    "tb-ket-qua-xac-minh": "chua_co_dieu_kien",
    "cv-yeu-cau-thong-tin": "xac_minh",
    "de-nghi-mien-giam": "mien_giam",
}
CREDITOR = re.compile(r"\{\{ creditor")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        build_all()
        demo_cases.load(TODAY, count=COUNT)
        yield
        transaction.set_rollback(True)


def test_the_demo_never_gives_a_number_twice(demo):
    """Acts and QĐ THA share the unit's series of the year (cases.act_numbers); the counters
    continue after the highest, so a document issued in the app repeats none."""
    from collections import Counter as Tally

    from thads.cases.act_numbers import _numbered, _Units
    from thads.common.models import Counter

    numbered = list(_numbered(CaseEvent.objects.all(), Case.objects.all(), _Units()))
    assert len(numbered) > COUNT
    repeated = [n for n, times in Tally(numbered).items() if times > 1]
    assert repeated == []
    highest: dict = {}
    for key, number in numbered:
        highest[key] = max(highest.get(key, 0), number)
    counters = {(c.scope, c.series, c.year): c.last for c in Counter.objects.all()}
    assert {key: counters.get(key) for key in highest} == highest


def test_every_act_of_the_demo_is_complete(demo):
    events = CaseEvent.objects.filter(case__unit__code__startswith="TN").select_related("case")
    checked = 0
    for event in events:
        if acts.schema_for(event.type) is None:
            continue
        law = law_on(event.on).version
        # Strict: every mandatory field of the act, as when a document is issued.
        acts.clean_act(event.type, event.data, law_version=law, on=event.on, strict=True)
        assert {"doc_no", "doc_date", "signer"} <= set(event.data), (event.type, event.data)
        assert acts.act_problems(event.type, event.data, on=event.on) == []
        checked += 1
    assert checked > COUNT


def _source(template: DocumentTemplate) -> CaseEvent | None:
    kind = template.event_type or SOURCE_EVENT.get(template.code, "thong_bao")
    events = CaseEvent.objects.filter(type=kind, case__officer__isnull=False)
    events = events.filter(on__gte=template.valid_from)
    if template.valid_to:
        events = events.filter(on__lte=template.valid_to)
    if any(CREDITOR.search(text) for _style, text, *_repeat in template.body):
        events = events.filter(case__mode="theo_don")
    for event in events.select_related("case", "to_unit").order_by("case__code", "seq"):
        defaults = template.act_defaults or {}
        if all(event.data.get(k) == v for k, v in defaults.items()):
            return event
    return None


def test_a_document_of_every_kind_drafted_from_demo_data_is_complete(demo):
    covered, missing = [], []
    # Drafted from a case: the complaint family is drafted from letters (complaints.papers).
    case_templates = DocumentTemplate.objects.filter(is_blank_form=False, family=Family.CASE)
    for template in case_templates.order_by("position"):
        event = _source(template)
        if event is None:
            missing.append((template.code, template.law_version))
            continue
        own = {f.key for f in acts.act_fields(template.event_type)} if template.event_type else ()
        document = services.document_draft(
            Case.objects.get(pk=event.case_id),
            template=template_in_force(template.code, event.on),
            doc_date=event.on,
            act={k: v for k, v in event.data.items() if k in own},
            amount=event.amount,
            to_unit=event.to_unit,
        )
        text = docx_text(render(document_body(document), "docx"))
        where = f"{template.code} ({template.law_version}) from {event.case.code} #{event.seq}"
        assert not UNFILLED.search(text), (where, UNFILLED.search(text))
        for party in event.case.parties.all():
            if party.role == "phai_thi_hanh":
                assert party.name in text, where
        covered.append(template.code)
    # Every kind of document under the 2008 law; under the 2025 law (from 01/07/2026) the few
    # months of demo history may lack the rarest acts.
    kinds = set(case_templates.values_list("code", flat=True))
    assert not [code for code, law in missing if law == "2008"], missing
    assert set(covered) == kinds
