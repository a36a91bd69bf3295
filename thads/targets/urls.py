from django.urls import path

from thads.targets.views import assign, cockpit

app_name = "targets"
urlpatterns = [
    path("", cockpit.cockpit, name="cockpit"),
    path("tom-tat/", cockpit.summary_page, name="summary"),
    path("giao/<str:code>/", assign.assign, name="assign"),
    path("giao/<str:code>/tai-len/", assign.upload, name="upload"),
    path("giao/<str:code>/mau.xlsx", assign.upload_template, name="upload_template"),
]
