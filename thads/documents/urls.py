from django.urls import path

from thads.documents import views

app_name = "documents"

urlpatterns = [
    path("mau/", views.template_list, name="templates"),
    path("mau/<slug:code>/in-trong/", views.blank, name="blank"),
    path("viec/<int:case_pk>/soan/", views.draft_new, name="draft"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/sua/", views.draft_edit, name="edit"),
    path("<int:pk>/ban-hanh/", views.issue, name="issue"),
    path("<int:pk>/huy/", views.discard, name="discard"),
    path("<int:pk>/gui-vks/", views.mark_sent, name="mark_sent"),
    path("<int:pk>/tai/<slug:fmt>/", views.download, name="download"),
    path("so/<str:unit_code>/", views.register, name="register"),
    path("so-gui-vks/<str:unit_code>/", views.procuracy_register, name="procuracy_register"),
]
