from django.urls import path

from thads.ledger import views

app_name = "ledger"

urlpatterns = [
    path("bien-lai/<int:pk>/in/", views.receipt_print, name="receipt_print"),
    path("bien-lai/<int:pk>/huy/", views.receipt_reverse, name="receipt_reverse"),
    path("viec/<int:pk>/thu-tien/", views.payment, name="payment"),
    path("viec/<int:pk>/chi-tra/", views.payout, name="payout"),
    path("chi-tra/<int:pk>/huy/", views.payout_reverse, name="payout_reverse"),
    path("tam-giu/khoan/<int:pk>/xu-ly/", views.held_release, name="held_release"),
    path("tam-giu/<str:unit_code>/", views.held_list, name="held_list"),
    path("tam-giu/<str:unit_code>/nhan/", views.held_receive, name="held_receive"),
]
