"""The permit as a PDF (WeasyPrint) with a QR code (segno) of its public verification address.

The QR code is embedded as a PNG so that a phone camera and any PDF reader see the same image.
The permit shows the holder's name, never other personal data (NIK, address, phone).
"""

from __future__ import annotations

import segno
from django.template.loader import render_to_string
from django.utils import translation

from .models import Permit


def verification_url(permit: Permit, base_url: str) -> str:
    return base_url.rstrip("/") + permit.verification_path


def permit_pdf(permit: Permit, base_url: str) -> bytes:
    """The permit document in the application's language; ``base_url`` is the site's address."""
    import weasyprint

    url = verification_url(permit, base_url)
    qr = segno.make(url, error="m").png_data_uri(scale=6, border=4)
    with translation.override(permit.application.language or "id"):
        html = render_to_string(
            "permits/permit_pdf.html",
            {
                "permit": permit,
                "permit_type": permit.permit_type,
                "agency": permit.permit_type.agency,
                "qr": qr,
                "verification_url": url,
                "conditions": [line for line in permit.conditions.splitlines() if line.strip()],
            },
        )
    # No base_url for fetching: the document uses only inline data, never the network.
    return weasyprint.HTML(string=html).write_pdf()
