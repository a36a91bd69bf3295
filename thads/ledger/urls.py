from django.urls import path

from thads.ledger import views

app_name = "ledger"

urlpatterns = [
    path("bien-lai/<int:pk>/in/", views.receipt_print, name="receipt_print"),
]
