from django.urls import path

from thads.complaints.views import letters

app_name = "complaints"

urlpatterns = [
    path("quy-dinh/", letters.rule_list, name="rules"),
    path("don/<int:pk>/", letters.letter_detail, name="letter"),
    path("don/<int:pk>/xu-ly/", letters.letter_handle, name="letter_handle"),
    path("so/<str:unit_code>/", letters.register, name="register"),
    path("so/<str:unit_code>/nhan-don/", letters.letter_new, name="letter_new"),
]
