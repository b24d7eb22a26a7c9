"""Tracking at /layanan/pengaduan/lacak/: access by reference + token, timeline, citizen actions."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from smartcity.complaints.models import Complaint, ComplaintEvent
from smartcity.complaints.services import add_staff_message, tracking_path
from smartcity.core.models import Attachment
from smartcity.core.uploads import check_upload, store_attachments
from tests.complaints.factories import (
    TEST_TOKEN,
    ComplaintEventFactory,
    ComplaintFactory,
    make_complaint_page,
    png_upload,
)

TRACK_URL = "/layanan/pengaduan/lacak/"


@pytest.fixture
def complaint_page(home_page):
    return make_complaint_page(home_page)


@pytest.fixture
def complaint(complaint_page):
    return ComplaintFactory(reference="ADU-2026-000007")


def case_url(complaint) -> str:
    return f"{TRACK_URL}{complaint.reference}/"


@pytest.fixture
def opened(client, complaint):
    """A browser that has opened ``complaint`` with its private link."""
    response = client.post(TRACK_URL, {"nomor": complaint.reference, "token": TEST_TOKEN})
    assert response.status_code == 302
    return client


def test_private_link_carries_the_code_after_the_hash_only(complaint):
    # Browsers never send what follows "#": the code reaches neither the access log nor Referer.
    path = tracking_path(complaint, "K7QM5-4XRTB")
    assert path == f"{TRACK_URL}#nomor={complaint.reference}&kode=K7QM5-4XRTB"


def test_a_code_in_the_query_string_opens_nothing(client, complaint):
    response = client.get(TRACK_URL, {"nomor": complaint.reference, "token": TEST_TOKEN})
    assert response.status_code == 200
    assert "complaint_access" not in client.session
    assert complaint.title not in response.content.decode()


def test_tracking_page_loads_the_script_that_posts_the_link_code(client, complaint):
    html = client.get(TRACK_URL).content.decode()
    assert 'src="/static/complaints/track.js"' in html
    assert "data-track-form" in html


def test_private_link_redirects_to_a_clean_url_and_remembers_access(client, complaint):
    response = client.post(TRACK_URL, {"nomor": complaint.reference, "token": TEST_TOKEN})
    assert response.status_code == 302
    assert response["Location"] == case_url(complaint)
    assert "no-store" in response["Cache-Control"]
    assert complaint.pk in client.session["complaint_access"]
    page = client.get(case_url(complaint))
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    assert complaint.title in page.content.decode()


def test_typed_form_works_too(client, complaint):
    response = client.post(TRACK_URL, {"nomor": complaint.reference.lower(), "token": f" {TEST_TOKEN} "})
    assert response.status_code == 302
    assert response["Location"] == case_url(complaint)


@pytest.mark.parametrize("wrong", ["token", "reference"])
@pytest.mark.usefixtures("english_complaint_page")
def test_invalid_pair_gets_one_generic_message(client, complaint, wrong):
    params = {"nomor": complaint.reference, "token": TEST_TOKEN}
    params["token" if wrong == "token" else "nomor"] = "ADU-2026-999999" if wrong == "reference" else "salah"
    response = client.post(f"/en{TRACK_URL}", params)
    html = response.content.decode()
    assert response.status_code == 400
    assert "We could not open a complaint with this reference number and access code" in html
    assert complaint.title not in html
    assert "complaint_access" not in client.session


def test_case_page_without_access_reveals_nothing(client, complaint):
    for reference in (complaint.reference, "ADU-2026-999999"):
        response = client.get(f"{TRACK_URL}{reference}/")
        assert response.status_code == 302
        assert response["Location"] == TRACK_URL


def test_a_citizen_with_the_right_code_gets_in_on_a_busy_shared_address(complaint):
    """Behind carrier-grade NAT many citizens share one address: their typos on other
    complaints must not lock out a citizen who has the right code."""
    for number in range(40):
        neighbour = Client(REMOTE_ADDR="36.68.1.1")
        neighbour.post(TRACK_URL, {"nomor": f"ADU-2026-{number:06d}", "token": "SALAH-KODE1"})
    citizen = Client(REMOTE_ADDR="36.68.1.1")
    response = citizen.post(TRACK_URL, {"nomor": complaint.reference, "token": TEST_TOKEN})
    assert response.status_code == 302
    assert complaint.pk in citizen.session["complaint_access"]


def test_guessing_one_complaints_code_is_slowed_down(complaint):
    guesser = Client(REMOTE_ADDR="36.68.1.2")
    for attempt in range(10):
        response = guesser.post(TRACK_URL, {"nomor": complaint.reference, "token": f"TEBAK-{attempt:05d}"})
        assert response.status_code == 400
    # After ten wrong codes this address may not try this complaint for an hour, not even
    # with the right code (which would otherwise tell a guesser it had found it).
    response = guesser.post(TRACK_URL, {"nomor": complaint.reference, "token": TEST_TOKEN})
    assert response.status_code == 429
    assert "complaint_access" not in guesser.session
    # The owner, from another address, still gets in.
    owner = Client(REMOTE_ADDR="114.5.6.7")
    assert owner.post(TRACK_URL, {"nomor": complaint.reference, "token": TEST_TOKEN}).status_code == 302


def test_guessing_across_many_complaints_hits_a_ceiling_per_address(complaint):
    guesser = Client(REMOTE_ADDR="36.68.1.3")
    for number in range(100):
        guesser.post(TRACK_URL, {"nomor": f"ADU-2026-{number:06d}", "token": "TEBAK-00000"})
    response = guesser.post(TRACK_URL, {"nomor": complaint.reference, "token": TEST_TOKEN})
    assert response.status_code == 429
    assert "complaint_access" not in guesser.session


def test_timeline_shows_public_events_only_and_no_staff_names(opened, complaint, superuser):
    superuser.first_name, superuser.last_name = "Rahasia", "Petugasnama"
    superuser.save()
    add_staff_message(complaint, superuser, "Tim kami akan meninjau lokasi.", public=True)
    add_staff_message(complaint, superuser, "Catatan internal: cek anggaran.", public=False)
    ComplaintEventFactory(
        case=complaint, kind=ComplaintEvent.Kind.NOTE, note="Internal lain", is_public=False
    )
    html = opened.get(case_url(complaint)).content.decode()
    assert "Tim kami akan meninjau lokasi." in html
    assert "cek anggaran" not in html
    assert "Internal lain" not in html
    assert "Petugasnama" not in html and "superadmin" not in html


def test_html_in_description_and_messages_is_inert(opened, complaint):
    Complaint.objects.filter(pk=complaint.pk).update(
        description='<script>alert("x")</script>\n<img src=x onerror=alert(1)>'
    )
    html = opened.get(case_url(complaint)).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "<img src=x onerror" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>" in html


def test_citizen_reply_with_attachment(opened, complaint):
    response = opened.post(
        case_url(complaint),
        {"action": "message", "message": "Lubangnya makin besar.", "attachments": [png_upload()]},
    )
    assert response.status_code == 302
    event = complaint.events.get(kind=ComplaintEvent.Kind.CITIZEN)
    assert event.note == "Lubangnya makin besar." and event.is_public and event.by_citizen
    assert Attachment.objects.count() == 1
    html = opened.get(case_url(complaint)).content.decode()
    assert "Lubangnya makin besar." in html


@pytest.mark.usefixtures("english_complaint_page")
def test_empty_reply_is_refused(opened, complaint):
    response = opened.post(f"/en{case_url(complaint)}", {"action": "message", "message": "  "})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not complaint.events.filter(kind=ComplaintEvent.Kind.CITIZEN).exists()


def test_attachments_download_through_the_session_only(opened, complaint):
    store_attachments(complaint, [check_upload(png_upload())])
    attachment = Attachment.objects.get()
    url = f"{case_url(complaint)}lampiran/{attachment.uuid}/"
    assert url in opened.get(case_url(complaint)).content.decode()
    response = opened.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert "no-store" in response["Cache-Control"]
    b"".join(response.streaming_content)
    assert Client().get(url).status_code == 403
    # An attachment of another complaint is not reachable through this one.
    other = ComplaintFactory()
    store_attachments(other, [check_upload(png_upload())])
    foreign = Attachment.objects.exclude(pk=attachment.pk).get()
    assert opened.get(f"{case_url(complaint)}lampiran/{foreign.uuid}/").status_code == 404


def _resolve(complaint, days_ago: float):
    resolved_at = timezone.now() - datetime.timedelta(days=days_ago)
    Complaint.objects.filter(pk=complaint.pk).update(
        status=Complaint.Status.RESOLVED, resolved_at=resolved_at
    )


def test_rating_once_resolved(opened, complaint):
    _resolve(complaint, 1)
    response = opened.post(case_url(complaint), {"action": "rate", "rating": "4", "comment": "Cepat."})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.rating == 4 and complaint.rating_comment == "Cepat."
    html = opened.get(case_url(complaint)).content.decode()
    assert 'name="rating"' not in html  # rated once


@pytest.mark.usefixtures("english_complaint_page")
def test_rating_refused_while_open(opened, complaint):
    response = opened.post(f"/en{case_url(complaint)}", {"action": "rate", "rating": "5"})
    assert response.status_code == 200
    assert "cannot be rated now" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.rating is None


def test_reopen_allowed_at_13_days(opened, complaint):
    _resolve(complaint, 13)
    assert 'value="reopen"' in opened.get(case_url(complaint)).content.decode()
    response = opened.post(case_url(complaint), {"action": "reopen", "reason": "Masih berlubang."})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.ASSIGNED
    assert complaint.reopened_count == 1
    event = complaint.events.get(kind=ComplaintEvent.Kind.STATUS)
    assert event.by_citizen and event.note == "Masih berlubang."


@pytest.mark.usefixtures("english_complaint_page")
def test_reopen_refused_at_15_days(opened, complaint):
    _resolve(complaint, 15)
    assert 'value="reopen"' not in opened.get(case_url(complaint)).content.decode()
    response = opened.post(f"/en{case_url(complaint)}", {"action": "reopen", "reason": "Masih berlubang."})
    assert response.status_code == 200
    assert "can no longer be reopened" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RESOLVED


def test_reopen_needs_a_reason(opened, complaint):
    _resolve(complaint, 1)
    response = opened.post(case_url(complaint), {"action": "reopen", "reason": " "})
    assert response.status_code == 200
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RESOLVED


def test_posts_need_csrf(complaint):
    browser = Client(enforce_csrf_checks=True)
    browser.get(TRACK_URL)
    csrf = browser.cookies["csrftoken"].value
    opened = browser.post(
        TRACK_URL, {"nomor": complaint.reference, "token": TEST_TOKEN, "csrfmiddlewaretoken": csrf}
    )
    assert opened.status_code == 302
    response = browser.post(case_url(complaint), {"action": "message", "message": "Halo"})
    assert response.status_code == 403


def test_forget_access(opened, complaint):
    response = opened.post(f"{TRACK_URL}keluar/")
    assert response.status_code == 302
    assert opened.get(case_url(complaint)).status_code == 302
