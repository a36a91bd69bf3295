from django.urls import path

from thads.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("chon-don-vi/", views.switch_unit, name="switch_unit"),
]
