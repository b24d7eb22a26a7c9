"""The public information list at /ppid/: search, filters, exempt entries and their documents."""

import pytest
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from cms.views import serve_public_media
from smartcity.transparency.models import PublicInformation
from tests.factories import AgencyFactory, DocumentFactory, StandardPageFactory
from tests.transparency.factories import PublicInformationFactory, exempt_entry, make_ppid_page

pytestmark = pytest.mark.django_db
BASE = "/ppid/"


@pytest.fixture
def page(home_page):
    return make_ppid_page(home_page)


@pytest.fixture
def agencies(db):
    return AgencyFactory(name="Dinas Pendidikan Uji", slug="disdik-uji"), AgencyFactory(
        name="Dinas Kesehatan Uji", slug="dinkes-uji"
    )


def titles(response) -> list[str]:
    return [entry.title for entry in response.context["entries"]]


def test_lists_published_entries_with_their_class_and_link(client, page, agencies):
    document = DocumentFactory(title="APBD 2026")
    PublicInformationFactory(agency=agencies[0], title="APBD Dinas 2026", document=document)
    PublicInformationFactory(agency=agencies[0], title="Draf belum terbit", is_published=False)
    response = client.get(BASE)
    assert response.status_code == 200
    html = response.content.decode()
    assert titles(response) == ["APBD Dinas 2026"]
    assert "Draf belum terbit" not in html
    assert document.url in html
    assert "no-cache" in response["Cache-Control"]


def test_filters_by_agency_year_class_and_words(client, page, agencies):
    disdik, dinkes = agencies
    PublicInformationFactory(agency=disdik, title="Data sekolah", year=2025)
    PublicInformationFactory(
        agency=disdik, title="Rencana kerja sekolah", year=2026, classification="setiap_saat"
    )
    PublicInformationFactory(
        agency=dinkes, title="Data puskesmas", year=2026, summary="Jumlah tenaga kesehatan"
    )
    assert titles(client.get(BASE, {"instansi": "dinkes-uji"})) == ["Data puskesmas"]
    assert titles(client.get(BASE, {"tahun": "2025"})) == ["Data sekolah"]
    assert titles(client.get(BASE, {"klasifikasi": "setiap_saat"})) == ["Rencana kerja sekolah"]
    assert titles(client.get(BASE, {"q": "tenaga kesehatan"})) == ["Data puskesmas"]
    assert sorted(titles(client.get(BASE, {"q": "sekolah", "instansi": "disdik-uji"}))) == [
        "Data sekolah",
        "Rencana kerja sekolah",
    ]
    # Nonsense in the filters is ignored rather than an error.
    assert len(titles(client.get(BASE, {"tahun": "20x6", "klasifikasi": "rahasia"}))) == 3


def test_listing_queries_do_not_grow_with_entries(client, page, agencies):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries() -> int:
        client.get(BASE)  # warm the site-wide caches (menus, settings)
        client.get(BASE)
        with CaptureQueriesContext(connection) as captured:
            client.get(BASE)
        return len(captured)

    PublicInformationFactory(agency=agencies[0], document=DocumentFactory())
    few = queries()
    for n in range(30):
        PublicInformationFactory(agency=agencies[n % 2], document=DocumentFactory())
    assert queries() == few
    assert few <= 10


def test_exempt_entry_shows_ground_and_consequence_test_never_its_document(client, page, agencies):
    document = DocumentFactory(title="Data pribadi pegawai")
    exempt_entry(agency=agencies[0], title="Rekam medis pegawai", document=document)
    html = client.get(BASE).content.decode()
    assert "Rekam medis pegawai" in html
    assert "Membuka data ini mengungkap rahasia pribadi pegawai." in html
    assert "Pasal 17h" in html or "17h" in html
    assert document.url not in html
    assert f"/documents/{document.pk}/" not in html


@pytest.mark.parametrize("who", ["anonymous", "superuser"])
def test_exempt_document_is_refused_on_wagtails_document_url(client, superuser, page, agencies, who):
    if who == "superuser":
        client.force_login(superuser)
    public_document = DocumentFactory()
    exempt_document = DocumentFactory()
    PublicInformationFactory(agency=agencies[0], document=public_document)
    exempt_entry(agency=agencies[0], document=exempt_document)
    assert client.get(public_document.url).status_code == 200
    assert client.get(exempt_document.url).status_code == 404
    assert client.get(f"/documents/{exempt_document.pk}/{exempt_document.filename}").status_code == 404


def test_exempt_wins_when_the_same_document_is_also_listed_publicly(client, page, agencies):
    document = DocumentFactory()
    PublicInformationFactory(agency=agencies[0], document=document)
    exempt_entry(agency=agencies[1], document=document, is_published=False)
    assert client.get(document.url).status_code == 404


def test_documents_are_never_served_from_the_media_folder(agencies):
    document = DocumentFactory()
    exempt_entry(agency=agencies[0], document=document)
    request = RequestFactory().get("/")
    for path in (document.file.name, f"images/../{document.file.name}", f"./{document.file.name}"):
        with pytest.raises(Exception) as refused:
            serve_public_media(request, path)
        assert type(refused.value).__name__ == "Http404", path


def test_exempt_entries_need_ground_and_test_and_link_no_page(agencies, home_page):
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicInformationFactory(agency=agencies[0], classification="dikecualikan", consequence_test="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicInformationFactory(agency=agencies[0], classification="dikecualikan", exemption_ground="17a")
    with pytest.raises(IntegrityError), transaction.atomic():
        exempt_entry(agency=agencies[0], page=StandardPageFactory(parent=home_page))
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicInformationFactory(agency=agencies[0], exemption_ground="17a")
    assert not PublicInformation.objects.exists()
