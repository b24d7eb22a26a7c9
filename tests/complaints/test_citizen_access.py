"""A citizen without e-mail: SMS/WhatsApp updates, a short access code, a printable receipt."""

import io
import re

import pytest
from django.test import Client
from django.utils import translation
from pypdf import PdfReader

from smartcity.complaints.models import Complaint
from smartcity.complaints.notifications import notify_status_change
from smartcity.complaints.services import add_staff_message
from smartcity.complaints.workflow import COMPLAINT_WORKFLOW
from smartcity.core import sms
from tests.complaints.factories import ComplaintFactory, complaint_form_data, make_complaint_page

FORM_URL = "/layanan/pengaduan/"
TRACK_URL = "/layanan/pengaduan/lacak/"
CODE = re.compile(r"\b[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}\b")


@pytest.fixture
def complaint_page(home_page, settings):
    settings.FORM_MIN_FILL_SECONDS = 0
    return make_complaint_page(home_page)


@pytest.fixture
def filed(client, complaint_page, english_complaint_page, django_capture_on_commit_callbacks):
    """A complaint filed in English by a citizen who gave only a phone number, and the confirmation."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/en{FORM_URL}", complaint_form_data(reporter_email=""), follow=True)
    assert response.status_code == 200
    return Complaint.objects.get(), response


def test_a_phone_only_reporter_gets_an_sms_with_reference_code_and_link(filed):
    complaint, _response = filed
    (message,) = sms.outbox
    assert message.to == "+6281234567890"
    assert complaint.reference in message.body
    code = CODE.search(message.body).group(0)
    assert f"{TRACK_URL}#nomor={complaint.reference}&kode={code}" in message.body
    assert "Jalan berlubang" not in message.body  # no more than needed in a text
    # The code from the SMS, typed in lower case without the hyphen, opens the complaint.
    other = Client()
    response = other.post(TRACK_URL, {"nomor": complaint.reference, "token": code.lower().replace("-", "")})
    assert response.status_code == 302


def test_the_confirmation_shows_the_short_code_the_qr_code_and_the_receipt(filed):
    complaint, response = filed
    html = response.content.decode()
    code = CODE.search(sms.outbox[0].body).group(0)
    assert f'<code class="access-code">{code}</code>' in html
    assert f"lacak/#nomor={complaint.reference}&amp;kode={code}" in html
    assert "<svg" in html and "qr-code" in html
    assert f'href="/en{TRACK_URL}{complaint.reference}/tanda-terima/"' in html
    assert "?token=" not in html and "token=" not in html.split("csrfmiddlewaretoken")[0]


def test_the_receipt_is_a_pdf_with_reference_code_and_link(client, filed):
    complaint, _response = filed
    code = CODE.search(sms.outbox[0].body).group(0)
    response = client.get(f"/en{TRACK_URL}{complaint.reference}/tanda-terima/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert f"{complaint.reference}.pdf" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert complaint.reference in text
    assert code in text
    assert "Access code" in text
    assert f"#nomor={complaint.reference}" in text.replace("\n", "")
    assert "Siti" not in text and "6281234567890" not in text  # no personal data on the receipt


def test_the_receipt_is_only_for_the_browser_that_filed(filed):
    complaint, _response = filed
    assert Client().get(f"{TRACK_URL}{complaint.reference}/tanda-terima/").status_code in (302, 403, 404)


def test_a_phone_reporter_hears_of_public_status_changes_and_replies(
    complaint_page, superuser, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(reporter_email="", reporter_phone="+6281298765432", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        event = COMPLAINT_WORKFLOW.apply(complaint, "verify", superuser, note="Diperiksa.", is_public=True)
        complaint.refresh_from_db()
        notify_status_change(complaint, event)
        add_staff_message(complaint, superuser, "Kami akan datang Kamis.", public=True)
        add_staff_message(complaint, superuser, "Internal saja.", public=False)
    assert [m.to for m in sms.outbox] == ["+6281298765432"] * 2
    status_text, reply_text = (m.body for m in sms.outbox)
    with translation.override("en"):
        assert complaint.reference in status_text and str(complaint.get_status_display()) in status_text
    assert complaint.reference in reply_text and "replied" in reply_text
    assert "Kamis" not in reply_text and "Internal" not in reply_text


def test_an_internal_note_is_not_texted_but_the_new_status_is(
    complaint_page, superuser, django_capture_on_commit_callbacks
):
    complaint = ComplaintFactory(reporter_email="", reporter_phone="+6281298765432")
    with django_capture_on_commit_callbacks(execute=True):
        event = COMPLAINT_WORKFLOW.apply(complaint, "verify", superuser, note="Internal.", is_public=False)
        notify_status_change(complaint, event)
    # The reporter is told every status change (issue 6); a note between staff stays internal.
    (text,) = sms.outbox
    assert "Internal." not in text.body
