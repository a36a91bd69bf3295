"""Accent-insensitive search of cases: party name, ID number, case code or decision number.

Vietnamese names are compared folded (lower case, no diacritics, đ → d): "Trần Thị Bình" is
found by "tran thi binh", "TRAN BINH" (every word of the query must occur in one party's name)
or "Bình". Party.search_name holds the folded name (filled by common.text.fold_vietnamese); on
PostgreSQL a trigram GIN index on it (migration 0004) serves the substring matches, and
`unaccent(lower(name))` covers rows whose folded name was left empty (e.g. raw imports).
"""

from __future__ import annotations

from django.db import connection
from django.db.models import CharField, Exists, F, Func, OuterRef, Q, QuerySet
from django.db.models.functions import Lower

from thads.cases.models import Case, Party
from thads.common.text import fold_vietnamese


class Unaccent(Func):
    """PostgreSQL `unaccent()` (extension created by migration 0004)."""

    function = "unaccent"
    output_field = CharField()


def _name_matches(tokens: list[str]) -> Q:
    folded = Q()
    for token in tokens:
        folded &= Q(search_name__contains=token)
    return folded


def search_cases(queryset: QuerySet[Case], query: str) -> QuerySet[Case]:
    """Cases of `queryset` matching `query`; an empty query changes nothing."""
    query = " ".join((query or "").split())
    if not query:
        return queryset
    folded = fold_vietnamese(query)
    tokens = folded.split()
    parties = Party.objects.filter(case=OuterRef("pk"))
    name_match = _name_matches(tokens)
    if connection.vendor == "postgresql":
        parties = parties.annotate(unaccented=Unaccent(Lower(F("name"))))
        raw = Q()
        for token in tokens:
            raw &= Q(unaccented__contains=token)
        name_match |= Q(search_name="") & raw
    compact = query.replace(" ", "")
    by_party = Exists(parties.filter(name_match | Q(id_number__icontains=compact)))
    return queryset.filter(by_party | Q(code__icontains=query) | Q(decision_no__icontains=query))
