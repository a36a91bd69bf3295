"""Selectors: search on both databases (unaccent path on PostgreSQL), overdue cases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from thads.cases import selectors
from thads.cases.models import Case, Party
from thads.cases.search import search_cases
from thads.testing.cases import new_case

pytestmark = pytest.mark.django_db
D = dt.date


def found(query: str) -> set[str]:
    return set(search_cases(Case.objects.all(), query).values_list("code", flat=True))


def test_search_folds_vietnamese(shared_demo_org):
    binh = new_case(debtor="Trần Thị Bình", id_number="019180000123")
    duc = new_case(debtor="Đỗ Minh Đức", id_number="")
    assert found("tran thi binh") == {binh.code}
    assert found("TRAN BINH") == {binh.code}
    assert found("do minh duc") == {duc.code}
    assert found("Đức") == {duc.code}
    assert found("binh tran") == {binh.code}  # words in any order
    assert found("tran duc") == set()  # all words must occur in one party's name
    assert found("019180000123") == {binh.code}
    assert found("") == {binh.code, duc.code}


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgres_unaccent_covers_rows_without_folded_name(shared_demo_org):
    case = new_case(debtor="Nguyễn Thị Hương")
    Party.objects.filter(case=case).update(search_name="")
    assert found("nguyen thi huong") == {case.code}
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'cases_party_search_name_trgm'")
        assert cursor.fetchone() is not None


def test_overdue_filter_uses_the_deadlines(shared_demo_org):
    # Accepted long ago, no notice recorded: the notice deadline is past.
    late = new_case(accepted_on=D(2025, 8, 4), received_on=D(2025, 8, 1))
    fresh = new_case(accepted_on=D(2025, 11, 3), received_on=D(2025, 11, 3))
    ids = selectors.overdue_case_ids(Case.objects.all(), D(2025, 11, 4))
    assert late.pk in ids and fresh.pk not in ids
