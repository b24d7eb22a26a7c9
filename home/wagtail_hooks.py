from wagtail.snippets.models import register_snippet

from .viewsets import ContentGroup

register_snippet(ContentGroup)
