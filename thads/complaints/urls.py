from django.urls import path

from thads.complaints.views import attachments, letters, matters, papers, reception

app_name = "complaints"

urlpatterns = [
    path("quy-dinh/", letters.rule_list, name="rules"),
    path("don/<int:pk>/", letters.letter_detail, name="letter"),
    path("don/<int:pk>/dinh-kem/", attachments.attach, name="letter_attach"),
    path("tep-dinh-kem/<int:pk>/", attachments.download, name="attachment"),
    path("don/<int:pk>/xu-ly/", letters.letter_handle, name="letter_handle"),
    path("so/<str:unit_code>/", letters.register, name="register"),
    path("so/<str:unit_code>/nhan-don/", letters.letter_new, name="letter_new"),
    path("vu-viec/<int:pk>/", matters.matter_detail, name="matter"),
    path("vu-viec/<int:pk>/<slug:action>/", matters.matter_action, name="matter_action"),
    path("giai-quyet/<str:unit_code>/", matters.matter_list, name="matters"),
    path("tiep-cong-dan/<str:unit_code>/", reception.session_list, name="sessions"),
    path("tiep-cong-dan/<str:unit_code>/ghi/", reception.session_new, name="session_new"),
    path("buoi-tiep/<int:pk>/", reception.session_detail, name="session"),
    path("van-ban-in/<slug:kind>/<int:pk>/", papers.show, name="paper"),
    path("van-ban-in/<slug:kind>/<int:pk>/<slug:fmt>/", papers.download, name="paper_file"),
]
