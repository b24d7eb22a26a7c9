"""Case log entries in Wagtail's reports are seen only by those who may see the case.

Wagtail's site history report (/admin/reports/site-history/, also as CSV) lists every log entry
of every content type the user has any permission for. Cases log to their own log-entry model
(``smartcity.core.models.CaseLogEntry``), whose ``viewable_by_user`` applies the case rule of
``smartcity.core.access``: the desk sees every case, an agency only its own.
"""

import pytest
from django.urls import reverse

from smartcity.complaints.workflow import COMPLAINT_WORKFLOW
from tests.complaints.factories import ComplaintFactory
from tests.complaints.staff_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db

REPORT = reverse("wagtailadmin_reports:site_history")


@pytest.fixture
def cases(supervisor, pupr, dlh):
    own = ComplaintFactory(agency=pupr, title="Jalan PUPR")
    foreign = ComplaintFactory(agency=dlh, title="Sampah DLH", is_private=True)
    for case in (own, foreign):
        COMPLAINT_WORKFLOW.apply(case, "verify", supervisor)
    return own, foreign


def test_transitions_are_logged_to_the_case_log(cases):
    from smartcity.core.models import CaseLogEntry

    own, _foreign = cases
    entry = CaseLogEntry.objects.for_instance(own).get()
    assert entry.action == "smartcity.transition"


def test_agency_officer_sees_only_their_agencys_case_history(client, officer, cases):
    own, foreign = cases
    client.force_login(officer)
    html = client.get(REPORT).content.decode()
    assert own.reference in html
    assert foreign.reference not in html
    csv = b"".join(client.get(REPORT, {"export": "csv"}).streaming_content).decode()
    assert own.reference in csv
    assert foreign.reference not in csv


def test_the_desk_sees_every_case_history(client, supervisor, cases):
    client.force_login(supervisor)
    csv = b"".join(client.get(REPORT, {"export": "csv"}).streaming_content).decode()
    assert all(case.reference in csv for case in cases)


def test_a_user_without_case_role_sees_no_case_history(client, editor, cases):
    client.force_login(editor)
    csv = b"".join(client.get(REPORT, {"export": "csv"}).streaming_content).decode()
    assert not any(case.reference in csv for case in cases)
