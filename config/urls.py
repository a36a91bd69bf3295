from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from thads.web.auth_views import OwnPasswordChangeView, ThrottledLoginView
from thads.web.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("dang-nhap/", ThrottledLoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "doi-mat-khau/",
        # Named templates: django.contrib.admin ships registration/password_change_*.html,
        # which would otherwise win over ours (admin comes first in INSTALLED_APPS).
        OwnPasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "doi-mat-khau/xong/",
        auth_views.PasswordChangeDoneView.as_view(template_name="web/password_change_done.html"),
        name="password_change_done",
    ),
    path("ngon-ngu/", set_language, name="set_language"),
    # Django's admin site (staff accounts only: data fixes, API tokens) under the administration.
    path("quan-tri/du-lieu/", admin.site.urls),
    path("quan-tri/", include("thads.org.admin_urls")),
    path("to-chuc/", include("thads.org.urls")),
    path("viec/", include("thads.cases.urls")),
    path("nhap-excel/", include("thads.interchange.urls")),
    path("so-sach/", include("thads.ledger.urls")),
    path("thong-ke/", include("thads.stats.urls")),
    path("bao-cao-thang/", include("thads.stats.submission_urls")),
    path("chi-tieu/", include("thads.targets.urls")),
    path("van-ban/", include("thads.documents.urls")),
    path("don-thu/", include("thads.complaints.urls")),
    path("diem-nghen/", include("thads.targets.bottleneck_urls")),
    path("api/v1/", include("thads.api.urls")),
    path("giam-sat/", include("thads.oversight.urls")),
    path("cong-khai/", include("thads.portal.urls")),
    path("", include("thads.web.urls")),
]
