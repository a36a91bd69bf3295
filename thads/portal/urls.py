from django.urls import path, re_path

from thads.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.debtors, name="debtors"),
    re_path(r"^xuat\.(?P<fmt>csv|json)$", views.debtors_export, name="debtors_export"),
    path("bien-dong.json", views.listing_changes, name="listing_changes"),
    path("dau-gia/", views.auction_list, name="auctions"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("don-vi/", views.units, name="units"),
]
