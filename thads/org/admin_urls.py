from django.urls import path

from thads.org import admin_views as views

app_name = "administration"
urlpatterns = [
    path("", views.index, name="index"),
    path("tai-khoan/moi/", views.account_create, name="account_create"),
    path("nhat-ky/", views.log, name="log"),
    path("can-bo/<str:code>/", views.staff_page, name="staff"),
    path("can-bo/<str:code>/ngung/", views.set_active, {"active": 0}, name="deactivate"),
    path("can-bo/<str:code>/mo-lai/", views.set_active, {"active": 1}, name="reactivate"),
    path("can-bo/<str:code>/dat-lai-mat-khau/", views.reset_password, name="reset_password"),
    path("can-bo/<str:code>/mo-khoa/", views.unlock, name="unlock"),
    path("can-bo/<str:code>/cong-tac/", views.posting, name="posting"),
]
