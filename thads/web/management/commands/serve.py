"""`thads serve`: the production web server (gunicorn, pinned) with WhiteNoise for static files.

Settings come from the environment (`THADS_BIND`, `THADS_WEB_WORKERS`, `THADS_WEB_THREADS`,
`THADS_WEB_TIMEOUT`) or the options; see docs/operations.md. Behind a reverse proxy bind to
127.0.0.1 (or a unix socket): only the proxy may reach it, it is the proxy that speaks TLS.
"""

from __future__ import annotations

import os

from django.core.management.base import BaseCommand
from django.db import connections
from gunicorn.app.base import BaseApplication


def default_workers() -> int:
    # gunicorn's advice is 2 × cores + 1; threads cover the waits on PostgreSQL.
    return int(os.environ.get("THADS_WEB_WORKERS") or 2 * (os.cpu_count() or 1) + 1)


# gunicorn's combined log format plus the time the request took (milliseconds): what a slow page
# is found by in `journalctl -u thads-web` (docs/operations.md, Monitoring).
ACCESS_LOG_FORMAT = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'


class ThadsApplication(BaseApplication):
    """gunicorn configured in code (no config file to lose), loading Django's WSGI app."""

    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        from config.wsgi import application

        return application


class Command(BaseCommand):
    help = "Chạy máy chủ web cho môi trường thật (gunicorn + WhiteNoise)."
    requires_system_checks: list = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--bind", default=os.environ.get("THADS_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=default_workers())
        parser.add_argument(
            "--threads", type=int, default=int(os.environ.get("THADS_WEB_THREADS", "4"))
        )
        parser.add_argument(
            "--timeout", type=int, default=int(os.environ.get("THADS_WEB_TIMEOUT", "60"))
        )
        parser.add_argument("--pidfile", default=os.environ.get("THADS_PIDFILE"))

    def handle(self, *args, **options) -> None:
        # No connection may cross the fork into the workers.
        connections.close_all()
        ThadsApplication(
            {
                "bind": options["bind"],
                "workers": options["workers"],
                "threads": options["threads"],
                "worker_class": "gthread",
                "timeout": options["timeout"],
                "graceful_timeout": 30,
                "keepalive": 5,
                "max_requests": 2000,  # recycle a worker now and then (memory)
                "max_requests_jitter": 200,
                "accesslog": "-",
                "access_log_format": ACCESS_LOG_FORMAT,
                "errorlog": "-",
                "pidfile": options["pidfile"],
                "proc_name": "thads-web",
                # No shared control socket in $HOME: several servers may run on one machine.
                "control_socket_disable": True,
                # Only the proxy on this machine may say the request came over HTTPS.
                "forwarded_allow_ips": os.environ.get("THADS_FORWARDED_ALLOW_IPS", "127.0.0.1"),
            }
        ).run()
