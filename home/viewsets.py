"""Staff screens for content snippets: news categories and announcements."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Announcement, NewsCategory


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AnnouncementViewSet(SnippetViewSet):
    model = Announcement
    icon = "warning"
    menu_label = _("Announcements")
    list_display = ["title", "is_urgent", "starts_at", "ends_at"]
    list_filter = ["is_urgent"]
    search_fields = ["title", "text"]
    list_export = ["title", "text", "is_urgent", "starts_at", "ends_at"]


class ContentGroup(SnippetViewSetGroup):
    items = (NewsCategoryViewSet, AnnouncementViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = _("Website content")
    menu_name = "website-content"
    menu_order = 250
