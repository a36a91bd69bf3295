"""The importer package keeps the public names of the module it was."""

from __future__ import annotations

from thads.interchange import importer


def test_every_name_of_the_former_module_is_there():
    for name in importer.__all__:
        assert hasattr(importer, name), name
    assert importer.import_lines.__module__ == "thads.interchange.importer.pipeline"
