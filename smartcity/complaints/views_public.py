"""Public views of one complaint: its page, following it, and nearby complaints for the form.

Thin like ``views.py``: every complaint is looked up through ``Complaint.objects.public()`` (so
whatever makes a complaint public applies here too), ``public.py`` and ``smartcity.core.followers``
do the work, and the templates show nothing personal.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from smartcity.core import followers
from smartcity.core.antispam import submission_limited
from smartcity.core.models import Kelurahan

from . import public
from .forms import FollowForm
from .models import Complaint

FOLLOWS_PER_IP = "10/h"
FOLLOWS_PER_CONTACT = "5/h"


def map_context() -> dict:
    """What every e-masyarakat map needs: the basemap settings and the kelurahan centres.

    The centres let a map without any basemap write each kelurahan's name where it lies.
    """
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
        "map_stages": [
            {"stage": value, "label": label, "statuses": Complaint.statuses_of_stage(value)}
            for value, label in Complaint.PublicStage.choices
        ],
    }


def _fresh(response):
    """Status, replies and follower counts change: never kept by the page cache."""
    patch_cache_control(response, no_cache=True)
    return response


def _public_complaint(reference: str) -> Complaint:
    complaint = (
        Complaint.objects.public()
        .select_related("category", "kelurahan__kecamatan", "agency")
        .annotate(follower_count=followers.confirmed_followers_count(Complaint))
        .filter(reference=reference)
        .first()
    )
    if complaint is None:
        raise Http404
    return complaint


def _render_case(request, page, complaint: Complaint, form: FollowForm, status: int = 200, limited=False):
    context = {
        "complaint": complaint,
        "events": complaint.public_timeline(),
        "follow_form": form,
        "follow_limited": limited,
        "point": public.public_point(complaint, page) if complaint.has_point else None,
        **(map_context() if complaint.has_point else {}),
    }
    response = page.render(request, template="complaints/public_case.html", context_overrides=context)
    response.status_code = status
    return _fresh(response)


def public_case(request, page, reference: str):
    """One public complaint: its handling, public replies and point; never anything personal."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    return _render_case(request, page, _public_complaint(reference), FollowForm())


def follow(request, page, reference: str):
    """ "I have this problem too": POST an e-mail address to follow the complaint."""
    complaint = _public_complaint(reference)
    # A finished complaint has no updates left to send (its page offers no form either).
    if request.method != "POST" or complaint.is_finished:
        return redirect(page.public_case_url(reference))
    form = FollowForm(request.POST)
    if not form.is_valid():
        return _render_case(request, page, complaint, form, status=400)
    email = form.cleaned_data["email"]
    if submission_limited(
        request, "complaint-follow", [email], per_ip=FOLLOWS_PER_IP, per_contact=FOLLOWS_PER_CONTACT
    ):
        return _render_case(request, page, complaint, form, status=429, limited=True)
    try:
        public.follow_complaint(
            page,
            complaint,
            email=email,
            language=request.LANGUAGE_CODE,
            base_url=request.build_absolute_uri("/")[:-1],
        )
    except ValidationError as error:
        form.add_error("email", error.messages)
        return _render_case(request, page, complaint, form, status=400)
    # The same answer whether the address already follows or not.
    messages.success(
        request,
        _(
            "Thank you. We have sent a confirmation link to your e-mail address: open it to "
            "start receiving the updates of this complaint."
        ),
    )
    return redirect(page.public_case_url(reference))


def _follower_page(request, page, follower, *, action: str, status: int = 200):
    complaint = None
    if follower is not None:
        complaint = Complaint.objects.public().filter(pk=follower.object_id).first()
    response = page.render(
        request,
        template="complaints/follow_link.html",
        context_overrides={"complaint": complaint, "valid": complaint is not None, "action": action},
    )
    response.status_code = status if complaint is not None else 404
    patch_cache_control(response, no_store=True, private=True, max_age=0)
    return response


def follow_confirm(request, page, token: str):
    """The link in the confirmation e-mail: GET shows a button (mail scanners open links), POST confirms."""
    follower = followers.follower_for_confirmation(token)
    if request.method == "POST" and follower is not None:
        followers.confirm_following(token)
        messages.success(request, _("Confirmed: you will receive the status updates of this complaint."))
        complaint = Complaint.objects.public().filter(pk=follower.object_id).first()
        if complaint is not None:
            return redirect(page.public_case_url(complaint.reference))
    return _follower_page(request, page, follower, action="confirm")


def follow_stop(request, page, token: str):
    """The link in every update: GET shows a button, POST stops the updates."""
    follower = followers.follower_for_unfollowing(token)
    if request.method == "POST" and follower is not None:
        complaint = Complaint.objects.filter(pk=follower.object_id).only("reference").first()
        followers.stop_following(token)
        messages.success(request, _("You will no longer receive updates of this complaint."))
        if complaint is not None and Complaint.objects.public().filter(pk=complaint.pk).exists():
            return redirect(page.public_case_url(complaint.reference))
        return redirect(page.list_url())
    return _follower_page(request, page, follower, action="stop")


def _number(value: str | None, low: float, high: float) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if low <= number <= high else None


def _integer(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def nearby(request, page):
    """Open public complaints of ``kategori`` near ``lat``/``lng`` (or in ``kelurahan``), as JSON.

    For the complaint form's script, so a citizen can follow an existing complaint instead of
    filing a duplicate. Bad or missing parameters give an empty list, never an error.
    """
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    category_id = _integer(request.GET.get("kategori"))
    lat = _number(request.GET.get("lat"), -90, 90)
    lng = _number(request.GET.get("lng"), -180, 180)
    point = (lat, lng) if lat is not None and lng is not None else None
    kelurahan_id = _integer(request.GET.get("kelurahan"))
    found = []
    if category_id is not None:
        found = public.nearby_open_complaints(
            page, category_id=category_id, point=point, kelurahan_id=kelurahan_id
        )
    return _fresh(JsonResponse({"complaints": found}))
