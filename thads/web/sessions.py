"""Sessions that end after 8 idle hours, without a database write on every page.

Django's `SESSION_SAVE_EVERY_REQUEST` gives the idle timeout by saving the session on every
request: an UPDATE of its row and a commit (a WAL flush) per page, the largest fixed cost of a
page after the template. This store (the database backend, `SESSION_ENGINE`) instead moves the
row's expiry forward only when the row is older than `THADS_SESSION_REFRESH_SECONDS` (60 s): a
user who keeps working still has 8 hours from the last page (to the minute), an idle one is
signed out between 8 hours less a minute and 8 hours after its last page. A session whose data
changed (a sign-in, the unit switcher) is saved as before.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.sessions.backends import db
from django.utils import timezone


def needs_refresh(expire_date: dt.datetime, now: dt.datetime | None = None) -> bool:
    """Whether a session row expiring at `expire_date` was last saved more than the refresh
    interval ago (it was saved with `SESSION_COOKIE_AGE` seconds to live)."""
    now = now or timezone.now()
    saved = expire_date - dt.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return now - saved >= dt.timedelta(seconds=settings.THADS_SESSION_REFRESH_SECONDS)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        session = super()._get_session_from_db()
        if session is not None and needs_refresh(session.expire_date):
            self.modified = True  # SessionMiddleware saves it: a new expiry, a new cookie
        return session
