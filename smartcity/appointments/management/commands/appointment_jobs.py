"""Run all of e-appointment's scheduled work once, now, whatever its schedule.

Production schedules the same jobs with ``manage.py run_periodic_jobs`` (see
``smartcity/appointments/jobs.py``); this command is for running them by hand. Every job is
idempotent, and the e-mails and texts leave through the background task queue.
"""

from django.core.management.base import BaseCommand

from smartcity.appointments import services, waitlist


class Command(BaseCommand):
    help = (
        "Release unapproved and unconfirmed bookings, pass lapsed waitlist offers on, and send "
        "tomorrow's reminders."
    )

    def handle(self, *args, **options):
        expired = services.expire_unapproved()
        released = services.release_unconfirmed()
        lapsed = waitlist.expire_holds()
        reminded = services.send_reminders()
        if options["verbosity"]:
            self.stdout.write(
                f"{expired} unapproved and {released} unconfirmed booking(s) released, "
                f"{lapsed} waitlist offer(s) passed on, {reminded} reminder(s) sent."
            )
