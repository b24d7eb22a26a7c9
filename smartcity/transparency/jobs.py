"""PPID's periodic jobs, run by ``manage.py run_periodic_jobs`` (``smartcity.core.periodic``).

Each reminds once per deadline (claimed with a conditional update and noted in the request's
history), so a late or repeated run does no harm; the e-mails leave through the background task
queue (``db_worker``). Deadlines move by the day, so an hourly run is enough.
"""

import datetime

from smartcity.core import periodic

from . import services


@periodic.register("transparency.remind_requests_due_soon", every=datetime.timedelta(hours=1))
def remind_requests_due_soon():
    """E-mail the agency's information officers about requests due within 2 working days."""
    return services.remind_requests_due_soon()


@periodic.register("transparency.alert_overdue_requests", every=datetime.timedelta(hours=1))
def alert_overdue_requests():
    """E-mail the agency's information officers about requests past their deadline."""
    return services.alert_overdue_requests()


@periodic.register("transparency.remind_objections_due_soon", every=datetime.timedelta(hours=1))
def remind_objections_due_soon():
    """E-mail the agency's superior officers about objections due within 5 working days."""
    return services.remind_objections_due_soon()
