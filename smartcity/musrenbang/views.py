"""Public views of e-musrenbang, called by ``MusrenbangPage``'s routes.

Thin: a form validates, ``services`` writes, the view renders. Everything public starts from
``Proposal.objects.public()`` and shows nothing personal: the proposer appears as their kind (and
name or group unless they asked to stay unnamed), never a contact or an exact point.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from smartcity.core import exports, followers
from smartcity.core.antispam import SubmissionLimits, submit_once
from smartcity.core.maps import basemap_context
from smartcity.core.models import Attachment
from smartcity.core.uploads import attachments_of
from smartcity.core.views import attachment_response

from . import results as results_data
from . import services, similarity
from .forms import PROPOSAL_FIELD_NAMES, ListFilterForm, ProposalFixForm, ProposalForm, SupportForm, rupiah
from .models import ActivityItem, PlanningCycle, Proposal, Sector, WithheldPhoto

PROPOSAL_LIMITS = SubmissionLimits(
    "musrenbang-proposal", attempts_per_ip="30/h", per_ip="10/h", per_contact="5/h"
)
SUPPORT_LIMITS = SubmissionLimits(
    "musrenbang-support", attempts_per_ip="30/h", per_ip="20/h", per_contact="10/h"
)
FIX_LIMITS = SubmissionLimits("musrenbang-fix", attempts_per_ip="30/h", per_ip="10/h", per_contact="5/h")
SIMILAR_PER_IP = "240/h"
LIST_PER_PAGE = 20
MAP_MAX_POINTS = 500
DOWNLOAD_MAX_ROWS = 5000
SENT_SESSION_KEY = "musrenbang_sent"
# Map symbols shared with the complaints map (colour and shape): a proposal's stage → a symbol.
MAP_SYMBOL_OF_STAGE = {
    Proposal.Stage.INTAKE: "new",
    Proposal.Stage.KELURAHAN: "handling",
    Proposal.Stage.KECAMATAN: "handling",
    Proposal.Stage.CITY: "handling",
    Proposal.Stage.PLAN: "resolved",
    Proposal.Stage.STOPPED: "rejected",
}
PROPOSAL_COLUMNS = [
    "reference",
    "cycle",
    "title",
    "kecamatan",
    "kelurahan",
    "sector",
    "activity",
    "volume",
    "unit",
    "estimated_cost",
    "beneficiaries",
    "proposer",
    "pokir",
    "stage",
    "status",
    "kelurahan_score",
    "kelurahan_rank",
    "kecamatan_score",
    "kecamatan_rank",
    "agency",
    "agreed_cost",
    "supporters",
    "repeats",
]


def _fresh(response):
    patch_cache_control(response, no_cache=True)
    return response


def _public_proposals():
    return (
        Proposal.objects.public()
        .select_related("cycle", "kelurahan", "kecamatan", "sector", "item", "agency")
        .annotate(supporters=services.support_count_annotation())
    )


def _selected_cycle(request) -> PlanningCycle | None:
    year = request.GET.get("tahun", "")
    cycle = PlanningCycle.objects.published().filter(year=year).first() if year.isdigit() else None
    return cycle or services.current_cycle()


# --- Overview and the form --------------------------------------------------------------------------


def overview(request, page):
    cycle = services.current_cycle()
    context = {
        "cycle": cycle,
        "phases": cycle.phases() if cycle else [],
        "intake_open": bool(cycle and cycle.is_open("intake")),
        "rule": services.TIE_BREAK_RULE,
    }
    if cycle:
        context["total_public"] = Proposal.objects.public().filter(cycle=cycle).count()
    return _fresh(page.render(request, template="musrenbang/overview.html", context_overrides=context))


def proposal_form(request, page):
    cycle = services.cycle_in_intake()
    if cycle is None:
        return _fresh(
            page.render(
                request,
                template="musrenbang/form_closed.html",
                context_overrides={"cycle": services.current_cycle()},
            )
        )
    status = 200
    limited = False
    if request.method == "POST":
        form = ProposalForm(request.POST, request.FILES, cycle=cycle)
        base_url = request.build_absolute_uri("/").rstrip("/")

        def store(_cleaned):
            submission = services.submit_proposal(
                cycle=cycle,
                data=form.service_data(),
                uploads=form.cleaned_data.get("photos") or [],
                language=get_language() or "id",
                confirm_url=lambda token: base_url + page.subpage_path("confirm", token=token),
            )
            return submission.proposal

        outcome = submit_once(
            request, form, PROPOSAL_LIMITS, store, contacts=form.contacts, field_names=PROPOSAL_FIELD_NAMES
        )
        if outcome.result is not None:
            request.session[SENT_SESSION_KEY] = outcome.result.pk
            return redirect(page.subpage_path("sent", reference=outcome.result.reference))
        status, limited = outcome.status, outcome.limited
        if form.errors and status == 200:
            status = 400
    elif request.method in ("GET", "HEAD"):
        form = ProposalForm(cycle=cycle)
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    response = page.render(
        request,
        template="musrenbang/proposal_form.html",
        context_overrides={"form": form, "cycle": cycle, "limited": limited},
    )
    response.status_code = status
    patch_cache_control(response, no_store=True, private=True)
    return response


def proposal_sent(request, page, reference: str):
    proposal = Proposal.objects.filter(
        reference=reference, pk=request.session.get(SENT_SESSION_KEY) or 0
    ).first()
    if proposal is None:
        raise Http404
    response = page.render(
        request, template="musrenbang/proposal_sent.html", context_overrides={"proposal": proposal}
    )
    patch_cache_control(response, no_store=True, private=True)
    return response


# --- The list, the map, one proposal ----------------------------------------------------------------


def _filtered(request):
    form = ListFilterForm(request.GET or None)
    proposals = form.filter(_public_proposals()) if request.GET else _public_proposals()
    return form, proposals


def public_point(proposal: Proposal, page) -> dict:
    lat, lng = proposal.public_point
    return {
        "reference": proposal.reference,
        "title": proposal.title,
        "category": proposal.sector.name,
        "status": proposal.get_status_display(),
        "stage": MAP_SYMBOL_OF_STAGE[proposal.stage],
        "kelurahan": proposal.kelurahan.name,
        "kecamatan": proposal.kecamatan.name,
        "date": timezone.localtime(proposal.created_at).date().isoformat(),
        "lat": lat,
        "lng": lng,
        "url": page.proposal_url(proposal.reference),
    }


def proposal_list(request, page):
    form, proposals = _filtered(request)
    map_view = request.GET.get("tampilan") == "peta"
    query = request.GET.copy()
    query.pop("halaman", None)
    query.pop("tampilan", None)
    context = {"filter_form": form, "map_view": map_view, "filter_query": query.urlencode()}
    if map_view:
        located = list(
            proposals.filter(latitude__isnull=False, longitude__isnull=False)[: MAP_MAX_POINTS + 1]
        )
        context.update(
            points=[public_point(p, page) for p in located[:MAP_MAX_POINTS]],
            points_truncated=len(located) > MAP_MAX_POINTS,
            map_max_points=MAP_MAX_POINTS,
            **basemap_context(),
        )
    else:
        paginator = Paginator(proposals, LIST_PER_PAGE)
        context["page_obj"] = paginator.get_page(request.GET.get("halaman"))
    return _fresh(page.render(request, template="musrenbang/proposal_list.html", context_overrides=context))


def proposal_row(proposal: Proposal) -> dict:
    """One proposal as the downloads and the API list show it (nothing personal)."""
    return {
        "reference": proposal.reference,
        "cycle": proposal.cycle.year,
        "title": proposal.title,
        "kecamatan": proposal.kecamatan.name,
        "kelurahan": proposal.kelurahan.name,
        "sector": proposal.sector.name,
        "activity": proposal.item.name if proposal.item_id else "",
        "volume": proposal.volume,
        "unit": proposal.item.unit if proposal.item_id else "",
        "estimated_cost": proposal.estimated_cost,
        "beneficiaries": proposal.beneficiaries,
        "proposer": proposal.public_proposer,
        "pokir": proposal.is_pokir,
        "stage": proposal.stage,
        "status": proposal.status,
        "kelurahan_score": proposal.kelurahan_score,
        "kelurahan_rank": proposal.kelurahan_rank,
        "kecamatan_score": proposal.kecamatan_score,
        "kecamatan_rank": proposal.kecamatan_rank,
        "agency": proposal.agency.short_name
        if proposal.agency_id and proposal.status == Proposal.Status.ACCEPTED
        else "",
        "agreed_cost": proposal.agreed_cost if proposal.status == Proposal.Status.ACCEPTED else None,
        "supporters": getattr(proposal, "supporters", 0),
        "repeats": proposal.repeats.reference if proposal.repeats_id else "",
    }


def proposal_download(request, page, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404
    _form, proposals = _filtered(request)
    rows = [proposal_row(p) for p in proposals.select_related("repeats")[:DOWNLOAD_MAX_ROWS]]
    return _fresh(exports.table_response(fmt, "usulan-musrenbang", PROPOSAL_COLUMNS, rows))


def _public_proposal(reference: str) -> Proposal:
    proposal = (
        _public_proposals()
        .select_related("repeats__cycle", "expected_agency")
        .filter(reference=reference)
        .first()
    )
    if proposal is None:
        raise Http404
    return proposal


def public_timeline(proposal: Proposal):
    """What the public page shows of the history: status changes, scores and public notes."""
    return proposal.events.seen_by_citizen().select_related("actor_agency")


def public_photos(proposal: Proposal):
    """The photos the public page shows: images only, once the proposal is verified, except those
    staff withheld."""
    if not proposal.photos_are_public:
        return Attachment.objects.none()
    withheld = WithheldPhoto.objects.filter(proposal=proposal).values("attachment_id")
    return attachments_of(proposal).filter(mime_type__startswith="image/").exclude(pk__in=withheld)


def photo(request, page, reference: str, uuid):
    """One photo of a public, verified proposal, under a name made from its reference; nothing of
    the proposer (the file was re-encoded on upload, without EXIF)."""
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    proposal = _public_proposal(reference)
    attachment = public_photos(proposal).filter(uuid=uuid).first()
    if attachment is None:
        raise Http404
    return attachment_response(attachment, proposal)


def _render_proposal(request, page, proposal, form, status=200):
    context = {
        "proposal": proposal,
        "photos": list(public_photos(proposal)),
        "events": public_timeline(proposal),
        "lineage": [p for p in proposal.lineage() if p.status != Proposal.Status.UNCONFIRMED],
        "journey": proposal.journey(),
        "support_form": form,
        "support_open": proposal.cycle.is_open("intake"),
        "point": public_point(proposal, page) if proposal.has_point else None,
        **(basemap_context() if proposal.has_point else {}),
    }
    response = page.render(request, template="musrenbang/proposal_detail.html", context_overrides=context)
    response.status_code = status
    return _fresh(response)


def proposal_detail(request, page, reference: str):
    if request.method not in ("GET", "HEAD"):
        return HttpResponseNotAllowed(["GET"])
    return _render_proposal(request, page, _public_proposal(reference), SupportForm())


def support(request, page, reference: str):
    if request.method != "POST":
        return redirect(page.proposal_url(reference))
    proposal = _public_proposal(reference)
    form = SupportForm(request.POST)
    base_url = request.build_absolute_uri("/").rstrip("/")

    def store(cleaned):
        return services.support(
            proposal,
            contact=cleaned["contact"],
            language=get_language() or "id",
            confirm_url=lambda token: base_url + page.subpage_path("confirm", token=token),
        )

    outcome = submit_once(
        request, form, SUPPORT_LIMITS, store, contacts=lambda: [form.data.get("contact", "")]
    )
    if outcome.result is not None:
        messages.success(
            request,
            _("Thank you. Open the link we sent to confirm your support (or type the code sent by SMS)."),
        )
        return redirect(page.proposal_url(reference))
    if outcome.limited:
        form.refuse(
            _("Too many supports from your connection or contact in a short time. Please try again later.")
        )
    return _render_proposal(
        request, page, proposal, form, status=outcome.status if outcome.status != 200 else 400
    )


def confirm(request, page, token: str):
    """A GET shows a button (mail scanners open links); the POST confirms."""
    if request.method == "POST":
        follower, proposal = services.confirm_by_link(token)
        if follower is None:
            raise Http404
        if proposal is not None and proposal.status == Proposal.Status.UNCONFIRMED:
            messages.warning(
                request,
                _("Your contact is confirmed, but intake has closed: the proposal was not submitted."),
            )
        else:
            messages.success(request, _("Thank you, your contact is confirmed."))
        target = Proposal.objects.filter(pk=follower.object_id).first()
        return redirect(page.proposal_url(target.reference) if target else page.url)
    if followers.follower_for_confirmation(token) is None:
        raise Http404
    response = page.render(request, template="musrenbang/confirm.html", context_overrides={"stop": False})
    patch_cache_control(response, no_store=True, private=True)
    return response


def fix(request, page, token: str):
    """The proposer's private link (sent when the kelurahan returns the proposal): fix it and
    submit it again; it goes back to the kelurahan's verification, with history."""
    proposal = services.proposal_for_fix(token)
    if proposal is None:
        raise Http404
    status, limited = 200, False
    if request.method == "POST":
        form = ProposalFixForm(request.POST, request.FILES, proposal=proposal)

        def store(_cleaned):
            services.resubmit_by_proposer(
                proposal, form.service_data(), form.cleaned_data.get("photos") or []
            )
            return proposal

        outcome = submit_once(request, form, FIX_LIMITS, store, contacts=form.contacts)
        if outcome.result is not None:
            messages.success(request, _("Thank you: the proposal is submitted again for verification."))
            return redirect(page.proposal_url(proposal.reference))
        status, limited = outcome.status, outcome.limited
        if form.errors and status == 200:
            status = 400
    elif request.method in ("GET", "HEAD"):
        form = ProposalFixForm(proposal=proposal)
    else:
        return HttpResponseNotAllowed(["GET", "POST"])
    response = page.render(
        request,
        template="musrenbang/proposal_fix.html",
        context_overrides={
            "form": form,
            "proposal": proposal,
            "token": token,
            "note": services.returned_note(proposal),
            "limited": limited,
        },
    )
    response.status_code = status
    patch_cache_control(response, no_store=True, private=True)
    return response


