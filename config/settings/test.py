"""Tests: SQLite in memory by default; DATABASE_URL=postgres://... runs the suite on PostgreSQL."""

import os

if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = "sqlite://:memory:"

from .base import *  # noqa: E402,F403
from .base import DATABASES, TASK_BACKENDS  # noqa: E402

SECRET_KEY = "test-only-not-secret"
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {}
    # THADS_TEST_SQLITE=/tmp/t.sqlite3 keeps the test database in a file (to inspect it).
    if os.environ.get("THADS_TEST_SQLITE"):
        DATABASES["default"]["TEST"] = {"NAME": os.environ["THADS_TEST_SQLITE"]}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
# Static files are looked up per request: no scan of every file for each test client.
WHITENOISE_AUTOREFRESH = True
# Jobs run when the test's transaction commits (django_capture_on_commit_callbacks); tests of the
# queue itself switch to the database backend (settings.TASKS).
TASKS = {"default": {"BACKEND": TASK_BACKENDS["inline"]}}
# The alias the replica tests route report reads to (thads.common.replica): the test database
# itself (a mirror); report reads stay on the default unless a test sets THADS_REPORT_DATABASE.
DATABASES.setdefault("replica", {**DATABASES["default"], "TEST": {"MIRROR": "default"}})
