"""Vietnamese first, English from the catalogue; no string left untranslated."""

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from thads.common.i18n import catalogue_paths

EN_PO = settings.BASE_DIR / "thads" / "locale" / "en" / "LC_MESSAGES" / "django.po"
# Apps whose every string must be in the English catalogue. Add an app here when its strings
# are added (`django-admin makemessages -l en`, then fill the msgstr lines).
TRANSLATED_APPS = ["common", "org", "web", "oversight", "documents", "portal", "api", "complaints"]
KEYWORDS = {"_": None, "gettext": None, "gettext_lazy": None, "pgettext": ((1, "c"), 2)}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def catalogue():
    with EN_PO.open("rb") as fh:
        return read_po(fh)


def source_strings() -> set[str]:
    found: set[str] = set()
    for app in TRANSLATED_APPS:
        root = settings.BASE_DIR / "thads" / app
        for path in root.rglob("*.py"):
            if "tests" in path.parts or "migrations" in path.parts:
                continue
            for _line, message, _comments, _context in extract_from_file(
                "python", str(path), keywords=KEYWORDS
            ):
                found.add(message if isinstance(message, str) else message[0])
        for path in root.rglob("*.html"):
            found.update(template_strings(path.read_text(encoding="utf-8")))
    return found


def template_strings(text: str) -> set[str]:
    """The msgids of a template as makemessages sees them: translate, blocktranslate (singular
    and plural, with their %(name)s placeholders) and _("…") inside tags."""
    import io

    from babel.messages.extract import extract_python
    from django.utils.translation.template import templatize

    # templatize() gives gettext() calls for xgettext; flattened, babel's tokenizer reads them.
    code = "\n".join(line.lstrip() for line in templatize(text).splitlines())
    keywords = {"gettext": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2), "_": None}
    found = set()
    for _line, _func, message, _comments in extract_python(
        io.BytesIO(code.encode("utf-8")), keywords, [], {}
    ):
        messages = message if isinstance(message, tuple) else (message,)
        found.update(m for m in messages if m)
    return found


def test_template_strings_include_blocktranslate_and_plurals():
    text = (
        '{% load i18n %}{% translate "Một" %}{% blocktranslate with n=x %}Hai {{ n }}'
        "{% endblocktranslate %}{% blocktranslate count n=k %}{{ n }} việc{% plural %}"
        '{{ n }} việc nữa{% endblocktranslate %}{% page_header _("Ba") %}{% endpage_header %}'
    )
    assert {"Một", "Hai %(n)s", "%(n)s việc", "%(n)s việc nữa", "Ba"} <= template_strings(text)


def test_the_english_catalogue_exists():
    assert EN_PO in catalogue_paths()


def test_every_msgid_has_an_english_msgstr():
    untranslated = [m.id for m in catalogue() if m.id and (not all(_texts(m.string)) or m.fuzzy)]
    assert untranslated == []


def _texts(value) -> tuple[str, ...]:
    """A message's id or string: one text, or the singular and plural forms."""
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def test_placeholders_survive_translation():
    for message in catalogue():
        if message.id:
            for msgid, msgstr in zip(_texts(message.id), _texts(message.string), strict=False):
                assert set(PLACEHOLDER.findall(msgid)) == set(PLACEHOLDER.findall(msgstr)), msgid


def test_every_source_string_is_in_the_catalogue():
    ids = {text for m in catalogue() if m.id for text in _texts(m.id)}
    missing = sorted(source_strings() - ids)
    assert missing == [], "run makemessages -l en and translate: " + "; ".join(missing)


def test_source_strings_are_vietnamese():
    """A sample that would catch English source strings creeping in."""
    strings = source_strings()
    assert "Đăng nhập" in strings
    assert "Log in" not in strings


@pytest.mark.parametrize(
    ("language", "expected", "absent"),
    [("vi", "Đăng nhập hệ thống", "Log in"), ("en", "Log in to THADS", "Đăng nhập hệ thống")],
)
def test_login_page_in_each_language(client, language, expected, absent):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(reverse("login")).content.decode()
    assert expected in page
    assert absent not in page
    assert f'<html lang="{language}">' in page


def test_language_switch_keeps_the_choice(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302
    assert "Log in to THADS" in client.get(reverse("login")).content.decode()
    client.post(reverse("set_language"), {"language": "vi", "next": reverse("login")})
    assert "Đăng nhập hệ thống" in client.get(reverse("login")).content.decode()


@pytest.mark.parametrize("browser_language", ["fr", "en-US,en;q=0.9", "en", ""])
def test_vietnamese_is_the_default_whatever_the_browser(client, browser_language):
    """Only the user's own choice (the language switch) changes the language."""
    assert settings.LANGUAGE_CODE == "vi"
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE=browser_language).content.decode()
    assert "Đăng nhập hệ thống" in page


def test_unknown_language_cookie_falls_back_to_vietnamese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert "Đăng nhập hệ thống" in client.get(reverse("login")).content.decode()


def test_model_choices_translate():
    from thads.org.models import Role

    with translation.override("en"):
        assert str(Role.OFFICER.label) == "Enforcement officer"
    with translation.override("vi"):
        assert str(Role.OFFICER.label) == "Chấp hành viên"


def test_compile_writes_mo_files(tmp_path, settings):
    locale = tmp_path / "xx" / "LC_MESSAGES"
    locale.mkdir(parents=True)
    (locale / "django.po").write_bytes(Path(EN_PO).read_bytes())
    settings.LOCALE_PATHS = [tmp_path]
    from thads.common.i18n import compile_catalogues

    assert compile_catalogues() == 1
    assert (locale / "django.mo").stat().st_size > 1000
    assert compile_catalogues(stale_only=True) == 0
