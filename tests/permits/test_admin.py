"""The staff side in the Wagtail admin: inbox per stage, case file, actions per role, the counter,
the workload, revocation, agency scoping and the Inspectorate's read-only view."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from smartcity.core.models import Agency
from smartcity.core.workflow import CITIZEN
from smartcity.permits import roles, services
from smartcity.permits.models import Permit, PermitApplication
from smartcity.permits.workflow import APPLICATION_WORKFLOW
from tests.permits.factories import pdf_upload, png_upload, staff, submitted

pytestmark = pytest.mark.django_db
S = PermitApplication.Status


def inspect_url(application):
    return reverse("permits_admin:inspect", args=[application.pk])


def action_url(application, action):
    return reverse("permits_admin:action", args=[application.pk, action])


def denied(response) -> bool:
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def login(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def application(catalogue):
    # Submitted recently: the clock is still running, nothing overdue.
    return submitted(catalogue["izin-penelitian"], now=timezone.now())


@pytest.fixture
def in_review(application, front_office):
    APPLICATION_WORKFLOW.apply(application, "verify", front_office)
    return application


@pytest.fixture
def in_decision(in_review, reviewer):
    APPLICATION_WORKFLOW.apply(in_review, "recommend", reviewer)
    return in_review


@pytest.fixture
def other_agency_staff(db):
    return staff("loket-dinkes", roles.FRONT_OFFICE, Agency.objects.exclude(short_name="DPMPTSP").first())


def test_inbox_per_stage_and_agency_scoping(client, catalogue, front_office, other_agency_staff):
    at_counter = submitted(catalogue["izin-penelitian"], now=timezone.now())
    reviewing = submitted(catalogue["reklame"], now=timezone.now())
    APPLICATION_WORKFLOW.apply(reviewing, "verify", front_office)
    index = reverse("permits_admin:index")

    response = login(client, front_office).get(index, {"stage": "loket"})
    assert response.status_code == 200
    assert at_counter.reference in response.text and reviewing.reference not in response.text
    response = client.get(index, {"stage": "teknis"})
    assert reviewing.reference in response.text and at_counter.reference not in response.text
    assert response["Cache-Control"].count("no-store") == 1

    # Staff of another agency see none of DPMPTSP's applications and may not open them.
    login(client, other_agency_staff)
    response = client.get(index)
    assert response.status_code == 200 and at_counter.reference not in response.text
    assert denied(client.get(inspect_url(at_counter)))
    assert denied(client.post(action_url(at_counter, "verify")))


def test_inbox_query_count_does_not_grow(client, catalogue, front_office, django_assert_max_num_queries):
    for _ in range(3):
        submitted(catalogue["izin-penelitian"], now=timezone.now())
    login(client, front_office)
    client.get(reverse("permits_admin:index"))
    with django_assert_max_num_queries(30) as captured:
        client.get(reverse("permits_admin:index"))
    few = len(captured)
    for _ in range(5):
        submitted(catalogue["izin-penelitian"], now=timezone.now())
    client.get(reverse("permits_admin:index"))  # the site lookup is cached again
    with django_assert_max_num_queries(few):
        client.get(reverse("permits_admin:index"))


def test_front_office_returns_with_what_is_missing_and_sees_documents(client, application, front_office):
    login(client, front_office)
    page = client.get(inspect_url(application))
    assert page.status_code == 200
    assert application.nik in page.text and application.email in page.text
    upload = application.uploads.select_related("attachment").first()
    download = client.get(reverse("core:attachment", args=[upload.attachment.uuid]))
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    # The front office's step only: return or verify, nothing of the later steps.
    assert action_url(application, "return") in page.text and action_url(application, "verify") in page.text
    assert action_url(application, "approve") not in page.text
    assert action_url(application, "recommend") not in page.text

    response = client.post(action_url(application, "return"), {"return-note": ""})
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == S.SUBMITTED

    response = client.post(
        action_url(application, "return"), {"return-note": "KTP tidak terbaca\nProposal belum ditandatangani"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == S.RETURNED and application.due_at is None
    assert application.missing_list() == ["KTP tidak terbaca", "Proposal belum ditandatangani"]


def test_reviewer_cannot_decide(client, in_decision, reviewer):
    login(client, reviewer)
    page = client.get(inspect_url(in_decision))
    assert action_url(in_decision, "approve") not in page.text
    assert denied(client.post(action_url(in_decision, "approve"), {"approve-note": ""}))
    assert denied(client.post(action_url(in_decision, "reject"), {"reject-note": "Tidak"}))
    in_decision.refresh_from_db()
    assert in_decision.status == S.DECISION


def test_the_verifier_cannot_approve(client, application, dpmptsp):
    both = staff("loket-kadis", roles.FRONT_OFFICE, dpmptsp)
    both.groups.add(*type(both.groups.first()).objects.filter(name=roles.DECISION_MAKERS))
    reviewer = staff("teknis2", roles.TECHNICAL_REVIEWERS, dpmptsp)
    login(client, both)
    assert client.post(action_url(application, "verify")).status_code == 302
    APPLICATION_WORKFLOW.apply(application, "recommend", reviewer)
    both = type(both).objects.get(pk=both.pk)
    client.force_login(both)
    page = client.get(inspect_url(application))
    assert action_url(application, "approve") not in page.text
    assert action_url(application, "reject") in page.text  # rejecting is not approving
    assert denied(client.post(action_url(application, "approve"), {}))
    application.refresh_from_db()
    assert application.status == S.DECISION


def test_review_with_site_survey_then_decision_and_revocation(client, in_review, reviewer, head, inspector):
    login(client, reviewer)
    page = client.get(inspect_url(in_review))
    assert action_url(in_review, "survei") in page.text
    when = (timezone.localtime(timezone.now()) + timezone.timedelta(days=2)).strftime("%Y-%m-%dT10:00")
    assert (
        client.post(
            action_url(in_review, "survei"), {"survey-when": when, "survey-note": "Bawa IMB"}
        ).status_code
        == 302
    )
    response = client.post(
        action_url(in_review, "laporan-survei"),
        {"report-report": "Lokasi sesuai", "report-files": [pdf_upload("ba.pdf"), png_upload("lokasi.png")]},
    )
    assert response.status_code == 302
    in_review.refresh_from_db()
    assert in_review.survey_at is not None and in_review.survey_report == "Lokasi sesuai"
    assert in_review.attachments.filter(by_citizen=False).count() == 2
    assert client.post(action_url(in_review, "recommend"), {"recommend-note": "Layak"}).status_code == 302

    login(client, head)
    assert client.post(action_url(in_review, "reject"), {"reject-note": ""}).status_code == 400
    assert client.post(action_url(in_review, "approve"), {"approve-note": "Disetujui"}).status_code == 302
    in_review.refresh_from_db()
    assert in_review.status == S.ISSUED
    permit = Permit.objects.get(application=in_review)

    page = client.get(inspect_url(in_review))
    assert permit.number in page.text and action_url(in_review, "cabut") in page.text
    assert client.post(action_url(in_review, "cabut"), {"revoke-reason": ""}).status_code == 400
    assert (
        client.post(action_url(in_review, "cabut"), {"revoke-reason": "Usaha tidak sesuai izin"}).status_code
        == 302
    )
    permit.refresh_from_db()
    assert permit.state() == Permit.State.REVOKED and permit.revoked_by == head
    assert client.get(permit.verification_path).status_code == 200

    # Only a head of the agency revokes: the Inspectorate sees the permit, not the button.
    login(client, inspector)
    page = client.get(inspect_url(in_review))
    assert permit.number in page.text and action_url(in_review, "cabut") not in page.text


def test_inspectorate_reads_every_agency_and_changes_nothing(client, catalogue, inspector, front_office):
    elsewhere = catalogue["izin-keramaian"]
    elsewhere.agency = Agency.objects.exclude(short_name__in=["DPMPTSP", "Inspektorat"]).first()
    elsewhere.save()
    ours = submitted(catalogue["izin-penelitian"], now=timezone.now())
    theirs = submitted(elsewhere, now=timezone.now())
    login(client, inspector)
    listing = client.get(reverse("permits_admin:index"))
    assert ours.reference in listing.text and theirs.reference in listing.text
    page = client.get(inspect_url(theirs))
    assert page.status_code == 200
    # The handling, not the applicant: no NIK, e-mail, documents or actions.
    assert theirs.nik not in page.text and theirs.email not in page.text
    assert page.context["actions"] == [] and not page.context["may_survey"]
    for action in ("return", "verify", "recommend", "approve", "reject", "issue", "survei", "cabut"):
        assert denied(client.post(action_url(theirs, action), {f"{action}-note": "x"})), action
    upload = theirs.uploads.select_related("attachment").first()
    assert client.get(reverse("core:attachment", args=[upload.attachment.uuid])).status_code == 403
    assert denied(client.get(reverse("permits_admin:counter")))
    theirs.refresh_from_db()
    assert theirs.status == S.SUBMITTED
    # The export is there for the audit.
    export = client.get(reverse("permits_admin:index"), {"export": "csv"})
    assert export.status_code == 200 and theirs.reference in b"".join(export.streaming_content).decode()


def test_export_is_escaped_and_only_for_those_allowed(client, catalogue, front_office, dpmptsp):
    application = submitted(catalogue["izin-penelitian"], now=timezone.now(), applicant_name="=HYPERLINK(1)")
    login(client, front_office)
    response = client.get(reverse("permits_admin:index"), {"export": "csv"})
    assert response.status_code == 200
    # Named as the city files it, not after the model ("permits_permitapplication-…").
    today = f"{timezone.localdate():%Y%m%d}"
    assert f'filename="permohonan-izin-{today}.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    row = next(r for r in rows if r[0] == application.reference)
    assert "'=HYPERLINK(1)" in row
    xlsx = client.get(reverse("permits_admin:index"), {"export": "xlsx"})
    assert xlsx.status_code == 200 and b"".join(xlsx.streaming_content)[:2] == b"PK"
    from django.contrib.auth.models import Group, Permission

    # Staff of the agency who may read the inbox but not export it.
    group = Group.objects.create(name="Loket tanpa ekspor")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", "view_permitapplication"]))
    plain = staff("loket-tanpa-ekspor", group.name, dpmptsp)
    login(client, plain)
    assert client.get(reverse("permits_admin:index")).status_code == 200
    assert denied(client.get(reverse("permits_admin:index"), {"export": "csv"}))


def test_counter_files_a_walk_in_application(client, catalogue, front_office, reviewer, mailoutbox):
    url = reverse("permits_admin:counter")
    assert denied(login(client, reviewer).get(url))
    login(client, front_office)
    assert client.get(url, {"jenis": "izin-penelitian"}).status_code == 200
    permit_type = catalogue["izin-penelitian"]
    data = {
        "jenis": "izin-penelitian",
        "applicant_kind": "person",
        "applicant_name": "Budi Santoso",
        "nik": "1275010101800002",
        "email": "budi@example.com",
        "address": "Jl. Sudirman 1, Binjai",
        "consent": "on",
    }
    for definition in permit_type.field_definitions():
        data[f"q_{definition['name']}"] = (
            "Penelitian air bersih" if definition.get("kind") != "date" else "2027-03-01"
        )
    # Without the mandatory documents nothing is stored.
    response = client.post(url, data)
    assert response.status_code == 400 and response.context["documents_form"].non_field_errors()
    assert not PermitApplication.objects.exists()
    files = {
        f"requirement_{r.pk}": (png_upload() if r.file_kinds == "image" else pdf_upload())
        for r in permit_type.requirements.all()
    }
    response = client.post(url, {**data, **files})
    assert response.status_code == 200
    application = PermitApplication.objects.get()
    assert application.status == S.SUBMITTED and application.source == PermitApplication.Source.COUNTER
    assert application.reference in response.text
    token = response.context["token"]
    assert token in response.text and application.matches_token(token)
    assert "no-store" in response["Cache-Control"]
    assert application.uploads.count() == permit_type.requirements.count()
    assert application.events.filter(actor=front_office).exists()


def test_workload_and_dashboard_highlight_overdue(client, catalogue, front_office, inspector):
    late = submitted(catalogue["izin-penelitian"], now=timezone.now() - timezone.timedelta(days=60))
    fresh = submitted(catalogue["izin-penelitian"], now=timezone.now())
    services.alert_overdue()
    login(client, front_office)
    response = client.get(reverse("permits_admin:workload"))
    assert response.status_code == 200
    loket = next(row for row in response.context["stages"] if row["stage"].slug == "loket")
    assert loket["total"] == 2 and loket["overdue"] == 1 and loket["mine"]
    assert [a.pk for a in response.context["overdue"]] == [late.pk]
    assert "permit-row--overdue" in response.text and late.reference in response.text
    assert fresh.reference not in response.text
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert "permits-workload" in dashboard.text
    # The Inspectorate sees the alert on its dashboard.
    login(client, inspector)
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert late.reference in dashboard.text
    inbox = client.get(reverse("permits_admin:index"), {"overdue": "yes"})
    assert late.reference in inbox.text and fresh.reference not in inbox.text
    assert "permit-row--overdue" in inbox.text


def test_issued_permits_list_by_state(client, in_decision, head):
    services.approve(in_decision, head)
    login(client, head)
    response = client.get(reverse("permits_issued:index"), {"state": "valid"})
    permit = Permit.objects.get()
    assert response.status_code == 200 and permit.number in response.text
    assert inspect_url(in_decision) in response.text
    assert permit.number not in client.get(reverse("permits_issued:index"), {"state": "revoked"}).text
    export = client.get(reverse("permits_issued:index"), {"export": "csv"})
    assert f'filename="izin-terbit-{timezone.localdate():%Y%m%d}.csv"' in export["Content-Disposition"]
    assert permit.number in b"".join(export.streaming_content).decode("utf-8-sig")


def test_resubmission_returns_to_the_front_office_inbox(client, application, front_office):
    services.return_to_applicant(application, front_office, "KTP")
    services.resubmit(application, CITIZEN)
    login(client, front_office)
    response = client.get(reverse("permits_admin:index"), {"stage": "loket"})
    assert application.reference in response.text
