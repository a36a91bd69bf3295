"""Settings shared by every environment; everything secret or machine-specific comes from
the environment (DATABASE_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS)."""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("THADS_DATA_DIR", BASE_DIR / "data"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'thads.sqlite3'}"),
        conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout make the SQLite default usable by a server and a command at once.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
# A PostgreSQL streaming replica for the report screens (thads.common.replica), off unless set.
DATABASE_ROUTERS = ["thads.common.replica.ReportReadRouter"]
THADS_REPORT_DATABASE = "default"
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"], conn_max_age=60
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    THADS_REPORT_DATABASE = "replica"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "pgtrigger",
    "pghistory",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "thads.common",
    "thads.org",
    "thads.cases",
    "thads.ledger",
    "thads.stats",
    "thads.targets",
    "thads.complaints",
    "thads.oversight",
    "thads.documents",
    "thads.interchange",
    "thads.web",
    "thads.portal",
    "thads.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "thads.common.request_memo.RequestMemoMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "thads.web.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "thads.org.middleware.ActiveUnitMiddleware",
    "thads.web.middleware.ForcedPasswordChangeMiddleware",
    "thads.web.middleware.HostileInputMiddleware",
    "axes.middleware.AxesMiddleware",
    "thads.web.middleware.ReportReadsMiddleware",
]
if IS_POSTGRES:
    # pghistory's request context is a PostgreSQL session variable; on SQLite its cursor wrapper
    # fails on every write (sqlite3 connections have no `.info`), so it is PostgreSQL only.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("axes.middleware.AxesMiddleware"), "pghistory.middleware.HistoryMiddleware"
    )

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "thads.web.context_processors.navigation",
            ],
            "builtins": [
                "django.templatetags.l10n",
                "thads.common.templatetags.thads_format",
                "thads.web.templatetags.thads_ui",
            ],
        },
    }
]

# Every form: Bootstrap classes, labels, Vietnamese errors tied to their field (thads.common).
FORM_RENDERER = "thads.common.forms_ui.ThadsFormRenderer"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

# Sessions: expire after 8 idle hours and when the browser closes. The idle timeout without a
# write per page: the session row's expiry moves forward once it is a minute old (web.sessions).
SESSION_ENGINE = "thads.web.sessions"
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_SAVE_EVERY_REQUEST = False
THADS_SESSION_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Failed logins: 5 failures lock the username+IP pair for 15 minutes (django-axes).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# The client's real address behind a reverse proxy: THADS_TRUSTED_PROXIES lists the proxies
# (addresses or networks); X-Forwarded-For is read only from them (thads.web.client_ip).
AXES_CLIENT_IP_CALLABLE = "thads.web.client_ip.client_ip"
THADS_TRUSTED_PROXIES = env_list("THADS_TRUSTED_PROXIES", [])

# Secure headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Vietnamese first: vi is the default, en is available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "thads" / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Numbers are grouped (1.234.567) only where a template asks for it (|number, |vnd): a year, a
# code or an id rendered plainly must never become "2.027" inside a URL or an input.
USE_THOUSAND_SEPARATOR = False
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "thads_language"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Background jobs (common.jobs): the database queue run by `thads worker`, or "inline" (the
# immediate backend: a job runs in the request once it commits — tests, or no worker at all).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "inline": "django_tasks.backends.immediate.ImmediateBackend",
}
TASKS = {"default": {"BACKEND": TASK_BACKENDS[os.environ.get("THADS_TASKS", "database")]}}
# A worker beats every THADS_WORKER_HEARTBEAT seconds; one silent for THADS_WORKER_STALE seconds
# is dead: its task goes back to the queue, and /healthz says no worker is alive.
THADS_WORKER_HEARTBEAT = float(os.environ.get("THADS_WORKER_HEARTBEAT", "5"))
THADS_WORKER_STALE = float(os.environ.get("THADS_WORKER_STALE", "60"))

# Deadline reminders (cases.reminders): each working morning, the deadlines due today and within
# this many working days, e-mailed once to their officer. THADS_BASE_URL starts the links.
THADS_REMINDER_WORKING_DAYS = int(os.environ.get("THADS_REMINDER_WORKING_DAYS", "2"))
THADS_BASE_URL = os.environ.get("THADS_BASE_URL", "http://127.0.0.1:8000")
# Outgoing mail (Django's SMTP backend; EMAIL_BACKEND=django.core.mail.backends.console.EmailBackend
# prints the mails to the worker's log instead).
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "THADS <thads@localhost>")

CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Working-day calendar: days off and make-up working days the government announces on top of
# the statutory holidays (Bộ luật Lao động 2019, Điều 112). ISO dates.
THADS_EXTRA_DAYS_OFF: list[str] = []
THADS_EXTRA_WORKING_DAYS: list[str] = []

# Monthly statistical reports are due this many working days after the period ends, per unit
# level (TT 06/2019/TT-BTP, Điều 9 k2: Chấp hành viên 1, Chi cục 2, Cục 4 working days).
THADS_REPORT_DEADLINES: dict[str, int] = {"local": 2, "province": 4}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}


def require_secret_key(key: str) -> str:
    if not key:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment.")
    return key


# Row history (django-pghistory, PostgreSQL triggers): `obj.row_history` lists the row's versions;
# `events` stays free for the readable CaseEvent timeline.
PGHISTORY_OBJ_FIELD = __import__("pghistory").ObjForeignKey(related_name="row_history")

# The interval index INCLUDEs its payload columns for PostgreSQL index-only scans; SQLite ignores
# INCLUDE (a plain index there), which is fine: silence Django's notice about it.
SILENCED_SYSTEM_CHECKS = ["models.W040"]


# The REST API (thads.api, docs/api.md): tokens issued in the administration, or the session of
# a signed-in user; the scope is exactly the screens' (request.access).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "thads.api.authentication.ScopedTokenAuthentication",
        "thads.api.authentication.ScopedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "thads.api.pagination.Pages",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "thads.api.schema.ThadsSchema",
    "EXCEPTION_HANDLER": "thads.api.problems.problem_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "COERCE_DECIMAL_TO_STRING": False,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "THADS API",
    "DESCRIPTION": "API mở của hệ thống quản lý thi hành án dân sự (docs/api.md).",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "JudgmentKindEnum": "thads.cases.models.JudgmentKind",
        "PartyKindEnum": "thads.cases.models.Party.Kind",
        "PartyRoleEnum": "thads.cases.models.Party.Role",
        "StaffRoleEnum": "thads.org.models.Role",
        "ComplaintKindEnum": "thads.complaints.models.ComplaintKind",
        "MatterKindEnum": "thads.complaints.models.MatterKind",
    },
}

# Scanned attachments of a complaint letter (PDF, JPEG, PNG), stored in the database: at most
# THADS_ATTACHMENT_MAX_MB megabytes each.
THADS_ATTACHMENT_MAX_BYTES = int(os.environ.get("THADS_ATTACHMENT_MAX_MB", "10")) * 1024 * 1024
