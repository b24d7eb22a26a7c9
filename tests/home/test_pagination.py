"""The shared pagination component (news, search, complaints, proposals, information list)."""

from bs4 import BeautifulSoup
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.utils import translation


def links(number: int, total_pages: int = 95) -> tuple[str, list[str]]:
    page_obj = Paginator(range(total_pages * 10), 10).page(number)
    context = {"page_obj": page_obj, "filter_query": "q=banjir"}
    with translation.override("en"):
        html = render_to_string("components/pagination.html", context)
    nav = BeautifulSoup(html, "html.parser")
    current = nav.select_one("[aria-current=page]").get_text()
    numbered = [a.get_text(" ", strip=True).removeprefix("Page ").strip() for a in nav.select("a:not([rel])")]
    return current, numbered


def test_a_page_deep_in_the_results_is_shown_with_its_neighbours_and_both_ends():
    current, numbered = links(50)
    assert current == "50"
    assert numbered == ["1", "2", "47", "48", "49", "51", "52", "53", "94", "95"]


def test_the_first_and_last_pages_link_their_neighbours():
    assert links(1) == ("1", ["2", "3", "4", "94", "95"])
    assert links(95) == ("95", ["1", "2", "92", "93", "94"])


def test_links_keep_the_search_and_number_the_page():
    page_obj = Paginator(range(950), 10).page(50)
    html = render_to_string("components/pagination.html", {"page_obj": page_obj, "filter_query": "q=banjir"})
    hrefs = [a["href"] for a in BeautifulSoup(html, "html.parser").select("a")]
    assert "?q=banjir&halaman=49" in hrefs  # "previous" and the neighbour
    assert "?q=banjir&halaman=51" in hrefs
