"""/api/v1/: the REST API, its OpenAPI schema and its documentation pages (served locally)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from thads.api import case_views, complaint_views, docs, report_views, target_views, views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("units", views.UnitViewSet, basename="unit")
router.register("staff", views.StaffViewSet, basename="staff")
router.register("cases", case_views.CaseViewSet, basename="case")
router.register("targets", target_views.TargetViewSet, basename="target")
router.register("officer-targets", target_views.OfficerTargetViewSet, basename="officer-target")
router.register("complaints", complaint_views.ComplaintViewSet, basename="complaint")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs.swagger, name="docs"),
    path("redoc/", docs.redoc, name="redoc"),
    path("reports/<str:form>/", report_views.ReportView.as_view(), name="report"),
    path("", include(router.urls)),
]
