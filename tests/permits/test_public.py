"""The applicant's journey at /layanan/perizinan/ and the permit's verification."""

import io
import re

import pytest
import wagtail_factories
import zxingcpp
from pypdf import PdfReader

from smartcity.permits import services
from smartcity.permits.models import Permit, PermitApplication, PermitPage
from smartcity.permits.workflow import APPLICATION_WORKFLOW
from tests.factories import ServiceIndexPageFactory
from tests.permits.factories import at, pdf_upload, png_upload, submitted

pytestmark = pytest.mark.django_db
BASE = "/layanan/perizinan/"


class PermitPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = PermitPage


@pytest.fixture(autouse=True)
def _fast_forms(settings):
    settings.FORM_MIN_FILL_SECONDS = 0


@pytest.fixture
def page(home_page, catalogue):
    index = ServiceIndexPageFactory(parent=home_page)
    return PermitPageFactory(parent=index, title="Perizinan", slug="perizinan")


def form_stamp(client, url):
    html = client.get(url).content.decode()
    return re.search(r'name="form_started" value="([^"]+)"', html).group(1)


def apply_data(client, url, **overrides):
    data = {
        "form_started": form_stamp(client, url),
        "applicant_kind": "person",
        "applicant_name": "Siti Aminah",
        "nik": "1275014101900001",
        "email": "siti@example.com",
        "address": "Jl. Teuku Umar No. 5, Binjai",
        "q_judul": "Pola konsumsi air bersih rumah tangga",
        "q_lembaga": "Universitas Sumatera Utara",
        "q_mulai": "2027-03-01",
        "consent": "on",
    }
    data.update(overrides)
    return data


def start(client, slug="izin-penelitian"):
    url = f"{BASE}jenis/{slug}/ajukan/"
    response = client.post(url, apply_data(client, url))
    assert response.status_code == 303, response.content.decode()[:3000]
    return PermitApplication.objects.get(), response["Location"]


def test_catalogue_type_page_and_eligibility_check(client, page):
    html = client.get(BASE).content.decode()
    assert "Persetujuan Bangunan Gedung (PBG)" in html and "Izin Keramaian" in html
    detail = client.get(f"{BASE}jenis/pbg/").content.decode()
    assert "Gambar teknis bangunan" in detail and "Rp10.000" in detail and "28" in detail
    assert "Survei lapangan" in detail
    pbg = page.__class__  # noqa: F841
    from smartcity.permits.models import PermitType

    pbg = PermitType.objects.get(slug="pbg")
    research = PermitType.objects.get(slug="izin-penelitian")
    result = client.get(
        f"{BASE}cek/", {"applicant_kind": "company", f"type_{pbg.pk}": "on", f"type_{research.pk}": "on"}
    )
    html = result.content.decode()
    assert result.status_code == 200
    assert "Bukti kepemilikan atau penguasaan tanah" in html  # PBG fits: its documents listed
    assert "Izin Penelitian" in html and "Proposal penelitian" not in html  # persons only


def test_application_form_keeps_input_and_explains_errors(client, page):
    url = f"{BASE}jenis/izin-penelitian/ajukan/"
    response = client.post(url, apply_data(client, url, nik="123", q_judul=""))
    assert response.status_code == 400
    html = response.content.decode()
    assert "NIK" in html and "Universitas Sumatera Utara" in html
    assert not PermitApplication.objects.exists()


def test_draft_then_uploads_then_submission_with_number_receipt_and_mail(
    client, page, mailoutbox, django_capture_on_commit_callbacks
):
    application, location = start(client)
    assert application.status == "draft" and application.answers["lembaga"] == "Universitas Sumatera Utara"
    html = client.get(location).content.decode()
    token = re.search(r'class="access-code"><code>([^<]+)<', html).group(1)
    requirements = list(application.permit_type.requirements.all())
    # Submitting without the mandatory documents: refused with the documents named.
    refused = client.post(location, {"action": "submit"}, follow=True)
    assert "Proposal penelitian" in refused.content.decode()
    application.refresh_from_db()
    assert application.status == "draft"
    # A PNG where a PDF is required is refused by its bytes, even named .pdf.
    fake = png_upload("proposal.pdf")
    wrong = client.post(location, {"action": "upload", f"requirement_{requirements[2].pk}": fake})
    assert wrong.status_code == 400 and "PDF" in wrong.content.decode()
    assert not application.uploads.exists()
    files = {f"requirement_{r.pk}": pdf_upload() for r in requirements}
    assert client.post(location, {"action": "upload", **files}).status_code == 302
    assert application.uploads.count() == 3
    # Another browser resumes the draft with the private code.
    other = client.__class__()
    opened = other.post(f"{BASE}lacak/", {"code": application.reference, "token": token})
    assert opened.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        done = other.post(location, {"action": "submit"}, follow=True)
    application.refresh_from_db()
    assert application.status == "submitted" and application.reference.startswith("IZN-")
    assert application.reference in done.content.decode()
    assert mailoutbox and application.reference in mailoutbox[0].subject
    receipt = client.get(f"{BASE}berkas/{application.reference}/tanda-terima/")
    assert receipt["Content-Type"] == "application/pdf"
    assert application.reference in PdfReader(io.BytesIO(receipt.content)).pages[0].extract_text()


