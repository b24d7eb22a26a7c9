"""What every public map of the portal needs: the basemap settings and the kelurahan centres.

Shared by the services that draw maps with the vendored Leaflet (``complaints/vendor/leaflet``
and ``complaints/map.js``, included through ``complaints/includes/map_*.html``). The centres let a
map without any basemap write each kelurahan's name where it lies.
"""

from __future__ import annotations

from django.conf import settings

from .models import Kelurahan


def basemap_context() -> dict:
    centres = (
        Kelurahan.objects.filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("name")
        .values_list("name", "latitude", "longitude")
    )
    return {
        "map_tile_url": settings.MAP_TILE_URL,
        "map_tile_attribution": settings.MAP_TILE_ATTRIBUTION,
        "map_pmtiles_url": settings.MAP_PMTILES_URL,
        "map_pmtiles_attribution": settings.MAP_PMTILES_ATTRIBUTION,
        "kelurahan_centres": [
            {"name": name, "lat": float(lat), "lng": float(lng)} for name, lat, lng in centres
        ],
    }
