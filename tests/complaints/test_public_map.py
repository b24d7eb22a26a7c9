"""The public map and the form's map without a tile server: kelurahan centres, legend, PMTiles."""

import json
import re
from decimal import Decimal

import pytest

from smartcity.core.models import Kelurahan
from tests.complaints.factories import PublicComplaintFactory, make_complaint_page

BASE = "/layanan/pengaduan/"
MAP = {"tampilan": "peta"}
# Kota Binjai lies within about 3.53-3.68 N, 98.44-98.55 E.
BINJAI_BOX = (Decimal("3.52"), Decimal("3.69"), Decimal("98.43"), Decimal("98.56"))


@pytest.fixture
def complaint_page(home_page):
    return make_complaint_page(home_page)


def _json_island(html: str, element_id: str):
    found = re.search(rf'<script id="{element_id}" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1)) if found else None


def test_every_kelurahan_has_an_approximate_centre_in_binjai(db):
    kelurahan = list(Kelurahan.objects.all())
    assert len(kelurahan) == 37
    south, north, west, east = BINJAI_BOX
    for village in kelurahan:
        assert village.latitude is not None and village.longitude is not None, village.name
        assert south < village.latitude < north and west < village.longitude < east, village.name
    assert len({(k.latitude, k.longitude) for k in kelurahan}) == 37


def test_staff_can_edit_a_kelurahan_centre(superuser_client):
    village = Kelurahan.objects.get(name="Tanah Tinggi")
    edit = f"/admin/snippets/core/kelurahan/edit/{village.pk}/"
    html = superuser_client.get(edit).content.decode()
    assert 'name="latitude"' in html and 'name="longitude"' in html


@pytest.mark.parametrize("url,params", [(f"{BASE}daftar/", MAP), (BASE, {})], ids=["map", "form"])
def test_maps_carry_the_kelurahan_names_and_centres(client, complaint_page, url, params):
    html = client.get(url, params).content.decode()
    centres = _json_island(html, "kelurahan-centres")
    assert len(centres) == 37
    tanah_tinggi = next(c for c in centres if c["name"] == "Tanah Tinggi")
    village = Kelurahan.objects.get(name="Tanah Tinggi")
    assert tanah_tinggi["lat"] == float(village.latitude) and tanah_tinggi["lng"] == float(village.longitude)


def test_the_map_has_a_legend_of_status_by_colour_and_shape(english_complaint_page, client, complaint_page):
    PublicComplaintFactory(latitude=Decimal("3.61"), longitude=Decimal("98.48"))
    html = client.get("/en" + f"{BASE}daftar/", MAP).content.decode()
    legend = re.search(r'<ul class="map-legend".*?</ul>', html, re.S).group(0)
    shapes = re.findall(r'class="map-symbol map-symbol--(\w+)"', legend)
    assert len(shapes) == len(set(shapes)) >= 4  # one distinct symbol per stage
    for label in ("New", "Being handled", "Resolved", "Rejected"):
        assert label in legend
    point = _json_island(html, "complaint-points")[0]
    assert point["stage"] in shapes


def test_the_coordinates_table_no_longer_makes_the_page_huge(client, complaint_page):
    for i in range(60):
        PublicComplaintFactory(latitude=Decimal("3.6") + Decimal(i) / 1000, longitude=Decimal("98.48"))
    html = client.get(f"{BASE}daftar/", MAP).content.decode()
    # The alternative to the map is folded away and paginated like the list, not 500 rows long.
    assert re.search(r"<details[^>]*class=\"map-alternative\"", html)
    assert len(re.findall(r"<tr>", html)) <= 21
    assert f"{BASE}daftar/" in html


def test_without_a_basemap_the_page_loads_no_tile_code(client, complaint_page, settings):
    settings.MAP_TILE_URL = ""
    settings.MAP_PMTILES_URL = ""
    html = client.get(f"{BASE}daftar/", MAP).content.decode()
    assert "protomaps-leaflet.js" not in html
    assert 'data-pmtiles-url=""' in html


def test_a_pmtiles_basemap_is_loaded_from_the_setting(client, complaint_page, settings):
    settings.MAP_PMTILES_URL = "/peta/binjai.pmtiles"
    for url, params in ((f"{BASE}daftar/", MAP), (BASE, {})):
        html = client.get(url, params).content.decode()
        assert "vendor/protomaps-leaflet/protomaps-leaflet.js" in html
        assert 'data-pmtiles-url="/peta/binjai.pmtiles"' in html


def test_an_external_pmtiles_origin_is_allowed_by_the_csp(monkeypatch):
    from cms.settings.base import pmtiles_csp_origin

    assert (
        pmtiles_csp_origin("https://peta.binjaikota.go.id/binjai.pmtiles") == "https://peta.binjaikota.go.id"
    )
    assert pmtiles_csp_origin("/peta/binjai.pmtiles") is None
    assert pmtiles_csp_origin("") is None


def test_the_clustering_plugin_is_served_by_the_site(client, complaint_page):
    html = client.get(f"{BASE}daftar/", MAP).content.decode()
    assert "vendor/leaflet.markercluster/leaflet.markercluster.js" in html
    assert "cdn" not in html.lower() and "unpkg" not in html
