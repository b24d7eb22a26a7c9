"""Citizens' uploads: checked by their bytes, size and count; images re-encoded; stored privately."""

import binascii
import functools
import io
import os
import random
import re
import stat
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.template.defaultfilters import filesizeformat
from PIL import ExifTags, Image

from smartcity.core.models import Attachment
from smartcity.core.uploads import AttachmentsField, attachments_of, check_upload, store_attachments
from tests.complaints.factories import ComplaintFactory

ARTIST = "Budi Santoso"
CAMERA = "KameraUji"
COMMENT = "Foto milik Budi, Jl. Sudirman 12"
TRAILER = b"<?php system($_GET['c']); ?>"


def photo(fmt: str = "JPEG", *, metadata: bool = True, size=(96, 64), mode="RGB") -> bytes:
    """A real image with EXIF (camera, artist, GPS position in Binjai) and, for JPEG, a comment."""
    rng = random.Random(size[0] * 10_000 + size[1])
    image = Image.new(mode, size)
    image.putdata([tuple(rng.randrange(256) for _ in mode) for _ in range(size[0] * size[1])])
    options = {}
    if metadata:
        exif = Image.Exif()
        exif[ExifTags.Base.Make] = CAMERA
        exif[ExifTags.Base.Artist] = ARTIST
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        gps[ExifTags.GPS.GPSLatitudeRef] = "N"
        gps[ExifTags.GPS.GPSLatitude] = (3.0, 36.0, 0.0)
        gps[ExifTags.GPS.GPSLongitudeRef] = "E"
        gps[ExifTags.GPS.GPSLongitude] = (98.0, 29.0, 0.0)
        options["exif"] = exif
        if fmt == "JPEG":
            options["comment"] = COMMENT
    buffer = io.BytesIO()
    image.save(buffer, format=fmt, **options)
    return buffer.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def gps_of(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


def build_pdf(*objects: bytes, catalog: bytes = b"", header: bytes = b"%PDF-1.5\n") -> bytes:
    """A well-formed PDF (cross-reference table included): catalog, empty page tree, ``objects``.

    ``objects`` are numbered from 3; ``catalog`` adds entries to the document catalog.
    """
    bodies = [b"<< /Type /Catalog /Pages 2 0 R " + catalog + b">>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    bodies += objects
    out = bytearray(header)
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(bodies) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(bodies) + 1, xref)
    return bytes(out)


def pdf_stream(dictionary: bytes, data: bytes) -> bytes:
    """A stream object: ``dictionary`` (without its closing ``>>``) gets the right /Length."""
    return dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def minimal_pdf(body: bytes = b"") -> bytes:
    """A small valid PDF; ``body`` holds extra objects numbered from 3 (``3 0 obj ... endobj``)."""
    objects = re.findall(rb"\d+ 0 obj\n(.*?)\nendobj\n", body, re.S)
    return build_pdf(*objects)


def errors_of(callable_, *args) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        callable_(*args)
    return caught.value


@pytest.mark.parametrize(
    ("fmt", "mime_type", "name"),
    [
        ("JPEG", "image/jpeg", "foto.jpg"),
        ("PNG", "image/png", "foto.png"),
        ("WEBP", "image/webp", "foto.webp"),
    ],
)
def test_photos_are_accepted_and_re_encoded_without_metadata(fmt, mime_type, name):
    original = photo(fmt)
    assert gps_of(original), "precondition: the original carries a GPS position"
    assert ARTIST.encode() in original

    checked = check_upload(upload(name, original + (TRAILER if fmt == "JPEG" else b"")))

    assert checked.mime_type == mime_type
    assert checked.original_name == name
    assert checked.content != original
    with Image.open(io.BytesIO(checked.content)) as image:
        assert image.format == fmt
        assert image.size == (96, 64)
        assert not image.getexif()
        assert "exif" not in image.info
    assert not gps_of(checked.content)
    for secret in (ARTIST.encode(), CAMERA.encode(), COMMENT.encode(), TRAILER, b"Exif\x00\x00"):
        assert secret not in checked.content


def test_the_file_name_does_not_decide_the_type():
    checked = check_upload(upload("photo.pdf", photo("PNG", metadata=False)))
    assert checked.mime_type == "image/png"


def test_palette_and_transparent_images_survive():
    transparent = io.BytesIO()
    Image.new("RGBA", (10, 10), (0, 128, 0, 0)).save(transparent, format="PNG")
    checked = check_upload(upload("t.png", transparent.getvalue()))
    with Image.open(io.BytesIO(checked.content)) as image:
        assert image.mode == "RGBA" and image.getpixel((0, 0))[3] == 0
    cmyk = io.BytesIO()
    Image.new("CMYK", (10, 10)).save(cmyk, format="JPEG")
    assert check_upload(upload("c.jpg", cmyk.getvalue())).mime_type == "image/jpeg"


def test_a_clean_pdf_is_accepted_unchanged():
    data = minimal_pdf()
    checked = check_upload(upload("surat.pdf", data, "application/pdf"))
    assert checked.mime_type == "application/pdf"
    assert checked.content == data


@pytest.mark.parametrize(
    "payload",
    [
        b"3 0 obj\n<< /S /JavaScript /JS (app.alert(1)) >>\nendobj\n",
        b"3 0 obj\n<< /Type /Action /S /Launch /F (cmd.exe) >>\nendobj\n",
        b"3 0 obj\n<< /Type /EmbeddedFile /Length 3 >>\nstream\nabc\nendstream\nendobj\n",
        # Names may spell letters as #xx escapes: /J#61vaScript is /JavaScript.
        b"3 0 obj\n<< /S /J#61vaScript /J#53 (app.alert(1)) >>\nendobj\n",
    ],
    ids=["javascript", "launch", "embedded-file", "escaped-name"],
)
def test_pdfs_with_scripts_or_embedded_files_are_refused(payload):
    error = errors_of(check_upload, upload("surat.pdf", minimal_pdf(payload), "application/pdf"))
    assert error.code == "bad_pdf"
    assert "surat.pdf" in error.messages[0]


def test_a_script_hidden_in_a_compressed_object_stream_is_refused():
    hidden = zlib.compress(b"<< /S /JavaScript /JS (app.alert(1)) >>")
    body = (
        b"3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % len(hidden)
        + hidden
        + b"\nendstream\nendobj\n"
    )
    assert b"JavaScript" not in body
    error = errors_of(check_upload, upload("surat.pdf", minimal_pdf(body), "application/pdf"))
    assert error.code == "bad_pdf"


def test_a_compressed_stream_without_scripts_is_fine():
    drawing = zlib.compress(b"BT /F1 12 Tf 72 712 Td (Laporan warga) Tj ET")
    body = (
        b"4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(drawing)
        + drawing
        + b"\nendstream\nendobj\n"
    )
    assert check_upload(upload("surat.pdf", minimal_pdf(body))).mime_type == "application/pdf"


@pytest.mark.parametrize(
    "data",
    [
        b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120,  # a Linux program
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 50 + b"PE\x00\x00" + b"\x00" * 60,
        b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>",
        b"<html><script>alert(1)</script></html>",
        b"PK\x03\x04" + b"\x00" * 60,  # a ZIP archive (e.g. a .docx)
    ],
    ids=["elf", "windows-exe", "svg", "html", "zip"],
)
def test_other_files_renamed_jpg_are_refused(data):
    error = errors_of(check_upload, upload("foto.jpg", data, "image/jpeg"))
    assert error.code == "bad_type"
    assert "foto.jpg" in error.messages[0]


def test_a_truncated_jpeg_is_refused():
    data = photo("JPEG", metadata=False, size=(400, 300))
    error = errors_of(check_upload, upload("rusak.jpg", data[: len(data) // 2]))
    assert error.code == "bad_image"
    assert "rusak.jpg" in error.messages[0]


def test_a_jpeg_header_with_garbage_is_refused():
    data = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01" + bytes(range(256)) * 8
    assert errors_of(check_upload, upload("x.jpg", data)).code == "bad_image"


def test_a_30_mb_upload_is_refused_with_the_limit_in_the_message(settings, tmp_path):
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    big = TemporaryUploadedFile("besar.jpg", "image/jpeg", 30 * 1024 * 1024, None)
    big.write(photo("JPEG", metadata=False))
    big.seek(30 * 1024 * 1024 - 1)  # a sparse file: no 30 MB in memory
    big.write(b"\0")
    big.seek(0)
    assert big.size > settings.CASE_ATTACHMENT_MAX_BYTES
    error = errors_of(check_upload, big)
    big.close()
    assert error.code == "too_large"
    (message,) = error.messages
    assert filesizeformat(settings.CASE_ATTACHMENT_MAX_BYTES) in message
    assert filesizeformat(30 * 1024 * 1024) in message
    assert "besar.jpg" in message


def test_the_size_limit_follows_the_setting(settings):
    data = photo("PNG", metadata=False)
    settings.CASE_ATTACHMENT_MAX_BYTES = len(data) - 1
    assert errors_of(check_upload, upload("a.png", data)).code == "too_large"
    settings.CASE_ATTACHMENT_MAX_BYTES = len(data)
    assert check_upload(upload("a.png", data)).mime_type == "image/png"


def test_attachments_field_accepts_up_to_the_limit_and_refuses_more(settings):
    field = AttachmentsField()
    limit = settings.CASE_ATTACHMENT_MAX_FILES
    image = photo("PNG", metadata=False)
    files = [upload(f"foto{n}.png", image) for n in range(limit)]
    cleaned = field.clean(files)
    assert [c.original_name for c in cleaned] == [f.name for f in files]

    six = [upload(f"foto{n}.png", image) for n in range(limit + 1)]
    error = errors_of(field.clean, six)
    assert error.code == "too_many"
    assert str(limit) in error.messages[0]


def test_attachments_field_reports_every_bad_file_and_is_optional():
    field = AttachmentsField()
    assert field.clean([]) == []
    assert field.clean(None) == []
    error = errors_of(field.clean, [upload("a.jpg", b"MZ" + b"\0" * 100), upload("b.jpg", b"nope")])
    assert len(error.messages) == 2
    assert "a.jpg" in error.messages[0] and "b.jpg" in error.messages[1]
    assert 'accept="image/jpeg,image/png,image/webp,application/pdf"' in field.widget.render("f", None)
    assert field.widget.allow_multiple_selected


@pytest.fixture
def private_media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.mark.django_db
def test_stored_files_live_in_private_storage_with_server_generated_names(private_media, settings):
    case = ComplaintFactory()
    checked = [
        check_upload(upload("KTP Budi Santoso.jpg", photo("JPEG"))),
        check_upload(upload("../../etc/passwd.pdf", minimal_pdf())),
    ]
    stored = store_attachments(case, checked, by_citizen=True)

    assert list(attachments_of(case)) == stored
    for attachment, original in zip(stored, checked, strict=True):
        path = Path(attachment.file.path).resolve()
        assert path.is_relative_to(private_media.resolve())
        assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
        assert path.read_bytes() == original.content
        assert attachment.size == len(original.content)
        assert attachment.original_name == original.original_name
        assert attachment.by_citizen
        # The stored name is the attachment's uuid, not anything the citizen chose.
        assert path.name == f"{attachment.uuid}.{'jpg' if attachment.is_image else 'pdf'}"
        assert "Budi" not in attachment.file.name and ".." not in attachment.file.name
    assert [a.mime_type for a in stored] == ["image/jpeg", "application/pdf"]
    # Attachments belong to their case only.
    other = ComplaintFactory()
    assert not attachments_of(other).exists()
    assert Attachment.objects.count() == 2


# --- PDFs are inspected by a PDF parser (pypdf), not by searching the bytes ---------------------


def _hex_object_stream(number: int, payload: bytes) -> bytes:
    """An object stream holding object ``number``, encoded with /ASCIIHexDecode (no plain names)."""
    content = b"%d 0 " % number + payload
    first = len(b"%d 0 " % number)
    return pdf_stream(
        b"<< /Type /ObjStm /N 1 /First %d /Filter /ASCIIHexDecode" % first,
        binascii.hexlify(content) + b">",
    )


def _xref_stream_pdf(payload: bytes) -> bytes:
    """A PDF 1.5 file whose object 4 lives only in an /ASCIIHexDecode object stream (object 3),
    listed by a cross-reference stream, as real writers produce them."""
    objstm = _hex_object_stream(4, payload)
    bodies = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
        objstm,
    ]
    out = bytearray(b"%PDF-1.5\n")
    offsets = []
    for number, body in enumerate(bodies, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref_at = len(out)
    # Rows: type, field 2, field 3 (W [1 4 2]); object 4 is compressed in stream 3 at index 0.
    rows = [(0, 0, 65535)] + [(1, offset, 0) for offset in offsets] + [(2, 3, 0), (1, xref_at, 0)]
    table = b"".join(bytes([t]) + a.to_bytes(4, "big") + b.to_bytes(2, "big") for t, a, b in rows)
    out += b"6 0 obj\n" + pdf_stream(
        b"<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Filter /ASCIIHexDecode",
        binascii.hexlify(table) + b">",
    )
    out += b"\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


@pytest.mark.parametrize(
    "data",
    [
        # /JavaScript inside an /ASCIIHexDecode object stream, reachable through the xref stream.
        pytest.param(_xref_stream_pdf(b"<< /S /JavaScript /JS (app.alert(1)) >>"), id="hex-object-stream"),
        # The same object stream in a file with a classic xref table (the object is unlisted).
        pytest.param(
            build_pdf(_hex_object_stream(4, b"<< /S /JavaScript /JS (app.alert(1)) >>")),
            id="hex-object-stream-unlisted",
        ),
        pytest.param(
            build_pdf(b"<< /O << /S /URI /URI (http://x.example) >> >>", catalog=b"/AA 3 0 R "), id="aa"
        ),
        pytest.param(
            build_pdf(b"<< /Type /Page /Parent 2 0 R /AA << /O << /S /Named /N /Print >> >> >>"),
            id="page-aa",
        ),
        pytest.param(
            build_pdf(b"<< /S /JavaScript /JS (app.alert(1)) >>", catalog=b"/OpenAction 3 0 R "),
            id="open-action-javascript",
        ),
        pytest.param(
            build_pdf(catalog=b"/OpenAction << /S /Launch /F (cmd.exe) >> "), id="open-action-launch"
        ),
        pytest.param(
            build_pdf(catalog=b"/OpenAction << /S /URI /URI (http://x.example) >> "), id="open-action-uri"
        ),
        pytest.param(
            build_pdf(catalog=b"/OpenAction << /S /SubmitForm /F (http://x.example) >> "),
            id="open-action-submit",
        ),
        pytest.param(build_pdf(catalog=b"/OpenAction << /S /Named /N /Print >> "), id="open-action-print"),
        pytest.param(
            build_pdf(catalog=b"/OpenAction << /S /GoToR /F (other.pdf) /D [0 /Fit] >> "),
            id="open-action-remote",
        ),
        pytest.param(
            build_pdf(
                catalog=b"/OpenAction << /S /GoTo /D [0 /Fit] /Next << /S /URI /URI (http://x.example) >> >> "
            ),
            id="open-action-goto-then-uri",
        ),
        pytest.param(build_pdf(catalog=b"/OpenAction 9 0 R "), id="open-action-dangling"),
        pytest.param(build_pdf(b"<< /S /Launch /F (cmd.exe) >>"), id="launch"),
        pytest.param(
            build_pdf(
                b"<< /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>",
                b"<< /Type /Filespec /F (a.exe) /EF << /F 5 0 R >> >>",
                pdf_stream(b"<< /Type /EmbeddedFile", b"MZ"),
                catalog=b"/Names 3 0 R ",
            ),
            id="embedded-file",
        ),
        pytest.param(
            build_pdf(
                header=b"%PDF-1.5\n<html><body><script>alert(document.cookie)</script></body></html>\n"
            ),
            id="html-after-header",
        ),
        pytest.param(b"%PDF-1.4\n<html><script>alert(1)</script></html>\n", id="html-only"),
        pytest.param(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n", id="truncated"),
    ],
)
def test_pdfs_with_active_content_or_that_cannot_be_parsed_are_refused(data):
    error = errors_of(check_upload, upload("surat.pdf", data, "application/pdf"))
    assert error.code == "bad_pdf"
    assert "surat.pdf" in error.messages[0]


@pytest.mark.parametrize(
    "catalog",
    [
        pytest.param(b"/OpenAction [3 0 R /FitH null] ", id="destination"),
        pytest.param(b"/OpenAction 4 0 R ", id="goto-action"),
        pytest.param(b"/OpenAction (chapter1) ", id="named-destination"),
    ],
)
def test_an_open_action_that_only_shows_a_page_is_accepted(catalog):
    data = build_pdf(b"<< /Type /Page /Parent 2 0 R >>", b"<< /S /GoTo /D [3 0 R /Fit] >>", catalog=catalog)
    assert check_upload(upload("surat.pdf", data, "application/pdf")).content == data


def test_a_pdf_written_by_fpdf2_is_accepted():
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Surat keterangan")
    data = bytes(pdf.output())
    assert b"/OpenAction" in data  # what used to be refused
    assert check_upload(upload("surat.pdf", data, "application/pdf")).content == data


def test_a_pdf_with_an_object_stream_without_scripts_is_accepted():
    data = _xref_stream_pdf(b"<< /Type /Annot /Subtype /Text /Contents (Laporan) >>")
    assert check_upload(upload("surat.pdf", data, "application/pdf")).content == data


# --- Stored privately: readable by the application only ------------------------------------------


@pytest.mark.django_db
def test_stored_attachments_are_readable_by_the_application_only(private_media):
    case = ComplaintFactory()
    [attachment] = store_attachments(case, [check_upload(upload("a.pdf", minimal_pdf()))])
    path = Path(attachment.file.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    directory = path.parent
    while directory != private_media.parent:
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700, directory
        directory = directory.parent


# --- Pixels and decoding work are bounded -----------------------------------------------------------


@functools.cache
def _flat_png(width: int, height: int) -> bytes:
    """A one-colour PNG: a few hundred KB that decode to ``width × height`` pixels."""
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 60, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(settings):
    data = _flat_png(6300, 6300)
    assert len(data) < 300 * 1024
    started = os.times()
    error = errors_of(check_upload, upload("bom.png", data))
    spent = os.times()
    assert error.code == "too_many_pixels"
    assert "bom.png" in error.messages[0]
    # Decoding 40 million pixels takes seconds; reading the header takes milliseconds.
    assert (spent.user + spent.system) - (started.user + started.system) < 0.5


def test_the_pixels_of_one_request_are_bounded_together(settings):
    settings.UPLOAD_MAX_IMAGE_PIXELS = 1000 * 1000
    settings.UPLOAD_MAX_PIXELS_PER_REQUEST = 2500 * 1000
    field = AttachmentsField()
    image = _flat_png(1000, 1000)
    error = errors_of(field.clean, [upload(f"f{n}.png", image) for n in range(3)])
    assert [m for m in error.messages if "f2.png" in m], error.messages
    assert not [m for m in error.messages if "f0.png" in m or "f1.png" in m]
    assert len(field.clean([upload(f"f{n}.png", image) for n in range(2)])) == 2


def test_the_issues_five_big_one_colour_pngs_cost_little():
    field = AttachmentsField()
    image = _flat_png(6300, 6300)
    started = os.times()
    error = errors_of(field.clean, [upload(f"f{n}.png", image) for n in range(5)])
    spent = os.times()
    assert len(error.messages) == 5
    assert (spent.user + spent.system) - (started.user + started.system) < 1.0


def test_large_photos_are_stored_at_a_bounded_size(settings):
    settings.UPLOAD_STORED_IMAGE_MAX_SIDE = 400
    checked = check_upload(upload("besar.jpg", photo("JPEG", metadata=False, size=(1000, 250))))
    with Image.open(io.BytesIO(checked.content)) as image:
        assert image.size == (400, 100)
