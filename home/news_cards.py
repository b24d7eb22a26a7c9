"""News cards kept until content changes, read together.

A card (``components/news_card.html``: image, title, link, date, categories, summary) is the
same for every visitor until content changes. Listings used to read every article of their
page whole, with its hero image, agency, renditions and categories, only to find each card in
the fragment cache one lookup at a time. Now a listing reads the ids of its articles (a narrow
query: no page rows), then every card in one ``get_many``; only articles without a kept card
are read whole and rendered, together.

The key holds the content generation (any publish, unpublish, move or snippet change makes
every card stale, see ``cms.cache``), the site (links are relative on their own site), the
language, the heading level and the news index that marks untranslated articles and names
categories in the language being read (``NewsIndexPage.mark_untranslated``).
"""

from __future__ import annotations

from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Site

from cms.cache import cached_many_until_change
from home.i18n import active_language

CARD_SECONDS = 3600


def news_cards(articles, request, *, level: int = 3, index=None) -> list[SafeString]:
    """The HTML cards of ``articles`` (a ``NewsPage.objects.for_listing()`` queryset, sliced
    or not; not yet read), in its order.

    ``index``: the news index the articles are listed for, which marks those in another
    language (``mark_untranslated``); without one they are shown as they are.
    """
    from home.models import NewsPage

    ids = list(articles.values_list("pk", flat=True))
    if not ids:
        return []

    def render_cards(unread) -> dict[int, str]:
        unread_articles = NewsPage.objects.for_listing().select_related("locale").filter(pk__in=unread)
        if index is not None:
            unread_articles = index.mark_untranslated(unread_articles)
        template = get_template("components/news_card.html")
        # A plain context: the card needs no context processor, only the request for its links.
        return {
            article.pk: str(template.render({"article": article, "heading_level": level, "request": request}))
            for article in unread_articles
        }

    site = Site.find_for_request(request)
    index_pk = index.pk if index is not None else 0
    name = f"newscard:{site.pk if site else 0}:{active_language()}:{level}:{index_pk}"
    cards = cached_many_until_change(name, ids, render_cards, CARD_SECONDS)
    # An article unpublished between the two reads has no card: it is left out.
    return [mark_safe(cards[pk]) for pk in ids if pk in cards]  # noqa: S308 (rendered by the template)
