"""Run e-appointment's scheduled work: release unapproved bookings, remind tomorrow's visitors.

Run it every few minutes from cron or a systemd timer (like ``publish_scheduled``); both jobs
are idempotent, and the e-mails and texts themselves leave through the background task queue.
"""

from django.core.management.base import BaseCommand

from smartcity.appointments import services


class Command(BaseCommand):
    help = "Release bookings nobody approved in time and send tomorrow's reminders."

    def handle(self, *args, **options):
        expired = services.expire_unapproved()
        reminded = services.send_reminders()
        if options["verbosity"]:
            self.stdout.write(f"{expired} unapproved booking(s) released, {reminded} reminder(s) sent.")
