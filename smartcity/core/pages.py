"""Helpers for a service's public Wagtail page (one per language, translations of each other)."""

from __future__ import annotations


def live_page_in_reader_language(page_model):
    """The live ``page_model`` page in the active language, else in the next preferred language.

    Links built outside a page (e-mails, the API) use it to take the reader's language when the
    service has a page in it.
    """
    from home.i18n import languages_in_preference

    languages = languages_in_preference()
    pages = page_model.objects.live().filter(locale__language_code__in=languages).select_related("locale")
    by_language = {page.locale.language_code: page for page in pages}
    return next((by_language[code] for code in languages if code in by_language), None)
