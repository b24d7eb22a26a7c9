"""The case file in the Wagtail admin: details, history, attachments and the action forms."""

import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from smartcity.complaints.models import Complaint, ComplaintEvent
from smartcity.complaints.services import add_staff_message
from smartcity.complaints.workflow import COMPLAINT_WORKFLOW
from smartcity.core.uploads import CheckedUpload, store_attachments
from tests.complaints.factories import ComplaintFactory
from tests.complaints.staff_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db
S = Complaint.Status


def case_url(complaint):
    return reverse("complaints_admin:inspect", args=[complaint.pk])


def action_url(complaint, name):
    return reverse("complaints_admin:transition", args=[complaint.pk, name])


def message_url(complaint):
    return reverse("complaints_admin:message", args=[complaint.pk])


def assert_denied(response):
    """Wagtail answers a PermissionDenied in the admin with a redirect to the dashboard."""
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="JPEG")
    return buffer.getvalue()


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST as the logged-in user and run what waits for the commit (e-mail goes out then)."""

    def send(url, data, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, **kwargs)

    return send


# --- the case file -------------------------------------------------------------------------


def test_the_case_file_shows_the_complaint_reporter_and_history(client, officer, complaint, supervisor):
    COMPLAINT_WORKFLOW.apply(complaint, "verify", supervisor, note="Sudah dicek", is_public=True)
    add_staff_message(complaint, supervisor, "Catatan rahasia untuk staf", public=False)
    complaint.latitude, complaint.longitude = -3.6, 98.48
    complaint.save()
    client.force_login(officer)
    response = client.get(case_url(complaint))
    assert response.status_code == 200
    content = response.content.decode()
    for text in (
        complaint.reference,
        complaint.title,
        complaint.description,
        complaint.reporter_name,
        complaint.reporter_email,
        complaint.reporter_phone,
        "1275••••••••0001",  # the NIK masked...
        "Sudah dicek",
        "Catatan rahasia untuk staf",
        "98.48",
    ):
        assert text in content
    # ...and the full NIK only behind a "show" toggle that needs no JavaScript.
    details = content.split('<details class="complaint-case__nik">')[1].split("</details>")[0]
    assert "1275010101900001" in details
    assert content.count("1275010101900001") == 1
    # History: who and when (WIB), from and to, public or internal.
    history = content.split('id="complaint-case-history"')[1]
    assert supervisor.get_username() in history
    when = timezone.localtime(complaint.events.get(kind=ComplaintEvent.Kind.NOTE).created_at)
    assert when.strftime("%d-%m-%Y %H:%M") + " WIB" in history
    assert "complaint-history__item--internal" in history
    assert history.index(str(S.RECEIVED.label)) < history.index(str(S.VERIFIED.label))


def test_the_case_file_is_never_cached(client, officer, complaint):
    client.force_login(officer)
    response = client.get(case_url(complaint))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_attachments_are_linked_through_the_checked_download_view(client, officer, complaint):
    attachment = store_attachments(complaint, [CheckedUpload("foto lubang.jpg", "image/jpeg", jpeg_bytes())])[
        0
    ]
    client.force_login(officer)
    content = client.get(case_url(complaint)).content.decode()
    link = reverse("core:attachment", args=[attachment.uuid])
    assert f'href="{link}"' in content
    assert "foto lubang.jpg" in content
    download = client.get(link)
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]


def test_other_agencies_cannot_open_or_act_on_the_case(client, other_officer, complaint, post):
    client.force_login(other_officer)
    assert_denied(client.get(case_url(complaint)))
    assert_denied(post(action_url(complaint, "start"), {"start-note": "x"}))
    assert_denied(post(message_url(complaint), {"text": "Halo", "visibility": "reply"}))
    complaint.refresh_from_db()
    assert complaint.status == S.RECEIVED
    assert not complaint.events.exclude(kind=ComplaintEvent.Kind.CREATED).exists()
    assert len(mail.outbox) == 0


def test_an_unknown_case_is_not_found(client, supervisor):
    client.force_login(supervisor)
    assert client.get(reverse("complaints_admin:inspect", args=[999999])).status_code == 404


def test_the_case_file_query_count_does_not_grow_with_the_history(client, officer, complaint):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(officer)
    client.get(case_url(complaint))
    with CaptureQueriesContext(connection) as short:
        client.get(case_url(complaint))
    for n in range(20):
        add_staff_message(complaint, officer, f"Catatan {n}", public=bool(n % 2))
    store_attachments(complaint, [CheckedUpload(f"f{n}.jpg", "image/jpeg", jpeg_bytes()) for n in range(3)])
    client.get(case_url(complaint))  # warm the site cache again
    with CaptureQueriesContext(connection) as long:
        response = client.get(case_url(complaint))
    assert "Catatan 19" in response.content.decode()
    assert len(short) > 0
    assert len(long) == len(short)


# --- actions -------------------------------------------------------------------------------


def test_officers_see_only_the_actions_open_to_them(client, officer, supervisor, pupr):
    case = ComplaintFactory(agency=pupr, status=S.ASSIGNED)
    client.force_login(officer)
    content = client.get(case_url(case)).content.decode()
    for name in ("start", "resolve", "reassign"):
        assert action_url(case, name) in content
    for name in ("verify", "assign", "close", "reject", "reopen"):
        assert action_url(case, name) not in content
    client.force_login(supervisor)
    content = client.get(case_url(case)).content.decode()
    assert action_url(case, "reject") in content


def test_supervisor_verifies_with_a_public_note_and_the_reporter_is_told(client, supervisor, complaint, post):
    client.force_login(supervisor)
    response = post(
        action_url(complaint, "verify"),
        {"verify-note": "Laporan lengkap, segera diteruskan.", "verify-note_audience": "reporter"},
    )
    assert response.status_code == 302
    assert response["Location"] == case_url(complaint)
    complaint.refresh_from_db()
    assert complaint.status == S.VERIFIED
    event = complaint.events.get(kind=ComplaintEvent.Kind.STATUS)
    assert (event.actor, event.is_public, event.note) == (
        supervisor,
        True,
        "Laporan lengkap, segera diteruskan.",
    )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [complaint.reporter_email]
    assert complaint.reference in message.subject
    assert "Laporan lengkap, segera diteruskan." in message.body
    follow = client.get(response["Location"])
    assert any("verif" in str(m).lower() for m in follow.context["messages"])


def test_an_internal_note_is_not_sent_but_the_new_status_is(client, supervisor, complaint, post):
    client.force_login(supervisor)
    post(action_url(complaint, "verify"), {"verify-note": "Cek internal"})
    complaint.refresh_from_db()
    assert complaint.status == S.VERIFIED
    assert complaint.events.get(kind=ComplaintEvent.Kind.STATUS).is_public is False
    (message,) = mail.outbox
    assert "Terverifikasi" in message.body
    assert "Cek internal" not in message.body


def test_the_status_mail_is_in_the_reporters_language(client, supervisor, pupr, post):
    case = ComplaintFactory(agency=pupr, language="en")
    client.force_login(supervisor)
    post(action_url(case, "verify"), {"verify-note": "Checked", "verify-note_audience": "reporter"})
    assert "Verified" in mail.outbox[0].body


def test_assign_to_an_agency(client, supervisor, complaint, dlh):
    client.force_login(supervisor)
    client.post(action_url(complaint, "assign"), {"assign-agency": dlh.pk, "assign-note": ""})
    complaint.refresh_from_db()
    assert (complaint.status, complaint.agency) == (S.ASSIGNED, dlh)


def test_officer_starts_and_resolves(client, officer, pupr, post):
    case = ComplaintFactory(agency=pupr, status=S.ASSIGNED)
    client.force_login(officer)
    post(action_url(case, "start"), {"start-note": "", "start-note_audience": "reporter"})
    case.refresh_from_db()
    assert case.status == S.IN_PROGRESS
    post(
        action_url(case, "resolve"),
        {"resolve-note": "Jalan sudah ditambal.", "resolve-note_audience": "reporter"},
    )
    case.refresh_from_db()
    assert case.status == S.RESOLVED
    assert case.resolved_at is not None
    assert "Jalan sudah ditambal." in mail.outbox[-1].body


def test_a_missing_note_keeps_the_form_and_shows_the_error(client, officer, pupr):
    case = ComplaintFactory(agency=pupr, status=S.IN_PROGRESS)
    client.force_login(officer)
    response = client.post(
        action_url(case, "resolve"), {"resolve-note": "  ", "resolve-note_audience": "reporter"}
    )
    assert response.status_code == 200
    form = next(a["form"] for a in response.context["actions"] if a["transition"].name == "resolve")
    assert "note" in form.errors
    assert "<details open>" in response.content.decode()
    case.refresh_from_db()
    assert case.status == S.IN_PROGRESS


def test_reject_needs_a_reason_and_keeps_what_was_typed(client, supervisor, complaint):
    client.force_login(supervisor)
    response = client.post(
        action_url(complaint, "reject"), {"reject-note": "Bukan urusan kota", "reject-reason": ""}
    )
    assert response.status_code == 200
    assert "Bukan urusan kota" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == S.RECEIVED


def test_reject_as_duplicate_by_reference(client, supervisor, complaint, pupr):
    original = ComplaintFactory(agency=pupr)
    client.force_login(supervisor)
    response = client.post(
        action_url(complaint, "reject"),
        {
            "reject-note": "Sudah dilaporkan",
            "reject-reason": "duplicate",
            "reject-duplicate_of": original.reference.lower(),
            "reject-note_audience": "reporter",
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.status, complaint.rejection_reason, complaint.duplicate_of) == (
        S.REJECTED,
        "duplicate",
        original,
    )


def test_reject_with_an_unknown_duplicate_reference_is_refused(client, supervisor, complaint):
    client.force_login(supervisor)
    response = client.post(
        action_url(complaint, "reject"),
        {"reject-note": "Ganda", "reject-reason": "duplicate", "reject-duplicate_of": "ADU-1999-000001"},
    )
    assert response.status_code == 200
    complaint.refresh_from_db()
    assert complaint.status == S.RECEIVED


def test_an_officer_hands_over_and_loses_sight_of_the_case(client, officer, pupr, dlh, post):
    case = ComplaintFactory(agency=pupr, status=S.IN_PROGRESS)
    client.force_login(officer)
    response = post(action_url(case, "reassign"), {"reassign-agency": dlh.pk, "reassign-note": "Urusan DLH"})
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints_admin:index")
    case.refresh_from_db()
    assert (case.status, case.agency) == (S.ASSIGNED, dlh)
    # The reporter hears of the new status, not the internal reason for the hand-over.
    assert [m.to for m in mail.outbox] == [[case.reporter_email]]
    assert "Urusan DLH" not in mail.outbox[0].body
    assert_denied(client.get(case_url(case)))


def test_an_action_not_open_to_the_user_is_refused(client, officer, complaint):
    client.force_login(officer)
    assert_denied(client.post(action_url(complaint, "verify"), {"verify-note": "x"}))
    complaint.refresh_from_db()
    assert complaint.status == S.RECEIVED


def test_an_action_from_the_wrong_state_is_explained(client, supervisor, complaint):
    client.force_login(supervisor)
    response = client.post(action_url(complaint, "close"), {"close-note": ""}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    assert any(str(complaint.get_status_display()) in m for m in messages)
    complaint.refresh_from_db()
    assert complaint.status == S.RECEIVED


def test_an_unknown_action_is_not_found(client, supervisor, complaint):
    client.force_login(supervisor)
    assert client.post(action_url(complaint, "hapus"), {}).status_code == 404


def test_actions_need_post(client, supervisor, complaint):
    client.force_login(supervisor)
    assert client.get(action_url(complaint, "verify")).status_code == 405
    assert client.get(message_url(complaint)).status_code == 405


# --- replies and notes ---------------------------------------------------------------------


def test_a_reply_reaches_the_reporter(client, officer, complaint, post):
    client.force_login(officer)
    response = post(message_url(complaint), {"text": "Tim akan datang besok.", "visibility": "reply"})
    assert response.status_code == 302
    event = complaint.events.get(kind=ComplaintEvent.Kind.REPLY)
    assert (event.is_public, event.actor, event.note) == (True, officer, "Tim akan datang besok.")
    complaint.refresh_from_db()
    assert complaint.first_responded_at == event.created_at
    assert len(mail.outbox) == 1
    assert "Tim akan datang besok." in mail.outbox[0].body


def test_an_internal_note_stays_internal(client, officer, complaint, post):
    client.force_login(officer)
    post(message_url(complaint), {"text": "Perlu survei lokasi.", "visibility": "note"})
    event = complaint.events.get(kind=ComplaintEvent.Kind.NOTE)
    assert event.is_public is False
    assert not complaint.public_events().filter(pk=event.pk).exists()
    assert mail.outbox == []
    complaint.refresh_from_db()
    assert complaint.first_responded_at is None


def test_an_empty_message_is_refused(client, officer, complaint):
    client.force_login(officer)
    response = client.post(message_url(complaint), {"text": "", "visibility": "reply"})
    assert response.status_code == 200
    assert response.context["message_form"].errors
    assert not complaint.events.exclude(kind=ComplaintEvent.Kind.CREATED).exists()


def test_citizen_text_is_shown_inert(client, supervisor, pupr):
    case = ComplaintFactory(agency=pupr, title="<b>judul</b>", description="<script>alert(1)</script>")
    client.force_login(supervisor)
    content = client.get(case_url(case)).content.decode()
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
