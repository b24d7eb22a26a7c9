import pytest

from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def test_article_is_listed_on_home_and_news_index(client, news_index):
    article = NewsPageFactory(parent=news_index, title="Wali Kota meresmikan taman")
    home = client.get("/")
    assert article.title in home.content.decode()
    listing = client.get("/berita/")
    assert listing.status_code == 200
    assert article.title in listing.content.decode()
    detail = client.get(article.url)
    assert detail.status_code == 200
    assert "Isi berita tentang pelayanan publik" in detail.content.decode()
