"""Catalogue, version 2: the templates under Luật 106/2025 (from 01/07/2026) without the 2008
law's articles.

FROZEN DATA, read by migration 0003 only. Version 1 gave the 2025 rows the 2008 wording, which
cites the 2008 law's articles ("khoản 2 Điều 44", "Điều 44a", "Điều 47", …). The article
numbers of Luật 106/2025 are not verified (reference.md §2, oversight.md §E.3, Q-E2), so its
rows name the law — "Luật Thi hành án dân sự số 106/2025/QH15" — and cite no article; an
article is added only when reference.md gives it (none of these sentences has one yet).
"""

from __future__ import annotations

import re

from thads.documents.seed_v1 import LAW_2025_FROM
from thads.documents.seed_v1 import rows as rows_v1

LAW_106 = "Luật Thi hành án dân sự số 106/2025/QH15"
SOURCE = "Luật 106/2025/QH15 (chưa có mẫu chính thức; không dẫn điều của Luật 2008)"
# The 2008 citations of version 1 and their 2025 wording (the law named, no article).
REWORDED = {
    "(khoản 2 Điều 44 Luật Thi hành án dân sự)": f"({LAW_106})",
    "theo Điều 44a Luật Thi hành án dân sự": f"theo {LAW_106}",
    "theo Điều 99 Luật Thi hành án dân sự": f"theo {LAW_106}",
    "tại Điều 47 Luật Thi hành án dân sự": f"theo {LAW_106}",
    "Căn cứ Điều 61 Luật Thi hành án dân sự,": f"Căn cứ {LAW_106},",
    "theo Điều 52 Luật Thi hành án dân sự": f"theo {LAW_106}",
    # The ground's citation under the 2025 law is the law itself (cases.acts.grounds).
    "({{ ground_cite }})": f"({LAW_106})",
}
# An article cited in running text ("Điều 44a Luật", "khoản 2 Điều 44"); a decision's own
# parts ("Điều 1. …") are followed by a full stop.
ARTICLE = re.compile(r"\bĐiều \d+[a-z]?\b(?!\.)")


def reword(text: str) -> str:
    for old, new in REWORDED.items():
        text = text.replace(old, new)
    return text


def rows() -> list[dict]:
    """The rows of the 2025 law (code, valid from 01/07/2026) as version 2 words them."""
    result = []
    for row in rows_v1():
        if row["valid_from"] != LAW_2025_FROM:
            continue
        body = [[reword(part) if isinstance(part, str) else part for part in block]
                for block in row["body"]]  # fmt: skip
        result.append({**row, "body": body, "source": SOURCE})
    for row in result:
        cited = [ARTICLE.search(part) for block in row["body"] for part in block[1:]]
        if any(cited):
            raise ValueError(f"{row['code']}: article of the 2008 law in the 2025 wording")
    return result
