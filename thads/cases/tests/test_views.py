"""Case screens: scope, filters, search, actions (refused 400, stale 409), intake, assignment."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thads.cases.models import Case, CaseEvent, CaseMode, EventType, Judgment
from thads.testing.cases import act_post, login, new_case

pytestmark = pytest.mark.django_db
D = dt.date


def codes(response) -> set[str]:
    return {c.code for c in response.context["page"].object_list}


# ---- list, scope, filters ------------------------------------------------------------------


def test_list_is_scoped_to_the_units_the_user_sees(client, shared_demo_org):
    own = new_case("TNG-KV2")
    sibling = new_case("TNG-KV3", officer=None)
    other = new_case("CBG-KV1", officer=None)
    login(client, "chv")
    assert codes(client.get(reverse("cases:list"))) == {own.code}
    login(client, "lanhdao")
    assert codes(client.get(reverse("cases:list"))) == {own.code, sibling.code}
    assert other.code not in codes(client.get(reverse("cases:list")))


def test_leader_list_narrows_to_the_active_unit(client, shared_demo_org):
    own = new_case("TNG-KV2")
    new_case("TNG-KV3", officer=None)
    login(client, "lanhdao")
    kv2 = shared_demo_org["TNG-KV2"]
    client.post(reverse("web:switch_unit"), {"unit": kv2.pk, "next": "/"})
    assert codes(client.get(reverse("cases:list"))) == {own.code}


def test_filters(client, shared_demo_org):
    plain = new_case(amount=5_000_000, accepted_on=D(2025, 9, 30))
    bank = new_case(amount=600_000_000, bank_credit=True, accepted_on=D(2025, 10, 1))
    corrupt = new_case(corruption=True, mode=CaseMode.THEO_DON, officer="TN-SC-03")
    budget = new_case(budget=True, officer=None)
    login(client, "truongphong")
    url = reverse("cases:list")
    assert codes(client.get(url, {"bank_credit": "on"})) == {bank.code}
    assert codes(client.get(url, {"corruption": "on"})) == {corrupt.code}
    assert codes(client.get(url, {"state_budget": "on"})) == {budget.code}
    assert codes(client.get(url, {"mode": CaseMode.THEO_DON})) == {corrupt.code}
    assert codes(client.get(url, {"officer": "TN-SC-03"})) == {corrupt.code}
    assert codes(client.get(url, {"officer": "none"})) == {budget.code}
    assert codes(client.get(url, {"amount_min": "500.000.000"})) == {bank.code}
    assert plain.code in codes(client.get(url, {"amount_max": "5.000.000"}))
    assert bank.code not in codes(client.get(url, {"amount_max": "5.000.000"}))
    # Report year 2026 runs 01/10/2025 – 30/09/2026.
    assert bank.code in codes(client.get(url, {"report_year": 2026}))
    assert plain.code not in codes(client.get(url, {"report_year": 2026}))
    assert plain.code in codes(client.get(url, {"report_year": 2025}))
    assert codes(client.get(url, {"year": 2025})) >= {plain.code, bank.code}


def test_state_filter_and_pagination(client, shared_demo_org, settings):
    cases = [new_case() for _ in range(27)]
    login(client, "chv")
    first = client.get(reverse("cases:list"))
    assert len(first.context["page"].object_list) == 25
    second = client.get(reverse("cases:list"), {"trang": 2})
    assert len(second.context["page"].object_list) == 2
    assert codes(client.get(reverse("cases:list"), {"state": "xong"})) == set()
    assert len(codes(client.get(reverse("cases:list"), {"state": "dang_thi_hanh"}))) == 25
    assert cases


@pytest.mark.parametrize(
    "query",
    ["tran thi binh", "TRAN BINH", "Bình", "trần thị bình", "019180000123", "0191800"],
)
def test_search_is_accent_insensitive(client, shared_demo_org, query):
    wanted = new_case(debtor="Trần Thị Bình", id_number="019180000123")
    new_case(debtor="Trần Văn Bính", id_number="001099000777")
    login(client, "chv")
    found = codes(client.get(reverse("cases:list"), {"q": query}))
    assert wanted.code in found
    if query not in {"Bình", "TRAN BINH"}:
        assert len(found) == 1


def test_search_by_case_code_and_decision_number(client, shared_demo_org):
    case = new_case(code="TNG-KV2/2025/0042")
    other = new_case()
    login(client, "chv")
    assert codes(client.get(reverse("cases:list"), {"q": "2025/0042"})) == {case.code}
    assert codes(client.get(reverse("cases:list"), {"q": other.decision_no})) == {other.code}
    assert codes(client.get(reverse("cases:list"), {"q": "nguyen van khong"})) == set()


# ---- case page and actions -----------------------------------------------------------------
# Money goes through the ledger (registered by thads.ledger in thads.cases.actions): the case
# page's "Thu tiền" opens ledger:payment, which issues the receipt.


def pay(client, case, amount: str, on: str = "2025-08-05", version=None, **extra):
    """Post the ledger's payment form of the case (as the case page's "Thu tiền" does)."""
    if version is None:
        case.refresh_from_db()
        version = case.version
    data = {"received_on": on, "amount": amount, "payer": "Trần Thị Bình", "version": version}
    return client.post(reverse("ledger:payment", args=[case.pk]), {**data, **extra})


def action_links(context) -> dict:
    """{event type: url} of every action the case page offers, in any stage, shown or not."""
    stages = [*context["action_stages"], *context["other_stages"]]
    return {a.kind: a.url for stage in stages for a in stage.actions}


def test_case_page_shows_money_timeline_and_actions(client, shared_demo_org):
    from thads.ledger.models import Receipt

    case = new_case(amount=1_234_567)
    login(client, "chv")
    response = pay(client, case, "234.567", note="Nộp tại cơ quan")
    assert response.status_code == 302
    receipt = Receipt.objects.get(case=case)
    assert receipt.number.startswith("BL-2025/")
    response = client.get(response["Location"])
    html = response.content.decode()
    assert response.status_code == 200
    assert receipt.number in html  # in the message and in the ledger panel
    assert reverse("ledger:receipt_print", args=[receipt.pk]) in html
    assert "1.234.567 đ" in html and "1.000.000 đ" in html and "234.567 đ" in html
    assert "05/08/2025" in html
    assert "Thu tiền / giao tài sản" in html
    assert "Luật THADS 2008, Điều 47" in html
    assert dict(response.context["actions"]).get(EventType.THU_TIEN)
    links = action_links(response.context)
    assert links[EventType.THU_TIEN] == reverse("ledger:payment", args=[case.pk])
    assert links[EventType.CHI_TRA] == reverse("ledger:payout", args=[case.pk])
    assert links[EventType.XAC_MINH] == reverse("cases:action", args=[case.pk, EventType.XAC_MINH])
    assert 'data-testid="ledger-panel"' in html


def test_generic_action_refuses_money_events_that_the_ledger_records(client, shared_demo_org):
    """Money never bypasses the ledger: the generic action view answers 404 for thu_tien and
    chi_tra while a view is registered for them, even for a user who may record money."""
    from thads.cases import actions

    case = new_case(amount=1_000_000)
    login(client, "truongphong")
    for kind in (EventType.THU_TIEN, EventType.CHI_TRA):
        url = reverse("cases:action", args=[case.pk, kind])
        assert client.get(url).status_code == 404
        data = {"on": "2025-08-05", "amount": "1.000", "version": case.version}
        assert client.post(url, data).status_code == 404
    assert not case.events.exists()
    # Without the registration the generic view would record it (the refusal is the registry's).
    actions.unregister_action_view(EventType.THU_TIEN)
    try:
        url = reverse("cases:action", args=[case.pk, EventType.THU_TIEN])
        assert client.get(url).status_code == 200
        page = client.get(reverse("cases:detail", args=[case.pk]))
        assert action_links(page.context)[EventType.THU_TIEN] == url
    finally:
        actions.register_action_view(EventType.THU_TIEN, "ledger:payment")
    assert client.get(url).status_code == 404


def test_registered_panels_are_rendered_unless_their_context_is_none(client, shared_demo_org):
    from thads.cases import actions

    case = new_case()
    seen = []

    def hidden(request, shown_case):
        seen.append(shown_case.pk)
        return None

    actions.register_case_panel("cases/_deadline_badge.html", hidden)
    try:
        login(client, "chv")
        response = client.get(reverse("cases:detail", args=[case.pk]))
    finally:
        actions.unregister_case_panel("cases/_deadline_badge.html")
    names = [p.template_name for p in response.context["panels"]]
    # The apps' own panels show (ledger, documents); the hidden one does not.
    assert "ledger/_case_panel.html" in names and seen == [case.pk]
    assert "cases/_deadline_badge.html" not in names


def test_timeline_of_events_recorded_without_a_user(client, shared_demo_org):
    """Imported or system events have no author: the page says "Hệ thống" instead of failing."""
    from thads.cases import services

    case = new_case()
    services.event_record(case, type=EventType.XAC_MINH_CO_DIEU_KIEN, on=D(2025, 8, 20))
    login(client, "chv")
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 200
    assert "Hệ thống" in response.content.decode()


def test_case_outside_scope_is_404(client, shared_demo_org):
    case = new_case("CBG-KV1", officer=None)
    login(client, "chv")
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert pay(client, case, "1", version=0).status_code == 404
    action = reverse("cases:action", args=[case.pk, EventType.XAC_MINH])
    assert client.post(action, {"on": "2025-08-05", "version": 0}).status_code == 404


def test_payment_updates_the_balance(client, shared_demo_org):
    from thads.ledger.models import Receipt

    case = new_case(amount=10_000_000)
    login(client, "chv")
    response = pay(client, case, "3.000.000")
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.collected, case.remainder) == (3_000_000, 7_000_000)
    event = case.events.get()
    assert event.recorded_by.username == "chv" and event.amount == 3_000_000
    receipt = Receipt.objects.get(event=event)
    assert receipt.amount == 3_000_000 and receipt.payer == "Trần Thị Bình"
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert receipt.number in page


def test_refused_action_shows_the_article_and_changes_nothing(client, shared_demo_org):
    case = new_case(amount=1_000_000)
    login(client, "chv")
    response = pay(client, case, "2.000.000")
    assert response.status_code == 400
    html = response.content.decode()
    assert "vượt quá số tiền còn phải thi hành" in html and "Điều 47" in html
    version = case.version
    case.refresh_from_db()
    assert case.collected == 0 and case.version == version
    assert not CaseEvent.objects.filter(case=case).exists()
    assert not case.receipts.exists()
    # xong with money left: refused with its article.
    response = client.post(
        reverse("cases:action", args=[case.pk, EventType.XONG]),
        {"on": "2025-08-05", "version": case.version},
    )
    assert response.status_code == 400
    assert "Điều 52" in response.content.decode()


def test_bad_input_is_400(client, shared_demo_org):
    case = new_case()
    login(client, "chv")
    response = pay(client, case, "-5")
    assert response.status_code == 400
    assert "không được âm" in response.content.decode()
    assert not case.events.exists()


def test_stale_version_is_a_conflict(client, shared_demo_org):
    case = new_case()
    login(client, "chv")
    stale = case.version
    ok = client.post(
        reverse("cases:action", args=[case.pk, EventType.XAC_MINH]),
        {"on": "2025-08-05", "version": stale, **act_post(EventType.XAC_MINH, "2025-08-05")},
    )
    assert ok.status_code == 302
    response = pay(client, case, "1.000", on="2025-08-06", version=stale)
    assert response.status_code == 409
    assert "người khác thay đổi" in response.content.decode()
    assert case.events.count() == 1
    assert not case.receipts.exists()


def test_who_may_record(client, shared_demo_org):
    mine = new_case(officer="TN-SC-02")
    theirs = new_case(officer="TN-SC-03")

    def post(case, kind):
        if kind == EventType.THU_TIEN:
            return pay(client, case, "1.000").status_code
        case.refresh_from_db()
        data = {"on": "2025-08-05", "version": case.version, **act_post(kind, "2025-08-05")}
        return client.post(reverse("cases:action", args=[case.pk, kind]), data).status_code

    login(client, "chv")
    assert post(mine, EventType.THU_TIEN) == 302
    assert post(theirs, EventType.THU_TIEN) == 403
    login(client, "thuky")
    assert post(theirs, EventType.THU_TIEN) == 302
    assert post(theirs, EventType.XAC_MINH) == 403
    login(client, "truongphong")
    assert post(theirs, EventType.XAC_MINH) == 302
    for reader in ("kiemtra", "lanhdao", "trunguong"):
        login(client, reader)
        assert post(mine, EventType.THU_TIEN) == 403
        assert client.get(reverse("cases:detail", args=[mine.pk])).status_code == 200
    login(client, "chv")
    assert post(mine, EventType.PHAN_CONG) == 404


def test_actions_offered_follow_state_and_role(client, shared_demo_org):
    case = new_case()
    login(client, "thuky")
    offered = dict(client.get(reverse("cases:detail", args=[case.pk])).context["actions"])
    # Nothing collected yet: nothing to pay out (the law's precondition), so no "chi trả".
    assert set(offered) == {EventType.THU_TIEN}
    login(client, "kiemtra")
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.context["actions"] == [] and action_links(response.context) == {}
    assert 'data-testid="ledger-panel"' in response.content.decode()  # read only
    assert reverse("ledger:payment", args=[case.pk]) not in response.content.decode()
    login(client, "chv")
    offered = dict(client.get(reverse("cases:detail", args=[case.pk])).context["actions"])
    assert EventType.XAC_MINH_LAI not in offered  # only after "chưa có điều kiện"
    assert EventType.TRA_DON not in offered  # chủ động case


def test_postpone_needs_its_act_and_is_recorded(client, shared_demo_org):
    case = new_case()
    login(client, "chv")
    url = reverse("cases:action", args=[case.pk, EventType.HOAN])
    base = {"on": "2025-08-05", "version": case.version}
    assert client.post(url, base).status_code == 400
    missing = client.post(url, {**base, "reason": "khac", "ground": "om_nang"})
    assert missing.status_code == 400
    assert "Hoãn đến ngày" in missing.content.decode()
    assert not case.events.exists()
    fields = {
        "reason": "khac",
        "ground": "om_nang",
        "until": "05/11/2025",
        "doc_no": "9912/QĐ-CCTHADS",
    }
    response = client.post(url, {**base, **fields})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "hoan_khac"
    assert case.events.get().data == {
        "reason": "khac",
        "ground": "om_nang",
        "until": "2025-11-05",
        "doc_no": "9912/QĐ-CCTHADS",
    }


def test_notice_with_its_receipt_day_shows_the_voluntary_period(client, shared_demo_org):
    case = new_case(decision_date=D(2025, 8, 4))
    login(client, "chv")
    url = reverse("cases:action", args=[case.pk, EventType.THONG_BAO])
    posted = {"on": "2025-08-05", "version": case.version, "received_on": "08/08/2025"}
    assert client.post(url, posted).status_code == 302
    assert case.events.get().data == {"received_on": "2025-08-08"}
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    row = page[page.index("Hết thời hạn tự nguyện thi hành án") :][:600]
    # 08/08/2025 + 10 days = Monday 18/08/2025; long past: the period has ended.
    assert "Luật THADS 2008, Điều 45 k1" in row
    assert "18/08/2025" in row
    assert "Đã kết thúc" in row


def test_htmx_action_returns_the_form_fragment(client, shared_demo_org):
    case = new_case()
    login(client, "chv")
    for url in (
        reverse("ledger:payment", args=[case.pk]),
        reverse("cases:action", args=[case.pk, EventType.XAC_MINH]),
    ):
        response = client.get(url, HTTP_HX_REQUEST="true")
        html = response.content.decode()
        assert response.status_code == 200 and 'id="action-form"' in html and "<html" not in html
        full = client.get(url).content.decode()
        assert 'id="action-form"' in full and "<html" in full


# ---- intake --------------------------------------------------------------------------------


def intake_data(count: int = 2, **overrides) -> dict:
    data = {
        "so_viec": str(count),
        "j-court": "Tòa án nhân dân tỉnh Thái Nguyên",
        "j-number": "15/2025/DS-ST",
        "j-date": "2025-06-10",
        "j-kind": "dan_su",
    }
    for i in range(count):
        p = f"c{i}"
        data.update(
            {
                f"{p}-decision_no": f"{100 + i}/QĐ-THADS",
                f"{p}-decision_date": "2025-08-01",
                f"{p}-accepted_on": "2025-08-01",
                f"{p}-mode": "chu_dong" if i == 0 else "theo_don",
                f"{p}-officer": "TN-SC-03",
                f"{p}-p-TOTAL_FORMS": "2",
                f"{p}-p-INITIAL_FORMS": "0",
                f"{p}-p-MIN_NUM_FORMS": "1",
                f"{p}-p-MAX_NUM_FORMS": "1000",
                f"{p}-p-0-role": "phai_thi_hanh",
                f"{p}-p-0-kind": "ca_nhan",
                f"{p}-p-0-name": "Lê Văn Đức",
                f"{p}-p-0-id_number": "019080001234",
                f"{p}-p-1-role": "",
                f"{p}-p-1-kind": "ca_nhan",
                f"{p}-o-TOTAL_FORMS": "2",
                f"{p}-o-INITIAL_FORMS": "0",
                f"{p}-o-MIN_NUM_FORMS": "1",
                f"{p}-o-MAX_NUM_FORMS": "1000",
                f"{p}-o-0-description": "Án phí" if i == 0 else "Trả nợ",
                f"{p}-o-0-amount": "1.500.000" if i == 0 else "80.000.000",
                f"{p}-o-0-priority": "an_phi" if i == 0 else "khac",
                f"{p}-o-1-priority": "khac",
            }
        )
        if i == 0:
            data[f"{p}-o-0-is_state_budget"] = "on"
    data.update(overrides)
    return data


def test_intake_creates_several_cases_from_one_judgment(client, shared_demo_org):
    login(client, "thuky")
    response = client.post(reverse("cases:intake", args=["TNG-KV2"]), intake_data(2))
    assert response.status_code == 302, response.content.decode()[:2000]
    cases = list(Case.objects.filter(judgment__number="15/2025/DS-ST").order_by("code"))
    assert [c.code for c in cases] == ["TNG-KV2/2025/0001", "TNG-KV2/2025/0002"]
    assert len({c.judgment_id for c in cases}) == 1
    budget, credit = cases
    assert budget.is_state_budget and budget.amount == 1_500_000 and budget.mode == "chu_dong"
    assert credit.amount == 80_000_000 and not credit.is_state_budget
    assert credit.officer.code == "TN-SC-03"
    assert budget.obligations.get().priority == "an_phi"
    assert [p.search_name for p in credit.parties.all()] == ["le van duc"]
    # The next intake continues the numbering.
    response = client.post(
        reverse("cases:intake", args=["TNG-KV2"]),
        intake_data(1, **{"j-number": "16/2025/DS-ST", "c0-decision_no": "102/QĐ-THADS"}),
    )
    assert Case.objects.filter(code="TNG-KV2/2025/0003").exists()


def test_intake_refused_changes_nothing(client, shared_demo_org):
    login(client, "thuky")
    # The decision before the judgment: refused by the service with its message.
    data = intake_data(2, **{"c1-decision_date": "2025-06-01", "c1-accepted_on": "2025-06-01"})
    response = client.post(reverse("cases:intake", args=["TNG-KV2"]), data)
    assert response.status_code == 400
    assert "không được trước ngày bản án" in response.content.decode()
    assert not Case.objects.filter(judgment__number="15/2025/DS-ST").exists()
    assert not Judgment.objects.filter(number="15/2025/DS-ST").exists()
    # A case without a debtor: a form error.
    data = intake_data(1, **{"c0-p-0-name": ""})
    assert client.post(reverse("cases:intake", args=["TNG-KV2"]), data).status_code == 400
    assert not Case.objects.exists()


def test_intake_access(client, shared_demo_org):
    url = reverse("cases:intake", args=["TNG-KV2"])
    for username, status in [
        ("chv", 200),
        ("truongphong", 200),
        ("kiemtra", 403),
        ("lanhdao", 403),
        ("trunguong", 403),
        ("cbg-kv1-02", 404),
    ]:
        login(client, username)
        assert client.get(url).status_code == status, username


# ---- assignment ----------------------------------------------------------------------------


def test_head_reassigns_a_case(client, shared_demo_org):
    case = new_case(officer="TN-SC-02")
    login(client, "truongphong")
    page = client.get(reverse("cases:assign", args=[case.pk]))
    assert page.status_code == 200
    # The head of a unit with 5 officers takes no cases: never suggested.
    assert page.context["suggestion"].staff.code != "TN-SC-01"
    response = client.post(
        reverse("cases:assign", args=[case.pk]),
        {"officer": "TN-PY-02", "on": "2025-08-10", "version": case.version},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.officer.code == "TN-PY-02"
    event = case.events.get()
    assert event.type == EventType.PHAN_CONG and event.data["previous"] == "TN-SC-02"
    # Stale version: conflict.
    stale = client.post(
        reverse("cases:assign", args=[case.pk]),
        {"officer": "TN-SC-03", "on": "2025-08-10", "version": case.version - 1},
    )
    assert stale.status_code == 409


def test_only_heads_assign(client, shared_demo_org):
    case = new_case()
    for username in ("chv", "thuky", "kiemtra", "lanhdao"):
        login(client, username)
        assert client.get(reverse("cases:assign", args=[case.pk])).status_code == 403, username
    login(client, "phophong")
    assert client.get(reverse("cases:assign", args=[case.pk])).status_code == 200
    login(client, "cbg-kv1-01")
    assert client.get(reverse("cases:assign", args=[case.pk])).status_code == 404


def test_assign_refuses_a_non_officer(client, shared_demo_org):
    case = new_case()
    login(client, "truongphong")
    response = client.post(
        reverse("cases:assign", args=[case.pk]),
        {"officer": "TN-SC-04", "on": "2025-08-10", "version": case.version},
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.officer.code == "TN-SC-02"


def test_violations_page_lists_the_head_holding_cases(client, shared_demo_org):
    new_case(officer="TN-SC-01")  # the head of TNG-KV2 (5 officers) holds a case
    login(client, "lanhdao")
    response = client.get(reverse("cases:violations"))
    rows = response.context["violations"]
    assert [v.unit.code for v in rows] == ["TNG-KV2"]
    assert "Thủ trưởng không trực tiếp giải quyết" in response.content.decode()
    login(client, "truongphong")
    page = client.get(reverse("cases:unit_load", args=["TNG-KV2"]))
    assert page.context["violation"] is not None


def test_unit_load_scope(client, shared_demo_org):
    login(client, "truongphong")
    assert client.get(reverse("cases:unit_load", args=["TNG-KV2"])).status_code == 200
    assert client.get(reverse("cases:unit_load", args=["TNG-KV3"])).status_code == 404


def test_entrusting_opens_a_case_at_the_receiving_unit(client, shared_demo_org):
    case = new_case(amount=4_000_000)
    login(client, "truongphong")
    response = client.post(
        reverse("cases:action", args=[case.pk, EventType.UY_THAC]),
        {"on": "2025-08-10", "to_unit": "TNG-KV3", "version": case.version},
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "uy_thac"
    received = Case.objects.get(from_case=case)
    assert received.code == "TNG-KV3/2025/0001" and received.amount == 4_000_000
    # Not to itself: refused with the article, nothing changed.
    other = new_case()
    response = client.post(
        reverse("cases:action", args=[other.pk, EventType.UY_THAC]),
        {"on": "2025-08-10", "to_unit": "TNG-KV2", "version": other.version},
    )
    assert response.status_code == 400
    assert not Case.objects.filter(from_case=other).exists()


def test_timeline_details_are_words_not_codes():
    from thads.cases.selectors import event_details

    assert event_details({"reason": "thoa_thuan", "note": "x"}) == [("Lý do", "Theo thỏa thuận")]
    assert event_details({"ground": "khong_ro_dia_chi"}) == [("Căn cứ", "Không rõ địa chỉ")]
    assert event_details({"measure": "ke_bien", "time": "08:30"}) == [
        ("Biện pháp", "Kê biên, xử lý tài sản"),
        ("Giờ", "08:30"),
    ]
