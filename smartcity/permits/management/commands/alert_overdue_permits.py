"""Alert the Inspectorate about permit applications past their service level.

Run it from a periodic job (e.g. every hour); each application is alerted once.
"""

from django.core.management.base import BaseCommand

from smartcity.permits.services import alert_overdue


class Command(BaseCommand):
    help = "Alert the Inspectorate about permit applications past their service level."

    def handle(self, *args, **options):
        count = alert_overdue()
        self.stdout.write(f"{count} overdue application(s) alerted.")