def stop(request, page, token: str):
    if request.method == "POST":
        if followers.stop_following(token) is None:
            raise Http404
        messages.success(request, _("You will receive no more updates about this proposal."))
        return redirect(page.url)
    if followers.follower_for_unfollowing(token) is None:
        raise Http404
    response = page.render(request, template="musrenbang/confirm.html", context_overrides={"stop": True})
    patch_cache_control(response, no_store=True, private=True)
    return response


def similar(request, page):
    """Similar public proposals of a kelurahan (this and earlier cycles), JSON for the form."""
    if is_ratelimited(request, group="musrenbang-similar", key="ip", rate=SIMILAR_PER_IP, increment=True):
        return JsonResponse({"proposals": []}, status=429)
    try:
        kelurahan_id = int(request.GET.get("kelurahan", ""))
    except ValueError:
        return JsonResponse({"proposals": []})
    found = similarity.similar_proposals(kelurahan_id, request.GET.get("q", ""))
    return _fresh(
        JsonResponse(
            {
                "proposals": [
                    {
                        "reference": p.reference,
                        "title": p.title,
                        "cycle": p.cycle.year,
                        "status": p.get_status_display(),
                        "unfunded": p.status in Proposal.UNFUNDED_STATES,
                        "url": page.proposal_url(p.reference),
                    }
                    for p in found
                ]
            }
        )
    )


