"""Case codes: numbered per unit and year, after the highest code already given."""

from __future__ import annotations

import pytest

from thads.cases.codes import next_case_code
from thads.testing.cases import new_case

pytestmark = pytest.mark.django_db


def test_next_case_code(shared_demo_org):
    kv2 = shared_demo_org["TNG-KV2"]
    assert next_case_code(kv2, 2025) == "TNG-KV2/2025/0001"
    new_case(code="TNG-KV2/2025/0009")
    new_case(code="TNG-KV2/2024/0050")
    assert next_case_code(kv2, 2025) == "TNG-KV2/2025/0010"
