"""What the public sees of complaints beyond the list: map points, nearby open complaints, followers.

Everything here starts from ``Complaint.objects.public()``, the one definition of a public
complaint, and returns rounded points only (see ``Complaint.public_point``).
"""

from __future__ import annotations

import math

from django.utils import timezone, translation

from smartcity.core import followers

from .models import Complaint, ComplaintPage

NEARBY_RADIUS_M = 1000
NEARBY_LIMIT = 5
EARTH_RADIUS_M = 6_371_000
# Metres per degree of latitude; Binjai is near the equator, so a degree of longitude is about
# the same: the search box is widened by the rounding so no rounded point on its edge is missed.
METRES_PER_DEGREE = 111_320


def public_point(complaint: Complaint, page: ComplaintPage | None) -> dict:
    """What the map shows of one complaint: never the reporter, the address or an exact point."""
    return {
        "reference": complaint.reference,
        "title": complaint.published_title,
        "category": complaint.category.name,
        "status": complaint.get_status_display(),
        "stage": complaint.public_stage,
        "kelurahan": complaint.kelurahan.name,
        "kecamatan": complaint.kelurahan.kecamatan.name,
        "date": timezone.localtime(complaint.created_at).date().isoformat(),
        "lat": complaint.public_point[0],
        "lng": complaint.public_point[1],
        "url": page.public_case_url(complaint.reference) if page else "",
    }


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres (haversine)."""
    lat1, lng1, lat2, lng2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lng2 - lng1) / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def nearby_open_complaints(
    page: ComplaintPage,
    *,
    category_id: int,
    point: tuple[float, float] | None = None,
    kelurahan_id: int | None = None,
) -> list[dict]:
    """Open public complaints of a category near ``point`` (or in ``kelurahan_id``), nearest first.

    Distances are measured from the rounded public points and rounded to 50 m, so repeated
    questions cannot triangulate a complaint's exact point.
    """
    complaints = (
        Complaint.objects.public()
        .open()
        .filter(category_id=category_id)
        .select_related("kelurahan")
        .annotate(follower_count=followers.confirmed_followers_count(Complaint))
    )
    if point is not None:
        span = (NEARBY_RADIUS_M / METRES_PER_DEGREE) + 0.001
        lat, lng = point
        complaints = complaints.within(lat - span, lat + span, lng - span, lng + span)
    elif kelurahan_id is not None:
        complaints = complaints.filter(kelurahan_id=kelurahan_id)
    else:
        return []
    found = []
    for complaint in complaints.order_by("-created_at")[:200]:
        distance = None
        if point is not None:
            distance = distance_m(point, complaint.public_point)
            if distance > NEARBY_RADIUS_M:
                continue
            distance = int(round(distance / 50) * 50)
        found.append((distance if distance is not None else 0, complaint))
    found.sort(key=lambda pair: pair[0])  # stable: equally near stay newest first
    return [
        {
            "reference": complaint.reference,
            "title": complaint.published_title,
            "status": complaint.get_status_display(),
            "kelurahan": complaint.kelurahan.name,
            "date": timezone.localtime(complaint.created_at).date().isoformat(),
            "lat": complaint.public_point[0] if complaint.has_point else None,
            "lng": complaint.public_point[1] if complaint.has_point else None,
            "distance_m": distance if point is not None else None,
            "url": page.public_case_url(complaint.reference),
            "followers": complaint.follower_count,
        }
        for distance, complaint in found[:NEARBY_LIMIT]
    ]


def follow_complaint(
    page: ComplaintPage, complaint: Complaint, *, contact: str, language: str, base_url: str
):
    """ "I have this problem too": ask to follow a public complaint (a confirmation link is
    e-mailed, or a code sent by SMS)."""
    return followers.start_following(
        complaint,
        contact=contact,
        language=language,
        confirm_url=lambda token: base_url + page.subpage_path("follow_confirm", token=token),
        context={"reference": complaint.reference, "title": complaint.published_title},
    )


def notify_followers_of_status(complaint: Complaint, event) -> int:
    """A public status change, to the complaint's confirmed followers while it is public."""
    page = ComplaintPage.current()
    if page is None or not Complaint.objects.public().filter(pk=complaint.pk).exists():
        return 0
    link = page.absolute_url(page.public_case_url(complaint.reference))

    def context(language: str) -> dict:
        with translation.override(language):
            status = str(event.to_status_label)
        return {
            "reference": complaint.reference,
            "title": complaint.published_title,
            "status": status,
            "note": event.note_for_citizen,
            "link": link,
        }

    return followers.notify_followers(
        complaint,
        "complaints/email/follower_status",
        context,
        unfollow_url=lambda token: page.absolute_url(page.subpage_path("follow_stop", token=token)),
    )
