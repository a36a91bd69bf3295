"""Registering and handling letters: duplicates, forwarding, time limits, mixed letters."""

from __future__ import annotations

import datetime as dt

import pytest

from thads.common.concurrency import ConcurrentEditError
from thads.common.errors import DomainError
from thads.complaints import services
from thads.complaints.models import Complaint, Matter, MatterStep
from thads.complaints.services import HandlingInput, LetterInput, MatterInput, SenderInput

D = dt.date
MARCH_2 = dt.date(2026, 3, 2)


def _letter(unit, kind="khieu_nai", received=MARCH_2, **extra):
    return services.letter_register(
        unit,
        LetterInput(
            kind=kind, received_on=received, senders=[SenderInput("Phạm Văn Hải")], **extra
        ),
    )


def _accept(letter, *kinds, on=None, **extra):
    matters = [MatterInput(kind=k, **extra) for k in (kinds or [letter.kind])]
    return services.letter_handle(
        letter,
        HandlingInput(on=on or letter.received_on, handling="thu_ly", matters=matters),
        expected_version=letter.version,
    )


def test_register_numbers_letters_per_unit_kind_and_year(units):
    a = units["A"]
    first, second = _letter(a), _letter(a)
    assert (first.code, second.code) == ("A/KN/2026/001", "A/KN/2026/002")
    assert _letter(a, kind="to_cao").code == "A/TC/2026/001"
    assert list(first.senders.values_list("name", flat=True)) == ["Phạm Văn Hải"]


def test_a_letter_needs_a_sender_and_a_representative_an_authorisation(units):
    with pytest.raises(DomainError, match="ít nhất một người gửi"):
        services.letter_register(
            units["A"], LetterInput(kind="khieu_nai", received_on=D(2026, 3, 2), senders=[])
        )
    with pytest.raises(DomainError, match="giấy ủy quyền"):
        services.letter_register(
            units["A"],
            LetterInput(
                kind="khieu_nai",
                received_on=D(2026, 3, 2),
                senders=[SenderInput("Lê Văn Tám", is_representative=True)],
            ),
        )
    assert not Complaint.objects.exists()


def test_a_duplicate_letter_adds_no_matter(units):
    original = _letter(units["A"])
    _accept(original)
    duplicate = _letter(units["A"], received=D(2026, 3, 9), duplicate_of=original)
    assert duplicate.handling == "luu_don" and duplicate.resolved_on == D(2026, 3, 9)
    assert Matter.objects.count() == 1
    with pytest.raises(DomainError, match="đã được xử lý"):
        _accept(duplicate)
    assert Matter.objects.count() == 1


def test_a_forwarded_letter_is_a_letter_not_a_matter(units):
    letter = _letter(units["A"])
    with pytest.raises(DomainError, match="Phải ghi cơ quan"):
        services.letter_handle(
            letter,
            HandlingInput(on=D(2026, 3, 4), handling="chuyen_don", competent=False),
            expected_version=letter.version,
        )
    letter = services.letter_handle(
        letter,
        HandlingInput(
            on=D(2026, 3, 4),
            handling="chuyen_don",
            competent=False,
            sent_to="Tòa án nhân dân tỉnh",
        ),
        expected_version=letter.version,
    )
    assert (letter.result, letter.resolved_on, letter.competent) == ("chuyen", D(2026, 3, 4), False)
    assert not Matter.objects.exists()


def test_a_letter_out_of_time_cannot_be_accepted(units):
    # Known 05/03/2026 (15 days → 20/03): received 20/03 is in time, 21/03 is not.
    late = _letter(units["A"], received=D(2026, 3, 21), stage="pre_measure",
                   decision_known_on=D(2026, 3, 5))  # fmt: skip
    with pytest.raises(DomainError, match="hết thời hiệu"):
        _accept(late)
    assert not Matter.objects.exists()
    services.letter_handle(
        late,
        HandlingInput(
            on=D(2026, 3, 23), handling="luu_don", eligible=False, ineligible_reason="het_thoi_hieu"
        ),
        expected_version=late.version,
    )
    in_time = _letter(units["A"], received=D(2026, 3, 20), stage="pre_measure",
                      decision_known_on=D(2026, 3, 5))  # fmt: skip
    _accept(in_time)
    # Force majeure: 3 days not counted, so a letter of 23/03 is in time again.
    excused = _letter(units["A"], received=D(2026, 3, 23), stage="pre_measure",
                      decision_known_on=D(2026, 3, 5), obstacle_days=3,
                      obstacle_reason="Nằm viện")  # fmt: skip
    _accept(excused)
    assert Matter.objects.count() == 2


def test_a_mixed_letter_is_split_into_matters_with_resolver_and_deadline(units, officer):
    letter = _letter(units["A"], kind="hon_hop", received=D(2026, 2, 2))
    letter = _accept(letter, "khieu_nai", "to_cao", on=D(2026, 2, 2), subject_staff=officer)
    kn, tc = letter.matters.order_by("code")
    assert (kn.code, tc.code) == (letter.code, f"{letter.code}-2")
    # After 01/07/2025 the province resolves complaints about a regional officer (rule table).
    assert kn.resolver_unit == units["P"] and kn.instance == 1
    assert kn.deadline_on == D(2026, 2, 23)  # 15 days → 17/02, Tết → 23/02
    assert tc.kind == "to_cao" and tc.deadline_on == D(2026, 3, 4)
    assert MatterStep.objects.filter(kind="thu_ly").count() == 2


def test_handling_is_checked_and_stale_versions_fail(units):
    letter = _letter(units["A"])
    with pytest.raises(DomainError, match="phải thụ lý"):
        services.letter_handle(
            letter, HandlingInput(on=D(2026, 3, 3), handling="luu_don"), expected_version=1
        )
    with pytest.raises(DomainError, match="lý do"):
        services.letter_handle(
            letter,
            HandlingInput(on=D(2026, 3, 3), handling="luu_don", eligible=False),
            expected_version=1,
        )
    with pytest.raises(DomainError, match="trước"):
        _accept(letter, on=D(2026, 3, 1))
    stale = Complaint.objects.get(pk=letter.pk)
    _accept(letter)
    with pytest.raises(ConcurrentEditError):
        services.letter_handle(
            stale,
            HandlingInput(on=D(2026, 3, 3), handling="huong_dan", competent=False, sent_to="X"),
            expected_version=1,
        )
