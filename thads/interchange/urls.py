from django.urls import path

from thads.interchange import views

app_name = "interchange"
urlpatterns = [
    path("tep/<int:pk>/", views.detail, name="detail"),
    path("tep/<int:pk>/trang-thai/", views.status, name="status"),
    path("tep/<int:pk>/xac-nhan/", views.confirm, name="confirm"),
    path("<str:unit_code>/", views.upload, name="upload"),
    path("<str:unit_code>/mau.xlsx", views.template, name="template"),
]
