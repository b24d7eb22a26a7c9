"""/lampiran/<uuid>/: attachments go only to the token holder and to staff allowed to see the case."""

import io
import uuid

import pytest
from django.urls import reverse
from PIL import Image

from smartcity.core.models import Agency
from smartcity.core.uploads import check_upload, store_attachments
from tests.complaints.factories import TEST_TOKEN, ComplaintFactory, StaffMemberFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def case():
    return ComplaintFactory()


@pytest.fixture
def attachment(case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    buffer = io.BytesIO()
    Image.new("RGB", (12, 8), "blue").save(buffer, format="PNG")
    checked = check_upload(SimpleUploadedFile("KTP Budi Santoso.png", buffer.getvalue()))
    (stored,) = store_attachments(case, [checked])
    return stored


def url_of(attachment, token: str | None = None) -> str:
    url = reverse("core:attachment", args=[attachment.uuid])
    return f"{url}?token={token}" if token is not None else url


def body_of(response) -> bytes:
    return b"".join(response.streaming_content)


def assert_is_the_file(response, attachment, case):
    assert response.status_code == 200
    assert body_of(response) == attachment.file.open("rb").read()
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="{case.reference}-{attachment.pk}.png"' in disposition
    assert "Budi" not in disposition and "KTP" not in disposition
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_token_in_the_url_opens_nothing(client, attachment, case):
    """Citizens download through the case they opened in their session; a code in a URL
    would end up in access logs."""
    assert url_of(attachment).startswith("/lampiran/")
    assert client.get(url_of(attachment, TEST_TOKEN)).status_code == 403


@pytest.mark.parametrize("token", ["", "salah", TEST_TOKEN + "x", TEST_TOKEN.upper()])
def test_a_wrong_or_missing_token_is_refused(client, attachment, token):
    assert client.get(url_of(attachment, token)).status_code == 403


def test_anonymous_visitors_without_a_token_are_refused(client, attachment):
    assert client.get(url_of(attachment)).status_code == 403


def test_another_cases_token_does_not_open_this_attachment(client, attachment):
    ComplaintFactory(token="token-kasus-lain")
    assert client.get(url_of(attachment, "token-kasus-lain")).status_code == 403


def test_staff_of_the_handling_agency_get_the_file(client, attachment, case):
    member = StaffMemberFactory(agency=case.agency)
    client.force_login(member.user)
    assert_is_the_file(client.get(url_of(attachment)), attachment, case)


def test_staff_of_another_agency_are_refused(client, attachment, case):
    other = Agency.objects.exclude(pk=case.agency_id).first()
    member = StaffMemberFactory(agency=other)
    client.force_login(member.user)
    assert client.get(url_of(attachment)).status_code == 403
    # ...even when the case is handed to their agency later, only then do they get it.
    case.agency = other
    case.save()
    assert client.get(url_of(attachment)).status_code == 200


def test_inactive_membership_is_refused(client, attachment, case):
    member = StaffMemberFactory(agency=case.agency, is_active=False)
    client.force_login(member.user)
    assert client.get(url_of(attachment)).status_code == 403


def test_a_logged_in_user_without_access_is_refused_even_with_the_token(client, attachment, case):
    client.force_login(UserFactory())
    assert client.get(url_of(attachment)).status_code == 403
    assert client.get(url_of(attachment, TEST_TOKEN)).status_code == 403


def test_case_supervisors_and_superusers_get_the_file(client, attachment, case, superuser):
    client.force_login(UserFactory(groups=["Case supervisors"]))
    assert_is_the_file(client.get(url_of(attachment)), attachment, case)
    client.force_login(superuser)
    assert client.get(url_of(attachment)).status_code == 200


def test_an_unknown_attachment_is_not_found(client, superuser):
    client.force_login(superuser)
    url = reverse("core:attachment", args=[uuid.uuid4()])
    assert client.get(url).status_code == 404
    assert client.get(f"{url}?token={TEST_TOKEN}").status_code == 404


def test_an_attachment_whose_case_is_gone_is_not_found(client, superuser, attachment, case):
    case.delete()
    client.force_login(superuser)
    assert client.get(url_of(attachment)).status_code == 404


def test_only_get_is_allowed(client, attachment):
    assert client.post(url_of(attachment, TEST_TOKEN)).status_code == 405
