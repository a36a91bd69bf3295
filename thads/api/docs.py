"""Swagger UI and Redoc, from drf-spectacular-sidecar's static files (no CDN): agency networks
are closed. The pages load their scripts from files (the CSP forbids inline scripts); the two
libraries set inline styles, which the CSP allows on these two pages only."""

from __future__ import annotations

from csp.decorators import csp_update
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerSplitView

DOCS_CSP = {"style-src": ["'unsafe-inline'"], "img-src": ["data:"], "worker-src": ["blob:"]}


class Swagger(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
    title = "THADS API — Swagger UI"


class Redoc(SpectacularRedocView):
    template_name = "api/redoc.html"
    title = "THADS API — Redoc"


swagger = csp_update(DOCS_CSP)(Swagger.as_view(url_name="api:schema"))
redoc = csp_update(DOCS_CSP)(Redoc.as_view(url_name="api:schema"))
