"""The complaint desk checks first (as in SP4N-LAPOR!), and the citizen reads a truthful history.

* History lines name the state's label in both languages (tracking page, e-mail, admin).
* Notes on verify/assign/start are internal unless staff choose otherwise; replies, resolutions
  and rejections are addressed to the reporter by default.
* The citizen sees who acted: the complaint desk or the agency, never the wrong agency.
* New complaints go to the desk; an agency sees and hears of a complaint once it is assigned.
* A complaint is public only after the desk has verified it, with the desk's public wording.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from smartcity.complaints.models import Complaint, ComplaintEvent
from smartcity.complaints.services import edit_public_wording, perform_action, submit_complaint
from smartcity.complaints.workflow import COMPLAINT_WORKFLOW
from tests.complaints.factories import TEST_TOKEN, ComplaintFactory, make_complaint_page
from tests.complaints.staff_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db

S = Complaint.Status
TRACK_URL = "/layanan/pengaduan/lacak/"


@pytest.fixture
def complaint_page(home_page):
    return make_complaint_page(home_page)


@pytest.fixture(autouse=True)
def _immediate_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run a service and send the e-mails it queues for after the commit."""

    def run(function, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return function(*args, **kwargs)

    return run


def open_case(client, complaint, language="id"):
    response = client.post(TRACK_URL, {"nomor": complaint.reference, "token": TEST_TOKEN})
    assert response.status_code == 302
    # A page's language is its address: the English case page lives under /en/.
    prefix = "" if language == "id" else f"/{language}"
    return client.get(prefix + response["Location"]).content.decode()


def submission_data(category, kelurahan, **overrides):
    data = {
        "title": "Lampu jalan mati di Jl. Veteran",
        "description": "Sudah seminggu gelap. Rumah saya no. 12, HP 0812 3333 4444.",
        "category": category,
        "kelurahan": kelurahan,
        "reporter_name": "Siti Aminah",
        "reporter_email": "siti@example.com",
    }
    data.update(overrides)
    return data


# --- 1. State labels in every history -----------------------------------------------------------


def test_case_event_knows_its_states_labels_in_both_languages(complaint, supervisor):
    event = COMPLAINT_WORKFLOW.apply(complaint, "verify", supervisor)
    with translation.override("en"):
        assert (str(event.from_status_label), str(event.to_status_label)) == ("Received", "Verified")
    with translation.override("id"):
        assert str(event.to_status_label) == "Terverifikasi"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("id", "Status berubah menjadi “Terverifikasi”"), ("en", "Status changed to “Verified”")],
)
def test_tracking_timeline_names_the_new_state(
    client, complaint_page, english_complaint_page, complaint, supervisor, language, expected
):
    COMPLAINT_WORKFLOW.apply(complaint, "verify", supervisor)
    html = open_case(client, complaint, language)
    assert expected in html
    assert "“”" not in html


def test_status_email_and_admin_history_name_the_states(client, complaint, supervisor, officer, sent):
    complaint.language = "en"
    complaint.save()
    sent(perform_action, complaint, "verify", supervisor, note="Checked.", is_public=True)
    assert "Verified" in mail.outbox[-1].subject
    client.force_login(officer)
    perform_action(complaint, "assign", supervisor, agency=complaint.agency)
    html = client.get(
        reverse("complaints_admin:inspect", args=[complaint.pk]), HTTP_ACCEPT_LANGUAGE="id"
    ).content.decode()
    assert "Diterima → Terverifikasi" in html


# --- 3. Internal notes by default ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["verify", "assign", "start", "reassign"])
def test_notes_between_staff_are_internal_by_default(name):
    assert COMPLAINT_WORKFLOW.get(name).public_note is False


@pytest.mark.parametrize("name", ["resolve", "reject"])
def test_resolution_and_rejection_reasons_go_to_the_reporter_by_default(name):
    assert COMPLAINT_WORKFLOW.get(name).public_note is True


