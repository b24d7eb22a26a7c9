"""PPID in the Wagtail admin, and the rule that exempt documents are never served."""

from django.http import Http404
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from .models import InformationRequest, Objection, PublicInformation
from .viewsets import InformationRequestPolicy, ObjectionPolicy, PPIDMenuGroup, PublicInformationPolicy

# Registered first, before any admin code asks for (and caches) a default policy.
register_permission_policy(PublicInformation, PublicInformationPolicy(PublicInformation))
register_permission_policy(InformationRequest, InformationRequestPolicy(InformationRequest))
register_permission_policy(Objection, ObjectionPolicy(Objection))


@hooks.register("register_admin_viewset")
def register_ppid_menu():
    return PPIDMenuGroup()


@hooks.register("before_serve_document")
def refuse_exempt_documents(document, request):
    """A document listed as exempt information is served to nobody, by Wagtail's document URL.

    Exempt wins over any other use: the same file linked from a public entry or a page is still
    refused. (Its file under MEDIA_ROOT is not reachable either: documents are only ever served
    through this view, see ``cms.views.serve_public_media``.)
    """
    if PublicInformation.objects.exempt().filter(document_id=document.pk).exists():
        raise Http404
