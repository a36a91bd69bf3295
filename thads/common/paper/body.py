"""The structure of a document, independent of its output format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
STYLES = ("p", "article", "center", "line")


@dataclass(frozen=True)
class Header:
    """The agency block (left) and the Quốc hiệu block (right).

    `parent` is the agency above (upper case on the page), `agency` the issuing unit, `number`
    the "Số: …" line (empty for a draft: shown as "Số: …/…"), `place` and `day` the date line.
    """

    parent: str
    agency: str
    number: str
    place: str
    day: dt.date | None

    @property
    def number_line(self) -> str:
        return f"Số: {self.number}" if self.number else "Số:        /"

    @property
    def date_line(self) -> str:
        if self.day is None:
            return f"{self.place}, ngày     tháng     năm"
        return f"{self.place}, ngày {self.day:%d} tháng {self.day.month:02d} năm {self.day.year}"


@dataclass(frozen=True)
class Block:
    text: str
    style: str = "p"

    def __post_init__(self) -> None:
        if self.style not in STYLES:
            raise ValueError(f"unknown block style {self.style!r}")


@dataclass(frozen=True)
class Signature:
    """The signature block: "KT. THỦ TRƯỞNG" (`on_behalf`), the role, a note, the name."""

    role: str
    name: str = ""
    on_behalf: str = ""
    note: str = "(Ký, ghi rõ họ tên, đóng dấu)"


@dataclass(frozen=True)
class Body:
    header: Header
    title: str
    subject: str = ""
    bases: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    signature: Signature | None = None
    draft: bool = False  # a "DỰ THẢO" mark on every format

    def numbered_blocks(self) -> list[tuple[str, Block]]:
        """(prefix, block): articles get "Điều 1.", "Điều 2.", … in order."""
        result = []
        article = 0
        for block in self.blocks:
            prefix = ""
            if block.style == "article":
                article += 1
                prefix = f"Điều {article}."
            result.append((prefix, block))
        return result
