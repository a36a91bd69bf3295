"""Login throttling, CSRF, secure headers, sessions, password change, logout."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thads.org.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
TWO_MINUTES = dt.timedelta(minutes=2)


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("canbo", password=DEMO_PASSWORD)


def test_login_page_is_vietnamese(client):
    page = client.get(reverse("login")).content.decode()
    assert "Đăng nhập hệ thống" in page
    assert "Tên đăng nhập" in page
    assert "Mật khẩu" in page
    assert '<html lang="vi">' in page


def test_login_and_wrong_password_message(client, user):
    response = client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    assert response.status_code == 200
    assert "mật khẩu chính xác" in response.content.decode()  # Django's vi catalogue
    response = client.post(reverse("login"), {"username": "canbo", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("web:home")


def test_five_failures_lock_the_account(client, user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    # Locked now, even with the right password.
    response = client.post(reverse("login"), {"username": "canbo", "password": DEMO_PASSWORD})
    assert response.status_code == 429
    page = response.content.decode()
    assert "Tạm khóa đăng nhập" in page
    assert "Bạn đã nhập sai mật khẩu quá nhiều lần" in page
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(client, user):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        client.post(reverse("login"), {"username": "canbo", "password": "sai"})
    response = client.post(reverse("login"), {"username": "canbo", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_csrf_is_enforced(user):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(reverse("login"), {"username": "canbo", "password": DEMO_PASSWORD})
    assert response.status_code == 403
    strict.force_login(user)
    assert strict.post(reverse("logout")).status_code == 403
    assert strict.post(reverse("set_language"), {"language": "en"}).status_code == 403


def test_csrf_token_lets_the_form_through(user):
    strict = Client(enforce_csrf_checks=True)
    strict.get(reverse("login"))
    token = strict.cookies[settings.CSRF_COOKIE_NAME].value
    response = strict.post(
        reverse("login"),
        {"username": "canbo", "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302


def test_secure_headers(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    directives = dict(
        (part.strip().split(" ", 1) + [""])[:2] for part in csp.split(";") if part.strip()
    )
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp
    assert "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_scripts(client, user):
    client.force_login(user)
    page = client.get(reverse("web:home")).content.decode()
    assert "<script>" not in page
    assert " onclick=" not in page and " onchange=" not in page


def test_session_settings():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    # The idle timeout comes from web.sessions (tests below), not from a write on every page.
    assert settings.SESSION_ENGINE == "thads.web.sessions"
    assert settings.SESSION_SAVE_EVERY_REQUEST is False
    assert settings.SESSION_COOKIE_HTTPONLY is True
    assert settings.SESSION_COOKIE_SAMESITE == "Lax"


def test_session_cookie_is_http_only_and_expires_with_the_browser(client, user):
    response = client.post(reverse("login"), {"username": "canbo", "password": DEMO_PASSWORD})
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert not cookie["max-age"]  # a browser-session cookie
    assert client.session.get_expiry_age() == 8 * 60 * 60


def _sign_in(client) -> Session:
    response = client.post(reverse("login"), {"username": "canbo", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    return Session.objects.get(session_key=client.session.session_key)


def test_a_page_after_sign_in_writes_no_session(client, user):
    """No UPDATE of the session row per page (web.sessions): the row is a minute fresh."""
    _sign_in(client)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("web:home"))
    assert response.status_code == 200
    session_sql = [q["sql"] for q in queries if "django_session" in q["sql"]]
    assert session_sql and all(sql.lstrip().upper().startswith("SELECT") for sql in session_sql)
    assert settings.SESSION_COOKIE_NAME not in response.cookies


def test_a_working_user_keeps_eight_hours_from_its_last_page(client, user):
    row = _sign_in(client)
    age = dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    # Saved 2 minutes ago (more than the refresh interval): this page moves the expiry.
    Session.objects.filter(pk=row.pk).update(expire_date=timezone.now() + age - TWO_MINUTES)
    before = timezone.now()
    assert client.get(reverse("web:home")).status_code == 200
    row.refresh_from_db()
    assert before + age <= row.expire_date <= timezone.now() + age


def test_a_session_idle_for_eight_hours_is_signed_out(client, user):
    row = _sign_in(client)
    Session.objects.filter(pk=row.pk).update(expire_date=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(reverse("web:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def _production_value(expression: str, **env: str) -> subprocess.CompletedProcess:
    code = f"import config.settings.production as p; print({expression})"
    environment = {k: v for k, v in os.environ.items() if k != "SECRET_KEY"} | env
    return subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False
    )


def test_production_settings_are_strict():
    result = _production_value(
        "p.DEBUG, p.SESSION_COOKIE_SECURE, p.CSRF_COOKIE_SECURE, p.SECURE_HSTS_SECONDS",
        SECRET_KEY="x" * 50,
    )
    assert result.stdout.split() == ["False", "True", "True", "31536000"], result.stderr


def test_production_refuses_an_empty_secret_key():
    result = _production_value("p.SECRET_KEY")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_password_change_in_vietnamese(client, user):
    client.force_login(user)
    page = client.get(reverse("password_change")).content.decode()
    assert "Đổi mật khẩu" in page
    assert "Mật khẩu cũ" in page  # Django's own Vietnamese catalogue
    assert "Lưu mật khẩu mới" in page  # our template, not the admin's
    response = client.post(
        reverse("password_change"),
        {
            "old_password": DEMO_PASSWORD,
            "new_password1": "Mat-khau-moi-2026",
            "new_password2": "Mat-khau-moi-2026",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    assert "Đã đổi mật khẩu" in client.get(response["Location"]).content.decode()
    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2026")


def test_password_change_errors_in_vietnamese(client, user):
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": "sai", "new_password1": "123", "new_password2": "123"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Mật khẩu cũ không chính xác" in page
    assert "THADS" in page  # our template, not the admin's


def test_password_change_needs_login(client):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_logout_is_post_only(client, user):
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert client.get(reverse("web:home")).status_code == 302
