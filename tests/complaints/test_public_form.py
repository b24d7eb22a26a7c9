"""The public complaint form at /layanan/pengaduan/: submission, bad input, spam and rate limits."""

import functools
import re
import time

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from smartcity.complaints.models import Complaint
from smartcity.core.antispam import issue_stamp
from smartcity.core.models import Attachment
from tests.complaints.factories import complaint_form_data, make_complaint_page, png_upload

FORM_URL = "/layanan/pengaduan/"


@pytest.fixture
def complaint_page(home_page):
    return make_complaint_page(home_page)


@pytest.fixture(autouse=True)
def _fast_forms(settings):
    settings.FORM_MIN_FILL_SECONDS = 0


def _counts():
    return Complaint.objects.count(), Attachment.objects.count()


def _assert_kept(html: str, data: dict) -> None:
    """Everything typed comes back in the re-shown form."""
    assert f'value="{data["title"]}"' in html
    assert data["description"].split("\n")[0] in html
    assert f'value="{data["reporter_name"]}"' in html
    assert f'value="{data["address"]}"' in html
    assert re.search(rf'<option value="{data["category"]}" selected', html)
    assert re.search(rf'<option value="{data["kelurahan"]}" selected', html)


def test_form_page_shows_the_form_with_grouped_kelurahan(client, complaint_page):
    response = client.get(FORM_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert "csrfmiddlewaretoken" in html
    assert "<optgroup" in html  # kelurahan grouped by kecamatan
    assert 'name="consent"' in html
    assert 'name="latitude"' in html and 'name="longitude"' in html
    assert "<script>" not in html  # CSP: no inline script


def test_happy_path_stores_emails_and_the_link_opens_the_complaint(
    client, complaint_page, django_capture_on_commit_callbacks
):
    data = complaint_form_data(latitude="3.600123", longitude="98.485456")
    data["attachments"] = [png_upload()]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(FORM_URL, data, follow=True)

    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    complaint = Complaint.objects.get()
    assert re.fullmatch(r"ADU-\d{4}-\d{6}", complaint.reference)
    assert complaint.reporter_phone == "+6281234567890"
    assert complaint.reporter_email == "siti@example.com"
    assert str(complaint.latitude) == "3.600123"
    assert Attachment.objects.count() == 1
    html = response.content.decode()
    assert complaint.reference in html
    assert "e-mail" in html.lower()

    citizen_mail = [m for m in mail.outbox if "siti@example.com" in m.to]
    assert len(citizen_mail) == 1
    link = re.search(r"https?://\S+/layanan/pengaduan/lacak/#\S+", citizen_mail[0].body).group(0)
    assert link.replace("&", "&amp;") in html  # the same private link is on the confirmation page

    # The link works in a fresh browser (track.js POSTs what follows "#") and ends on the case.
    other = client.__class__()
    path, fragment = link.split("testserver", 1)[1].split("#")
    found = dict(part.split("=") for part in fragment.split("&"))
    opened = other.post(path, {"nomor": found["nomor"], "token": found["kode"]})
    assert opened.status_code == 302
    assert opened["Location"] == f"/layanan/pengaduan/lacak/{complaint.reference}/"
    assert "token" not in opened["Location"]
    page = other.get(opened["Location"])
    assert page.status_code == 200
    assert complaint.title in page.content.decode()


def test_no_email_confirmation_says_to_keep_the_link(client, complaint_page):
    response = client.post(FORM_URL, complaint_form_data(reporter_email=""), follow=True)
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.reporter_email == ""
    assert "lacak/#nomor=" in response.content.decode()
    assert mail.outbox == [] or all(complaint.reporter_phone not in m.to for m in mail.outbox)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reporter_email": "", "reporter_phone": ""}, "Give an e-mail address or a phone number"),
        ({"reporter_nik": "1234567890123456"}, "This NIK is not valid"),
        ({"reporter_phone": "12"}, "This phone number is not valid"),
        ({"consent": ""}, "Please give your consent"),
        ({"description": "x" * 5001}, "at most 5000 characters"),
        ({"latitude": "3.6", "longitude": ""}, "Give both latitude and longitude"),
    ],
)
@pytest.mark.usefixtures("english_complaint_page")
def test_bad_input_is_explained_and_nothing_saved(client, complaint_page, overrides, message):
    before = _counts()
    data = complaint_form_data(**overrides)
    response = client.post(f"/en{FORM_URL}", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert _counts() == before
    assert 'role="alert"' in html
    assert message in html
    assert 'aria-invalid="true"' in html
    assert re.search(r'aria-describedby="[^"]*_error', html)
    _assert_kept(html, data)


def test_messages_follow_the_users_language(client, complaint_page):
    client.cookies["bahasa"] = "id"
    response = client.post(FORM_URL, complaint_form_data(reporter_email="", reporter_phone=""))
    assert response.status_code == 200
    assert 'lang="id"' in response.content.decode()


def test_valid_nik_is_stored(client, complaint_page):
    response = client.post(FORM_URL, complaint_form_data(reporter_nik="3171 0117 0845 0001"))
    assert response.status_code == 303
    assert Complaint.objects.get().reporter_nik == "3171011708450001"


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ([SimpleUploadedFile("besar.jpg", b"\xff\xd8\xff" + b"0" * (30 * 1024 * 1024))], "is too large"),
        ([SimpleUploadedFile("foto.jpg", b"MZ\x90\x00" + b"\x00" * 2000)], "is not a photo"),
        ([SimpleUploadedFile("foto.jpg", b"\x7fELF\x02\x01\x01" + b"\x00" * 2000)], "is not a photo"),
        ([png_upload(f"foto{i}.png") for i in range(6)], "at most 5 files"),
    ],
    ids=["30-MB", "exe-renamed-jpg", "elf-renamed-jpg", "six-files"],
)
@pytest.mark.usefixtures("english_complaint_page")
def test_bad_uploads_are_refused_and_the_user_told_to_attach_again(client, complaint_page, files, message):
    before = _counts()
    data = complaint_form_data()
    data["attachments"] = files
    response = client.post(f"/en{FORM_URL}", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert _counts() == before
    assert message in html
    assert "Please attach the files again" in html
    _assert_kept(html, data)


@pytest.mark.usefixtures("english_complaint_page")
def test_honeypot_is_rejected_and_data_kept(client, complaint_page):
    data = complaint_form_data(website="http://spam.example")
    response = client.post(f"/en{FORM_URL}", data)
    html = response.content.decode()
    assert Complaint.objects.count() == 0
    assert "looks automated" in html
    _assert_kept(html, data)


@pytest.mark.usefixtures("english_complaint_page")
def test_too_fast_submission_is_rejected_and_data_kept(client, complaint_page, settings):
    settings.FORM_MIN_FILL_SECONDS = 3
    data = complaint_form_data(form_started=issue_stamp(time.time()))
    response = client.post(f"/en{FORM_URL}", data)
    html = response.content.decode()
    assert Complaint.objects.count() == 0
    assert "sent too quickly" in html
    _assert_kept(html, data)


@pytest.mark.usefixtures("english_complaint_page")
def test_rate_limit_per_contact_returns_429_and_keeps_data(client, complaint_page):
    for n in range(5):
        assert client.post(FORM_URL, complaint_form_data(title=f"Jalan berlubang {n}")).status_code == 303
    assert Complaint.objects.count() == 5
    data = complaint_form_data(title="Keenam kalinya")
    response = client.post(f"/en{FORM_URL}", data)
    html = response.content.decode()
    assert response.status_code == 429
    assert Complaint.objects.count() == 5
    assert "Too many submissions" in html
    _assert_kept(html, data)


def test_rate_limit_per_ip(client, complaint_page):
    for n in range(10):
        data = complaint_form_data(reporter_email=f"warga{n}@example.com", reporter_phone="")
        assert client.post(FORM_URL, data).status_code == 303
    response = client.post(
        FORM_URL, complaint_form_data(reporter_email="baru@example.com", reporter_phone="")
    )
    assert response.status_code == 429
    assert Complaint.objects.count() == 10


def test_inactive_categories_are_not_offered(client, complaint_page):
    from smartcity.complaints.models import ComplaintCategory

    category = ComplaintCategory.objects.order_by("pk").first()
    category.is_active = False
    category.save()
    html = client.get(FORM_URL).content.decode()
    category_select = re.search(r'<select name="category".*?</select>', html, re.S).group(0)
    assert f'<option value="{category.pk}"' not in category_select
    assert category.name not in category_select
    response = client.post(FORM_URL, complaint_form_data(category=str(category.pk)))
    assert Complaint.objects.count() == 0
    assert 'aria-invalid="true"' in response.content.decode()


# --- Post/redirect/get and one submission per form -------------------------------------------------


def _confirmation(client, response):
    assert response.status_code == 303
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    return page.content.decode()


def test_a_submission_redirects_and_reloading_the_confirmation_files_nothing(client, complaint_page):
    response = client.post(FORM_URL, complaint_form_data())
    complaint = Complaint.objects.get()
    assert response["Location"].startswith(FORM_URL)
    html = _confirmation(client, response)
    assert complaint.reference in html
    assert "lacak/#nomor=" in html  # the private link, shown to this browser
    # Reloading (a GET) shows the same confirmation and files nothing.
    assert complaint.reference in client.get(response["Location"]).content.decode()
    assert Complaint.objects.count() == 1


def test_the_confirmation_is_for_this_browser_only(client, complaint_page):
    response = client.post(FORM_URL, complaint_form_data())
    complaint = Complaint.objects.get()
    stranger = client.__class__().get(response["Location"])
    assert stranger.status_code in (302, 303)
    assert complaint.reference not in stranger.content.decode()
    assert "lacak" not in stranger["Location"]


def test_sending_the_same_form_twice_yields_the_same_complaint(client, complaint_page):
    data = complaint_form_data()
    first = client.post(FORM_URL, data)
    second = client.post(FORM_URL, data)  # "confirm form resubmission", or Back and send again
    complaint = Complaint.objects.get()
    assert second["Location"].split("?")[0] == first["Location"]
    assert complaint.reference in _confirmation(client, second)


def test_a_double_click_whose_first_answer_was_lost_still_leads_to_the_complaint(client, complaint_page):
    data = complaint_form_data()
    client.post(FORM_URL, data)
    # The browser dropped the first answer (and its new session cookie) when the second click
    # started: the second request comes with the session the form was shown in, now gone.
    other_browser = client.__class__()
    second = other_browser.post(FORM_URL, data)
    complaint = Complaint.objects.get()
    html = _confirmation(other_browser, second)
    assert complaint.reference in html
    # The complaint opens in that browser.
    assert other_browser.get(f"{FORM_URL}lacak/{complaint.reference}/").status_code == 200


def test_a_refused_post_uses_up_its_stamp(english_complaint_page, client, complaint_page):
    data = complaint_form_data(reporter_email="", reporter_phone="")
    refused = client.post("/en" + FORM_URL, data)
    assert refused.status_code == 200
    # Replaying the same stamp with valid data is refused: every form shown is good for one post.
    replay = client.post("/en" + FORM_URL, {**data, "reporter_email": "siti@example.com"})
    assert replay.status_code == 200
    assert Complaint.objects.count() == 0
    html = replay.content.decode()
    assert "already been sent" in html
    _assert_kept(html, data)
    # The re-shown form carries a fresh stamp, which works.
    fresh = re.search(r'name="form_started" value="([^"]+)"', html)[1]
    assert (
        client.post(
            FORM_URL, {**data, "reporter_email": "siti@example.com", "form_started": fresh}
        ).status_code
        == 303
    )
    assert Complaint.objects.count() == 1


def test_an_email_longer_than_the_model_allows_is_a_message_not_a_server_error(
    english_complaint_page, client, complaint_page
):
    data = complaint_form_data(reporter_email="w" * 260 + "@example.com")
    response = client.post("/en" + FORM_URL, data)
    assert response.status_code == 200
    assert "at most 254 characters" in response.content.decode()
    assert Complaint.objects.count() == 0


def test_a_service_validation_error_is_shown_on_the_form(client, complaint_page, monkeypatch):
    from django.core.exceptions import ValidationError

    from smartcity.complaints import services

    def refuse(**_kwargs):
        raise ValidationError({"reporter_name": ["Nama ini tidak dapat disimpan."]})

    monkeypatch.setattr(services, "submit_complaint", refuse)
    data = complaint_form_data()
    response = client.post(FORM_URL, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Nama ini tidak dapat disimpan." in html
    _assert_kept(html, data)


# --- Cheap checks first; refused posts count --------------------------------------------------------


@functools.cache
def _big_png() -> bytes:
    """The issue's upload: a one-colour 6300 × 6300 PNG of about 170 KB."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (6300, 6300), (200, 60, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def _big_pngs(count: int = 5):
    return [SimpleUploadedFile(f"bom{n}.png", _big_png(), content_type="image/png") for n in range(count)]


def _cpu_seconds(action):
    import os

    before = os.times()
    result = action()
    after = os.times()
    return result, (after.user + after.system) - (before.user + before.system)


@pytest.mark.parametrize(
    "overrides",
    [{"website": "http://spam.example"}, {"form_started": "palsu"}],
    ids=["honeypot", "forged-stamp"],
)
def test_spam_is_refused_before_any_upload_is_decoded(
    english_complaint_page, client, complaint_page, overrides
):
    data = complaint_form_data(**overrides)
    data["attachments"] = _big_pngs()
    response, cpu = _cpu_seconds(lambda: client.post("/en" + FORM_URL, data))
    assert response.status_code in (200, 400)
    assert Complaint.objects.count() == 0
    print("CPU", cpu, response.content.decode().count("bom"))
    assert cpu < 1.5  # decoding the five images alone takes many seconds


def test_a_rate_limited_post_is_refused_before_any_upload_is_decoded(
    english_complaint_page, client, complaint_page
):
    for n in range(5):
        assert client.post(FORM_URL, complaint_form_data(title=f"Jalan berlubang {n}")).status_code == 303
    data = complaint_form_data()
    data["attachments"] = _big_pngs()
    response, cpu = _cpu_seconds(lambda: client.post("/en" + FORM_URL, data))
    assert response.status_code == 429
    assert cpu < 1.5


def test_refused_posts_count_against_the_limit(english_complaint_page, client, complaint_page, settings):
    from smartcity.complaints.views import FORM_LIMITS

    attempts = int(FORM_LIMITS.attempts_per_ip.split("/")[0])
    for _ in range(attempts):
        response = client.post(FORM_URL, complaint_form_data(website="http://spam.example"))
        assert response.status_code == 200
    # Even a correct complaint from that address now waits.
    response = client.post("/en" + FORM_URL, complaint_form_data())
    assert response.status_code == 429
    assert Complaint.objects.count() == 0
    assert "Too many" in response.content.decode()


def test_the_same_content_sent_again_from_a_reloaded_form_is_the_same_complaint(client, complaint_page):
    # Back after sending re-loads the form (a fresh stamp) and the browser fills in what was typed.
    first = client.post(FORM_URL, complaint_form_data())
    second = client.post(FORM_URL, complaint_form_data())
    assert Complaint.objects.count() == 1
    assert second["Location"].split("?")[0] == first["Location"]
    # Something else from the same browser is a new complaint.
    client.post(FORM_URL, complaint_form_data(title="Lampu jalan mati juga"))
    assert Complaint.objects.count() == 2
