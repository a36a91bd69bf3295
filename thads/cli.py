"""The `thads` command: Django's management commands with THADS settings preset."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
    from django.core.management import execute_from_command_line

    argv = sys.argv[:]
    argv[0] = "thads"
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
