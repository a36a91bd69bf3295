from django.urls import path

from thads.stats import views

app_name = "stats"
urlpatterns = [
    path("", views.report, name="report"),
    path("chi-tiet/", views.drill_down, name="drill"),
    path("xuat/", views.export, name="export"),
    path("xuat/nen/", views.export_start, name="export_start"),
    path("xuat/nen/<int:pk>/", views.export_job, name="export_job"),
    path("xuat/nen/<int:pk>/tai/", views.export_download, name="export_download"),
]
