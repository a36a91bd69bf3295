"""Attaching scanned files to a letter (TT 13/2021/TT-BTP: hồ sơ đơn gồm đơn và tài liệu kèm).

The file's real type is read from its first bytes, never trusted from its name or the browser;
the size is bounded before the file is read (thads.common.uploads)."""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from thads.common.errors import DomainError
from thads.common.uploads import upload_bytes
from thads.complaints.models import Attachment, Complaint
from thads.complaints.services.common import author

# Setting THADS_ATTACHMENT_MAX_BYTES overrides it.
MAX_BYTES = 10 * 1024 * 1024

# content type → (signature of the first bytes, extensions the name may have)
KINDS: dict[str, tuple[bytes, tuple[str, ...]]] = {
    "application/pdf": (b"%PDF-", (".pdf",)),
    "image/jpeg": (b"\xff\xd8\xff", (".jpg", ".jpeg")),
    "image/png": (b"\x89PNG\r\n\x1a\n", (".png",)),
}


def attachment_type(name: str, content: bytes) -> str:
    """The content type of a scanned file, when its first bytes and its name agree."""
    ext = os.path.splitext(name)[1].lower()
    for content_type, (magic, extensions) in KINDS.items():
        if content.startswith(magic) and ext in extensions:
            return content_type
    raise DomainError(
        _("Tệp %(name)s không phải là tệp PDF, JPEG hoặc PNG hợp lệ.") % {"name": name}
    )


@transaction.atomic
def letter_attach(letter: Complaint, upload: Any, *, by: Any = None) -> Attachment:
    """Attach one scanned file to the letter; a refused file saves nothing."""
    max_bytes = getattr(settings, "THADS_ATTACHMENT_MAX_BYTES", MAX_BYTES)
    name = os.path.basename(getattr(upload, "name", "") or "").strip()[:255]
    content = upload_bytes(upload, max_bytes)
    if not content:
        raise DomainError(_("Tệp %(name)s rỗng.") % {"name": name})
    content_type = attachment_type(name, content)
    attachment = Attachment(
        letter=letter,
        name=name,
        content_type=content_type,
        size=len(content),
        content=content,
        uploaded_by=author(by),
    )
    attachment.full_clean()
    attachment.save()
    return attachment
