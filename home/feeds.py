"""RSS 2.0 and Atom feeds of the latest news, served below the news index."""

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from home.links import absolute_url

FEED_SIZE = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "id"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("News from %(site)s") % {"site": self.index_page.get_site().site_name or "Binjai"}

    def link(self):
        # Absolute on the Site's root URL, so Django does not prefix the request's host.
        return self.index_page.get_full_url(self.request)

    def feed_url(self):
        return absolute_url(self.request.path, self.request)

    def description(self):
        return self.index_page.specific.intro or _("Latest news from the City of Binjai")

    def items(self):
        return self.index_page.specific.articles()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return timezone.make_aware(timezone.datetime.combine(item.date, timezone.datetime.min.time()))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_categories(self, item):
        return [category.name for category in item.categories.all()]

    def item_author_name(self, item):
        return item.agency.name if item.agency_id else item.author_name or None


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed
    subtitle = NewsRssFeed.description
