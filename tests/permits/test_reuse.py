"""Reusing a document of an earlier application (a requirement marked reusable, e.g. the KTP-el).

Rules: only for reusable requirements; only from the applicant's own earlier applications whose
access they proved (number + access code, or this browser opened it); only files the front
office accepted (not those of a returned application); the file is copied into the new
application's private attachments and the history says so.
"""

import datetime
import re

import pytest
import wagtail_factories
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.utils import timezone

from smartcity.core.workflow import CITIZEN
from smartcity.permits import services
from smartcity.permits.models import PermitApplication, PermitApplicationEvent, PermitPage
from smartcity.permits.workflow import APPLICATION_WORKFLOW
from tests.factories import ServiceIndexPageFactory
from tests.permits.factories import NOW, PERSON, at, complete_documents

pytestmark = pytest.mark.django_db
BASE = "/layanan/perizinan/"
KTP = "KTP-el pemohon"


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


def earlier(permit_type, front_office, *, verified=True, when=None, **applicant):
    """A submitted application a month before ``NOW`` (or ``when``), verified by the front office
    unless told not."""
    when = when or at(4, month=1)
    result = services.start_draft(permit_type, {**PERSON, **applicant}, now=when)
    application = result.application
    complete_documents(application)
    services.submit(application, CITIZEN, now=when)
    application.refresh_from_db()
    if verified:
        APPLICATION_WORKFLOW.apply(application, "verify", front_office, now=when)
    return application, result.token


def last_month():
    """For applications compared with one started through the pages (now)."""
    return timezone.now() - datetime.timedelta(days=30)


def new_draft(permit_type, **applicant):
    return services.start_draft(permit_type, {**PERSON, **applicant}, now=NOW).application


def requirement(permit_type, label):
    return permit_type.requirements.get(label=label)


def upload_for(application, label):
    return application.uploads.select_related("attachment", "application").get(label=label)


def test_accepted_document_of_own_earlier_application_is_copied_and_recorded(catalogue, front_office):
    old, _token = earlier(catalogue["pbg"], front_office)
    application = new_draft(catalogue["izin-penelitian"])
    ktp = requirement(catalogue["izin-penelitian"], KTP)
    old_ktp = upload_for(old, KTP)

    # The other type's requirement of the same name is offered.
    assert services.reusable_documents(application, ktp, [old.pk]) == [old_ktp]
    copy = services.reuse_document(application, ktp, old_ktp, proven_ids=[old.pk])

    copy.attachment.refresh_from_db()
    assert copy.application == application and copy.requirement == ktp
    assert copy.attachment.pk != old_ktp.attachment.pk
    assert copy.attachment.content_type == ContentType.objects.get_for_model(PermitApplication)
    assert copy.attachment.object_id == application.pk
    assert copy.attachment.file.name != old_ktp.attachment.file.name
    with copy.attachment.file.open("rb") as new, old_ktp.attachment.file.open("rb") as original:
        assert new.read() == original.read()
    assert upload_for(old, KTP).attachment.pk == old_ktp.attachment.pk  # the earlier one untouched
    event = application.events.get(kind=PermitApplicationEvent.Kind.REUSED)
    assert old.reference in event.note and KTP in event.note and event.is_public and event.by_citizen
    # The reused document counts for the checklist.
    assert ktp not in application.missing_mandatory()


def test_without_proven_access_nothing_is_offered_or_copied(catalogue, front_office):
    old, _token = earlier(catalogue["pbg"], front_office)
    application = new_draft(catalogue["izin-penelitian"])
    ktp = requirement(catalogue["izin-penelitian"], KTP)
    assert services.reusable_documents(application, ktp, []) == []
    with pytest.raises(ValidationError):
        services.reuse_document(application, ktp, upload_for(old, KTP), proven_ids=[])
    assert not application.uploads.exists()


def test_another_applicants_document_is_never_reused(catalogue, front_office):
    # Even with access proven (say, a relative's number and code), another NIK's file is refused.
    someone, _token = earlier(catalogue["pbg"], front_office, nik="1275014101900002", applicant_name="Budi")
    application = new_draft(catalogue["izin-penelitian"])
    ktp = requirement(catalogue["izin-penelitian"], KTP)
    assert services.reusable_documents(application, ktp, [someone.pk]) == []
    with pytest.raises(ValidationError):
        services.reuse_document(application, ktp, upload_for(someone, KTP), proven_ids=[someone.pk])
    assert not application.uploads.exists()


def test_only_reusable_requirements_take_an_earlier_document(catalogue, front_office):
    research = catalogue["izin-penelitian"]
    old, _token = earlier(research, front_office)
    application = new_draft(research)
    proposal = requirement(research, "Proposal penelitian")
    assert not proposal.reusable
    assert services.reusable_documents(application, proposal, [old.pk]) == []
    with pytest.raises(ValidationError, match="silakan unggah"):
        services.reuse_document(
            application, proposal, upload_for(old, "Proposal penelitian"), proven_ids=[old.pk]
        )
    assert not application.uploads.exists()


