"""The web process is warmed at start (config.wsgi): views, catalogues, every app template."""

from __future__ import annotations

import gc

from django.template import engines
from django.template.loaders.cached import Loader as CachedLoader

from thads.web.warmup import template_names, warm_up


def test_warm_up_compiles_the_templates_the_first_request_would():
    names = template_names()
    assert "web/base.html" in names and "targets/cockpit.html" in names
    timings = warm_up()
    assert set(timings) == {"urls", "translations", "templates", "gc freeze"}
    loader = engines["django"].engine.template_loaders[0]
    assert isinstance(loader, CachedLoader)
    cached = set(loader.get_template_cache)
    assert {"web/base.html", "targets/cockpit.html", "cases/case_detail.html"} <= cached


def test_what_the_warm_up_loaded_is_out_of_the_collectors_way():
    """A full garbage collection walks only what requests created, not the ~200 000 objects
    of the loaded code, catalogues and templates."""
    gc.unfreeze()
    try:
        warm_up()
        assert gc.get_freeze_count() > 10_000
    finally:
        gc.unfreeze()


def test_the_wsgi_module_warms_the_process():
    import config.wsgi

    assert config.wsgi.warm_up is warm_up
