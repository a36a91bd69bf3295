"""The project's URLs plus the ledger's (until config/urls.py includes them)."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("so-sach/", include("thads.ledger.urls")),
    *[p for p in project_urlpatterns],
]
