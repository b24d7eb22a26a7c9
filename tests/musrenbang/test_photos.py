"""Public photos: only of verified public proposals, re-encoded without EXIF, nothing personal."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from smartcity.core.uploads import attachments_of, check_upload
from smartcity.musrenbang import services
from smartcity.musrenbang.models import Phase
from tests.core.test_uploads import minimal_pdf

from .factories import ItemFactory, make_cycle, proposal_data
from .test_public import make_page


@pytest.fixture
def page(home_page):
    return make_page(home_page)


def jpeg_with_location() -> SimpleUploadedFile:
    image = Image.new("RGB", (40, 30), "orange")
    exif = Image.Exif()
    exif[0x010F] = "KameraWarga"  # Make
    exif[0x8825] = {1: "N", 2: (3.0, 36.0, 0.0), 3: "E", 4: (98.0, 29.0, 0.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif)
    assert Image.open(io.BytesIO(buffer.getvalue())).getexif()
    return SimpleUploadedFile("IMG_2024_rumah_siti.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_photos_public_only_after_verification_and_without_exif(client, page, kel_facilitator):
    cycle = make_cycle(Phase.INTAKE)
    proposal = services.submit_proposal(
        cycle=cycle,
        data=proposal_data(0, item=ItemFactory(), proposer_phone="081234567890"),
        uploads=[check_upload(jpeg_with_location())],
        by_staff=kel_facilitator,
    ).proposal
    photo = attachments_of(proposal).get()
    url = f"/musrenbang/usulan/{proposal.reference}/foto/{photo.uuid}/"
    # Submitted, not yet verified: neither shown nor served.
    assert url not in client.get(f"/musrenbang/usulan/{proposal.reference}/").content.decode()
    assert client.get(url).status_code == 404

    services.act(proposal, "verify", kel_facilitator)
    html = client.get(f"/musrenbang/usulan/{proposal.reference}/").content.decode()
    assert url in html
    for personal in ("warga0@example.com", "081234567890", "IMG_2024_rumah_siti"):
        assert personal not in html
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    disposition = response["Content-Disposition"]
    assert proposal.reference in disposition and "rumah_siti" not in disposition
    served = b"".join(response.streaming_content)
    assert not Image.open(io.BytesIO(served)).getexif()
    assert b"KameraWarga" not in served
    # Another proposal's reference does not open this photo.
    other = services.submit_proposal(
        cycle=cycle, data=proposal_data(1, item=ItemFactory()), by_staff=kel_facilitator
    ).proposal
    services.act(other, "verify", kel_facilitator)
    assert client.get(f"/musrenbang/usulan/{other.reference}/foto/{photo.uuid}/").status_code == 404


def test_no_photo_of_an_unconfirmed_proposal_or_a_pdf(client, page):
    cycle = make_cycle(Phase.INTAKE)
    pdf = SimpleUploadedFile("surat.pdf", minimal_pdf(), content_type="application/pdf")
    proposal = services.submit_proposal(
        cycle=cycle,
        data=proposal_data(0, item=ItemFactory()),
        uploads=[check_upload(jpeg_with_location()), check_upload(pdf)],
    ).proposal
    for attachment in attachments_of(proposal):
        assert (
            client.get(f"/musrenbang/usulan/{proposal.reference}/foto/{attachment.uuid}/").status_code == 404
        )
    # Even once verified, a PDF (a letter, perhaps with a signature) is never served publicly.
    proposal.status = "verified"
    proposal.save(update_fields=["status"])
    served = [
        client.get(f"/musrenbang/usulan/{proposal.reference}/foto/{a.uuid}/").status_code
        for a in attachments_of(proposal).order_by("mime_type")
    ]
    assert served == [404, 200]
    assert re.search(
        r"/foto/[0-9a-f-]{36}/", client.get(f"/musrenbang/usulan/{proposal.reference}/").content.decode()
    )


def test_staff_of_the_region_see_photos_and_withhold_one(
    client, page, kel_facilitator, other_kel_facilitator
):
    from django.urls import reverse

    cycle = make_cycle(Phase.INTAKE)
    proposal = services.submit_proposal(
        cycle=cycle,
        data=proposal_data(0, item=ItemFactory()),
        uploads=[check_upload(jpeg_with_location()), check_upload(jpeg_with_location())],
        by_staff=kel_facilitator,
    ).proposal
    services.act(proposal, "verify", kel_facilitator)
    first, second = attachments_of(proposal).order_by("pk")
    staff_url = reverse("musrenbang_proposal:photo", args=[proposal.pk, first.uuid])

    client.force_login(other_kel_facilitator)
    assert client.get(staff_url).status_code == 404
    assert client.post(staff_url, {"public": "0"}).status_code == 404

    client.force_login(kel_facilitator)
    inspect = client.get(reverse("musrenbang_proposal:inspect", args=[proposal.pk])).content.decode()
    assert staff_url in inspect
    assert client.get(staff_url).status_code == 200
    assert client.post(staff_url, {"public": "0"}).status_code == 302
    public_url = f"/musrenbang/usulan/{proposal.reference}/foto/"
    html = client.get(f"/musrenbang/usulan/{proposal.reference}/").content.decode()
    assert f"{public_url}{first.uuid}/" not in html and f"{public_url}{second.uuid}/" in html
    assert client.get(f"{public_url}{first.uuid}/").status_code == 404
    note = proposal.events.latest("pk")
    assert note.actor == kel_facilitator and not note.is_public
    # Shown again.
    client.post(staff_url, {"public": "1"})
    assert client.get(f"{public_url}{first.uuid}/").status_code == 200
