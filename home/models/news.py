"""News: the index at /berita/ (listing, filters, feeds) and the articles below it."""

from django import forms
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.url_routing import RouteResult

from cms.cache import cached_until_change
from home.blocks import BodyBlock
from home.i18n import active_language, default_language
from home.links import absolute_url
from home.news_cards import news_cards
from home.visibility import SkipViewRestrictionsMixin, only_public

NEWS_PER_PAGE = 12
LISTING_RENDITIONS = ("fill-640x360-c80", "fill-320x180-c80")


class NewsCategory(TranslatableMixin, models.Model):
    """A topic that groups news articles (e.g. Pemerintahan, Smart City); a translatable snippet.

    A translation keeps the slug (the ``?kategori=`` filter works the same in every language);
    articles point at the default language's category and show it in the language being read.
    """

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80)
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("name", "locale"), ("slug", "locale")]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self) -> str:
        return self.name


def localise_categories(articles) -> None:
    """Show each article's categories in the language being read (one query, none in Indonesian).

    Articles keep pointing at the categories they were given; a category with a translation in
    the active language is shown under that translation's name, slug and description.
    """
    language = active_language()
    if language == default_language():
        return
    translations = {
        category.translation_key: category
        for category in NewsCategory.objects.filter(locale__language_code=language)
    }
    for article in articles:
        for category in article.categories.all():
            translated = translations.get(category.translation_key)
            if translated is not None:
                category.name, category.slug = translated.name, translated.slug
                category.description = translated.description


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("home.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


class CountCachedPaginator(Paginator):
    """A paginator whose total is kept until the next content change (``cached_until_change``).

    Counting every live article of a filter costs more than reading the ten shown (a count
    walks every match); the total only changes when content does, and any publish, unpublish,
    move or snippet change starts a new cache generation.
    """

    def __init__(self, object_list, per_page, *, count_key: str, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        return cached_until_change(self.count_key, lambda: Paginator.count.func(self))


class NewsPageQuerySet(PageQuerySet):
    def for_listing(self):
        """Live, public articles, newest first, with everything a listing shows prefetched.

        A constant number of queries whatever the number of articles: the agency and the hero
        image come joined, the image's listing renditions and the categories in one query each.
        """
        renditions = (
            get_image_model().get_rendition_model().objects.filter(filter_spec__in=LISTING_RENDITIONS)
        )
        return (
            only_public(self.live())
            .select_related("agency", "hero_image")
            # The body is most of an article row's bytes and no listing shows it.
            .defer("body")
            .prefetch_related(
                # Where Wagtail's Image.get_rendition() looks first (see prefetch_renditions()).
                Prefetch("hero_image__renditions", queryset=renditions, to_attr="prefetched_renditions"),
                "categories",
            )
            .order_by("-date", "-pk")
        )

    def in_category(self, category):
        """Articles in ``category`` (or any of a list), as a subquery: no repeated rows, no DISTINCT."""
        through = NewsPage.categories.through
        categories = category if isinstance(category, (list, tuple, models.QuerySet)) else [category]
        return self.filter(pk__in=through.objects.filter(newscategory__in=categories).values("newspage_id"))

    def in_language(self, language: str):
        """Articles in ``language``; for another language than the default, also the default
        language's articles that have no live translation in it (shown in Indonesian)."""
        if language == default_language():
            return self.filter(locale__language_code=language)
        translated = NewsPage.objects.live().filter(locale__language_code=language).values("translation_key")
        return self.select_related("locale").filter(
            Q(locale__language_code=language)
            | (Q(locale__language_code=default_language()) & ~Q(translation_key__in=translated))
        )

    def tagged(self, tag):
        """Articles tagged ``tag``, as a subquery (see ``in_category``)."""
        return self.filter(pk__in=NewsPageTag.objects.filter(tag=tag).values("content_object_id"))


class NewsIndexPage(SkipViewRestrictionsMixin, RoutablePageMixin, Page):
    """The news listing with filters by category, tag and year, and RSS/Atom feeds."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["home.NewsPage"]
    parent_page_types = ["home.HomePage"]

    class Meta:
        verbose_name = _("news index")

    def articles(self):
        """The articles listed here, in the language being shown.

        The default language's index lists its own articles; a translated index (``/en/news/``)
        lists its own plus the default language's articles not translated yet, which it serves
        in Indonesian with a note (``route``).
        """
        articles = NewsPage.objects.for_listing()
        language = active_language()
        if language == default_language():
            return articles.descendant_of(self)
        own = Q(path__startswith=self.path, depth__gt=self.depth)
        return articles.in_language(language).filter(own | Q(locale__language_code=default_language()))

    def untranslated_article(self, slug: str):
        """The default language's live article at ``slug`` when this (translated) index has no
        translation of it, else None."""
        if active_language() == default_language():
            return None
        source = self.get_translations().filter(locale__language_code=default_language()).first()
        if source is None:
            return None
        article = only_public(NewsPage.objects.live().child_of(source).filter(slug=slug)).first()
        if article is None:
            return None
        translated = NewsPage.objects.live().filter(
            translation_key=article.translation_key, locale_id=self.locale_id
        )
        return None if translated.exists() else article

    def route(self, request, path_components):
        """Routes (feeds), then child articles, then an untranslated article of the default language.

        A child article is read as a ``NewsPage`` with its agency and hero image in one query,
        instead of Wagtail's generic child lookup followed by ``.specific`` and a third query.
        """
        if len(path_components) == 1 and self.live and not self._is_own_route(path_components[0]):
            article = (
                NewsPage.objects.child_of(self)
                .filter(slug=path_components[0])
                .select_related("agency", "hero_image")
                .first()
            )
            if article is not None:
                article._cached_parent_obj = self  # treebeard's get_parent() reads it
                return article.route(request, [])
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) == 1:
                article = self.untranslated_article(path_components[0])
                if article is not None:
                    return RouteResult(article.specific, kwargs={"shown_in": self})
            raise

    def _is_own_route(self, component: str) -> bool:
        try:
            self.resolve_subpage(f"/{component}/")
        except Http404:
            return False
        return True

    def mark_untranslated(self, articles) -> list:
        """Point untranslated articles listed here at their address below this index."""
        articles = list(articles)
        if active_language() != default_language():
            base = self.get_url()
            for article in articles:
                if article.locale.language_code != active_language():
                    article.untranslated_url = f"{base}{article.slug}/"
        localise_categories(articles)
        return articles

    def filtered_articles(self, request):
        """The articles matching the visitor's filters, plus the filters actually applied."""
        articles = self.articles()
        applied = {}
        category_slug = request.GET.get("kategori", "").strip()
        category = self.category_for_slug(category_slug) if category_slug else None
        if category:
            # Any language's version of the category: articles keep the one they were given.
            # Their ids, not a subquery: PostgreSQL then knows how common the category is
            # and reads fewer listing rows to reach a late page.
            articles = articles.in_category(category.language_versions)
            applied["category"] = category
        tag_slug = request.GET.get("tag", "").strip()
        if tag_slug:
            tag = Tag.objects.filter(slug=tag_slug).first()
            if tag:
                articles = articles.tagged(tag)
                applied["tag"] = tag
        year = request.GET.get("tahun", "").strip()
        if year.isdigit() and len(year) == 4:
            articles = articles.filter(date__year=int(year))
            applied["year"] = int(year)
        return articles, applied

    @staticmethod
    def category_for_slug(slug: str):
        """The category a ``?kategori=`` slug names, in the language being read when it exists,
        with ``language_versions``: the ids of its versions in every language. One query for
        all of it (a translation may have been given a slug of its own)."""
        related = list(
            NewsCategory.objects.filter(
                translation_key__in=NewsCategory.objects.filter(slug=slug).values("translation_key")
            ).select_related("locale")
        )
        named = [c for c in related if c.slug == slug]
        category = next((c for c in named if c.locale.language_code == active_language()), None)
        category = category or (named[0] if named else None)
        if category is not None:
            key = category.translation_key
            category.language_versions = [c.pk for c in related if c.translation_key == key]
        return category

    def filter_options(self) -> dict:
        """Categories, years and popular tags for the filter form, cached until content changes."""

        def compute():
            return {
                "categories": list(NewsCategory.objects.filter(locale__language_code=active_language())),
                "years": [d.year for d in self.articles().dates("date", "year", order="DESC")],
                "popular_tags": list(
                    Tag.objects.filter(home_newspagetag_items__isnull=False)
                    .annotate(uses=models.Count("home_newspagetag_items"))
                    .order_by("-uses", "name")[:15]
                ),
            }

        return cached_until_change(f"news-filter-options:{self.pk}:{active_language()}", compute)

    @path("")
    def index_route(self, request):
        articles, applied = self.filtered_articles(request)
        # get_page(): a bad number gives page 1, one past the end the last page.
        filters = (
            applied["category"].translation_key if "category" in applied else "",
            applied["tag"].pk if "tag" in applied else "",
            applied.get("year", ""),
        )
        count_key = "news-count:{}:{}:{}:{}:{}".format(self.pk, active_language(), *filters)
        page_obj = CountCachedPaginator(articles, NEWS_PER_PAGE, count_key=count_key).get_page(
            request.GET.get("halaman")
        )
        page_obj.object_list = news_cards(page_obj.object_list, request, level=2, index=self)
        query = request.GET.copy()
        query.pop("halaman", None)
        return self.render(
            request,
            context_overrides={
                "page_obj": page_obj,
                "applied": applied,
                "filter_query": query.urlencode(),
                **self.filter_options(),
            },
        )

    @path("rss/", name="rss")
    def rss_route(self, request):
        from home.feeds import NewsRssFeed

        return NewsRssFeed(self)(request)

    @path("atom/", name="atom")
    def atom_route(self, request):
        from home.feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)


class NewsPage(SkipViewRestrictionsMixin, Page):
    """A news article (berita) with date, summary, hero image, body, categories and tags."""

    # Set by NewsIndexPage.mark_untranslated() on an article listed in another language. Empty
    # here so a card's lookup never misses: a missed template lookup calls dir() on the page,
    # which costs more than the rest of the card.
    untranslated_url = ""

    date = models.DateField(_("publication date"), default=timezone.localdate)  # today in WIB
    summary = models.TextField(_("summary"), max_length=300, help_text=_("One or two sentences."))
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(_("image caption"), max_length=250, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    categories = ParentalManyToManyField(NewsCategory, verbose_name=_("categories"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, verbose_name=_("tags"), blank=True)
    author_name = models.CharField(_("author"), max_length=120, blank=True)
    agency = models.ForeignKey(
        "core.Agency",
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="news",
    )

    objects = PageManager.from_queryset(NewsPageQuerySet)()

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("date"), FieldPanel("author_name"), FieldPanel("agency")], _("Byline")),
        FieldPanel("summary"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_caption")], _("Main image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [FieldPanel("categories", widget=forms.CheckboxSelectMultiple), FieldPanel("tags")], _("Topics")
        ),
    ]

    search_result_label = _("News")  # what search results call an article

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("categories", [index.SearchField("name")]),
        index.RelatedFields("tags", [index.SearchField("name")]),
    ]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")
        indexes = [
            # The listing's order (newest first, ties by id) read straight from the index.
            models.Index(fields=["-date", "-page_ptr"], name="home_newspage_listing_idx"),
        ]

    def get_context(self, request, *args, shown_in=None, **kwargs):
        """``shown_in``: the translated news index serving this article untranslated (with a note)."""
        context = super().get_context(request, *args, **kwargs)
        self.load_agency_and_image()
        categories = list(self.categories.all())  # read once: meta tags, footer and related news
        context["categories"] = categories
        if shown_in is not None:
            context["untranslated"] = True
            localise_categories([self])
        context["related_news"] = news_cards(self.related_news(categories), request, index=shown_in)
        # One query for the breadcrumb trail, which also gives the news index for links.
        index = shown_in or self
        ancestors = list(index.get_ancestors(inclusive=shown_in is not None).filter(depth__gte=2))
        context["breadcrumb_ancestors"] = ancestors
        context["index_page"] = ancestors[-1]
        language = default_language() if shown_in is not None else active_language()
        context["structured_data"] = self.structured_data(request, language)
        return context

    def load_agency_and_image(self) -> None:
        """Read the byline agency and the hero image in one query instead of one each."""
        if not (self.pk and self.agency_id and self.hero_image_id):
            return
        fields = (self._meta.get_field("agency"), self._meta.get_field("hero_image"))
        if all(field.is_cached(self) for field in fields):
            return  # already read with the page (see ``NewsIndexPage.route``)
        stored = NewsPage.objects.select_related("agency", "hero_image").filter(pk=self.pk).first()
        # A preview renders unsaved choices: only take what still matches.
        if stored and stored.agency_id == self.agency_id:
            self.agency = stored.agency
        if stored and stored.hero_image_id == self.hero_image_id:
            self.hero_image = stored.hero_image

    def related_news(self, categories=None, limit: int = 3):
        """Newest other articles sharing a category with this one."""
        if categories is None:
            categories = self.categories.all()
        keys = [c.translation_key for c in categories]
        related = (
            NewsPage.objects.for_listing()
            .in_language(active_language())
            .exclude(translation_key=self.translation_key)
        )
        if keys:
            related = related.in_category(NewsCategory.objects.filter(translation_key__in=keys))
        return related[:limit]

    def _structured_author(self) -> dict:
        if self.agency_id:
            return {"@type": "GovernmentOrganization", "name": self.agency.name}
        if self.author_name:
            return {"@type": "Person", "name": self.author_name}
        return {"@type": "GovernmentOrganization", "name": "Pemerintah Kota Binjai"}

    def structured_data(self, request, language: str | None = None) -> dict:
        """schema.org NewsArticle for search engines (rendered as JSON-LD)."""
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": self.title[:110],
            "description": self.summary,
            "datePublished": self.date.isoformat(),
            "dateModified": (
                self.last_published_at.isoformat() if self.last_published_at else self.date.isoformat()
            ),
            "mainEntityOfPage": self.get_full_url(request),
            "inLanguage": language or active_language(),
            "author": {
                "@type": "Organization" if self.agency_id else "Person",
                "name": self.agency.name
                if self.agency_id
                else (self.author_name or "Pemerintah Kota Binjai"),
            },
            "publisher": {"@type": "GovernmentOrganization", "name": "Pemerintah Kota Binjai"},
        }
        if self.hero_image_id:
            rendition = self.hero_image.get_rendition("fill-1200x630-c80")
            data["image"] = [absolute_url(rendition.url, request)]
        return data
