"""Production: everything from the environment; HTTPS-only cookies and HSTS."""

from .base import *  # noqa: F403
from .base import SECRET_KEY, env_bool, require_secret_key

SECRET_KEY = require_secret_key(SECRET_KEY)
DEBUG = False
WHITENOISE_USE_FINDERS = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
