"""core.printing: HTML printed to PDF without fetching anything, and without leaving Pillow
accepting truncated images for the citizen uploads that follow."""

import base64
import io

from PIL import ImageFile
from pypdf import PdfReader

from smartcity.core.printing import html_to_pdf
from smartcity.core.uploads import check_upload
from tests.core.test_uploads import errors_of, photo, upload


def test_a_printed_document_keeps_its_text():
    pdf = html_to_pdf("<h1>Izin Nomor 503/0001</h1><p>Berlaku sampai 2027</p>")

    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "503/0001" in text and "2027" in text


def test_printing_fetches_nothing_but_inline_data(tmp_path, caplog):
    """A real image on the server's disk stays out of the document; an inline one goes in."""
    png = photo("PNG", metadata=False, size=(40, 30))
    (tmp_path / "rahasia.png").write_bytes(png)
    inline = "data:image/png;base64," + base64.b64encode(png).decode()

    pdf = html_to_pdf(
        f'<p>Teks</p><img src="file://{tmp_path}/rahasia.png" alt=""><img src="{inline}" alt="">'
    )

    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert page.extract_text().strip().startswith("Teks")
    assert len(page.images) == 1  # only the inline one
    assert "Failed to load image" in caplog.text


def test_a_truncated_photo_is_still_refused_after_printing():
    """Importing WeasyPrint turns Pillow's truncated-image loading on for the whole process."""
    html_to_pdf("<p>x</p>")
    data = photo("JPEG", metadata=False, size=(400, 300))

    assert ImageFile.LOAD_TRUNCATED_IMAGES is False
    assert errors_of(check_upload, upload("rusak.jpg", data[: len(data) // 2])).code == "bad_image"
