"""Every transition, the roles, the separation of duties, the service-level clock and overdue alerts."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from smartcity.core.models import CaseLogEntry, CityHoliday
from smartcity.core.workflow import CITIZEN
from smartcity.core.working_days import WIB
from smartcity.permits import roles, services
from smartcity.permits.models import PermitApplication
from smartcity.permits.workflow import APPLICATION_WORKFLOW
from tests.permits.factories import NOW, at, draft, staff, submitted

pytestmark = pytest.mark.django_db
S = PermitApplication.Status


def due_date(application):
    return application.due_at.astimezone(WIB).date()


def test_full_path_with_return_and_every_history_row(
    catalogue, front_office, reviewer, head, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        full_path(catalogue, front_office, reviewer, head)
    subjects = [m.subject for m in mailoutbox]
    # Submitted, returned, resubmitted, issued.
    assert len(subjects) == 4 and all("IZN-2027-000001" in s for s in subjects)


def full_path(catalogue, front_office, reviewer, head):
    application = draft(catalogue["izin-penelitian"])
    assert application.reference.startswith("DRAF-") and application.status == S.DRAFT
    services.submit(application, CITIZEN, now=NOW)
    assert application.reference == "IZN-2027-000001"
    services.return_to_applicant(application, front_office, "Proposal belum ditandatangani", now=at(2))
    assert application.status == S.RETURNED and application.missing_list() == [
        "Proposal belum ditandatangani"
    ]
    services.resubmit(application, CITIZEN, now=at(3))
    APPLICATION_WORKFLOW.apply(application, "verify", front_office, now=at(3))
    assert application.verified_by == front_office
    APPLICATION_WORKFLOW.apply(application, "recommend", reviewer, note="Layak", now=at(4))
    permit = services.approve(application, head, now=at(4, 14))
    application.refresh_from_db()
    assert application.status == S.ISSUED and permit.holder_name == "Siti Aminah"
    assert application.completed_at == at(4, 14)
    steps = [(e.from_status, e.to_status) for e in application.events.order_by("pk") if e.kind == "status"]
    assert steps == [
        ("draft", "submitted"),
        ("submitted", "returned"),
        ("returned", "resubmitted"),
        ("resubmitted", "review"),
        ("review", "decision"),
        ("decision", "approved"),
        ("approved", "issued"),
    ]
    assert CaseLogEntry.objects.for_instance(application).count() == 7
    returned = application.events.get(to_status="returned")
    assert returned.is_public and returned.actor == front_office


def test_registration_numbers_are_taken_on_submission_so_drafts_leave_no_gaps(catalogue):
    first = draft(catalogue["izin-penelitian"])
    second = submitted(catalogue["izin-penelitian"])
    services.submit(first, CITIZEN, now=NOW)
    assert second.reference == "IZN-2027-000001" and first.reference == "IZN-2027-000002"


def test_missing_mandatory_document_blocks_submission_with_a_clear_message(catalogue):
    application = draft(catalogue["pbg"], documents=False)
    with pytest.raises(ValidationError) as error:
        services.submit(application, CITIZEN, now=NOW)
    message = " ".join(error.value.messages)
    assert "KTP-el pemohon" in message and "Gambar teknis bangunan" in message
    assert "Foto lokasi" not in message  # optional
    application.refresh_from_db()
    assert application.status == S.DRAFT


def test_wrong_file_type_for_a_requirement_is_refused(catalogue):
    from tests.permits.factories import checked_png

    application = draft(catalogue["pbg"], documents=False)
    drawing = application.permit_type.requirements.get(label="Gambar teknis bangunan")
    with pytest.raises(ValidationError) as error:
        services.attach_documents(application, {drawing.pk: checked_png()})
    assert "PDF" in " ".join(error.value.messages)
    assert not application.uploads.exists()


def test_each_role_only_its_own_step(catalogue, front_office, reviewer, head, inspector):
    application = submitted(catalogue["izin-penelitian"])
    for user in (reviewer, head, inspector):
        assert not APPLICATION_WORKFLOW.can(application, user, "verify")
    with pytest.raises(PermissionDenied):
        APPLICATION_WORKFLOW.apply(application, "verify", head)
    APPLICATION_WORKFLOW.apply(application, "verify", front_office)
    assert not APPLICATION_WORKFLOW.can(application, front_office, "recommend")
    assert not APPLICATION_WORKFLOW.can(application, head, "recommend")
    APPLICATION_WORKFLOW.apply(application, "recommend", reviewer)
    assert not APPLICATION_WORKFLOW.can(application, reviewer, "approve")
    assert not APPLICATION_WORKFLOW.can(application, inspector, "approve")
    assert APPLICATION_WORKFLOW.can(application, head, "approve")
    with pytest.raises(ValidationError):
        services.reject(application, head, "  ")


def test_staff_of_another_agency_cannot_act(catalogue):
    from smartcity.core.models import Agency

    other = staff("loket-lain", roles.FRONT_OFFICE, Agency.objects.get(short_name="Disdukcapil"))
    application = submitted(catalogue["izin-penelitian"])
    assert not APPLICATION_WORKFLOW.can(application, other, "verify")


def test_the_one_who_verified_may_never_approve(catalogue, reviewer, dpmptsp, superuser):
    both = staff("loket-dan-kadis", roles.FRONT_OFFICE, dpmptsp)
    both.groups.add(*both.groups.model.objects.filter(name=roles.DECISION_MAKERS))
    both = type(both).objects.get(pk=both.pk)
    application = submitted(catalogue["izin-penelitian"])
    APPLICATION_WORKFLOW.apply(application, "verify", both)
    APPLICATION_WORKFLOW.apply(application, "recommend", reviewer)
    assert not APPLICATION_WORKFLOW.can(application, both, "approve")
    with pytest.raises(PermissionDenied):
        services.approve(application, both)
    # Not even a superuser who verified.
    other = submitted(catalogue["izin-penelitian"])
    APPLICATION_WORKFLOW.apply(other, "verify", superuser)
    APPLICATION_WORKFLOW.apply(other, "recommend", superuser)
    assert not APPLICATION_WORKFLOW.can(other, superuser, "approve")
    assert APPLICATION_WORKFLOW.can(application, superuser, "approve")


def test_clock_skips_weekends_national_and_city_days_off(catalogue):
    permit_type = catalogue["izin-penelitian"]  # 3 working days
    application = submitted(permit_type)  # Monday 1 Feb 2027
    assert due_date(application) == datetime.date(2027, 2, 4)  # Tue, Wed, Thu
    permit_type.service_level_days = 4
    permit_type.save()
    application = submitted(permit_type)
    # Friday 5 Feb is cuti bersama, then the weekend: Monday 8 Feb.
    assert due_date(application) == datetime.date(2027, 2, 8)
    CityHoliday.objects.create(date=datetime.date(2027, 2, 3), name="Hari jadi kota (uji)")
    application = submitted(permit_type)
    assert due_date(application) == datetime.date(2027, 2, 9)


def test_clock_stops_while_returned(catalogue, front_office, reviewer, head):
    application = submitted(catalogue["izin-penelitian"])  # due Thu 4 Feb
    services.return_to_applicant(application, front_office, "KTP buram", now=at(2, 10))
    assert application.due_at is None
    services.resubmit(application, CITIZEN, now=at(4, 9))  # waited Wed 3 and Thu 4
    application.refresh_from_db()
    assert application.paused_days == 2
    # 3 + 2 working days from Mon 1 Feb: Tue, Wed, Thu, (Fri cuti bersama), Mon 8, Tue 9.
    assert due_date(application) == datetime.date(2027, 2, 9)
    APPLICATION_WORKFLOW.apply(application, "verify", front_office)
    APPLICATION_WORKFLOW.apply(application, "recommend", reviewer)
    services.approve(application, head, now=at(9, 15))
    application.refresh_from_db()
    # Working days Mon 1 → Tue 9: 2,3,4,8,9 = 5, less the 2 paused.
    assert application.processing_days == 3


def test_overdue_alert_goes_to_the_inspectorate_once_with_history(
    catalogue, inspector, mailoutbox, django_capture_on_commit_callbacks
):
    application = submitted(catalogue["usaha-perdagangan"])  # 1 working day: due Tue 2 Feb
    on_time = submitted(catalogue["pbg"])
    mailoutbox.clear()
    assert services.alert_overdue(now=at(2, 20)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.alert_overdue(now=at(3, 8)) == 1
    assert [m.to for m in mailoutbox] == [[inspector.email]]
    assert application.reference in mailoutbox[0].subject
    application.refresh_from_db()
    assert application.overdue_alerted_at == at(3, 8)
    assert application.events.filter(kind="overdue").count() == 1
    assert services.alert_overdue(now=at(4, 8)) == 0
    assert not on_time.events.filter(kind="overdue").exists()


def test_overdue_command_runs_the_alert(catalogue, inspector, mailoutbox, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    submitted(catalogue["usaha-perdagangan"], now=datetime.datetime(2025, 3, 3, 9, tzinfo=WIB))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("alert_overdue_permits")
    assert len(mail.outbox) == 1


def test_applicant_may_withdraw_a_draft_but_staff_may_not(catalogue, front_office):
    application = draft(catalogue["izin-penelitian"])
    assert not APPLICATION_WORKFLOW.can(application, front_office, "withdraw")
    APPLICATION_WORKFLOW.apply(application, "withdraw", CITIZEN)
    assert application.status == S.WITHDRAWN


def test_the_periodic_runner_alerts_the_inspectorate(
    catalogue, inspector, mailoutbox, django_capture_on_commit_callbacks
):
    """The alert runs on its own (``run_periodic_jobs``, next to ``db_worker``), not only by hand."""
    from django.core.management import call_command

    submitted(catalogue["usaha-perdagangan"], now=datetime.datetime(2025, 3, 3, 9, tzinfo=WIB))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("run_periodic_jobs", "--job", "permits.alert_overdue", verbosity=0)
    assert len(mail.outbox) == 1
