"""Receipts: a PDF any service can fill with its own lines, and the QR code as SVG."""

import io

import defusedxml.ElementTree as ET
from django.utils import translation
from pypdf import PdfReader

from smartcity.core.receipts import Receipt, qr_svg, receipt_pdf, receipt_response

LINK = "https://binjaikota.go.id/layanan/janji-temu/lacak/#nomor=JTM-2026-000001&kode=K7QM5-4XRTB"


def _receipt(**overrides) -> Receipt:
    values = {
        "heading": "Appointment receipt",
        "issuer": "Binjai Smart City",
        "reference": "JTM-2026-000001",
        "access_code": "K7QM5-4XRTB",
        "tracking_url": LINK,
        "lines": [("Counter", "Disdukcapil – loket 3"), ("Time", "Senin 09:30 “pagi” 🙂")],
        "instructions": "Bring your KTP.",
    }
    values.update(overrides)
    return Receipt(**values)


def test_a_service_fills_the_receipt_with_its_own_lines():
    with translation.override("en"):
        pdf = receipt_pdf(_receipt())
    assert pdf.startswith(b"%PDF-")
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in (
        "Appointment receipt",
        "JTM-2026-000001",
        "K7QM5-4XRTB",
        "Reference number",
        "Access code",
        "Counter: Disdukcapil - loket 3",
        'Time: Senin 09:30 "pagi"',
        "Bring your KTP.",
    ):
        assert expected in text, expected
    assert LINK in text.replace("\n", "")


def test_labels_follow_the_active_language():
    with translation.override("id"):
        text = PdfReader(io.BytesIO(receipt_pdf(_receipt()))).pages[0].extract_text()
    assert "Kode akses" in text
    assert "Reference number" not in text


def test_the_download_is_never_cached():
    response = receipt_response(_receipt(), "JTM-2026-000001.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="JTM-2026-000001.pdf"'
    assert "no-store" in response["Cache-Control"]


def test_the_qr_svg_is_well_formed_labelled_and_free_of_style_attributes():
    svg = qr_svg(LINK, 'QR "code" <of> your link')
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert root.get("role") == "img"
    assert root.get("aria-label") == 'QR "code" <of> your link'
    assert root.get("class") == "qr-code"
    assert "style=" not in svg
    # Longer data needs more modules: the code really encodes the link.
    assert qr_svg(LINK * 3, "x") != svg
