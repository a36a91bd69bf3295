"""The steps of a matter: verifier, suspension (shown on the case), extension bounds,
withdrawal, decision; the letter is settled with its matters."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.common.errors import DomainError
from thads.complaints import services
from thads.complaints.models import MatterStep
from thads.complaints.services import HandlingInput, LetterInput, MatterInput, SenderInput

D = dt.date
JAN_6 = dt.date(2026, 1, 6)


def _matter(unit, kind="khieu_nai", on=JAN_6, **extra):
    letter = services.letter_register(
        unit, LetterInput(kind=kind, received_on=on, senders=[SenderInput("Vũ Thị Lan")])
    )
    services.letter_handle(
        letter,
        HandlingInput(on=on, handling="thu_ly", matters=[MatterInput(kind=kind, **extra)]),
        expected_version=letter.version,
    )
    return letter.matters.get()


def test_denunciation_deadline_extension_on_both_sides(units, officer, officer2):
    m = _matter(units["A"], kind="to_cao", subject_staff=officer)
    assert m.deadline_on == D(2026, 2, 5)
    with pytest.raises(DomainError, match="chính người bị khiếu nại"):
        services.matter_assign_verifier(m, officer, on=D(2026, 1, 7), expected_version=m.version)
    m = services.matter_assign_verifier(m, officer2, on=D(2026, 1, 7), expected_version=m.version)
    # Extension limit: 05/02 + 30 = 07/03 (Saturday) → 09/03.
    with pytest.raises(DomainError, match="không quá 09/03/2026"):
        services.matter_extend(m, on=D(2026, 2, 2), until=D(2026, 3, 10), reason="Phức tạp",
                               expected_version=m.version)  # fmt: skip
    with pytest.raises(DomainError, match="trước khi hết hạn"):
        services.matter_extend(m, on=D(2026, 2, 6), until=D(2026, 3, 9), reason="Phức tạp",
                               expected_version=m.version)  # fmt: skip
    m = services.matter_extend(m, on=D(2026, 2, 5), until=D(2026, 3, 9), reason="Phức tạp",
                               expected_version=m.version)  # fmt: skip
    assert m.due_on == D(2026, 3, 9)


def test_suspension_shows_on_the_case_and_ends_with_the_decision(units, make_case):
    case = make_case(unit=units["A"])
    m = _matter(units["A"], case=case)
    assert case.complaint_matters.get() == m
    m = services.matter_suspend(m, on=D(2026, 1, 8), note="Tạm dừng kê biên",
                                expected_version=m.version)  # fmt: skip
    assert m.is_suspended
    with pytest.raises(DomainError, match="đang được tạm dừng"):
        services.matter_suspend(m, on=D(2026, 1, 9), note="", expected_version=m.version)
    with pytest.raises(DomainError, match="không phù hợp"):
        services.matter_decide(m, on=D(2026, 1, 15), outcome="tra_loi", decision_no="1",
                               measures="", expected_version=m.version)  # fmt: skip
    m = services.matter_decide(m, on=D(2026, 1, 15), outcome="dung_mot_phan",
                               decision_no="05/QĐ-GQKN", measures="Sửa quyết định kê biên",
                               expected_version=m.version)  # fmt: skip
    assert not m.is_suspended and m.suspension_ended_on == D(2026, 1, 15)
    letter = m.letter
    letter.refresh_from_db()
    assert (letter.resolved_on, letter.result) == (D(2026, 1, 15), "dung_mot_phan")
    kinds = list(m.steps.values_list("kind", flat=True))
    assert kinds == ["thu_ly", "tam_dung", "giai_quyet"]
    with pytest.raises(DomainError, match="đã giải quyết xong"):
        services.matter_withdraw(m, on=D(2026, 1, 16), note="", expected_version=m.version)


def test_withdrawal_terminates_and_steps_are_append_only(units):
    m = _matter(units["A"])
    m = services.matter_withdraw(m, on=D(2026, 1, 9), note="Người khiếu nại rút đơn",
                                 expected_version=m.version)  # fmt: skip
    assert (m.outcome, m.resolved_on) == ("rut", D(2026, 1, 9))
    step = MatterStep.objects.filter(matter=m).last()
    with pytest.raises(PermissionError):
        step.delete()


def test_petition_is_answered_not_extended(units):
    m = _matter(units["A"], kind="kien_nghi")
    assert m.instance is None and m.resolver_unit == units["A"]
    with pytest.raises(DomainError, match="không được gia hạn"):
        services.matter_extend(m, on=D(2026, 1, 7), until=D(2026, 1, 20), reason="x",
                               expected_version=m.version)  # fmt: skip
    m = services.matter_decide(m, on=D(2026, 1, 12), outcome="tra_loi", decision_no="12/TL",
                               measures="", expected_version=m.version)  # fmt: skip
    assert m.outcome == "tra_loi"


def test_second_instance_after_a_final_decision_is_refused(units):
    letter = services.letter_register(
        units["P"],
        LetterInput(
            kind="khieu_nai", received_on=D(2026, 1, 6), senders=[SenderInput("Vũ Thị Lan")]
        ),  # fmt: skip
    )
    with pytest.raises(DomainError, match="quyết định cuối cùng"):
        services.letter_handle(
            letter,
            HandlingInput(
                on=D(2026, 1, 7),
                handling="thu_ly",
                matters=[
                    MatterInput(
                        kind="khieu_nai", instance=2, subject_role="head", subject_unit=units["P"]
                    )
                ],
            ),  # fmt: skip
            expected_version=letter.version,
        )


@pytest.mark.parametrize(
    ("kind", "outcome", "label"),
    [
        ("khieu_nai", "sai", "Khiếu nại sai"),
        ("khieu_nai", "dung", "Khiếu nại đúng"),
        ("to_cao", "dung_mot_phan", "Tố cáo đúng một phần"),
        ("kien_nghi", "tra_loi", "Đã trả lời"),
        ("khieu_nai", "rut", "Rút đơn, đình chỉ giải quyết"),
    ],
)
def test_the_outcome_reads_with_the_matters_kind(kind, outcome, label):
    from thads.complaints.models import Matter

    assert Matter(kind=kind, outcome=outcome).outcome_label == label


@pytest.mark.parametrize(
    ("kind", "result", "label"),
    [
        ("khieu_nai", "sai", "Khiếu nại sai"),
        ("to_cao", "dung_mot_phan", "Tố cáo đúng một phần"),
        ("hon_hop", "dung", "Đúng"),  # several contents: the result alone
        ("khieu_nai", "chuyen", "Chuyển cơ quan có thẩm quyền"),
    ],
)
def test_the_letters_result_reads_with_its_kind(kind, result, label):
    from thads.complaints.models import Complaint

    assert Complaint(kind=kind, result=result).result_label == label
