"""Helpers for e-sippadu tests: the demo catalogue, staff in each role, files, applications."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from smartcity.core.models import Agency
from smartcity.core.uploads import CheckedUpload
from smartcity.core.workflow import CITIZEN
from smartcity.core.working_days import WIB
from smartcity.permits import roles, services
from smartcity.permits.demo import seed_catalogue
from smartcity.permits.models import PermitApplication, PermitType
from tests.complaints.factories import StaffMemberFactory
from tests.factories import UserFactory

# Monday 1 February 2027, 08:00 WIB; Friday 5 February 2027 is cuti bersama (Lunar New Year).
NOW = datetime.datetime(2027, 2, 1, 8, 0, tzinfo=WIB)


def at(day: int, hour: int = 9, month: int = 2) -> datetime.datetime:
    return datetime.datetime(2027, month, day, hour, 0, tzinfo=WIB)


def pdf_bytes() -> bytes:
    """A small, valid, harmless PDF."""
    from tests.core.test_uploads import minimal_pdf

    return minimal_pdf()


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_upload(name: str = "dokumen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes(), content_type="application/pdf")


def png_upload(name: str = "foto.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, png_bytes(), content_type="image/png")


def checked_pdf(name="dokumen.pdf") -> CheckedUpload:
    return CheckedUpload(name, "application/pdf", pdf_bytes())


def checked_png(name="foto.png") -> CheckedUpload:
    return CheckedUpload(name, "image/png", png_bytes())


PERSON = {
    "applicant_kind": "person",
    "applicant_name": "Siti Aminah",
    "nik": "1275014101900001",
    "email": "siti@example.com",
    "phone": "",
    "address": "Jl. Teuku Umar No. 5, Binjai",
}


@pytest.fixture
def catalogue(db):
    seed_catalogue()
    return {t.slug: t for t in PermitType.objects.prefetch_related("requirements")}


@pytest.fixture
def dpmptsp(db):
    return Agency.objects.get(short_name="DPMPTSP")


def staff(username: str, role: str, agency: Agency | None) -> object:
    user = UserFactory(username=username, groups=[role])
    if agency is not None:
        StaffMemberFactory(agency=agency, user=user, name=username)
    return user


@pytest.fixture
def front_office(dpmptsp):
    return staff("loket", roles.FRONT_OFFICE, dpmptsp)


@pytest.fixture
def reviewer(dpmptsp):
    return staff("teknis", roles.TECHNICAL_REVIEWERS, dpmptsp)


@pytest.fixture
def head(dpmptsp):
    return staff("kadis", roles.DECISION_MAKERS, dpmptsp)


@pytest.fixture
def inspector(db):
    return staff("inspektur", roles.INSPECTORATE, Agency.objects.get(short_name="Inspektorat"))


def complete_documents(application: PermitApplication) -> None:
    """Upload a fitting file for every requirement (mandatory or not)."""
    documents = {}
    for requirement in application.permit_type.requirements.all():
        documents[requirement.pk] = checked_png() if requirement.file_kinds == "image" else checked_pdf()
    services.attach_documents(application, documents)


def draft(permit_type: PermitType, *, now=NOW, documents: bool = True, answers=None, **overrides):
    result = services.start_draft(permit_type, {**PERSON, **overrides}, answers=answers or {}, now=now)
    if documents:
        complete_documents(result.application)
    return result.application


def submitted(permit_type: PermitType, *, now=NOW, **overrides) -> PermitApplication:
    application = draft(permit_type, now=now, **overrides)
    services.submit(application, CITIZEN, now=now)
    application.refresh_from_db()
    return application
