from django.urls import path

from thads.oversight import views

app_name = "oversight"

urlpatterns = [
    path("thahc/<str:unit_code>/", views.thahc.register_list, name="thahc_list"),
    path("thahc/<str:unit_code>/them/", views.thahc.register_new, name="thahc_new"),
    path("thahc/viec/<int:pk>/", views.thahc.detail, name="thahc_detail"),
    path("thahc/viec/<int:pk>/<slug:step>/", views.thahc.action, name="thahc_action"),
    path("kiem-tra/<str:unit_code>/", views.inspections.overview, name="inspections"),
    path("kiem-tra/<str:unit_code>/them/", views.inspections.new, name="inspection_new"),
    path("kiem-tra/<str:unit_code>/dot-xuat/", views.inspections.surprise, name="surprise_new"),
    path("kiem-tra/<str:unit_code>/ke-hoach/", views.inspections.plan, name="plan"),
    path("kiem-tra/cuoc/<int:pk>/", views.inspections.detail, name="inspection_detail"),
    path(
        "kiem-tra/cuoc/<int:pk>/<slug:step>/",
        views.inspections.action,
        name="inspection_action",
    ),
    path("vien-kiem-sat/<str:unit_code>/", views.procuracy.act_list, name="procuracy_list"),
    path("vien-kiem-sat/<str:unit_code>/them/", views.procuracy.new, name="procuracy_new"),
    path("vien-kiem-sat/van-ban/<int:pk>/", views.procuracy.detail, name="procuracy_detail"),
    path(
        "vien-kiem-sat/van-ban/<int:pk>/tra-loi/",
        views.procuracy.answer,
        name="procuracy_answer",
    ),
    path("van-ban-in/<slug:kind>/<int:pk>/", views.papers.show, name="paper"),
    path("van-ban-in/<slug:kind>/<int:pk>/<slug:fmt>/", views.papers.download, name="paper_file"),
    path("mien-giam/<str:unit_code>/", views.exemptions.dossier_list, name="exemptions"),
    path("mien-giam/<str:unit_code>/them/", views.exemptions.new, name="exemption_new"),
    path("mien-giam/ho-so/<int:pk>/", views.exemptions.update, name="exemption_update"),
]
