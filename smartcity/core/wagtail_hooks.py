from wagtail.snippets.models import register_snippet

from .viewsets import ReferenceDataGroup

register_snippet(ReferenceDataGroup)
