"""Monthly report submission: include in config/urls.py as
path("bao-cao-thang/", include("thads.stats.submission_urls"))."""

from django.urls import path

from thads.stats import submission_views as views

app_name = "submission"
urlpatterns = [
    path("", views.index, name="index"),
    path("<str:unit_code>/", views.status, name="status"),
    path("<str:unit_code>/cap-duoi/", views.children, name="children"),
    path("<str:unit_code>/<int:year>/<int:month>/gui/", views.submit, name="submit"),
    path("<str:unit_code>/<int:year>/<int:month>/duyet/", views.approve, name="approve"),
    path("<str:unit_code>/<int:year>/<int:month>/tra-lai/", views.return_report, name="return"),
]
