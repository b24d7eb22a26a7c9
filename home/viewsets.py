"""Staff screens for content snippets (news categories, announcements) and per-language settings."""

from django.utils.translation import gettext_lazy as _
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from smartcity.core.exports import FormulaSafeExportViewSetMixin

from .models import Announcement, NavigationSettings, NewsCategory, SiteSettings


class TranslateOnlyPermissionPolicy(ModelPermissionPolicy):
    """Settings rows exist once per site and language: they are translated, never added."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class LocalisedSettingViewSet(SnippetViewSet):
    """Site settings under the Settings menu, one row per language, translated like snippets."""

    add_to_settings_menu = True
    list_display = ["site", "locale"]
    inspect_view_enabled = False


class SiteSettingsViewSet(LocalisedSettingViewSet):
    model = SiteSettings
    icon = "site"
    menu_label = _("Site settings")
    menu_order = 100


class NavigationSettingsViewSet(LocalisedSettingViewSet):
    model = NavigationSettings
    icon = "list-ul"
    menu_label = _("Navigation")
    menu_order = 110


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    list_display = ["name", "slug"]
    search_fields = ["name"]


class AnnouncementViewSet(FormulaSafeExportViewSetMixin, SnippetViewSet):
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
