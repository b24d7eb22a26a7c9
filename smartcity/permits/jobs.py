"""e-sippadu's periodic job, run by ``manage.py run_periodic_jobs`` (``smartcity.core.periodic``).

The alert claims each application with a conditional update, so a late or repeated run alerts
nobody twice; the e-mails leave through the background task queue (``db_worker``).
"""

import datetime

from smartcity.core import periodic

from . import services


@periodic.register("permits.alert_overdue", every=datetime.timedelta(minutes=15))
def alert_overdue():
    """Tell the Inspectorate about applications that passed their service level."""
    return services.alert_overdue()
