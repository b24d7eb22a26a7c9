"""How the inbox and the case file read: coloured status tags, labelled exports, Excel-ready CSV,
photo thumbnails and each label said once."""

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from smartcity.complaints.models import Complaint, ComplaintEvent
from smartcity.core.uploads import CheckedUpload, store_attachments
from tests.complaints.factories import ComplaintFactory
from tests.complaints.staff_fixtures import *  # noqa: F403
from tests.complaints.test_admin_case import jpeg_bytes

pytestmark = pytest.mark.django_db

S = Complaint.Status


def page(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_status_tags_are_coloured_by_state(client, supervisor, pupr):
    for status in (S.RECEIVED, S.IN_PROGRESS, S.RESOLVED):
        ComplaintFactory(agency=pupr, status=status)
    ComplaintFactory(agency=pupr, status=S.REJECTED, rejection_reason=Complaint.RejectionReason.DUPLICATE)
    client.force_login(supervisor)
    html = page(client.get(reverse("complaints_admin:index"), HTTP_ACCEPT_LANGUAGE="id"))
    tags = {
        tag.get_text(strip=True): [c for c in tag["class"] if c.startswith("complaint-status--")]
        for tag in html.select("td .complaint-status")
    }
    assert tags == {
        "Diterima": ["complaint-status--received"],
        "Sedang ditangani": ["complaint-status--in_progress"],
        "Selesai ditangani": ["complaint-status--resolved"],
        "Ditolak": ["complaint-status--rejected"],
    }


def test_export_buttons_are_labelled_in_the_header_not_in_a_menu(client, supervisor, pupr):
    ComplaintFactory(agency=pupr)
    client.force_login(supervisor)
    html = page(client.get(reverse("complaints_admin:index")))
    header = html.select_one("header")
    buttons = {a.get_text(" ", strip=True): a["href"] for a in header.select("a.w-header-button")}
    assert "export=csv" in buttons["Unduh CSV"]
    assert "export=xlsx" in buttons["Unduh XLSX"]
    # No unlabelled "more" menu left in the header (the filter drill-down is its own button).
    assert [d for d in header.select(".w-dropdown") if "w-dropdown--drilldown" not in d["class"]] == []


def test_csv_export_opens_in_excel_as_utf8(client, supervisor, pupr):
    ComplaintFactory(agency=pupr, title="Jalan berlubang di Kelurahan Tangsi – “darurat”")
    client.force_login(supervisor)
    response = client.get(reverse("complaints_admin:index"), {"export": "csv"})
    content = b"".join(response.streaming_content)
    assert content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    assert content.count(b"\xef\xbb\xbf") == 1
    assert "charset=utf-8" in response["Content-Type"]
    assert "“darurat”" in content.decode("utf-8-sig")


def test_case_file_shows_photo_thumbnails(client, officer, complaint):
    photo, document = store_attachments(
        complaint,
        [
            CheckedUpload("lubang.jpg", "image/jpeg", jpeg_bytes()),
            CheckedUpload("surat.pdf", "application/pdf", b"%PDF-1.4\n%%EOF"),
        ],
    )
    client.force_login(officer)
    html = page(client.get(reverse("complaints_admin:inspect", args=[complaint.pk])))
    thumbnails = html.select(".complaint-attachment__thumbnail img")
    assert [img["src"] for img in thumbnails] == [reverse("core:attachment", args=[photo.uuid])]
    assert thumbnails[0]["alt"]
    assert html.find("a", href=reverse("core:attachment", args=[document.uuid])) is not None


def test_an_internal_note_is_called_so_once(client, officer, complaint):
    ComplaintEvent.objects.create(
        case=complaint, kind=ComplaintEvent.Kind.NOTE, note="Cek lokasi besok.", is_public=False
    )
    client.force_login(officer)
    html = page(
        client.get(reverse("complaints_admin:inspect", args=[complaint.pk]), HTTP_ACCEPT_LANGUAGE="id")
    )
    item = next(li for li in html.select(".complaint-history__item") if "Cek lokasi besok." in li.get_text())
    assert item.get_text(" ", strip=True).lower().count("internal") == 1
