from django.urls import path

from thads.org import views

app_name = "org"
urlpatterns = [
    path("don-vi/", views.unit_list, name="unit_list"),
    path("don-vi/<str:code>/", views.unit_detail, name="unit_detail"),
    path("can-bo/<str:code>/", views.staff_detail, name="staff_detail"),
    path("can-bo/<str:code>/sua/", views.staff_edit, name="staff_edit"),
]
