"""Text helpers shared by every app."""

from __future__ import annotations

import unicodedata


def fold_vietnamese(text: str) -> str:
    """Lower-case, without diacritics ("Trần Thị Bình" → "tran thi binh"); đ → d."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())
