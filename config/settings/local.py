"""The zero-setup default: SQLite in ./data, DEBUG off unless asked, a per-machine secret."""

import os
import secrets

from .base import *  # noqa: F403
from .base import DATA_DIR, SECRET_KEY, STATIC_ROOT

DATA_DIR.mkdir(parents=True, exist_ok=True)
# WhiteNoise serves from the finders locally; an empty STATIC_ROOT keeps it from warning.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

if not SECRET_KEY:
    # A random key kept in the data folder, so sessions survive restarts without a secret in git.
    _key_file = DATA_DIR / "secret_key"
    if not _key_file.exists():
        _key_file.write_text(secrets.token_urlsafe(50))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()

# Development: the deadline reminders' e-mails go to the worker's console unless a server is set.
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
