"""Search results read well: a space between blocks and lines, and a plain type label."""

import pytest
from bs4 import BeautifulSoup

from search.highlight import stream_text
from tests.factories import NewsPageFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

CONTACT_HTML = (
    "<p><b>Kantor Wali Kota Binjai</b><br>Jl. Jenderal Sudirman No. 6</p>"
    "<p>Senin–Kamis</p><ul><li>Loket satu</li><li>Loket dua</li></ul>"
)


def search(client, query):
    response = client.get("/cari/", {"q": query})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_excerpt_keeps_a_space_at_every_line_break_and_block(client, home_page):
    StandardPageFactory(
        parent=home_page,
        title="Kontak",
        intro="",
        body=[
            ("paragraph", CONTACT_HTML),
            ("table", {"data": [["Layanan", "Perangkat daerah"], ["Pengaduan", "Diskominfo"]]}),
        ],
    )
    excerpt = search(client, "Sudirman").select_one(".search-result__excerpt").get_text()
    assert "Kantor Wali Kota Binjai Jl. Jenderal Sudirman No. 6 Senin–Kamis Loket satu Loket dua" in excerpt
    assert "BinjaiJl." not in excerpt


def test_stream_text_spaces_nested_blocks(home_page):
    page = StandardPageFactory(
        parent=home_page,
        body=[
            ("paragraph", "<p>Satu<br>dua</p><h2>Tiga</h2>"),
            ("accordion", {"items": [{"question": "Empat?", "answer": "<p>Lima<br/>enam</p>"}]}),
        ],
    )
    text = stream_text(page.body)
    assert "Satu dua Tiga" in text
    assert "Empat? Lima enam" in text


def test_result_types_are_plain_words(client, news_index, home_page):
    NewsPageFactory(parent=news_index, title="Banjir surut di Binjai", summary="Air banjir surut.")
    StandardPageFactory(parent=home_page, title="Siaga banjir", intro="Nomor darurat banjir.")
    page = search(client, "banjir")
    labels = {
        result.select_one(".search-result__title").get_text(strip=True): result.select_one(
            ".search-result__type"
        ).get_text(strip=True)
        for result in page.select("ol.search-results .search-result")
    }
    assert labels == {"Banjir surut di Binjai": "Berita", "Siaga banjir": "Halaman"}