def _decimal(value: str) -> Decimal | None:
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() and 0 < number < Decimal("1e13") else None


def pagu(request, page):
    """The estimated cost of what is being typed and the kelurahan's total against its pagu, as
    JSON for the form (the same figures the form's warning uses when it is sent)."""
    if is_ratelimited(request, group="musrenbang-pagu", key="ip", rate=SIMILAR_PER_IP, increment=True):
        return JsonResponse({"message": ""}, status=429)
    cycle = services.cycle_in_intake()
    kelurahan_id = request.GET.get("kelurahan", "")
    item_id = request.GET.get("item", "")
    cost = None
    if item_id.isdigit():
        item = ActivityItem.objects.active().filter(pk=item_id).first()
        volume = _decimal(request.GET.get("volume", ""))
        if item is not None and volume is not None:
            cost = (volume * item.unit_cost).quantize(Decimal("1"))
    else:
        cost = _decimal(request.GET.get("other_cost", ""))
        cost = cost.quantize(Decimal("1")) if cost is not None else None
    if cycle is None or cost is None:
        return _fresh(JsonResponse({"message": ""}))
    parts = [_("Estimated cost: %(cost)s.") % {"cost": rupiah(cost)}]
    answer = {"cost": str(cost), "exceeds": False}
    ceiling = cycle.ceiling_for_kelurahan(int(kelurahan_id)) if kelurahan_id.isdigit() else None
    if ceiling is not None:
        total = services.kelurahan_total(cycle, int(kelurahan_id))
        answer.update(total=str(total), pagu=str(ceiling), exceeds=total + cost > ceiling)
        parts.append(
            _("The kelurahan's proposals total %(total)s of its ceiling (pagu) of %(pagu)s.")
            % {"total": rupiah(total), "pagu": rupiah(ceiling)}
        )
        if answer["exceeds"]:
            parts.append(
                _("With this one they exceed it by %(excess)s.") % {"excess": rupiah(total + cost - ceiling)}
            )
    answer["message"] = " ".join(str(part) for part in parts)
    return _fresh(JsonResponse(answer))


