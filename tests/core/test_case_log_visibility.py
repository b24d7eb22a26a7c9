"""Case log entries in Wagtail's reports are seen only by those who may see the case.

Wagtail's site history report (/admin/reports/site-history/, also as CSV) lists every log entry
of every content type the user has any permission for. Cases log to their own log-entry model
(``smartcity.core.models.CaseLogEntry``), whose ``viewable_by_user`` applies the case rule of
``smartcity.core.access``: the desk sees every case, an agency only its own.
"""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from smartcity.complaints.workflow import COMPLAINT_WORKFLOW
from tests.complaints.factories import ComplaintFactory
from tests.complaints.staff_fixtures import *  # noqa: F403
from tests.factories import UserFactory

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


# --- Each case model's own rule (``AbstractCase.visible_to``), in one query ----------------------


def logged(case, user):
    """A history row of ``case`` as the workflow writes it."""
    from wagtail.log_actions import log

    from smartcity.core.workflow import LOG_ACTION

    return log(
        instance=case,
        action=LOG_ACTION,
        user=user,
        data={"transition": "verify", "from": case.status, "to": case.status},
    )


def report_queries(client, params=None) -> int:
    """Queries of one report request, after a first one has warmed the per-process caches
    (content types, the default site) that the creation of rows may have cleared."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(REPORT, params or {})
        assert response.status_code == 200
        if response.streaming:
            b"".join(response.streaming_content)

    get()
    with CaptureQueriesContext(connection) as queries:
        get()
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"export": "csv"}])
def test_report_queries_do_not_grow_with_the_entries(client, officer, supervisor, pupr, dlh, params):
    # One entry of a case the officer sees (and one they do not), then many by many users.
    first = ComplaintFactory(agency=pupr)
    logged(first, supervisor)
    logged(ComplaintFactory(agency=dlh), supervisor)
    client.force_login(officer)
    one = report_queries(client, params)
    for n in range(12):
        actor = UserFactory(username=f"petugas-{n}")
        logged(ComplaintFactory(agency=pupr if n % 3 else dlh), actor)
    many = report_queries(client, params)
    assert one == many


def test_complaint_officers_keep_the_agency_rule(client, officer, other_officer, supervisor, pupr, dlh):
    own = ComplaintFactory(agency=pupr)
    foreign = ComplaintFactory(agency=dlh)
    for case in (own, foreign):
        logged(case, supervisor)
    client.force_login(other_officer)
    csv = b"".join(client.get(REPORT, {"export": "csv"}).streaming_content).decode()
    assert foreign.reference in csv and own.reference not in csv


def test_permit_staff_keep_the_agency_rule(client, supervisor, dlh):
    from smartcity.core.models import Agency
    from smartcity.permits.demo import seed_catalogue
    from smartcity.permits.models import PermitApplication, PermitType
    from smartcity.permits.roles import FRONT_OFFICE
    from tests.permits.factories import draft, staff

    seed_catalogue()
    dpmptsp = Agency.objects.get(short_name="DPMPTSP")
    permit_type = PermitType.objects.filter(agency=dpmptsp).first()
    own = draft(permit_type, documents=False)
    foreign = draft(permit_type, documents=False)
    PermitApplication.objects.filter(pk=foreign.pk).update(agency=dlh)
    foreign.refresh_from_db()
    for case in (own, foreign):
        logged(case, supervisor)
    client.force_login(staff("loket-uji", FRONT_OFFICE, dpmptsp))
    csv = b"".join(client.get(REPORT, {"export": "csv"}).streaming_content).decode()
    assert own.reference in csv and foreign.reference not in csv
    client.force_login(staff("loket-dlh", FRONT_OFFICE, dlh))
    csv = b"".join(client.get(REPORT, {"export": "csv"}).streaming_content).decode()
    assert foreign.reference in csv and own.reference not in csv


def test_a_desk_member_who_is_a_ppid_officer_sees_only_their_agencys_requests(client, pupr, dlh):
    """PPID requests are for the owning agency's information officers, not the complaint desk
    (``SEEN_BY_SUPERVISORS = False``): the report used to show a desk member holding the PPID
    permission every agency's request history."""
    from smartcity.core.access import SUPERVISORS_GROUP
    from tests.transparency.factories import OFFICERS, submit
    from tests.transparency.factories import staff as ppid_staff

    own = submit(pupr).request
    foreign = submit(dlh, email="lain@example.com").request
    user = ppid_staff("ppid-meja", pupr)
    user.groups.add(Group.objects.get(name=OFFICERS), Group.objects.get(name=SUPERVISORS_GROUP))
    for case in (own, foreign):
        logged(case, None)
    client.force_login(user)
    csv = b"".join(client.get(REPORT, {"export": "csv"}).streaming_content).decode()
    assert own.reference in csv
    assert foreign.reference not in csv
