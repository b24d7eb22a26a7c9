"""Checking and storing citizens' uploads.

A file is accepted by what its bytes are, not by its name: the type is sniffed with
``filetype``; images are opened and re-encoded by Pillow (which drops EXIF, GPS position
included, and any payload hidden after the image data); PDFs are parsed with ``pypdf`` and
refused if they hold JavaScript, automatic actions (``/AA``, an ``/OpenAction`` that does more
than show a page), launch actions or embedded files, or if they cannot be parsed at all.

Cheap checks come first and decoding work is bounded: size, type and the pixel count from the
image header are checked for every file of a request before any file is decoded, one image may
have at most ``UPLOAD_MAX_IMAGE_PIXELS`` and the images of one request together at most
``UPLOAD_MAX_PIXELS_PER_REQUEST``; a request with any refused file decodes nothing.
"""

from __future__ import annotations

import io
import re
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
from pypdf import PdfReader
from pypdf.errors import PyPdfError
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
    read_object,
)

from .models import Attachment

IMAGE_TYPES = {"image/jpeg": "JPEG", "image/png": "PNG", "image/webp": "WEBP"}
PDF_TYPE = "application/pdf"
ALLOWED_TYPES = (*IMAGE_TYPES, PDF_TYPE)

# Dictionary keys and names that make a PDF do something by itself (scripts, actions run on
# opening or on viewing a page, starting programs, importing or sending data) or carry files.
PDF_ACTIVE_KEYS = frozenset(
    {"/JS", "/JavaScript", "/AA", "/Launch", "/EmbeddedFile", "/EmbeddedFiles", "/EF"}
    | {"/RichMedia", "/XFA"}
)
PDF_ACTIVE_NAMES = frozenset(
    {"/JavaScript", "/Launch", "/EmbeddedFile", "/ImportData", "/SubmitForm", "/RichMediaExecute", "/GoToE"}
)
# Markup that a browser or mail client could run if the file were ever shown as HTML.
PDF_HTML_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|iframe|svg|object|embed|meta)\b", re.I)
PDF_OBJECT_START = re.compile(rb"(?<![0-9])[0-9]{1,10}\s+[0-9]{1,5}\s+obj\b")
PDF_STREAM_BODY = re.compile(rb"\bstream\r?\n.*?\bendstream\b", re.S)
PDF_MAX_OBJECTS = 200_000
PDF_MAX_DEPTH = 64


@dataclass
class CheckedUpload:
    """An upload that passed the checks, ready to store (``content`` is what gets stored)."""

    original_name: str
    mime_type: str
    content: bytes


@dataclass
class _Sniffed:
    """An upload that passed the cheap checks (size, type, pixel count) and is not decoded yet."""

    name: str
    mime_type: str
    data: bytes
    pixels: int = 0


def check_upload(upload) -> CheckedUpload:
    """Validate one uploaded file; raise ValidationError with a message the citizen understands."""
    return _finish(_sniff(upload))


def _sniff(upload) -> _Sniffed:
    """The cheap checks: size, type by the bytes, and an image's pixel count from its header."""
    name = (upload.name or "lampiran")[-150:]
    limit = settings.CASE_ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s). The limit is %(limit)s per file."),
            code="too_large",
            params={"name": name, "size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
        )
    upload.seek(0)
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
        return _Sniffed(name, mime_type, data)
    try:
        with Image.open(io.BytesIO(data)) as image:  # reads the header only
            width, height = image.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise _damaged(name) from None
    pixels = width * height
    if pixels > settings.UPLOAD_MAX_IMAGE_PIXELS:
        raise ValidationError(
            _(
                "“%(name)s” has too many pixels (%(width)s × %(height)s). Send a photo of at most "
                "%(megapixels)s megapixels, for example as taken by a phone camera."
            ),
            code="too_many_pixels",
            params={
                "name": name,
                "width": width,
                "height": height,
                "megapixels": settings.UPLOAD_MAX_IMAGE_PIXELS // 1_000_000,
            },
        )
    return _Sniffed(name, mime_type, data, pixels)


def _finish(sniffed: _Sniffed) -> CheckedUpload:
    """The expensive part: parse a PDF, decode and re-encode an image."""
    if sniffed.mime_type == PDF_TYPE:
        if not _pdf_is_safe(sniffed.data):
            raise ValidationError(
                _(
                    "“%(name)s” cannot be accepted: the PDF contains scripts, automatic actions or "
                    "embedded files, or it is damaged."
                ),
                code="bad_pdf",
                params={"name": sniffed.name},
            )
        return CheckedUpload(sniffed.name, sniffed.mime_type, sniffed.data)
    content = _reencode_image(sniffed.data, sniffed.mime_type, sniffed.name)
    return CheckedUpload(sniffed.name, sniffed.mime_type, content)


def _damaged(name: str) -> ValidationError:
    return ValidationError(
        _("“%(name)s” looks damaged and cannot be opened as an image."),
        code="bad_image",
        params={"name": name},
    )


# --- PDFs ------------------------------------------------------------------------------------------