@pytest.mark.parametrize("state", ["submitted", "returned", "resubmitted"])
def test_files_not_accepted_by_the_front_office_are_not_reused(catalogue, front_office, state):
    """A returned application's files (one may be the wrong one) and files nobody checked yet."""
    old, _token = earlier(catalogue["pbg"], front_office, verified=False)
    if state in ("returned", "resubmitted"):
        services.return_to_applicant(old, front_office, "KTP-el tidak terbaca", now=at(5, month=1))
    if state == "resubmitted":
        services.resubmit(old, CITIZEN, now=at(6, month=1))
    old.refresh_from_db()
    assert old.status == state
    application = new_draft(catalogue["izin-penelitian"])
    ktp = requirement(catalogue["izin-penelitian"], KTP)
    assert services.reusable_documents(application, ktp, [old.pk]) == []
    with pytest.raises(ValidationError):
        services.reuse_document(application, ktp, upload_for(old, KTP), proven_ids=[old.pk])
    assert not application.uploads.exists()


def test_a_file_the_new_requirement_does_not_accept_is_not_offered(catalogue, front_office):
    old, _token = earlier(catalogue["pbg"], front_office)
    application = new_draft(catalogue["izin-penelitian"])
    ktp = requirement(catalogue["izin-penelitian"], KTP)
    ktp.file_kinds = "pdf"
    ktp.save()
    old_ktp = upload_for(old, KTP)
    assert old_ktp.attachment.mime_type == "application/pdf"
    old_ktp.attachment.mime_type = "image/png"
    old_ktp.attachment.save()
    assert services.reusable_documents(application, ktp, [old.pk]) == []


def test_a_later_application_is_not_an_earlier_one(catalogue, front_office):
    application = new_draft(catalogue["izin-penelitian"])
    later, _token = earlier(catalogue["pbg"], front_office, when=at(15))
    ktp = requirement(catalogue["izin-penelitian"], KTP)
    assert services.reusable_documents(application, ktp, [later.pk]) == []


def test_a_submitted_application_takes_no_documents(catalogue, front_office):
    old, _token = earlier(catalogue["pbg"], front_office)
    application = new_draft(catalogue["izin-penelitian"])
    complete_documents(application)
    services.submit(application, CITIZEN, now=NOW)
    application.refresh_from_db()
    ktp = requirement(catalogue["izin-penelitian"], KTP)
    with pytest.raises(ValidationError):
        services.reuse_document(application, ktp, upload_for(old, KTP), proven_ids=[old.pk])


# --- Through the applicant's pages --------------------------------------------------------------


def start_in_browser(client, page):
    url = f"{BASE}jenis/izin-penelitian/ajukan/"
    html = client.get(url).content.decode()
    stamp = re.search(r'name="form_started" value="([^"]+)"', html).group(1)
    data = {
        **{k: v for k, v in PERSON.items() if v},
        "form_started": stamp,
        "q_judul": "Pola konsumsi air bersih rumah tangga",
        "q_lembaga": "Universitas Sumatera Utara",
        "q_mulai": "2027-03-01",
        "consent": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 303, response.content.decode()[:2000]
    return PermitApplication.objects.get(status="draft"), response["Location"]


def test_applicant_opens_an_earlier_application_with_its_code_and_reuses_its_ktp(
    client, page, catalogue, front_office
):
    old, token = earlier(catalogue["pbg"], front_office, when=last_month())
    application, location = start_in_browser(client, page)
    ktp = requirement(catalogue["izin-penelitian"], KTP)
    html = client.get(location).content.decode()
    assert 'value="open_earlier"' in html and f'name="reuse-reuse_{ktp.pk}"' not in html

    wrong = client.post(
        location, {"action": "open_earlier", "earlier-code": old.reference, "earlier-token": "XXXXX-YYYYY"}
    )
    assert wrong.status_code == 400 and f'name="reuse-reuse_{ktp.pk}"' not in wrong.content.decode()
    # A forged choice (the earlier file's id) without proven access is refused.
    forged = client.post(location, {"action": "reuse", f"reuse-reuse_{ktp.pk}": upload_for(old, KTP).pk})
    assert forged.status_code == 400
    assert not application.uploads.exists()

    opened = client.post(
        location, {"action": "open_earlier", "earlier-code": old.reference.lower(), "earlier-token": token}
    )
    assert opened.status_code == 302
    html = client.get(location).content.decode()
    assert f'name="reuse-reuse_{ktp.pk}"' in html and old.reference in html
    # Only the reusable requirement is offered, not the research proposal.
    assert html.count('name="reuse-reuse_') == 1

    done = client.post(location, {"action": "reuse", f"reuse-reuse_{ktp.pk}": upload_for(old, KTP).pk})
    assert done.status_code == 302
    assert application.uploads.get().requirement == ktp
    timeline = client.get(location).content.decode().split('class="timeline"')[1]
    assert old.reference in timeline and KTP in timeline


def test_the_browser_that_opened_the_earlier_application_sees_its_documents_at_once(
    client, page, catalogue, front_office
):
    old, token = earlier(catalogue["pbg"], front_office, when=last_month())
    assert client.post(f"{BASE}lacak/", {"code": old.reference, "token": token}).status_code == 302
    application, location = start_in_browser(client, page)
    ktp = requirement(catalogue["izin-penelitian"], KTP)
    html = client.get(location).content.decode()
    assert f'name="reuse-reuse_{ktp.pk}"' in html and old.reference in html
    # Another applicant's application opened in the same browser is never offered.
    other, other_token = earlier(
        catalogue["izin-penelitian"], front_office, when=last_month(), nik="1275014101900002"
    )
    client.post(f"{BASE}lacak/", {"code": other.reference, "token": other_token})
    html = client.get(f"{BASE}berkas/{application.reference}/").content.decode()
    assert other.reference not in html
    forged = client.post(location, {"action": "reuse", f"reuse-reuse_{ktp.pk}": upload_for(other, KTP).pk})
    assert forged.status_code == 400 and not application.uploads.exists()
