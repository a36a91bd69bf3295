"""Excel intake: a spreadsheet template for clerks, read into interchange case records.

The clerk downloads the template (sheet "Thụ lý", one row per việc), fills it and uploads it.
Each row becomes the same ``case`` record as a line of ``thads import``
(`../shared/spec/interchange.md`, `docs/interchange-notes.md`) and the rows go through the
importer's own validation and all-or-nothing write (``importer.parse``, ``Importer.check``,
``Importer.run``), so the rules are the importer's. The row of the spreadsheet is used as the
importer's line number: a row that cannot be read becomes an empty line, so every message of
the importer already names the row ("Dòng N: …").

Uploads are kept in ``UploadedIntake`` between the preview and the confirmation; checking and
writing run in the background (``start``/``run``, the pattern of ``thads.stats.tasks``).

Modules: ``columns`` (the sheet's columns), ``template`` (the file to fill), ``reading`` (a
filled file into records), ``uploads`` (check, write, the uploads and their background runs).
"""

from thads.interchange.excel_intake.columns import COLUMNS, CONTENT_TYPE, MAX_BYTES, PREVIEW_ROWS
from thads.interchange.excel_intake.reading import FileRefused, read_amount, read_date
from thads.interchange.excel_intake.template import template_bytes
from thads.interchange.excel_intake.uploads import (
    check,
    confirm,
    create_upload,
    purge,
    row_message,
    run,
    start,
    write,
)

__all__ = [
    "COLUMNS",
    "CONTENT_TYPE",
    "MAX_BYTES",
    "PREVIEW_ROWS",
    "FileRefused",
    "check",
    "confirm",
    "create_upload",
    "purge",
    "read_amount",
    "read_date",
    "row_message",
    "run",
    "start",
    "template_bytes",
    "write",
]