def test_returned_application_shows_what_is_missing_and_resubmits(client, page, front_office):
    application, location = start(client)
    files = {f"requirement_{r.pk}": pdf_upload() for r in application.permit_type.requirements.all()}
    client.post(location, {"action": "upload", **files})
    client.post(location, {"action": "submit"})
    application.refresh_from_db()
    services.return_to_applicant(
        application, front_office, "Surat pengantar belum bercap\nProposal tanpa tanda tangan"
    )
    page_url = f"{BASE}berkas/{application.reference}/"
    html = client.get(page_url).content.decode()
    assert "Surat pengantar belum bercap" in html and "Proposal tanpa tanda tangan" in html
    client.post(page_url, {"action": "resubmit"})
    application.refresh_from_db()
    assert application.status == "resubmitted" and application.due_at is not None


def test_tracking_refuses_wrong_codes_and_never_shows_others_applications(client, page, catalogue):
    application = submitted(catalogue["izin-penelitian"])
    assert client.get(f"{BASE}berkas/{application.reference}/").status_code == 404
    wrong = client.post(f"{BASE}lacak/", {"code": application.reference, "token": "AAAAA-BBBBB"})
    assert wrong.status_code == 400
    assert "1275014101900001" not in client.get(BASE).content.decode()


def issue(catalogue, front_office, reviewer, head):
    application = submitted(catalogue["izin-penelitian"])
    APPLICATION_WORKFLOW.apply(application, "verify", front_office)
    APPLICATION_WORKFLOW.apply(application, "recommend", reviewer)
    return services.approve(application, head, now=at(3))


def test_permit_pdf_holds_the_number_and_a_qr_code_of_the_verification_url(
    client, page, catalogue, front_office, reviewer, head
):
    permit = issue(catalogue, front_office, reviewer, head)
    session = client.session
    session["permit_access"] = [permit.application_id]
    session.save()
    response = client.get(f"{BASE}berkas/{permit.application.reference}/izin/")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = reader.pages[0].extract_text()
    assert permit.number in text and "Siti Aminah" in text and "1275014101900001" not in text
    (qr,) = zxingcpp.read_barcodes(reader.pages[0].images[0].image)
    assert qr.text == f"http://testserver/verifikasi/{permit.verification_code}/"
    assert len(permit.verification_code) >= 43


def test_verification_valid_expired_revoked_and_forged(client, page, catalogue, front_office, reviewer, head):
    import datetime

    permit = issue(catalogue, front_office, reviewer, head)
    url = f"/verifikasi/{permit.verification_code}/"
    html = client.get(url).content.decode()
    assert "Genuine and valid" in html or "Asli dan berlaku" in html
    assert "Siti Aminah" in html and "1275014101900001" not in html and "Teuku Umar" not in html
    Permit.objects.filter(pk=permit.pk).update(
        valid_from=datetime.date(2020, 1, 1), valid_until=datetime.date(2020, 6, 30)
    )
    assert client.get(f"/api/v1/permits/verify/{permit.verification_code}/").json()["status"] == "expired"
    services.revoke_permit(Permit.objects.get(pk=permit.pk), head, "Bangunan menyalahi izin")
    api = client.get(f"/api/v1/permits/verify/{permit.verification_code}/").json()
    assert api["valid"] is False and api["status"] == "revoked" and api["holder"] == "Siti Aminah"
    assert set(api) == {
        "valid",
        "status",
        "number",
        "type",
        "holder",
        "valid_from",
        "valid_until",
        "revoked_at",
    }
    forged = client.get("/verifikasi/" + "x" * 43 + "/")
    assert forged.status_code == 404
    assert client.get("/api/v1/permits/verify/" + "x" * 43 + "/").status_code == 404


def test_verification_lookups_are_rate_limited(client, settings, monkeypatch):
    from smartcity.permits import views

    monkeypatch.setattr(views, "VERIFY_RATE", "3/m")
    codes = [client.get(f"/verifikasi/kode-{n}/").status_code for n in range(4)]
    assert codes == [404, 404, 404, 429]


def test_api_lists_types_and_is_in_the_schema(client, page):
    types = client.get("/api/v1/permits/types/").json()
    assert {t["slug"] for t in types} >= {"pbg", "reklame"}
    pbg = next(t for t in types if t["slug"] == "pbg")
    assert pbg["requirements"][0]["label"] == "KTP-el pemohon"
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/permits/verify/{code}/" in schema and "/api/v1/permits/types/" in schema


def test_survey_after_completion_once(client, page, catalogue, front_office, reviewer, head):
    permit = issue(catalogue, front_office, reviewer, head)
    session = client.session
    session["permit_access"] = [permit.application_id]
    session.save()
    url = f"{BASE}berkas/{permit.application.reference}/survei/"
    names = (
        "requirements",
        "procedure",
        "duration",
        "cost",
        "product",
        "competence",
        "conduct",
        "complaints",
        "facilities",
    )
    data = dict.fromkeys(names, "4")
    assert client.post(url, {**data, "cost": "5"}).status_code == 400
    assert client.post(url, data).status_code == 302
    assert permit.application.survey.mean == 4
    assert client.post(url, data).status_code == 400


def test_statistics_page_lists_types_by_month(client, page, catalogue):
    submitted(catalogue["izin-penelitian"])
    html = client.get(f"{BASE}statistik/").content.decode()
    assert "Izin Penelitian" in html