def _pdf_is_safe(data: bytes) -> bool:
    """Whether a PDF parses and holds no active content (see ``PDF_ACTIVE_KEYS``/``_NAMES``).

    Every object is read with pypdf: those listed in the cross-reference table or stream, those
    a damaged table leaves out (viewers rebuild the table and would find them), and those
    packed into object streams under any filter (``/ASCIIHexDecode``, ``/FlateDecode``...).
    Names are compared after pypdf decoded their ``#xx`` escapes.
    """
    if not data.startswith(b"%PDF-") or PDF_HTML_MARKUP.search(PDF_STREAM_BODY.sub(b"", data)):
        return False
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return False  # cannot be inspected
        if "/Root" not in reader.trailer:
            return False
        objects = list(_pdf_objects(reader, data))
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, OSError):
        return False
    return not any(_pdf_active(obj, 0) for obj in objects)


def _pdf_objects(reader: PdfReader, data: bytes):
    """Every object in the file, including unlisted ones and those inside object streams."""
    for seen, match in enumerate(PDF_OBJECT_START.finditer(data), start=1):
        if seen > PDF_MAX_OBJECTS:
            raise ValueError("too many objects")
        obj = _read_object_at(reader, data, match.end())
        yield obj
        if isinstance(obj, StreamObject) and obj.get("/Type") == "/ObjStm":
            yield from _object_stream_members(reader, obj)
    yield reader.trailer
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield reader.get_object(IndirectObject(number, generation, reader))
    for number in reader.xref_objStm:
        yield reader.get_object(IndirectObject(number, 0, reader))


def _object_stream_members(reader: PdfReader, objstm: StreamObject):
    content = objstm.get_data()  # pypdf applies the filters, with its own output limits
    first, count = int(objstm["/First"]), int(objstm["/N"])
    header = content[:first].split()
    offsets = [int(header[index]) for index in range(1, min(2 * count, len(header)), 2)]
    for offset in offsets:
        yield _read_object_at(reader, content, first + offset)


def _read_object_at(reader: PdfReader, data: bytes, position: int):
    while position < len(data) and data[position] in b" \t\r\n\f\0":
        position += 1
    stream = io.BytesIO(data)
    stream.seek(position)
    return read_object(stream, reader)


def _pdf_active(obj, depth: int) -> bool:
    if depth > PDF_MAX_DEPTH:
        return True  # nesting no real document needs: refused rather than half-checked
    if isinstance(obj, NameObject):
        return obj in PDF_ACTIVE_NAMES
    if isinstance(obj, DictionaryObject):  # stream objects too: their dictionary
        return any(
            key in PDF_ACTIVE_KEYS
            or (key == "/OpenAction" and not _open_action_only_shows_a_page(value))
            or _pdf_active(key, depth + 1)
            or _pdf_active(value, depth + 1)
            for key, value in obj.items()
        )
    if isinstance(obj, ArrayObject):
        return any(_pdf_active(item, depth + 1) for item in obj)
    return False  # indirect references are checked where their object is read


def _open_action_only_shows_a_page(action) -> bool:
    """Whether a document's ``/OpenAction`` only opens it at a page and zoom, as PDF writers such
    as fpdf2 set it: a destination (``[page /Fit]``, or a named one) or a ``/GoTo`` action with
    no chained ``/Next`` action. Any other action (JavaScript, Launch, URI, SubmitForm, a
    remote or embedded go-to...) runs something by itself and is refused."""
    try:
        if isinstance(action, IndirectObject):
            action = action.get_object()
    except (PyPdfError, ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError, OSError):
        return False
    if isinstance(action, ArrayObject | TextStringObject | ByteStringObject):
        return True  # a destination; its items are checked like every other object
    if isinstance(action, DictionaryObject):
        return action.get("/S") == "/GoTo" and "/Next" not in action
    return False


# --- Images ----------------------------------------------------------------------------------------


def _reencode_image(data: bytes, mime_type: str, name: str) -> bytes:
    max_side = settings.UPLOAD_STORED_IMAGE_MAX_SIDE
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format == "JPEG":
                # Decode a large JPEG at a reduced scale directly: much less work and memory.
                image.draft(image.mode, (max_side, max_side))
            image.load()
            # Keep only what drawing needs: Pillow writes a JPEG's comment (which may name a
            # person) and a PNG's text and colour profile back from ``info`` otherwise.
            image.info = {k: v for k, v in image.info.items() if k == "transparency"}
            image.thumbnail((max_side, max_side))
            output_format = IMAGE_TYPES[mime_type]
            if output_format == "JPEG" and image.mode not in ("RGB", "L"):
                image = image.convert("RGB")
            buffer = io.BytesIO()
            # No exif= argument: the metadata (and the location in it) is not written back.
            image.save(buffer, format=output_format, quality=85, optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError, SyntaxError, ValueError):
        raise _damaged(name) from None
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
        # First the cheap checks of every file, then decoding, only if every file passed them.
        sniffed, errors = [], []
        pixels_left = settings.UPLOAD_MAX_PIXELS_PER_REQUEST
        for upload in files:
            try:
                candidate = _sniff(upload)
            except ValidationError as error:
                errors.extend(error.messages)
                continue
            pixels_left -= candidate.pixels
            if pixels_left < 0:
                errors.append(
                    _(
                        "“%(name)s”: together, the photos are too large to process. Send fewer "
                        "photos or smaller ones."
                    )
                    % {"name": candidate.name}
                )
                continue
            sniffed.append(candidate)
        if errors:
            raise ValidationError(errors)
        checked = []
        for candidate in sniffed:
            try:
                checked.append(_finish(candidate))
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return checked
