"""Public statistics per type and month, computed in the database."""

import pytest

from smartcity.permits import services
from smartcity.permits.statistics import monthly_statistics
from smartcity.permits.workflow import APPLICATION_WORKFLOW
from tests.permits.factories import NOW, at, submitted

pytestmark = pytest.mark.django_db


def finish(application, front_office, reviewer, head, when):
    APPLICATION_WORKFLOW.apply(application, "verify", front_office)
    APPLICATION_WORKFLOW.apply(application, "recommend", reviewer)
    services.approve(application, head, now=when)


def test_counts_median_share_within_service_level_and_satisfaction(catalogue, front_office, reviewer, head):
    research = catalogue["izin-penelitian"]  # 3 working days: due Thu 4 Feb
    a, b, c = (submitted(research, now=NOW) for _ in range(3))
    rejected = submitted(research, now=NOW)
    submitted(research, now=NOW)  # still open
    finish(a, front_office, reviewer, head, at(2))  # 1 working day
    finish(b, front_office, reviewer, head, at(3))  # 2
    finish(c, front_office, reviewer, head, at(9))  # 5 (Fri 5 is cuti bersama): late
    APPLICATION_WORKFLOW.apply(rejected, "verify", front_office)
    APPLICATION_WORKFLOW.apply(rejected, "recommend", reviewer)
    services.reject(rejected, head, "Tidak sesuai", now=at(4))  # 3
    scores = dict.fromkeys(("requirements", "procedure", "duration", "cost", "product"), 4)
    scores |= dict.fromkeys(("competence", "conduct", "complaints", "facilities"), 2)
    a.refresh_from_db()
    services.record_satisfaction(a, scores)
    (row,) = monthly_statistics()
    assert row.type_name == "Izin Penelitian" and row.month.month == 2
    assert (row.applications, row.issued, row.rejected) == (5, 3, 1)
    assert row.median_days == 2.5  # 1, 2, 3, 5
    assert row.within_share == 75.0
    assert row.satisfaction == round((5 * 4 + 4 * 2) / 9 * 25, 1)