# --- Results and the catalogue ----------------------------------------------------------------------


def results(request, page):
    cycle = _selected_cycle(request)
    context = {
        "cycle": cycle,
        "cycles": PlanningCycle.objects.published(),
        "results": results_data.cycle_results(cycle) if cycle else None,
    }
    return _fresh(page.render(request, template="musrenbang/results.html", context_overrides=context))


def results_download(request, page, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404
    cycle = _selected_cycle(request)
    if cycle is None:
        raise Http404
    data = results_data.cycle_results(cycle)
    rows = [{"table": "kecamatan", **row} for row in data["kecamatan"]]
    rows += [{"table": "sector", **row} for row in data["sectors"]]
    rows.append({"table": "total", **data["total"]})
    columns = ["table", *results_data.RESULT_COLUMNS]
    return _fresh(exports.table_response(fmt, f"hasil-musrenbang-{cycle.year}", columns, rows))


CATALOGUE_COLUMNS = [
    "code",
    "activity",
    "sector",
    "agency",
    "unit",
    "unit_cost",
    "kelurahan",
    "kecamatan",
    "city",
]


def _catalogue_items():
    return (
        ActivityItem.objects.active()
        .select_related("sector", "agency")
        .order_by("sector__sort_order", "code")
    )


def catalogue(request, page):
    items = list(_catalogue_items())
    sectors = []
    for sector in Sector.objects.all():
        rows = [item for item in items if item.sector_id == sector.pk]
        if rows:
            sectors.append((sector, rows))
    return _fresh(
        page.render(
            request,
            template="musrenbang/catalogue.html",
            context_overrides={"sectors": sectors, "count": len(items)},
        )
    )


def catalogue_download(request, page, fmt: str):
    if fmt not in exports.FORMATS:
        raise Http404
    rows = [
        {
            "code": item.code,
            "activity": item.name,
            "sector": item.sector.name,
            "agency": item.agency.short_name,
            "unit": item.unit,
            "unit_cost": item.unit_cost,
            "kelurahan": item.allowed_kelurahan,
            "kecamatan": item.allowed_kecamatan,
            "city": item.allowed_city,
        }
        for item in _catalogue_items()
    ]
    return _fresh(exports.table_response(fmt, "kamus-usulan", CATALOGUE_COLUMNS, rows))
