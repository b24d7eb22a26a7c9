"""Checking and storing citizens' uploads.

A file is accepted by what its bytes are, not by its name: the type is sniffed with
``filetype``; images are opened and re-encoded by Pillow (which drops EXIF, GPS position
included, and any payload hidden after the image data); PDFs must start with a PDF header and
contain no JavaScript or embedded files.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass

import filetype
from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

from .models import Attachment

IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
PDF_TYPE = "application/pdf"
ALLOWED_TYPES = (*IMAGE_TYPES, PDF_TYPE)
MAX_IMAGE_PIXELS = 40_000_000
PDF_ACTIVE_CONTENT = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/OpenAction")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
PDF_MAX_INFLATED_BYTES = 50 * 1024 * 1024


@dataclass
class CheckedUpload:
    """An upload that passed the checks, ready to store (``content`` is what gets stored)."""

    original_name: str
    mime_type: str
    content: bytes


def check_upload(upload) -> CheckedUpload:
    """Validate one uploaded file; raise ValidationError with a message the citizen understands."""
    name = (upload.name or "lampiran")[-150:]
    limit = settings.CASE_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s). The limit is %(limit)s per file."),
            code="too_large",
            params={"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    data = upload.read()
    kind = filetype.guess(data[:8192])
    mime_type = kind.mime if kind else ""
    if mime_type not in ALLOWED_TYPES:
        raise ValidationError(
            _("“%(name)s” is not a photo (JPG, PNG, WebP) or a PDF document."),
            code="bad_type",
            params={"name": name},
        )
    if mime_type == PDF_TYPE:
        if not data.startswith(b"%PDF-") or _pdf_has_active_content(data):
            raise ValidationError(
                _("“%(name)s” cannot be accepted: the PDF contains scripts or embedded files."),
                code="bad_pdf",
                params={"name": name},
            )
        return CheckedUpload(name, mime_type, data)
    return CheckedUpload(name, mime_type, _reencode_image(data, mime_type, name))


def _pdf_has_active_content(data: bytes) -> bool:
    """Whether a PDF holds scripts, launch actions or embedded files.

    Looks through the file and through its compressed streams (PDF 1.5 object streams hide
    dictionaries there), with ``#xx`` escapes in names decoded (``/J#61vaScript``).
    """
    if _names_active(data):
        return True
    budget = PDF_MAX_INFLATED_BYTES
    for stream in _pdf_streams(data):
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(stream, budget)
        except zlib.error:
            continue  # not a Flate stream (images, fonts with other filters)
        budget -= len(inflated)
        if _names_active(inflated):
            return True
        if budget <= 0 or inflater.unconsumed_tail:
            return True  # a decompression bomb is refused rather than half-checked
    return False


def _pdf_streams(data: bytes):
    """The raw contents of the ``stream ... endstream`` sections, found in one linear pass."""
    position = 0
    while (start := data.find(b"stream", position)) != -1:
        body = start + len(b"stream")
        if data.startswith(b"\r\n", body):
            body += 2
        elif data[body : body + 1] in (b"\n", b"\r"):
            body += 1
        else:
            position = body
            continue
        end = data.find(b"endstream", body)
        if end == -1:
            return
        yield data[body:end]
        position = end + len(b"endstream")


def _names_active(data: bytes) -> bool:
    decoded = PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), data)
    return any(marker in decoded for marker in PDF_ACTIVE_CONTENT)


def _reencode_image(data: bytes, mime_type: str, name: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("“%(name)s” has too many pixels."), params={"name": name})
            image.load()
            # Keep only what drawing needs: Pillow writes a JPEG's comment (which may name a
            # person) and a PNG's text and colour profile back from ``info`` otherwise.
            image.info = {k: v for k, v in image.info.items() if k == "transparency"}
            output_format = IMAGE_TYPES[mime_type]
            if output_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            buffer = io.BytesIO()
            # No exif= argument: the metadata (and the location in it) is not written back.
            image.save(buffer, format=output_format, quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError):
        raise ValidationError(
            _("“%(name)s” looks damaged and cannot be opened as an image."),
            code="bad_image",
            params={"name": name},
        ) from None
    return buffer.getvalue()


def store_attachments(case, uploads: list[CheckedUpload], *, by_citizen: bool = True) -> list[Attachment]:
    """Save checked uploads for ``case`` in private storage."""
    content_type = ContentType.objects.get_for_model(case)
    stored = []
    for upload in uploads:
        attachment = Attachment(
            content_type=content_type,
            object_id=case.pk,
            original_name=upload.original_name,
            mime_type=upload.mime_type,
            size=len(upload.content),
            by_citizen=by_citizen,
        )
        attachment.file.save("upload", ContentFile(upload.content), save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def attachments_of(case):
    return Attachment.objects.filter(content_type=ContentType.objects.get_for_model(case), object_id=case.pk)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to ``CASE_ATTACHMENT_MAX_FILES`` photos or PDFs; cleans to a list of CheckedUpload."""

    widget = MultipleFileInput

    def __init__(self, *args, max_files: int | None = None, **kwargs):
        kwargs.setdefault("required", False)
        self.max_files = max_files or settings.CASE_ATTACHMENT_MAX_FILES
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("accept", "image/jpeg,image/png,image/webp,application/pdf")

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.max_files:
            raise ValidationError(
                _("You can attach at most %(max)s files."), code="too_many", params={"max": self.max_files}
            )
        checked, errors = [], []
        for upload in files:
            try:
                checked.append(check_upload(upload))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked
