"""Run the periodic jobs services register (``smartcity.core.periodic``).

Once (from cron, every minute): ``manage.py run_periodic_jobs``. As a service next to
``db_worker``: ``manage.py run_periodic_jobs --loop``. Safe on several machines at once.
"""

import signal
import threading

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from smartcity.core import periodic


class Command(BaseCommand):
    help = "Run the periodic jobs that are due (once, or every --sleep seconds with --loop)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running until stopped.")
        parser.add_argument(
            "--sleep", type=float, default=30, help="Seconds between two rounds with --loop (default 30)."
        )
        parser.add_argument("--job", action="append", dest="jobs", help="Only this job (may be repeated).")
        parser.add_argument("--list", action="store_true", help="List the registered jobs and stop.")

    def handle(self, *args, **options):
        if options["list"]:
            for job in periodic.registered_jobs():
                self.stdout.write(f"{job.name}\tevery {job.interval}\t{job.description}")
            return
        stop = threading.Event()
        if options["loop"]:
            # Finish the job under way, then stop (systemd and Docker send SIGTERM).
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
        while True:
            for run in periodic.run_due_jobs(only=options["jobs"]):
                if run.error:
                    self.stderr.write(f"{run.name}: failed ({run.error})")
                elif options["verbosity"]:
                    self.stdout.write(f"{run.name}: {run.result or 'done'}")
            if not options["loop"] or stop.wait(options["sleep"]):
                break
            close_old_connections()
