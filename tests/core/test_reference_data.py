"""City reference data loaded by migration, and its staff screens (filters, CSV export)."""

import csv
import io

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from smartcity.core.models import Agency, Kecamatan, Kelurahan, StaffMember

pytestmark = pytest.mark.django_db


def test_migration_loaded_binjais_five_districts_and_37_villages():
    assert list(Kecamatan.objects.order_by("code").values_list("code", "name")) == [
        ("12.75.01", "Binjai Selatan"),
        ("12.75.02", "Binjai Kota"),
        ("12.75.03", "Binjai Timur"),
        ("12.75.04", "Binjai Utara"),
        ("12.75.05", "Binjai Barat"),
    ]
    assert Kelurahan.objects.count() == 37
    counts = {k.name: k.kelurahan.count() for k in Kecamatan.objects.all()}
    assert counts == {
        "Binjai Selatan": 8,
        "Binjai Kota": 7,
        "Binjai Timur": 7,
        "Binjai Utara": 9,
        "Binjai Barat": 6,
    }
    for village in Kelurahan.objects.select_related("kecamatan"):
        assert village.code.startswith(village.kecamatan.code + ".")
    assert Kelurahan.objects.values("code").distinct().count() == 37
    assert str(Kelurahan.objects.get(name="Tangsi")) == "Tangsi, Binjai Kota"


def test_migration_loaded_agencies_with_unique_slugs():
    agencies = list(Agency.objects.all())
    assert len(agencies) == 23  # 18 OPD + 5 district offices
    slugs = [a.slug for a in agencies]
    assert len(set(slugs)) == len(slugs)
    assert all(slug and slug == slug.lower() and " " not in slug for slug in slugs)
    assert Agency.objects.filter(kind=Agency.Kind.KECAMATAN).count() == 5
    diskominfo = Agency.objects.get(slug="diskominfo")
    assert diskominfo.name == "Dinas Komunikasi dan Informatika"
    assert str(diskominfo) == "Diskominfo"
    assert Agency.objects.get(slug="satpol-pp").short_name == "Satpol PP"
    assert Agency.objects.active().count() == 23


def test_region_names_and_codes_are_unique():
    with pytest.raises(IntegrityError), transaction.atomic():
        Kelurahan.objects.create(
            kecamatan=Kecamatan.objects.get(code="12.75.02"), name="Tangsi", code="12.75.02.9999"
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Kecamatan.objects.create(code="12.75.01", name="Duplikat")


def test_a_user_is_staff_of_an_agency_only_once(superuser):
    agency = Agency.objects.get(slug="dinkes")
    StaffMember.objects.create(agency=agency, user=superuser, name="A")
    StaffMember.objects.create(agency=agency, user=None, name="Tanpa akun")
    StaffMember.objects.create(agency=agency, user=None, name="Tanpa akun 2")
    with pytest.raises(IntegrityError), transaction.atomic():
        StaffMember.objects.create(agency=agency, user=superuser, name="B")


def listing_rows(response) -> list[str]:
    from bs4 import BeautifulSoup

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    return [cell.get_text(strip=True) for cell in page.select("table.listing tbody tr td.title a span")]


def test_agency_listing_filters_by_kind_and_activity(superuser_client):
    url = reverse("wagtailsnippets_core_agency:list")
    first = listing_rows(superuser_client.get(url))
    second = listing_rows(superuser_client.get(url, {"p": "2"}))
    assert len(first) == 20 and len(second) == 3
    assert sorted(first + second) == sorted(Agency.objects.values_list("name", flat=True))
    districts = listing_rows(superuser_client.get(url, {"kind": "kecamatan"}))
    assert sorted(districts) == sorted(Agency.objects.filter(kind="kecamatan").values_list("name", flat=True))
    Agency.objects.filter(slug="dishub").update(is_active=False)
    inactive = listing_rows(superuser_client.get(url, {"is_active": "false"}))
    assert inactive == ["Dinas Perhubungan"]
    # Search works on a fresh install, where the migration-loaded agencies are not indexed.
    found = listing_rows(superuser_client.get(url, {"q": "Diskominfo"}))
    assert found == ["Dinas Komunikasi dan Informatika"]
    found = listing_rows(superuser_client.get(url, {"q": "kecamatan binjai t"}))
    assert found == ["Kecamatan Binjai Timur"]


def export_csv(client, url, **params) -> list[list[str]]:
    """The exported rows after the header (column names are translated, so they are positional)."""
    response = client.get(url, {"export": "csv", **params})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content) if response.streaming else response.content
    header, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig")))
    return header, rows


def test_agency_csv_export(superuser_client):
    header, rows = export_csv(superuser_client, reverse("wagtailsnippets_core_agency:list"), kind="badan")
    assert len(header) == 8  # name, short name, kind, address, phone, e-mail, website, active
    assert len(rows) == Agency.objects.filter(kind="badan").count() == 4
    bappeda = next(r for r in rows if r[1] == "Bappeda")
    assert bappeda[0] == "Badan Perencanaan Pembangunan Daerah"
    assert bappeda[2] == "badan"
    assert bappeda[7] == "True"


def test_kelurahan_listing_filter_and_csv_export(superuser_client):
    url = reverse("wagtailsnippets_core_kelurahan:list")
    binjai_kota = Kecamatan.objects.get(name="Binjai Kota")
    names = listing_rows(superuser_client.get(url, {"kecamatan": binjai_kota.pk}))
    assert sorted(names) == ["Berngam", "Binjai", "Kartini", "Pekan Binjai", "Satria", "Setia", "Tangsi"]
    # Columns: code, name, kecamatan, postal code.
    _, rows = export_csv(superuser_client, url, kecamatan=binjai_kota.pk)
    assert sorted(r[1] for r in rows) == sorted(names)
    assert {r[2] for r in rows} == {"Binjai Kota"}
    assert all(r[0].startswith("12.75.02.") for r in rows)
    _, everything = export_csv(superuser_client, url)
    assert len(everything) == 37


def test_reference_screens_are_for_staff_with_permission(client, editor):
    url = reverse("wagtailsnippets_core_agency:list")
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(editor)
    response = client.get(url)
    assert response.status_code in (302, 403)
