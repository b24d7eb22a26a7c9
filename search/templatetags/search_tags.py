"""Template filters for the search results page."""

from django import template

from search.highlight import result_type_label

register = template.Library()


@register.filter
def result_type(page) -> str:
    """The plain label of a result's kind ("Berita", "Halaman")."""
    return result_type_label(page)
