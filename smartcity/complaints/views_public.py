"""Public views of one complaint: its page, following it, and nearby complaints for the form.

Thin like ``views.py``: every complaint is looked up through ``Complaint.objects.public()`` (so
whatever makes a complaint public applies here too), ``public.py`` and ``smartcity.core.followers``
do the work, and the templates show nothing personal.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from smartcity.core import followers
from smartcity.core.antispam import (
    SubmissionLimits,
    forget_recent_submissions,
    submission_limited,
    submit_once,
)
from smartcity.core.maps import basemap_context
from smartcity.core.models import CaseFollower
from smartcity.core.personal_data import mask_phone

from . import public
from .forms import FollowCodeForm, FollowForm
from .models import Complaint

# Every post counts against the attempts; accepted requests to follow against the other two.
FOLLOW_LIMITS = SubmissionLimits("complaint-follow", attempts_per_ip="30/h", per_ip="10/h", per_contact="5/h")
# Codes typed: each code also allows only followers.CODE_MAX_ATTEMPTS wrong tries.
CODES_PER_IP = "20/h"
CODES_PER_CONTACT = "10/h"


def map_context() -> dict:
    """What every e-masyarakat map needs: the basemap settings and the kelurahan centres.

    The centres let a map without any basemap write each kelurahan's name where it lies.
    """
    return {
        **basemap_context(),
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


def _render_case(
    request,
    page,
    complaint: Complaint,
    form: FollowForm,
    status: int = 200,
    limited=False,
    code_form: FollowCodeForm | None = None,
):
    pending = _pending_phone_follower(request, complaint)
    context = {
        "complaint": complaint,
        "events": complaint.public_timeline(),
        "follow_form": form,
        "follow_limited": limited,
        # A phone that asked to follow from this browser: the form for the code it received.
        "code_form": (code_form or FollowCodeForm()) if pending is not None else None,
        "code_phone": mask_phone(pending.contact) if pending is not None else "",
        "point": public.public_point(complaint, page) if complaint.has_point else None,
        **(map_context() if complaint.has_point else {}),
    }
    response = page.render(request, template="complaints/public_case.html", context_overrides=context)
    response.status_code = status
    if pending is not None:
        patch_cache_control(response, private=True)
    return _fresh(response)


def public_case(request, page, reference: str):
    """One public complaint: its handling, public replies and point; never anything personal."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    return _render_case(request, page, _public_complaint(reference), FollowForm())


# The phone follower waiting for its code, per complaint, in the session of the browser that asked.
PENDING_SESSION_KEY = "complaint_follow_pending"


def _pending_phone_follower(request, complaint: Complaint) -> CaseFollower | None:
    pk = request.session.get(PENDING_SESSION_KEY, {}).get(str(complaint.pk))
    if pk is None:
        return None
    return CaseFollower.objects.filter(
        pk=pk,
        content_type=ContentType.objects.get_for_model(complaint),
        object_id=complaint.pk,
        channel=CaseFollower.Channel.SMS,
        confirmed_at__isnull=True,
    ).first()


def _set_pending(request, complaint: Complaint, follower: CaseFollower | None) -> None:
    pending = dict(request.session.get(PENDING_SESSION_KEY, {}))
    if follower is None:
        pending.pop(str(complaint.pk), None)
    else:
        pending[str(complaint.pk)] = follower.pk
    request.session[PENDING_SESSION_KEY] = pending


def follow(request, page, reference: str):
    """ "I have this problem too": POST an e-mail address or a mobile number to follow the
    complaint; checked and stored once per form shown (``submit_once``), then redirected."""
    complaint = _public_complaint(reference)
    # A finished complaint has no updates left to send (its page offers no form either).
    if request.method != "POST" or complaint.is_finished:
        return redirect(page.public_case_url(reference))
    form = FollowForm(request.POST)

    def store(data: dict) -> CaseFollower:
        return public.follow_complaint(
            page,
            complaint,
            contact=data["contact"],
            language=request.LANGUAGE_CODE,
            base_url=request.build_absolute_uri("/")[:-1],
        )

    outcome = submit_once(request, form, FOLLOW_LIMITS, store, contacts=lambda: form.contacts)
    if outcome.result is None:
        # A refused form is a bad request unless a limit answered (429).
        status = outcome.status if outcome.status != 200 else 400
        return _render_case(request, page, complaint, form, status=status, limited=outcome.limited)
    follower = outcome.result
    # The same answer whether the contact already follows or not.
    if follower.channel == CaseFollower.Channel.SMS:
        _set_pending(request, complaint, follower if follower.confirmed_at is None else None)
        messages.success(
            request,
            _(
                "Thank you. We have sent a code by SMS to your phone: enter it below to start "
                "receiving the updates."
            ),
        )
        return redirect(page.public_case_url(reference) + "#kode-ikuti")
    messages.success(
        request,
        _(
            "Thank you. We have sent a confirmation link to your e-mail address: open it to "
            "start receiving the updates of this complaint."
        ),
    )
    return redirect(page.public_case_url(reference))


def follow_code(request, page, reference: str):
    """The code a phone follower received by SMS, typed on the complaint's page."""
    complaint = _public_complaint(reference)
    if request.method != "POST":
        return redirect(page.public_case_url(reference))
    follower = _pending_phone_follower(request, complaint)
    if follower is None:
        messages.info(request, _("Please ask again to follow this complaint: we will send you a new code."))
        return redirect(page.public_case_url(reference) + "#ikuti")
    form = FollowCodeForm(request.POST)
    if submission_limited(
        request,
        "complaint-follow-code",
        [follower.contact],
        per_ip=CODES_PER_IP,
        per_contact=CODES_PER_CONTACT,
    ):
        form.is_valid()
        form.add_error(None, _("Too many attempts in a short time. Please try again later."))
        return _render_case(request, page, complaint, FollowForm(), status=429, code_form=form)
    if not form.is_valid():
        return _render_case(request, page, complaint, FollowForm(), status=400, code_form=form)
    check = followers.confirm_with_code(follower, form.cleaned_data["code"])
    if check is followers.CodeCheck.CONFIRMED:
        _set_pending(request, complaint, None)
        messages.success(request, _("Confirmed: you will receive the status updates of this complaint."))
        return redirect(page.public_case_url(reference))
    if check is followers.CodeCheck.EXPIRED:
        _set_pending(request, complaint, None)
        # Asking again with the same number must send a new code, not replay the first answer.
        forget_recent_submissions(request, FOLLOW_LIMITS.scope)
        messages.error(
            request,
            _(
                "This code has expired or was typed wrong too often. Please ask again: we will "
                "send you a new code."
            ),
        )
        return redirect(page.public_case_url(reference) + "#ikuti")
    form.add_error("code", _("This code is not right. Please check the SMS and type it again."))
    return _render_case(request, page, complaint, FollowForm(), status=400, code_form=form)


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
