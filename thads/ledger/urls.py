from django.urls import path

from thads.ledger.views import books, held, payouts, receipts

app_name = "ledger"

urlpatterns = [
    path("bien-lai/<int:pk>/in/", receipts.receipt_print, name="receipt_print"),
    path("bien-lai/<int:pk>/huy/", receipts.receipt_reverse, name="receipt_reverse"),
    path("viec/<int:pk>/thu-tien/", receipts.payment, name="payment"),
    path("viec/<int:pk>/chi-tra/", payouts.payout, name="payout"),
    path("chi-tra/<int:pk>/huy/", payouts.payout_reverse, name="payout_reverse"),
    path("tam-giu/khoan/<int:pk>/xu-ly/", held.held_release, name="held_release"),
    path("tam-giu/<str:unit_code>/", held.held_list, name="held_list"),
    path("tam-giu/<str:unit_code>/nhan/", held.held_receive, name="held_receive"),
    path("so-bien-lai/<str:unit_code>/", books.receipt_register, name="receipt_register"),
    path("so-quy/<str:unit_code>/", books.cash_book, name="cash_book"),
    path("cho-chi-tra/<str:unit_code>/", books.payouts_due, name="payouts_due"),
]
