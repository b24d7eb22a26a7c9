"""The requester's journey: the form, the number and access code, the tracking page; privacy."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from smartcity.core.uploads import attachments_of
from smartcity.transparency import services
from smartcity.transparency.models import InformationRequest
from tests.factories import AgencyFactory, UserFactory
from tests.transparency.factories import make_ppid_page, request_form_data, staff, submit

pytestmark = pytest.mark.django_db
BASE = "/ppid/"


@pytest.fixture(autouse=True)
def _fast_forms(settings):
    settings.FORM_MIN_FILL_SECONDS = 0


@pytest.fixture
def page(home_page):
    return make_ppid_page(home_page)


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Dinas Pendidikan Uji")


def test_form_registers_the_request_and_shows_number_and_code_once(
    client, page, agency, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"{BASE}permohonan/", request_form_data(agency))
    assert response.status_code == 303
    request = InformationRequest.objects.get()
    assert re.fullmatch(r"PPID-\d{4}-000001", request.reference)
    assert response["Location"].endswith(f"/lacak/{request.reference}/")
    html = client.get(response["Location"]).content.decode()
    token = re.search(r'class="access-code"><code>([^<]+)</code>', html)[1]
    assert request.matches_token(token)
    assert request.agency == agency and request.nik == "1275014501900001"
    assert request.status == "received"
    assert attachments_of(request).get().mime_type == "image/png"
    # The e-mail carries the private link (the code after "#", never in the path).
    message = next(m for m in mail.outbox if request.reference in m.subject)
    assert f"/ppid/lacak/#{request.reference}.{token}" in message.body
    # Another browser cannot see it without the code; with it, it can.
    other = client.__class__()
    assert other.get(response["Location"]).status_code == 404
    opened = other.post(f"{BASE}lacak/", {"nomor": request.reference, "kode": token})
    assert opened.status_code == 302
    page_html = other.get(opened["Location"]).content.decode()
    assert "working days" in page_html or "hari kerja" in page_html
    assert "no-store" in other.get(opened["Location"])["Cache-Control"]


def test_wrong_code_opens_nothing(client, page, agency):
    request = submit(agency).request
    response = client.post(f"{BASE}lacak/", {"nomor": request.reference, "kode": "AAAAA-BBBBB"})
    assert response.status_code == 400
    assert client.get(f"{BASE}lacak/{request.reference}/").status_code == 404


def test_form_keeps_what_was_typed_and_explains(client, page, agency):
    data = request_form_data(agency, nik="123", email="", phone="", name="Budi Santoso")
    response = client.post(f"{BASE}permohonan/", data)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "nik" in errors and "email" in errors
    assert "Budi Santoso" in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_organisation_needs_its_legal_status_not_a_nik(client, page, agency):
    data = request_form_data(agency, requester_kind="organisation", nik="", legal_status="")
    response = client.post(f"{BASE}permohonan/", data)
    assert "legal_status" in response.context["form"].errors
    data = request_form_data(
        agency, requester_kind="organisation", nik="", legal_status="Yayasan, Akta No. 12/2020"
    )
    assert client.post(f"{BASE}permohonan/", data).status_code == 303
    assert InformationRequest.objects.get().legal_status == "Yayasan, Akta No. 12/2020"


def test_id_card_copy_is_checked_by_its_bytes(client, page, agency):
    fake = SimpleUploadedFile("ktp.png", b"<html><script>alert(1)</script></html>", content_type="image/png")
    response = client.post(f"{BASE}permohonan/", request_form_data(agency, id_card=fake))
    assert response.status_code == 400
    assert "id_card" in response.context["form"].errors
    missing = request_form_data(agency)
    del missing["id_card"]
    assert "id_card" in client.post(f"{BASE}permohonan/", missing).context["form"].errors
    assert not InformationRequest.objects.exists()


def test_honeypot_and_rate_limit(client, page, agency, settings):
    assert (
        client.post(f"{BASE}permohonan/", request_form_data(agency, website="http://spam")).status_code == 400
    )
    for n in range(5):
        client.post(f"{BASE}permohonan/", request_form_data(agency, name=f"Warga {n}"))
    limited = client.post(f"{BASE}permohonan/", request_form_data(agency, name="Warga 9"))
    assert limited.status_code == 429
    assert InformationRequest.objects.count() == 5


def test_id_card_and_contacts_only_for_the_owning_agencys_officers(client, page, agency):
    request = submit(agency).request
    card = attachments_of(request).get()
    url = f"/lampiran/{card.uuid}/"
    assert client.get(url).status_code in (302, 403)
    desk = UserFactory(username="meja-pengaduan", groups=["Case supervisors"])
    other_officer = staff("ppid-lain", AgencyFactory(name="Dinas Lain"))
    complaints_officer = UserFactory(username="petugas-aduan", groups=["Agency officers"])
    from smartcity.core.models import StaffMember

    StaffMember.objects.create(agency=agency, user=complaints_officer, name="Petugas aduan")
    for user in (desk, other_officer, complaints_officer):
        client.force_login(user)
        assert client.get(url).status_code == 403, user.username
        inspect = client.get(f"/admin/ppid_request/inspect/{request.pk}/")
        assert inspect.status_code in (302, 403, 404), user.username
    client.force_login(staff("ppid", agency))
    assert client.get(url).status_code == 200
    inspect = client.get(f"/admin/ppid_request/inspect/{request.pk}/").content.decode()
    assert request.email in inspect and request.nik in inspect


def test_nothing_personal_on_the_public_pages(client, page, agency):
    request = submit(agency).request
    for path in (BASE, f"{BASE}laporan/", f"{BASE}permohonan/"):
        html = client.get(path).content.decode()
        assert request.email not in html and request.nik not in html and request.name not in html


def test_answer_files_reach_the_requester_through_the_tracking_page(
    client, page, agency, django_capture_on_commit_callbacks
):
    from smartcity.core.uploads import check_upload
    from tests.complaints.factories import png_upload

    result = submit(agency)
    officer = staff("ppid", agency)
    with django_capture_on_commit_callbacks(execute=True):
        services.answer(
            result.request,
            officer,
            "granted",
            "Terlampir salinan kontrak.",
            files=[check_upload(png_upload("kontrak.png"))],
        )
    client.post(f"{BASE}lacak/", {"nomor": result.request.reference, "kode": result.token})
    html = client.get(f"{BASE}lacak/{result.request.reference}/").content.decode()
    assert "Terlampir salinan kontrak." in html
    answer_file = attachments_of(result.request).get(by_citizen=False)
    card = attachments_of(result.request).get(by_citizen=True)
    download = client.get(f"{BASE}lacak/{result.request.reference}/berkas/{answer_file.uuid}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    # The requester's own ID card copy is not served back on the public side.
    assert client.get(f"{BASE}lacak/{result.request.reference}/berkas/{card.uuid}/").status_code == 404
    assert any("Terlampir salinan kontrak." in m.body for m in mail.outbox)
