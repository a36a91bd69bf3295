"""Warm a web process before its first request (`config.wsgi`: `make run` and `thads serve`).

Django loads lazily: the first request of a process imported every view module through the URL
configuration, read the translation catalogues and compiled each template it used — seconds
on a loaded machine, paid by the first user after a start (issue 10: every page ≤ 0,5 s, the
first one included). Done here once, at start: the URL patterns (and so the views), the
catalogues of every language, every template of the apps (kept by the cached loader); then
what was loaded is frozen out of the garbage collector's way (`gc.freeze`).
"""

from __future__ import annotations

import gc
import logging
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.template import TemplateSyntaxError, engines
from django.urls import get_resolver
from django.utils import translation

log = logging.getLogger(__name__)


def template_names() -> list[str]:
    """The names of the HTML templates of every installed app (`templates/` directories)."""
    names = []
    for config in apps.get_app_configs():
        root = Path(config.path) / "templates"
        if root.is_dir():
            names += sorted(str(p.relative_to(root)) for p in root.rglob("*.html"))
    return names


def warm_up() -> dict[str, float]:
    """Load what the first request would; returns the seconds per step (logged)."""
    timings = {}
    started = time.perf_counter()
    get_resolver().url_patterns  # noqa: B018 - imports every URLconf and view module
    timings["urls"] = time.perf_counter() - started

    started = time.perf_counter()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Trang chủ")
    timings["translations"] = time.perf_counter() - started

    started = time.perf_counter()
    engine = engines["django"]
    for name in template_names():
        try:
            engine.get_template(name)
        except TemplateSyntaxError:  # a fragment that only compiles inside its parent
            continue
    timings["templates"] = time.perf_counter() - started

    # Everything loaded so far lives as long as the process (modules, URL patterns, catalogues,
    # templates: ~200 000 objects): kept out of the garbage collector's full passes, each of
    # which walked them all (~0,1 s of CPU with the process's every thread waiting).
    started = time.perf_counter()
    gc.collect()
    gc.freeze()
    timings["gc freeze"] = time.perf_counter() - started
    log.info("warm-up: %s", ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()))
    return timings
