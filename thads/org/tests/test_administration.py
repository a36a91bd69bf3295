"""Quản trị (/quan-tri/): the `quantri` role creates accounts, stops and reopens them, resets
passwords (changed at the next sign-in), lifts lockouts (django-axes) and changes roles and
postings within its subtree; every change is in the append-only administration log.

Demo accounts (thads.org.demo): quantri (administrator of TNG), chv (officer of TNG-KV2);
CBG-KV1 is another province.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thads.org.demo import DEMO_PASSWORD
from thads.org.models import AdminAction, AdminLogEntry, Membership, Role, Staff, Unit
from thads.testing.cases import login
from thads.web.tests.access_matrix import ROLES

pytestmark = pytest.mark.django_db


def _sign_in(client, username: str, password: str) -> bool:
    """Through the login page (django-axes needs the request)."""
    response = client.post(reverse("login"), {"username": username, "password": password})
    return response.status_code == 302


def _actions(staff: Staff) -> list[str]:
    return list(
        AdminLogEntry.objects.filter(staff=staff).order_by("id").values_list("action", flat=True)
    )


def test_only_the_administrator_opens_the_administration(client, shared_demo_org):
    login(client, "chv")
    assert client.get(reverse("administration:index")).status_code == 403
    login(client, "quantri")
    response = client.get(reverse("administration:index"))
    assert response.status_code == 200
    names = {row["staff"].code for row in response.context["rows"]}
    assert "TN-SC-02" in names
    assert not any(code.startswith("CB") for code in names), "another province's staff"
    other = Membership.objects.filter(unit__code="CBG-KV1").first().staff
    assert client.get(reverse("administration:staff", args=[other.code])).status_code == 404


@pytest.mark.parametrize("role", list(ROLES))
def test_the_administration_pages_answer_the_administrator_only(client, shared_demo_org, role):
    login(client, ROLES[role].username)
    expected = 200 if role == "admin" else 403
    for name in ("administration:index", "administration:log", "administration:account_create"):
        assert client.get(reverse(name)).status_code == expected, name


def test_create_an_account_that_must_change_its_password(client, shared_demo_org):
    admin = login(client, "quantri")
    kv2 = Unit.objects.get(code="TNG-KV2")
    response = client.post(
        reverse("administration:account_create"),
        {
            "full_name": "Ngô Thị Hoa",
            "code": "TNG-KV2-TK9",
            "title": "thu_ky",
            "unit": kv2.pk,
            "role": Role.CLERK,
            "valid_from": timezone.localdate().strftime("%d/%m/%Y"),
            "username": "hoa.nt",
        },
    )
    assert response.status_code == 302
    staff = Staff.objects.get(code="TNG-KV2-TK9")
    assert staff.must_change_password and staff.user.username == "hoa.nt"
    [entry] = AdminLogEntry.objects.filter(staff=staff)
    assert entry.action == AdminAction.ACCOUNT_CREATE and entry.by == admin and entry.unit == kv2
    # The temporary password is shown once to the administrator.
    shown = str(list(response.wsgi_request._messages)[0])
    password = shown.split("Mật khẩu tạm thời: ")[1].split(" ")[0]

    newcomer = Client()
    assert _sign_in(newcomer, "hoa.nt", password)
    forced = newcomer.get("/")
    assert forced.status_code == 302 and forced["Location"] == reverse("password_change")
    changed = newcomer.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "Hoa-mat-khau-2026",
            "new_password2": "Hoa-mat-khau-2026",
        },
    )
    assert changed.status_code == 302
    staff.refresh_from_db()
    assert not staff.must_change_password
    assert newcomer.get("/").status_code == 200


def test_refusals_change_nothing(client, shared_demo_org):
    login(client, "quantri")
    cbg = Unit.objects.get(code="CBG-KV1")
    response = client.post(
        reverse("administration:account_create"),
        {
            "full_name": "Ngoài Phạm Vi",
            "code": "X-1",
            "title": "thu_ky",
            "unit": cbg.pk,
            "role": Role.CLERK,
            "valid_from": "02/12/2026",
            "username": "ngoai",
        },
    )
    assert response.status_code == 400  # not a choice: another province
    assert not Staff.objects.filter(code="X-1").exists()
    me = Staff.objects.get(user__username="quantri")
    response = client.post(reverse("administration:deactivate", args=[me.code]), {"reason": "thử"})
    assert response.status_code == 400
    assert "chính mình" in response.content.decode()
    assert not AdminLogEntry.objects.exists()


def test_deactivate_reset_and_reopen(client, shared_demo_org):
    login(client, "quantri")
    chv = Staff.objects.get(user__username="chv")
    url = reverse("administration:deactivate", args=[chv.code])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"reason": "Nghỉ hưu"}).status_code == 302
    chv.user.refresh_from_db()
    assert not chv.user.is_active
    assert not _sign_in(Client(), "chv", DEMO_PASSWORD)
    client.post(reverse("administration:reactivate", args=[chv.code]), {"reason": "Trở lại"})
    assert client.post(reverse("administration:reset_password", args=[chv.code])).status_code == 302
    chv.refresh_from_db()
    assert chv.user.is_active and chv.must_change_password
    assert not _sign_in(Client(), "chv", DEMO_PASSWORD)  # the old one is gone
    assert _actions(chv) == [
        AdminAction.ACCOUNT_DEACTIVATE,
        AdminAction.ACCOUNT_REACTIVATE,
        AdminAction.PASSWORD_RESET,
    ]


def test_unlock_after_a_lockout(client, shared_demo_org, settings):
    from axes.models import AccessAttempt

    chv = Staff.objects.get(user__username="chv")
    stranger = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        stranger.post(reverse("login"), {"username": "chv", "password": "sai"})
    assert AccessAttempt.objects.filter(username="chv").exists()
    locked_out = stranger.post(reverse("login"), {"username": "chv", "password": DEMO_PASSWORD})
    assert locked_out.status_code != 302
    login(client, "quantri")
    page = client.get(reverse("administration:staff", args=[chv.code]))
    assert page.context["locked"]
    assert client.post(reverse("administration:unlock", args=[chv.code])).status_code == 302
    assert not AccessAttempt.objects.filter(username="chv").exists()
    signed_in = stranger.post(reverse("login"), {"username": "chv", "password": DEMO_PASSWORD})
    assert signed_in.status_code == 302
    assert _actions(chv) == [AdminAction.UNLOCK]


def test_new_posting_ends_the_current_one(client, shared_demo_org):
    login(client, "quantri")
    chv = Staff.objects.get(user__username="chv")
    kv3 = Unit.objects.get(code="TNG-KV3")
    day = timezone.localdate()
    response = client.post(
        reverse("administration:posting", args=[chv.code]),
        {"unit": kv3.pk, "role": Role.OFFICER, "valid_from": day.strftime("%d/%m/%Y")},
    )
    assert response.status_code == 302
    current = chv.memberships.order_by("-valid_from")
    assert current[0].unit == kv3 and current[0].valid_to is None
    assert current[1].valid_to == day - dt.timedelta(days=1)
    assert _actions(chv) == [AdminAction.POSTING_END, AdminAction.POSTING_ADD]
    log = client.get(reverse("administration:log"))
    assert "Hồ Văn Phúc" in log.content.decode()  # the administrator's name, not its username


def test_the_log_is_append_only(shared_demo_org):
    from django.db import DatabaseError, transaction

    admin = get_user_model().objects.get(username="quantri")
    staff = Staff.objects.get(user__username="chv")
    entry = AdminLogEntry.objects.create(
        by=admin, action=AdminAction.UNLOCK, staff=staff, unit=Unit.objects.get(code="TNG-KV2")
    )
    with pytest.raises(PermissionError):
        entry.save()
    # pgtrigger raises a ProgrammingError on PostgreSQL, SQLite's trigger an IntegrityError.
    with pytest.raises(DatabaseError), transaction.atomic():
        AdminLogEntry.objects.filter(pk=entry.pk).update(detail="sửa")
