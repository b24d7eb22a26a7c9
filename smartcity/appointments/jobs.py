"""e-appointment's periodic jobs, run by ``manage.py run_periodic_jobs`` (``smartcity.core.periodic``).

Each is idempotent and claims its rows one at a time, so a late or repeated run does no harm;
the e-mails and texts leave through the background task queue (``db_worker``).
"""

import datetime

from smartcity.core import periodic

from . import services, waitlist


@periodic.register("appointments.expire_unapproved", every=datetime.timedelta(minutes=5))
def expire_unapproved():
    """Return bookings nobody approved in time to the pool (the waitlist is offered them first)."""
    return services.expire_unapproved()


@periodic.register("appointments.release_unconfirmed", every=datetime.timedelta(minutes=5))
def release_unconfirmed():
    """Return bookings the citizen did not confirm after the reminder to the pool."""
    return services.release_unconfirmed()


@periodic.register("appointments.send_reminders", every=datetime.timedelta(minutes=15))
def send_reminders():
    """E-mail and text tomorrow's visitors (with a confirm link where the service asks for it)."""
    return services.send_reminders()


@periodic.register("appointments.expire_waitlist_holds", every=datetime.timedelta(minutes=1))
def expire_waitlist_holds():
    """Pass offers not taken in time to the next person waiting; close past days' lists."""
    return waitlist.expire_holds()
