from django.urls import path

from thads.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.my_cases, name="my_cases"),
    path("danh-sach/", views.case_list, name="list"),
    path("<int:pk>/", views.case_detail, name="detail"),
    path("<int:pk>/su-kien/<slug:event_type>/", views.case_action, name="action"),
    path("<int:pk>/phan-cong/", views.case_assign, name="assign"),
    path("thu-ly/<str:unit_code>/", views.intake, name="intake"),
    path("phan-cong/vi-pham/", views.policy_violations, name="violations"),
    path("phan-cong/<str:unit_code>/", views.unit_load, name="unit_load"),
]
