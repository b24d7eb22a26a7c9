"""The city's name and logo for the Wagtail admin's branding blocks (templates/wagtailadmin/)."""

from django import template
from django.templatetags.static import static
from wagtail.models import Site

from home.models import SiteSettings

register = template.Library()


@register.simple_tag(takes_context=True)
def admin_branding(context) -> dict:
    """``{"name": ..., "logo_url": ...}`` from the default site's settings, cached per request.

    The logo is the one uploaded in the site settings, or the site's own SVG emblem.
    """
    request = context.get("request")
    cached = getattr(request, "_admin_branding", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        site = Site.objects.filter(is_default_site=True).first()
    # A read, never SiteSettings.for_site(): its get_or_create would write (and bump the page
    # cache) on an admin GET.
    site_settings = SiteSettings.objects.filter(site=site).select_related("logo").first() if site else None
    logo_url = static("img/logo.svg")
    if site_settings and site_settings.logo_id:
        logo_url = site_settings.logo.get_rendition("height-96").url
    branding = {
        "name": (site_settings.city_name if site_settings else "") or "Pemerintah Kota Binjai",
        "logo_url": logo_url,
    }
    if request is not None:
        request._admin_branding = branding
    return branding
