"""Unit tests for search excerpts with marked words (search/highlight.py)."""

import pytest
from django.utils.safestring import SafeString

from search.highlight import EXCERPT_LENGTH, highlight, query_terms


def test_query_terms_skip_short_words_and_duplicates_longest_first():
    assert query_terms("Layanan di Kota dan KOTA binjai") == ["layanan", "binjai", "kota", "dan"]
    assert query_terms("di ke") == []
    assert query_terms("") == []
    assert query_terms("<script>alert(1)</script>") == ["script", "alert"]


def test_matches_are_marked_case_insensitively_and_whole_words():
    assert highlight("Kantor Pelayanan buka.", "pelayanan") == "Kantor <mark>Pelayanan</mark> buka."
    # A match extends to the whole word it sits in.
    assert highlight("Pembangunan jalan tol.", "bangun") == "<mark>Pembangunan</mark> jalan tol."


@pytest.mark.parametrize(
    ("query", "text", "marked"),
    [
        ("pelayanan", "Semua layanan di satu gedung.", ["layanan"]),
        ("layanan", "Mal pelayanan publik.", ["pelayanan"]),
        ("perizinan", "Urus izin usaha dan perizinan.", ["izin", "perizinan"]),
        ("pengaduan", "Kirim aduan warga.", ["aduan"]),
        ("kesehatannya", "Dinas kesehatan kota.", ["kesehatan"]),
    ],
)
def test_inflected_forms_share_a_stem(query, text, marked):
    result = BeautifulMarks(highlight(text, query))
    assert result.marks == marked


def test_text_is_escaped_before_marking():
    result = highlight('<script>alert("x")</script> Banjir & longsor', "banjir")
    assert isinstance(result, SafeString)
    assert "<script>" not in result
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in result
    assert "<mark>Banjir</mark> &amp; longsor" in result


def test_query_markup_cannot_inject_html():
    result = highlight("Jadwal <b>rapat</b>", '"><img src=x>')
    assert "<img" not in result
    assert "<b>" not in result


@pytest.mark.parametrize("query", ["amp", "quot", "x27"])
def test_marking_never_breaks_an_escaped_character(query):
    # The words of the query may look like the inside of an HTML entity ("&amp;").
    result = highlight('Tom & "Jerry" \'s amp quot x27', query)
    assert "&amp;" in result and "&quot;" in result and "&#x27;" in result
    assert result.count("<mark>") == 1
    assert result.endswith(f"{'<mark>' + query + '</mark>' if query == 'x27' else 'x27'}")


def test_no_query_terms_gives_the_start_of_the_text():
    text = "kata " * 100
    result = highlight(text, "di")
    assert "<mark>" not in result
    assert result.startswith("kata kata")
    assert result.endswith(" …")
    assert len(result) <= EXCERPT_LENGTH + 2


def test_long_text_is_cut_around_the_first_match_on_word_boundaries():
    before = " ".join(f"awal{n}" for n in range(100))
    after = " ".join(f"akhir{n}" for n in range(100))
    text = f"{before} retribusi parkir {after}"
    result = highlight(text, "retribusi")
    assert result.startswith("… ")
    assert result.endswith(" …")
    assert "<mark>retribusi</mark> parkir" in result
    inner = result[2:-2]
    words = inner.replace("<mark>", "").replace("</mark>", "").split()
    # Only whole words from the text, no word cut in half.
    assert all(w in text.split() for w in words)
    assert len(inner.replace("<mark>", "").replace("</mark>", "")) <= EXCERPT_LENGTH


def test_short_text_has_no_ellipsis_and_whitespace_is_collapsed():
    assert highlight("  Pajak\n\n bumi   dan bangunan ", "pajak") == "<mark>Pajak</mark> bumi dan bangunan"


def test_match_near_the_start_keeps_the_beginning():
    text = "Retribusi " + "parkir " * 80
    result = highlight(text, "retribusi")
    assert result.startswith("<mark>Retribusi</mark>")


class BeautifulMarks:
    def __init__(self, html):
        from bs4 import BeautifulSoup

        self.marks = [m.get_text() for m in BeautifulSoup(html, "html.parser").find_all("mark")]
