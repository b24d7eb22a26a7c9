"""Factories and helpers for the PPID tests."""

from __future__ import annotations

import datetime

import factory
import wagtail_factories

from smartcity.core.models import StaffMember
from smartcity.core.working_days import WIB
from smartcity.transparency.models import PublicInformation, TransparencyPage
from tests.factories import UserFactory

# A fixed "now": Monday 1 February 2027, 08:00 WIB. Friday 5 February 2027 is cuti bersama
# (Lunar New Year joint holiday) and Saturday 6 February is Imlek itself.
NOW = datetime.datetime(2027, 2, 1, 8, 0, tzinfo=WIB)

OFFICERS = "PPID officers"
SUPERIORS = "PPID superiors"


class TransparencyPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = TransparencyPage

    title = "PPID"
    slug = "ppid"
    commission_contact = "Komisi Informasi Provinsi Sumatera Utara, Jl. Uji No. 1, Medan"


class PublicInformationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicInformation

    agency = factory.SubFactory("tests.factories.AgencyFactory")
    title = factory.Sequence(lambda n: f"Informasi uji {n}")
    summary = "Ringkasan informasi uji."
    classification = PublicInformation.Classification.PERIODIC
    year = 2026
    is_published = True


def exempt_entry(**kwargs) -> PublicInformation:
    kwargs.setdefault("exemption_ground", "17h")
    kwargs.setdefault("consequence_test", "Membuka data ini mengungkap rahasia pribadi pegawai.")
    return PublicInformationFactory(classification=PublicInformation.Classification.EXEMPT, **kwargs)


def staff(username: str, agency, group: str = OFFICERS):
    """A user in ``group`` working for ``agency`` (a StaffMember row, as core.access reads)."""
    user = UserFactory(username=username, groups=[group])
    StaffMember.objects.create(agency=agency, user=user, name=username)
    return user


def make_ppid_page(home_page) -> TransparencyPage:
    return TransparencyPageFactory(parent=home_page)
