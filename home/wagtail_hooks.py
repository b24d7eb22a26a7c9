from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .models import NavigationSettings, SiteSettings
from .viewsets import (
    ContentGroup,
    NavigationSettingsViewSet,
    SiteSettingsViewSet,
    TranslateOnlyPermissionPolicy,
)

for _model in (SiteSettings, NavigationSettings):
    register_permission_policy(_model, TranslateOnlyPermissionPolicy(_model))

register_snippet(ContentGroup)
register_snippet(SiteSettingsViewSet)
register_snippet(NavigationSettingsViewSet)
