"""Staff screens of e-musrenbang in the Wagtail admin, under one "Musrenbang" menu.

* Planning cycles (Bappeda): phases, quotas, criteria and ceilings; rules lock once their phase
  has opened (``forms_admin.PlanningCycleForm``); "Reopen rules" records a reason first.
* Catalogue of standard activities and sectors (Bappeda).
* Facilitators: which kelurahan or kecamatan a staff account facilitates (Bappeda).
* Proposals: the list (each facilitator sees their region's) with filters and export, a form
  to enter a proposal from a paper deliberation (or a pokir, for Bappeda), and the
  deliberation screen (``musrenbang_proposal:deliberation``) where a level verifies, scores,
  ranks and forwards, prints the minutes (berita acara), and the city forum decides.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.panels import ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import SnippetViewSet

from smartcity.core.exports import FormulaSafeExportMixin, FormulaSafeExportViewSetMixin
from smartcity.core.models import Kecamatan, Kelurahan
from smartcity.core.permissions import AgencyScopedPolicy
from smartcity.core.uploads import attachments_of
from smartcity.core.views import attachment_response

from . import minutes, services
from .access import can_see_proposal, is_bappeda, regions_of, visible_proposals
from .forms_admin import AcceptForm, PlanningCycleForm, ReopenForm, StaffProposalForm
from .models import ActivityItem, Facilitator, Level, PlanningCycle, Proposal, Sector
from .workflow import PROPOSAL_WORKFLOW


class ProposalPolicy(AgencyScopedPolicy):
    """Model permissions, narrowed to the facilitator's region; proposals change only through
    the workflow (no edit or delete in the admin)."""

    disabled_actions = frozenset({"add", "change", "delete"})

    def can_see(self, user, instance) -> bool:
        return can_see_proposal(user, instance)

    def visible(self, user, queryset):
        return visible_proposals(user, queryset)


class PlanningCycleViewSet(SnippetViewSet):
    model = PlanningCycle
    icon = "calendar"
    menu_label = gettext_lazy("Planning cycles")
    list_display = ["name", "year", "plan_year", "is_published"]
    add_to_admin_menu = False
    edit_handler = ObjectList(PlanningCycle.panels, base_form_class=PlanningCycleForm)

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("reopen/<int:pk>/", self.reopen_view, name="reopen")]

    def reopen_view(self, request, pk):
        cycle = get_object_or_404(PlanningCycle, pk=pk)
        if not is_bappeda(request.user):
            raise PermissionDenied
        form = ReopenForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.reopen_rules(
                cycle, form.cleaned_data["phase"], request.user, form.cleaned_data["reason"]
            )
            messages.success(request, _("The rules are reopened for one save of the cycle."))
            return redirect(reverse(self.get_url_name("edit"), args=[cycle.pk]))
        return TemplateResponse(
            request,
            "musrenbang/admin/reopen.html",
            {"cycle": cycle, "form": form, "reopenings": cycle.reopenings.select_related("by")},
        )


class SectorViewSet(SnippetViewSet):
    model = Sector
    icon = "tag"
    menu_label = gettext_lazy("Sectors")
    list_display = ["name", "slug", "sort_order"]
    add_to_admin_menu = False


class ActivityItemViewSet(FormulaSafeExportViewSetMixin, SnippetViewSet):
    model = ActivityItem
    icon = "list-ul"
    menu_label = gettext_lazy("Catalogue (kamus usulan)")
    list_display = ["code", "name", "sector", "agency", "unit", "unit_cost", "is_active"]
    list_filter = ["sector", "agency", "is_active"]
    list_export = [
        "code",
        "name",
        "sector",
        "agency",
        "unit",
        "unit_cost",
        "allowed_kelurahan",
        "allowed_kecamatan",
        "allowed_city",
    ]
    search_fields = ["name", "code"]
    search_backend_name = None
    add_to_admin_menu = False


class FacilitatorViewSet(ModelViewSet):
    model = Facilitator
    icon = "group"
    menu_label = gettext_lazy("Facilitators")
    name = "musrenbang_facilitator"
    list_display = ["user", "level", "kelurahan", "kecamatan"]
    list_filter = ["level"]
    form_fields = ["user", "level", "kelurahan", "kecamatan"]
    add_to_admin_menu = False


class ProposalIndexView(FormulaSafeExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return visible_proposals(
            self.request.user, Proposal.objects.select_related("cycle", "kelurahan", "sector")
        )

    @cached_property
    def header_buttons(self):
        buttons = [
            HeaderButton(
                _("Deliberation"), url=reverse("musrenbang_proposal:deliberation"), icon_name="list-ol"
            )
        ]
        if services.entry_levels_of(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Enter a proposal"), url=reverse("musrenbang_proposal:enter"), icon_name="plus"
                )
            )
        if self.show_export_buttons:
            buttons += [
                HeaderButton(_("Download CSV"), url=self.csv_export_url, icon_name="download"),
                HeaderButton(_("Download XLSX"), url=self.xlsx_export_url, icon_name="download"),
            ]
        return buttons


class ProposalInspectView(generic.InspectView):
    template_name = "musrenbang/admin/inspect.html"

    def get_object(self, queryset=None):
        proposal = super().get_object(queryset)
        if not can_see_proposal(self.request.user, proposal):
            raise PermissionDenied
        return proposal

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = PROPOSAL_WORKFLOW.available(self.object, self.request.user)
        context["events"] = self.object.events.select_related("actor")
        context["action_url"] = reverse("musrenbang_proposal:action", args=[self.object.pk])
        withheld = set(self.object.withheld_photos.values_list("attachment_id", flat=True))
        context["attachments"] = [
            {
                "attachment": attachment,
                "url": reverse("musrenbang_proposal:photo", args=[self.object.pk, attachment.uuid]),
                "withheld": attachment.pk in withheld,
            }
            for attachment in attachments_of(self.object)
        ]
        context["photos_public"] = self.object.photos_are_public
        return context


class ProposalViewSet(ModelViewSet):
    model = Proposal
    icon = "clipboard-list"
    menu_label = gettext_lazy("Proposals")
    name = "musrenbang_proposal"
    list_display = ["reference", "title", "kelurahan", "sector", "estimated_cost", "status", "kelurahan_rank"]
    list_filter = ["cycle", "status", "sector", "proposer_kind", "kecamatan"]
    list_export = [
        "reference",
        "cycle",
        "title",
        "kelurahan",
        "kecamatan",
        "sector",
        "item",
        "volume",
        "estimated_cost",
        "status",
        "proposer_kind",
        "proposer_name",
        "kelurahan_score",
        "kelurahan_rank",
        "kecamatan_score",
        "kecamatan_rank",
        "agreed_cost",
    ]
    export_filename = "usulan-musrenbang"
    search_fields = ["reference", "title"]
    search_backend_name = None
    inspect_view_enabled = True
    add_to_admin_menu = False
    form_fields = ["title"]
    index_view_class = ProposalIndexView
    inspect_view_class = ProposalInspectView

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("deliberation/", self.deliberation_view, name="deliberation"),
            path("deliberation/minutes/", self.minutes_view, name="minutes"),
            path("<int:pk>/action/", self.action_view, name="action"),
            path("enter/", self.enter_view, name="enter"),
            path("<int:pk>/photo/<uuid:uuid>/", self.photo_view, name="photo"),
        ]

    def photo_view(self, request, pk, uuid):
        """A proposal's attachment for staff of its region (GET), or (POST ``public`` 0/1) withhold
        a photo from the public page or show it again."""
        proposal = get_object_or_404(visible_proposals(request.user, Proposal.objects.all()), pk=pk)
        attachment = get_object_or_404(attachments_of(proposal), uuid=uuid)
        if request.method == "POST":
            try:
                services.set_photo_public(
                    proposal, attachment, request.user, public=request.POST.get("public") == "1"
                )
            except PermissionDenied as error:
                messages.error(request, str(error))
            return redirect(reverse(self.get_url_name("inspect"), args=[proposal.pk]))
        return attachment_response(attachment, proposal)

    # --- Proposals entered by staff -----------------------------------------------------------------

    def enter_view(self, request):
        """A proposal from a paper deliberation (facilitators, their region) or, for Bappeda, a
        DPRD member's aspiration (pokir) or a proposal of the kecamatan or the city forum."""
        if not services.entry_levels_of(request.user):
            raise PermissionDenied
        form = StaffProposalForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                submission = services.submit_proposal(
                    cycle=form.cleaned_data["cycle"],
                    data=form.service_data(),
                    uploads=form.cleaned_data.get("photos") or [],
                    by_staff=request.user,
                )
            except PermissionDenied as error:
                form.add_error(None, str(error))
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error.messages)
            else:
                proposal = submission.proposal
                messages.success(
                    request,
                    _("%(ref)s: %(status)s")
                    % {"ref": proposal.reference, "status": proposal.get_status_display()},
                )
                return redirect(reverse(self.get_url_name("inspect"), args=[proposal.pk]))
        response = TemplateResponse(request, "musrenbang/admin/enter.html", {"form": form})
        if form.errors:
            response.status_code = 400
        return response

    # --- The deliberation screen ------------------------------------------------------------------

    def _regions(self, user, level):
        kelurahan_ids, kecamatan_ids = regions_of(user)
        if level == Level.KELURAHAN:
            return (
                Kelurahan.objects.filter(pk__in=kelurahan_ids)
                if not is_bappeda(user)
                else Kelurahan.objects.all()
            )
        if level == Level.KECAMATAN:
            return (
                Kecamatan.objects.filter(pk__in=kecamatan_ids)
                if not is_bappeda(user)
                else Kecamatan.objects.all()
            )
        return Kecamatan.objects.all()

    def _selection(self, request):
        cycle = (
            PlanningCycle.objects.filter(pk=request.GET.get("cycle") or 0).first()
            or PlanningCycle.objects.first()
        )
        kelurahan_ids, kecamatan_ids = regions_of(request.user)
        default_level = Level.KELURAHAN if kelurahan_ids else Level.KECAMATAN if kecamatan_ids else Level.CITY
        level = request.GET.get("level") or default_level
        if level not in Level.values:
            level = default_level
        regions = self._regions(request.user, level)
        region = regions.filter(pk=request.GET.get("region") or 0).first() or regions.first()
        return cycle, level, regions, region

    def deliberation_view(self, request):
        if not self.permission_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        cycle, level, regions, region = self._selection(request)
        rows = []
        if cycle is not None and region is not None:
            if level == Level.CITY:
                proposals = Proposal.objects.filter(
                    cycle=cycle, kecamatan=region, status__in=services.BEYOND_KECAMATAN
                ).select_related("item", "kelurahan", "cycle", "expected_agency", "agency")
                proposals = sorted(proposals, key=lambda p: services.ranking_key(p, Level.KECAMATAN))
            elif level == Level.KELURAHAN:
                proposals = (
                    Proposal.objects.filter(cycle=cycle, kelurahan=region)
                    .exclude(status=Proposal.Status.UNCONFIRMED)
                    .select_related("item", "kelurahan", "cycle")
                )
                proposals = sorted(proposals, key=lambda p: services.ranking_key(p, Level.KELURAHAN))
            else:
                proposals = services.ranked(cycle, level, region.pk)
            scores = {}
            if level != Level.CITY:
                for score in services.ProposalScore.objects.filter(
                    proposal__in=[p.pk for p in proposals], level=level
                ):
                    scores[(score.proposal_id, score.criterion_id)] = score.value
            criteria = list(cycle.criteria.all())
            for proposal in proposals:
                rows.append(
                    {
                        "proposal": proposal,
                        "actions": PROPOSAL_WORKFLOW.available(proposal, request.user),
                        "scoreable": level != Level.CITY
                        and proposal.status == services.SCORED_STATUS[level]
                        and cycle.is_open(services.SCORING_PHASE[level]),
                        "scores": [(c, scores.get((proposal.pk, c.pk), "")) for c in criteria],
                        "score": getattr(proposal, f"{level}_score", None)
                        if level != Level.CITY
                        else proposal.kecamatan_score,
                        "rank": getattr(proposal, f"{level}_rank", None)
                        if level != Level.CITY
                        else proposal.kecamatan_rank,
                    }
                )
        else:
            criteria = []
        query = urlencode(
            {"cycle": cycle.pk if cycle else "", "level": level, "region": region.pk if region else ""}
        )
        return TemplateResponse(
            request,
            "musrenbang/admin/deliberation.html",
            {
                "cycles": PlanningCycle.objects.all(),
                "cycle": cycle,
                "level": level,
                "levels": Level.choices,
                "regions": regions,
                "region": region,
                "rows": rows,
                "criteria": criteria,
                "rule": services.TIE_BREAK_RULE,
                "query": query,
                "open_phase": cycle.open_phase() if cycle else None,
                "accept_form": AcceptForm(),
                "can_close": level != Level.CITY and region is not None and cycle is not None,
            },
        )

    def minutes_view(self, request):
        if not self.permission_policy.user_has_permission(request.user, "view"):
            raise PermissionDenied
        cycle, level, _regions, region = self._selection(request)
        if cycle is None or region is None or level == Level.CITY:
            raise PermissionDenied
        return minutes.minutes_response(cycle, level, region.pk)

    def action_view(self, request, pk):
        if request.method != "POST":
            raise PermissionDenied
        proposal = (
            get_object_or_404(
                visible_proposals(request.user, Proposal.objects.select_related("cycle")), pk=pk
            )
            if pk
            else None
        )
        action = request.POST.get("action", "")
        note = request.POST.get("note", "")
        back = request.POST.get("next") or reverse("musrenbang_proposal:deliberation")
        if not back.startswith("/"):
            back = reverse("musrenbang_proposal:deliberation")
        try:
            if action == "score":
                level = request.POST.get("level", "")
                values = {}
                for criterion in proposal.cycle.criteria.all():
                    raw = request.POST.get(f"score-{criterion.pk}", "")
                    values[criterion.pk] = int(raw) if raw.strip().isdigit() else None
                services.record_scores(proposal, level, values, request.user)
            elif action == "accept":
                form = AcceptForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(form.errors.as_text())
                services.act(proposal, "accept", request.user, note=note, **form.cleaned_data)
            else:
                services.act(proposal, action, request.user, note=note)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            proposal.refresh_from_db()
            messages.success(
                request,
                _("%(ref)s: %(status)s")
                % {"ref": proposal.reference, "status": proposal.get_status_display()},
            )
        return redirect(back)


