from django.urls import path

from thads.targets.views import bottlenecks as views

app_name = "bottlenecks"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("khung/", views.panel, name="panel"),
    path("can-bo/", views.people_page, name="people"),
    path("<slug:key>/", views.case_list, name="list"),
]
