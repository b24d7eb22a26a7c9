"""Documents laid out in HTML/CSS and printed to PDF by WeasyPrint (permits, minutes).

One place for the two things every caller must get right:

* WeasyPrint sets Pillow's process-wide ``ImageFile.LOAD_TRUNCATED_IMAGES`` when imported, which
  would make ``core.uploads`` accept truncated images from citizens for the rest of the process.
  It is set back here; our documents embed only images the site drew itself.
* Nothing is fetched while printing: only ``data:`` URIs are allowed, so a stray address in a
  document can never reach the network or the server's files.
"""

from __future__ import annotations


def html_to_pdf(html: str) -> bytes:
    """The PDF of ``html`` (a rendered template with inline styles and images)."""
    import weasyprint
    from PIL import ImageFile
    from weasyprint.urls import URLFetcher

    ImageFile.LOAD_TRUNCATED_IMAGES = False  # undo WeasyPrint's import-time change (see above)
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()