class CloseDeliberationView:
    """Forward the best-ranked within the quota and hold the rest (a POST from the screen)."""

    @staticmethod
    def as_view():
        def view(request):
            if request.method != "POST":
                raise PermissionDenied
            cycle = get_object_or_404(PlanningCycle, pk=request.POST.get("cycle") or 0)
            level = request.POST.get("level", "")
            region_id = int(request.POST.get("region") or 0)
            if level not in (Level.KELURAHAN, Level.KECAMATAN):
                raise PermissionDenied
            try:
                result = services.close_deliberation(cycle, level, region_id, request.user)
            except (ValidationError, PermissionDenied) as error:
                messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            else:
                messages.success(
                    request,
                    _("%(forwarded)s forwarded, %(held)s not forwarded.")
                    % {"forwarded": len(result["forwarded"]), "held": len(result["held"])},
                )
            query = urlencode({"cycle": cycle.pk, "level": level, "region": region_id})
            return redirect(f"{reverse('musrenbang_proposal:deliberation')}?{query}")

        return view


class MusrenbangMenuGroup(ModelViewSetGroup):
    """One admin menu item, "Musrenbang"."""

    items = (ProposalViewSet, PlanningCycleViewSet, ActivityItemViewSet, SectorViewSet, FacilitatorViewSet)
    menu_icon = "clipboard-list"
    menu_label = gettext_lazy("Musrenbang")
    menu_name = "musrenbang"
    menu_order = 270
