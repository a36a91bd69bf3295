"""A template (data) and a context → the document's `Body` (thads.common.paper).

Bodies, legal bases and recipients are text with `{{ placeholders }}` (Django's template
language without HTML escaping); a placeholder the case cannot fill prints "…". A text may hold
a condition (`{% if to_cao %}…{% endif %}`): a basis or paragraph that fills to nothing is left
out. A body entry with a third element names a list of the context: the paragraph is written
once per item (`{{ item.… }}`), e.g. one article per matter accepted.

The same composer serves the case documents (`documents.rendering`) and, through
`thads.common.paper.catalogue`, the documents of the complaint handling (context supplied by
`thads.complaints.papers`, rows of the `complaint` family) and of oversight (context supplied by
`thads.oversight.papers`, rows of the `oversight` family).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.template import Context, Engine

from thads.common.paper import Block, Body, Header, Signature
from thads.documents.context import MISSING
from thads.documents.models import DocumentTemplate, SignerRule
from thads.org.letterhead import head_title

# Recipients ("Nơi nhận") by rule key; "file" (Lưu) always ends the list.
RECIPIENTS = {
    "parties": [
        "{{ debtor }} (người phải thi hành án);",
        "{{ creditor }} (người được thi hành án);",
    ],
    "creditor": ["{{ creditor }} (người được thi hành án);"],
    "debtor": ["{{ debtor }} (người phải thi hành án);"],
    "procuracy": ["{{ procuracy }};"],
    "court": ["{{ court }};"],
    "commune": ["Ủy ban nhân dân cấp xã nơi người phải thi hành án cư trú;"],
    "officer": ["Chấp hành viên {{ officer }};"],
    "receiving_unit": ["{{ to_unit }};"],
    "bank": ["{{ act.bank }};"],
    "registry": ["{{ act.registry }};"],
    "valuer": ["{{ act.valuer }};"],
    "auctioneer": ["{{ act.organisation }};"],
    "provincial": ["Thi hành án dân sự cấp tỉnh (để báo cáo);"],
    "website": ["Trang thông tin điện tử Thi hành án dân sự (để công khai);"],
    # The complaint handling (context from thads.complaints.papers).
    "senders": ["{{ senders }};"],
    "senders_informed": ["{{ senders }} (để biết);"],
    "sent_to": ["{{ sent_to }};"],
    "complained": ["{{ complained }} (người bị khiếu nại, tố cáo);"],
    "denouncer": ["{% if to_cao %}Người tố cáo (thông báo kết quả);{% endif %}"],
    # Oversight (context from thads.oversight.papers).
    "obliged": ["{{ obliged }} (người phải thi hành án);"],
    "plaintiff": ["{{ plaintiff }} (người được thi hành án);"],
    "recipient": ["{{ recipient }};"],
    "obliged_copy": ["{% if obliged_copy %}{{ obliged }};{% endif %}"],
    "inspected": ["{{ inspected }} (để thực hiện);"],
    "article_3": ["Như Điều 3;"],
}
FILE_LINE = "Lưu: VT, hồ sơ thi hành án."
RULE_KEYS = frozenset(RECIPIENTS)


@cache
def _engine() -> Engine:
    return Engine(autoescape=False, string_if_invalid=MISSING)


def fill(text: str, context: dict[str, Any]) -> str:
    """One text of a template with its placeholders filled."""
    return _engine().from_string(text).render(Context(context)).strip()


def signature(rule: str, agency: str, name: str = "", deputy: bool = False) -> Signature:
    """The signature block of a signer rule; a deputy signs "KT." for the head."""
    if rule == SignerRule.HEAD:
        title = head_title(agency)
        if deputy:
            return Signature(role=f"PHÓ {title}", name=name, on_behalf=f"KT. {title}")
        return Signature(role=title, name=name)
    if rule == SignerRule.OFFICER:
        return Signature(role="CHẤP HÀNH VIÊN", name=name, note="(Ký, ghi rõ họ tên)")
    if rule == SignerRule.ACCOUNTANT:
        return Signature(role="KẾ TOÁN", name=name, note="(Ký, ghi rõ họ tên)")
    if rule == SignerRule.RECORDER:
        return Signature(role="NGƯỜI LẬP BIÊN BẢN", name=name, note="(Ký, ghi rõ họ tên)")
    if rule == SignerRule.RECEPTION:
        return Signature(role="NGƯỜI TIẾP CÔNG DÂN", name=name, note="(Ký, ghi rõ họ tên)")
    return Signature(role="NGƯỜI YÊU CẦU", name=name, note="(Ký, ghi rõ họ tên)")


def recipients(rule: list[str], context: dict[str, Any]) -> list[str]:
    """The "Nơi nhận" lines of a rule; a recipient the case does not have is left out. The
    last line files the copy ("Lưu: …": the context's `file_line`, else the case file)."""
    lines = [fill(line, context) for key in rule for line in RECIPIENTS.get(key, [])]
    kept = (line for line in lines if line and not line.startswith(MISSING))
    return [*kept, context.get("file_line") or FILE_LINE]


def blocks(body: list, context: dict[str, Any]) -> list[Block]:
    """The paragraphs of a template body: `[style, text]`, or `[style, text, list_key]` written
    once per item of `context[list_key]`; a paragraph that fills to nothing is left out."""
    result = []
    for style, text, *repeat in body:
        items = (context.get(repeat[0]) or []) if repeat else [None]
        for item in items:
            filled = fill(text, context if item is None else {**context, "item": item})
            if filled or not text:
                result.append(Block(filled, style=style))
    return result


def compose(
    template: DocumentTemplate,
    context: dict[str, Any],
    *,
    header: Header,
    signer_name: str = "",
    deputy: bool = False,
    draft: bool = False,
) -> Body:
    """The body of `template` filled from `context`."""
    bases = [fill(line, context) for line in template.legal_basis]
    return Body(
        header=header,
        title=template.title,
        subject=fill(template.subject, context),
        bases=[line for line in bases if line],
        blocks=blocks(template.body, context),
        recipients=[] if template.is_blank_form else recipients(template.recipients_rule, context),
        signature=signature(template.signer_rule, header.agency, signer_name, deputy),
        draft=draft,
    )
