from django.urls import path

from thads.targets import views

app_name = "targets"
urlpatterns = [
    path("", views.cockpit, name="cockpit"),
    path("tom-tat/", views.summary_page, name="summary"),
    path("giao/<str:code>/", views.assign, name="assign"),
    path("giao/<str:code>/tai-len/", views.upload, name="upload"),
    path("giao/<str:code>/mau.xlsx", views.upload_template, name="upload_template"),
]