def test_internal_note_stays_internal_but_the_citizen_still_sees_the_change(
    client, complaint_page, complaint, supervisor, sent
):
    sent(perform_action, complaint, "verify", supervisor, note="Mohon ditinjau ke lokasi oleh UPT.")
    html = open_case(client, complaint)
    assert "Status berubah menjadi “Terverifikasi”" in html
    assert "Mohon ditinjau" not in html
    # The e-mail tells the reporter about the change, without the internal note.
    assert mail.outbox and "Mohon ditinjau" not in mail.outbox[-1].body
    event = complaint.events.get(kind=ComplaintEvent.Kind.STATUS)
    # Who, when, from, to, note: all recorded.
    assert (event.actor, event.from_status, event.to_status, event.note) == (
        supervisor,
        S.RECEIVED,
        S.VERIFIED,
        "Mohon ditinjau ke lokasi oleh UPT.",
    )
    assert event.created_at is not None and event.is_public is False


def test_action_form_says_who_reads_the_note_and_defaults_to_staff_only(client, complaint, supervisor):
    client.force_login(supervisor)
    html = client.get(
        reverse("complaints_admin:inspect", args=[complaint.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Staff only (internal note)" in html
    assert "The reporter too (tracking page and e-mail)" in html
    assert _checked_value(html, "verify-note_audience") == "internal"
    assert _checked_value(html, "reject-note_audience") == "reporter"


def _checked_value(html, name):
    for tag in re.findall(r"<input[^>]*>", html):
        if f'name="{name}"' in tag and "checked" in tag:
            return re.search(r'value="([^"]*)"', tag).group(1)
    return None


# --- 4. Who acted, as the citizen sees it -------------------------------------------------------


def test_citizen_sees_the_desk_and_the_agency_by_their_roles(
    client, complaint_page, complaint, supervisor, officer, pupr
):
    perform_action(complaint, "verify", supervisor)
    perform_action(complaint, "assign", supervisor, agency=complaint.agency)
    perform_action(complaint, "start", officer)
    html = open_case(client, complaint)
    actors = [" ".join(m.split()) for m in re.findall(r'class="timeline__actor">(.*?)<', html, re.S)]
    assert actors == ["Unit Pengaduan", "Unit Pengaduan", pupr.name]


# --- 5. The desk first, then the agency ---------------------------------------------------------


def test_new_complaint_goes_to_the_desk_not_to_the_default_agency(
    complaint_page, supervisor, officer, pupr, sent
):
    from smartcity.complaints.models import ComplaintCategory
    from smartcity.core.models import Kelurahan

    category = ComplaintCategory.objects.filter(default_agency=pupr).first()
    supervisor.email = "meja@binjaikota.go.id"
    supervisor.save()
    officer.email = "rina@pupr.binjaikota.go.id"
    officer.save()
    submission = sent(submit_complaint, data=submission_data(category, Kelurahan.objects.first()), uploads=[])
    complaint = submission.complaint
    assert complaint.agency is None
    recipients = [address for message in mail.outbox for address in message.to]
    assert "meja@binjaikota.go.id" in recipients
    assert "rina@pupr.binjaikota.go.id" not in recipients
    from smartcity.core.access import visible_cases

    assert not visible_cases(officer, Complaint.objects.all()).filter(pk=complaint.pk).exists()
    assert visible_cases(supervisor, Complaint.objects.all()).filter(pk=complaint.pk).exists()


def test_assign_form_is_prefilled_with_the_categorys_default_agency(client, supervisor):
    complaint = ComplaintFactory(agency=None)
    client.force_login(supervisor)
    html = client.get(reverse("complaints_admin:inspect", args=[complaint.pk])).content.decode()
    default = complaint.category.default_agency_id
    assert f'<option value="{default}" selected>' in html


def test_agency_is_told_when_assigned_and_when_handed_over(
    supervisor, officer, other_officer, pupr, dlh, sent
):
    officer.email = "rina@pupr.binjaikota.go.id"
    officer.save()
    other_officer.email = "dedi@dlh.binjaikota.go.id"
    other_officer.save()
    complaint = ComplaintFactory(agency=None, reporter_email="")
    perform_action(complaint, "verify", supervisor)
    mail.outbox.clear()
    sent(perform_action, complaint, "assign", supervisor, agency=pupr)
    assert [m.to for m in mail.outbox] == [["rina@pupr.binjaikota.go.id"]]
    mail.outbox.clear()
    sent(perform_action, complaint, "reassign", officer, note="Saluran air: urusan DLH.", agency=dlh)
    assert [m.to for m in mail.outbox] == [["dedi@dlh.binjaikota.go.id"]]
    assert complaint.reference in mail.outbox[0].subject


def test_citizen_message_before_assignment_goes_to_the_desk(supervisor, officer, sent):
    from smartcity.complaints.services import add_citizen_message

    supervisor.email = "meja@binjaikota.go.id"
    supervisor.save()
    complaint = ComplaintFactory(agency=None)
    sent(add_citizen_message, complaint, "Tambahan: lubangnya makin besar.", [])
    assert [m.to for m in mail.outbox] == [["meja@binjaikota.go.id"]]


# --- 6. Public only after verification, in the desk's wording -----------------------------------


def test_a_new_complaint_is_not_public_until_the_desk_verifies_it(supervisor):
    complaint = ComplaintFactory(agency=None)
    assert not Complaint.objects.public().filter(pk=complaint.pk).exists()
    perform_action(complaint, "verify", supervisor)
    assert Complaint.objects.public().filter(pk=complaint.pk).exists()


def test_rejected_without_verification_never_becomes_public(supervisor):
    complaint = ComplaintFactory(agency=None)
    perform_action(
        complaint,
        "reject",
        supervisor,
        note="Bukan wewenang kota.",
        reason=Complaint.RejectionReason.OUT_OF_SCOPE,
    )
    assert not Complaint.objects.public().filter(pk=complaint.pk).exists()


def test_public_list_and_open311_skip_unverified_complaints(client, complaint_page, supervisor):
    waiting = ComplaintFactory(agency=None, title="Belum diperiksa meja pengaduan")
    checked = ComplaintFactory(agency=None, title="Sudah diperiksa meja pengaduan")
    perform_action(checked, "verify", supervisor)
    listing = client.get("/layanan/pengaduan/daftar/").content.decode()
    assert checked.title in listing and waiting.title not in listing
    api = client.get("/open311/v2/requests.json").json()
    ids = {row["service_request_id"] for row in api}
    assert checked.reference in ids and waiting.reference not in ids


def test_desk_edits_the_public_wording_original_kept_and_change_recorded(client, complaint_page, supervisor):
    complaint = ComplaintFactory(agency=None, description="Depan rumah saya no. 12, HP 0812 3333 4444.")
    perform_action(
        complaint,
        "verify",
        supervisor,
        public_title="Lampu jalan mati di Jl. Veteran",
        public_description="Lampu jalan mati sejak seminggu.",
    )
    complaint.refresh_from_db()
    assert complaint.description == "Depan rumah saya no. 12, HP 0812 3333 4444."
    listing = client.get("/layanan/pengaduan/daftar/").content.decode()
    assert "Lampu jalan mati di Jl. Veteran" in listing
    api = client.get("/open311/v2/requests.json").json()
    row = next(r for r in api if r["service_request_id"] == complaint.reference)
    assert row["description"] == "Lampu jalan mati sejak seminggu."
    assert "0812" not in str(api)
    edit_public_wording(complaint, supervisor, title="Lampu jalan padam", description="Padam sejak seminggu.")
    change = complaint.events.filter(kind=ComplaintEvent.Kind.PUBLIC_WORDING).last()
    assert change.actor == supervisor and not change.is_public
    assert "Lampu jalan padam" in change.note


def test_only_the_desk_edits_the_public_wording(officer):
    from django.core.exceptions import PermissionDenied

    complaint = ComplaintFactory()
    with pytest.raises(PermissionDenied):
        edit_public_wording(complaint, officer, title="x", description="y")


def test_statistics_count_only_checked_complaints(client, complaint_page, supervisor):
    from smartcity.complaints.statistics import compute_statistics

    ComplaintFactory(agency=None)
    checked = ComplaintFactory(agency=None, is_private=True)
    perform_action(checked, "verify", supervisor)
    assert compute_statistics().total == 1
