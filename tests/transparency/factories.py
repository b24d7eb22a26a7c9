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


def requester(n: int = 0, **overrides) -> dict:
    data = {
        "requester_kind": "person",
        "name": f"Pemohon Uji {n}",
        "nik": "1275014501900001",
        "legal_status": "",
        "occupation": "Wartawan",
        "address": "Jl. Sudirman No. 1, Binjai",
        "email": f"pemohon{n}@example.com",
        "phone": "",
        "information_wanted": "Salinan kontrak pembangunan jalan 2026",
        "purpose": "Liputan berita",
        "delivery": "email",
    }
    data.update(overrides)
    return data


def id_card():
    from smartcity.core.uploads import check_upload
    from tests.complaints.factories import png_upload

    return check_upload(png_upload("ktp.png"))


def submit(agency, now=None, **overrides):
    """A request registered through the service, as the public form does."""
    from smartcity.transparency import services

    return services.submit_request(
        agency=agency,
        data=requester(**overrides),
        id_card=id_card(),
        now=now,
        tracking_link_base="http://testserver/ppid/lacak/",
    )


def request_form_data(agency, **overrides) -> dict:
    """A valid POST of the public request form (the fill-time stamp is 10 seconds old)."""
    import time

    from smartcity.core.antispam import issue_stamp
    from tests.complaints.factories import png_upload

    data = {**requester(), "agency": agency.pk, "consent": "on", "website": ""}
    data["form_started"] = issue_stamp(time.time() - 10)
    data["id_card"] = png_upload("ktp.png")
    data.update(overrides)
    return data
