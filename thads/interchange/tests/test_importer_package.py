"""The importer package keeps the names of the module it was, and replacing one of them on the
package (as the tests of the fast paths do) reaches the code that uses it."""

from __future__ import annotations

import json

from thads.interchange import importer
from thads.interchange.importer import fast_parsing, parsing, replay

from .conftest import CASE


def test_every_name_of_the_former_module_is_there():
    for name in importer.__all__:
        assert hasattr(importer, name), name
    assert importer.import_lines.__module__ == "thads.interchange.importer.pipeline"


def test_a_replaced_reader_is_used_and_restored(monkeypatch):
    original = importer._fast_case
    seen = []
    with monkeypatch.context() as m:
        m.setattr(importer, "_fast_case", lambda obj, line: seen.append(line))
        assert parsing._fast_case is fast_parsing._fast_case is importer._fast_case
        parsed = importer.parse([json.dumps(CASE, ensure_ascii=False)], [])
        assert seen == [1] and len(parsed.cases) == 1  # read by the careful reader instead
        m.setattr(importer, "PARALLEL_CASES", 1)
        assert replay.PARALLEL_CASES == 1
    assert parsing._fast_case is fast_parsing._fast_case is importer._fast_case is original
    assert replay.PARALLEL_CASES == importer.PARALLEL_CASES == 20_000
