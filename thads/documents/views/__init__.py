"""The document screens: drafting and issuing (`documents`), registers (`registers`)."""

from thads.documents.views.documents import (
    blank,
    detail,
    discard,
    download,
    draft_edit,
    draft_new,
    issue,
    mark_sent,
    template_list,
)
from thads.documents.views.registers import procuracy_register, register

__all__ = [
    "blank",
    "detail",
    "discard",
    "download",
    "draft_edit",
    "draft_new",
    "issue",
    "mark_sent",
    "procuracy_register",
    "register",
    "template_list",
]
