"""News: the index at /berita/ (listing, filters, feeds) and the articles below it."""

from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import Tag, TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from cms.cache import cached_until_change
from home.blocks import BodyBlock
from home.visibility import SkipViewRestrictionsMixin, only_public

NEWS_PER_PAGE = 12
LISTING_RENDITIONS = ("fill-640x360-c80", "fill-320x180-c80")


class NewsCategory(models.Model):
    """A topic that groups news articles (e.g. Pemerintahan, Smart City); a snippet."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.CharField(_("description"), max_length=255, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")

    def __str__(self) -> str:
        return self.name


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("home.NewsPage", on_delete=models.CASCADE, related_name="tagged_items")


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
        categories = category if isinstance(category, (list, tuple)) else [category]
        return self.filter(pk__in=through.objects.filter(newscategory__in=categories).values("newspage_id"))

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
        return NewsPage.objects.for_listing().descendant_of(self)

    def filtered_articles(self, request):
        """The articles matching the visitor's filters, plus the filters actually applied."""
        articles = self.articles()
        applied = {}
        category_slug = request.GET.get("kategori", "").strip()
        if category_slug:
            category = NewsCategory.objects.filter(slug=category_slug).first()
            if category:
                articles = articles.in_category(category)
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

    def filter_options(self) -> dict:
        """Categories, years and popular tags for the filter form, cached until content changes."""

        def compute():
            return {
                "categories": list(NewsCategory.objects.all()),
                "years": [d.year for d in self.articles().dates("date", "year", order="DESC")],
                "popular_tags": list(
                    Tag.objects.filter(home_newspagetag_items__isnull=False)
                    .annotate(uses=models.Count("home_newspagetag_items"))
                    .order_by("-uses", "name")[:15]
                ),
            }

        return cached_until_change(f"news-filter-options:{self.pk}", compute)

    @path("")
    def index_route(self, request):
        articles, applied = self.filtered_articles(request)
        # get_page(): a bad number gives page 1, one past the end the last page.
        page_obj = Paginator(articles, NEWS_PER_PAGE).get_page(request.GET.get("halaman"))
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

    date = models.DateField(_("publication date"))
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
        MultiFieldPanel([FieldPanel("categories"), FieldPanel("tags")], _("Topics")),
    ]

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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        self.load_agency_and_image()
        categories = list(self.categories.all())  # read once: meta tags, footer and related news
        context["categories"] = categories
        context["related_news"] = self.related_news(categories)
        # One query for the breadcrumb trail, which also gives the news index for links.
        ancestors = list(self.get_ancestors().filter(depth__gte=2))
        context["breadcrumb_ancestors"] = ancestors
        context["index_page"] = ancestors[-1]
        context["structured_data"] = self.structured_data(request)
        return context

    def load_agency_and_image(self) -> None:
        """Read the byline agency and the hero image in one query instead of one each."""
        if not (self.pk and self.agency_id and self.hero_image_id):
            return
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
        category_ids = [c.pk for c in categories]
        related = NewsPage.objects.for_listing().exclude(pk=self.pk)
        if category_ids:
            related = related.in_category(category_ids)
        return related[:limit]

    def _structured_author(self) -> dict:
        if self.agency_id:
            return {"@type": "GovernmentOrganization", "name": self.agency.name}
        if self.author_name:
            return {"@type": "Person", "name": self.author_name}
        return {"@type": "GovernmentOrganization", "name": "Pemerintah Kota Binjai"}

    def structured_data(self, request) -> dict:
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
            "inLanguage": "id",
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
            data["image"] = [request.build_absolute_uri(rendition.url)]
        return data
