"""The Elasticsearch configuration produced by ELASTICSEARCH_URL (no server needed), and one live
test against a real server when ELASTICSEARCH_URL is set."""

import os
import uuid
from urllib.parse import urlparse

import pytest
from wagtail.search.backends import import_backend
from wagtail.search.backends.elasticsearch9 import Elasticsearch9Mapping, Elasticsearch9SearchBackend

from home.models import NewsPage
from tests.cms.test_settings import load_settings


@pytest.fixture(scope="module")
def es_params() -> dict:
    values = load_settings(
        "cms.settings.base",
        ["WAGTAILSEARCH_BACKENDS"],
        ELASTICSEARCH_URL="https://elastic:sandi@search.binjaikota.go.id:9243",
        ELASTICSEARCH_INDEX_PREFIX="portal_",
    )
    return values["WAGTAILSEARCH_BACKENDS"]["default"]


def build_backend(params: dict) -> Elasticsearch9SearchBackend:
    params = {key: value for key, value in params.items() if key != "BACKEND"}
    return Elasticsearch9SearchBackend(params)


def test_settings_select_the_elasticsearch9_backend(es_params):
    assert es_params["BACKEND"] == "wagtail.search.backends.elasticsearch9"
    assert import_backend(es_params["BACKEND"]) is not None
    assert es_params["URLS"] == ["https://elastic:sandi@search.binjaikota.go.id:9243"]
    assert es_params["INDEX_PREFIX"] == "portal_"
    assert es_params["TIMEOUT"] == 10


def test_index_settings_use_the_indonesian_analyzer(es_params):
    backend = build_backend(es_params)
    assert backend.settings["settings"]["analysis"]["analyzer"]["default"] == {"type": "indonesian"}
    # Wagtail's own analyzers for autocomplete are kept alongside ours.
    assert "edgengram_analyzer" in backend.settings["settings"]["analysis"]["analyzer"]


def test_backend_connects_to_the_configured_host_with_prefix(es_params):
    backend = build_backend(es_params)
    assert backend.index_prefix == "portal_"
    assert backend.timeout == 10
    [host] = backend.hosts
    assert host["host"] == "search.binjaikota.go.id"
    assert host["port"] == 9243
    assert host["scheme"] == "https"
    # Credentials in the URL become the client's basic authentication.
    options = backend._get_options_from_host_urls([urlparse(url) for url in es_params["URLS"]])
    assert options["basic_auth"] == ("elastic", "sandi")
    assert backend.get_index_for_model(NewsPage).name == "portal_wagtailcore_page"


def test_news_mapping_has_title_summary_and_body():
    properties = Elasticsearch9Mapping(NewsPage).get_mapping()["properties"]
    assert properties["title"]["type"] == "text"
    assert properties["home_newspage__summary"]["type"] == "text"
    assert properties["home_newspage__body"]["type"] == "text"
    assert properties["home_newspage__date_filter"]["type"] == "date"
    # Summary and title carry a boost, copied into the boosted catch-all field.
    assert "_all_text_boost_2_0" in properties
    assert "_all_text_boost_2_0" in properties["home_newspage__summary"]["copy_to"]
    assert properties["home_newspage__categories"]["type"] == "nested"


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_live_elasticsearch_indexes_and_finds_an_article(news_index):
    from tests.factories import NewsPageFactory

    params = {
        "URLS": [os.environ["ELASTICSEARCH_URL"]],
        "INDEX_PREFIX": f"binjai_test_{uuid.uuid4().hex[:8]}_",
        "TIMEOUT": 10,
        "INDEX_SETTINGS": {"settings": {"analysis": {"analyzer": {"default": {"type": "indonesian"}}}}},
    }
    backend = Elasticsearch9SearchBackend(params)
    wanted = NewsPageFactory(
        parent=news_index, title="Jembatan baru", summary="Pelayanan publik lebih cepat."
    )
    other = NewsPageFactory(
        parent=news_index,
        title="Festival",
        summary="Tari daerah.",
        body=[("paragraph", "<p>Sanggar tampil.</p>")],
    )
    index = backend.get_index_for_model(NewsPage)
    try:
        index.reset()
        index.add_model(NewsPage)
        index.add_items(NewsPage, [wanted, other])
        index.refresh()
        found = list(backend.search("layanan", NewsPage.objects.all()))
        assert [page.pk for page in found] == [wanted.pk]  # stemmed: "pelayanan" -> "layan"
    finally:
        index.delete()
