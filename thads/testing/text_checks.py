"""What a Vietnamese screen must never show: English words, raw codes, localised numbers in URLs.

Pure functions over HTML, used by the link crawler (`thads.testing.crawler`) and testable on
their own (`thads/web/tests/test_text_checks.py` shows they catch what they claim to catch).

* `visible_text(html)` — the text a user reads: text nodes and the attributes read aloud or
  shown (`title`, `aria-label`, `placeholder`, `alt`, a button's `value`), not scripts, styles,
  hidden inputs or the inside of `<code>` / `class="code"` (where a code is what belongs).
* `english_words(text)` — words of a list of common English (UI and domain) words that are not
  Vietnamese syllables written without their marks ("in", "to", "do" are not on the list).
* `raw_codes(text, codes)` — `snake_case` identifiers, "key:" labels of English keys, and the
  given codes (choice values such as "giam", staff codes such as "TN-SC-02") as whole words.
* `localised_numbers(html)` — a number grouped with dots ("2.027") inside a link, a form
  action or the value of a number or hidden input: it cannot be read back.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

SKIPPED_TAGS = frozenset({"script", "style", "template", "noscript", "code", "kbd", "samp"})
VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
)
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

# Common English words of web interfaces and of this domain. Only words that cannot be read as
# a Vietnamese syllable without its diacritics: "an", "in", "to", "do", "no", "me", "con",
# "ban", "can", "day", "may", "my", "than", "then", "tam", "long", "hang", "nam" … are absent.
ENGLISH_WORDS = frozenset(
    """
    about above account action actions active add added address after again against all already
    also amount and any apply approve approved are article assign assigned at available back
    balance bank be because been before being below between both but by cancel case cases change
    changed changes check checks choice choose clear click close code collected complete confirm
    continue could create created data date days decision delete deleted details did does done
    download draft due each edit else empty ensure enter error errors every export failed false
    field fields file filter find first for form forms found from get given go has have here
    home how if import include information into invalid is it item items its just last later
    least less list loading log login logout made make many more most must name need new next
    none not note nothing now number of off officer old on once one only open or order other our
    out over page pages password payer payee pending per please previous print process
    processing rate reason received record records report reports required reset result results
    return returned review running save saved search second see select selected send sent set
    settings should show sign since some sorry start state status still submit submitted success
    such sum target targets thank that the their them there these they this those time too total
    true try type under unit units unknown until up update updated upload use used user username
    valid value values version very view want was we week were what when where which while who
    will with without would year years yes you your
    """.split()  # noqa: SIM905 - a word list reads better as text
)
SNAKE_CASE = re.compile(r"(?<![\w/.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])")
KEY_LABEL = re.compile(r"(?<![\w/.-])([a-z][a-z_]*):\s")
WORD = re.compile(r"[A-Za-zÀ-ỹĐđ]+")
GROUPED_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})+$")


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, skipped)

    @property
    def _skipping(self) -> bool:
        return any(skipped for _tag, skipped in self._stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        hidden = attributes.get("type") == "hidden" or "hidden" in attributes
        skipped = tag in SKIPPED_TAGS or "code" in classes or hidden
        if not self._skipping and not skipped:
            for name in SHOWN_ATTRIBUTES:
                if attributes.get(name):
                    self.parts.append(attributes[name])
            if tag == "input" and attributes.get("type") in {"submit", "button"}:
                self.parts.append(attributes.get("value") or "")
        if tag not in VOID_TAGS:
            self._stack.append((tag, skipped))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self._stack:
            self._stack.pop()

    def handle_endtag(self, tag):
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i][0] == tag:
                del self._stack[i:]
                break

    def handle_data(self, data):
        if not self._skipping and data.strip():
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _TextParser()
    parser.feed(html)
    parser.close()
    return " ".join(" ".join(p.split()) for p in parser.parts)


def english_words(text: str) -> list[str]:
    """The English words of `text` (lower-cased), in order, each once."""
    found = []
    for word in WORD.findall(text):
        lower = word.lower()
        if lower in ENGLISH_WORDS and lower not in found:
            found.append(lower)
    return found


def is_english(text: str, threshold: int = 2) -> bool:
    """A text reads as English when it has `threshold` or more distinct English words."""
    return len(english_words(text)) >= threshold


def raw_codes(text: str, codes: Iterable[str] = ()) -> list[str]:
    """snake_case identifiers, "key: " labels of English keys, and any of `codes` as a word."""
    found = list(dict.fromkeys(SNAKE_CASE.findall(text)))
    for key in KEY_LABEL.findall(text):
        if key in ENGLISH_WORDS or "_" in key:
            found.append(f"{key}:")
    for code in codes:
        pattern = rf"(?<![\w/.-]){re.escape(code)}(?![\w/-])"
        if re.search(pattern, text):
            found.append(code)
    return list(dict.fromkeys(found))


class _UrlParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.inputs: list[tuple[str, str, str]] = []  # (type, name, value)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("href", "action", "hx-get", "hx-post", "src"):
            if attributes.get(name):
                self.urls.append(attributes[name])
        if tag == "input":
            self.inputs.append(
                (
                    (attributes.get("type") or "text").lower(),
                    attributes.get("name") or "",
                    attributes.get("value") or "",
                )
            )


def localised_numbers(html: str) -> list[str]:
    """URLs and number/hidden inputs holding a dot-grouped number ("nam=2.027", "2.027")."""
    parser = _UrlParser()
    parser.feed(html)
    problems = []
    for url in parser.urls:
        parts = urlsplit(url)
        segments = [s for s in parts.path.split("/") if s]
        values = [v for _k, v in parse_qsl(parts.query, keep_blank_values=True)]
        if any(GROUPED_NUMBER.match(v) for v in segments + values):
            problems.append(url)
    for kind, name, value in parser.inputs:
        if kind in {"number", "hidden"} and GROUPED_NUMBER.match(value.strip()):
            problems.append(f'<input name="{name}" value="{value}">')
    return problems


def links(html: str) -> list[str]:
    """Every href and hx-get of the page (what a user, or htmx for the user, may GET)."""
    parser = _LinkParser()
    parser.feed(html)
    return parser.links


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if attributes.get("hx-get"):
            self.links.append(attributes["hx-get"])


class _ControlParser(HTMLParser):
    UNLABELLED_TYPES = frozenset({"hidden", "submit", "button", "reset", "image"})

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.label_for: set[str] = set()
        self.controls: list[tuple[str, dict]] = []
        self._label_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "label":
            self._label_depth += 1
            if attributes.get("for"):
                self.label_for.add(attributes["for"])
        elif tag in {"input", "select", "textarea"}:
            kind = (attributes.get("type") or "text").lower() if tag == "input" else tag
            if kind not in self.UNLABELLED_TYPES:
                self.controls.append((tag, {**attributes, "_in_label": self._label_depth > 0}))

    def handle_endtag(self, tag):
        if tag == "label" and self._label_depth:
            self._label_depth -= 1


def unlabelled_controls(html: str) -> list[str]:
    """Form controls a screen reader cannot name: no <label for>, not inside a <label>, no
    aria-label, aria-labelledby or title."""
    parser = _ControlParser()
    parser.feed(html)
    missing = []
    for tag, attributes in parser.controls:
        named = (
            attributes["_in_label"]
            or attributes.get("id") in parser.label_for
            or attributes.get("aria-label")
            or attributes.get("aria-labelledby")
            or attributes.get("title")
        )
        if not named:
            missing.append(f"<{tag} name={attributes.get('name')!r}>")
    return missing
