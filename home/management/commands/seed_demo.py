"""Fill a freshly migrated database with the Binjai Smart City demo portal.

    python manage.py seed_demo [--password PASSWORD] [--quiet]

Creates the page tree (/berita/ with dated articles, /layanan/, /tentang/ and its children),
illustrations drawn with Pillow, news categories, site settings and menus, announcements and
one demo account per staff role. Running it again changes nothing. The content lives in
``home.demo``; this command only runs it in one transaction and reports.
"""

import logging
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.db import transaction

from home.demo.builder import DemoSeeder
from home.demo.content import DEFAULT_PASSWORD


@contextmanager
def quiet_loggers(*names: str, enabled: bool):
    """Silence per-object INFO lines ("Page created", "Published", task runs) while seeding."""
    loggers = [logging.getLogger(name) for name in names]
    previous = [logger.level for logger in loggers]
    if enabled:
        for logger in loggers:
            logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, previous, strict=True):
            logger.setLevel(level)


class Command(BaseCommand):
    help = "Fill an empty database with the Binjai Smart City demo portal (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=DEFAULT_PASSWORD,
            help=f"Password of the demo accounts (default: {DEFAULT_PASSWORD}).",
        )
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")

    def handle(self, *args, password, quiet, verbosity, **options):
        started = time.monotonic()
        with quiet_loggers("wagtail", "django_tasks", enabled=verbosity < 2), transaction.atomic():
            report = DemoSeeder(password=password).run()
        if quiet or verbosity == 0:
            return

        write = self.stdout.write
        write(self.style.MIGRATE_HEADING("Binjai Smart City demo"))
        for kind in report.kinds:
            parts = []
            if report.created[kind]:
                parts.append(f"{report.created[kind]} created")
            if report.updated[kind]:
                parts.append(f"{report.updated[kind]} filled in")
            if report.present[kind]:
                parts.append(f"{report.present[kind]} already present")
            write(f"  {kind:<16} {', '.join(parts)}")
        write("")
        write(self.style.MIGRATE_HEADING("Demo accounts (log in at /admin/)"))
        user_width = max(14, *(len(username) for username, _, _ in report.users))
        role_width = max(24, *(len(role) for _, role, _ in report.users))
        write(f"  {'username':<{user_width}} {'role':<{role_width}} {'password':<20} note")
        for username, role, note in report.users:
            write(f"  {username:<{user_width}} {role:<{role_width}} {password:<20} {note}")
        write(self.style.SUCCESS(f"Done in {time.monotonic() - started:.1f} s."))
