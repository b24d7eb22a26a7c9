"""Staff screens for one complaint in the Wagtail admin: the case file and its actions.

The case file (``complaints_admin:inspect``) shows everything about a complaint, including the
reporter's contact details, to the staff allowed to see the case. Its action forms post to
``complaints_admin:transition`` (status changes through ``COMPLAINT_WORKFLOW``) and
``complaints_admin:message`` (a reply to the reporter or an internal note). These views only
validate input and call the workflow or a service; the rules live there.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.views.generic import InspectView
from wagtail.permissions import policy_registry

from smartcity.core.access import can_see_case, is_case_supervisor
from smartcity.core.models import Agency
from smartcity.core.personal_data import mask_nik
from smartcity.core.uploads import attachments_of
from smartcity.core.workflow import Transition, TransitionNotAllowed

from .models import Complaint
from .services import add_staff_message, edit_public_wording, perform_action
from .workflow import COMPLAINT_WORKFLOW


class TransitionForm(forms.Form):
    """The fields one workflow action needs: a note and who reads it, and for some an agency,
    a reason, or the wording the public will read."""

    INTERNAL, REPORTER = "internal", "reporter"

    note = forms.CharField(label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    note_audience = forms.ChoiceField(
        label=gettext_lazy("Who reads this note?"),
        choices=[
            (INTERNAL, gettext_lazy("Staff only (internal note)")),
            (REPORTER, gettext_lazy("The reporter too (tracking page and e-mail)")),
        ],
        widget=forms.RadioSelect,
        # Left out (a hand-made request): the note stays internal.
        required=False,
        help_text=gettext_lazy("The reporter is told of the new status in any case."),
    )

    def __init__(self, transition: Transition, complaint: Complaint, *args, **kwargs):
        kwargs.setdefault("prefix", transition.name)
        kwargs.setdefault(
            "initial", {"note_audience": self.REPORTER if transition.public_note else self.INTERNAL}
        )
        super().__init__(*args, **kwargs)
        self.transition = transition
        self.complaint = complaint
        self.fields["note"].required = transition.note_required
        if not transition.note_required:
            self.fields["note"].help_text = gettext_lazy("Optional.")
        agencies = Agency.objects.active()
        if transition.name == "assign":
            self.fields["agency"] = forms.ModelChoiceField(
                label=gettext_lazy("Agency"),
                queryset=agencies,
                initial=complaint.agency_id or complaint.category.default_agency_id,
            )
        elif transition.name == "reassign":
            self.fields["agency"] = forms.ModelChoiceField(
                label=gettext_lazy("Hand over to"), queryset=agencies.exclude(pk=complaint.agency_id)
            )
        elif transition.name == "reject":
            self.fields["reason"] = forms.ChoiceField(
                label=gettext_lazy("Reason"),
                choices=[("", "---------"), *Complaint.RejectionReason.choices],
            )
            self.fields["duplicate_of"] = forms.CharField(
                label=gettext_lazy("Duplicate of (reference number)"),
                required=False,
                max_length=20,
                help_text=gettext_lazy(
                    "For duplicates: the complaint this one repeats, e.g. ADU-2026-000042."
                ),
            )
        if transition.name in ("verify", "assign") and complaint.verified_at is None:
            # The desk's first check publishes the complaint (unless private): word it here.
            # Left empty, the public reads the reporter's words.
            for name, field in PublicWordingForm.wording_fields(complaint).items():
                field.required = False
                self.fields[name] = field

    @property
    def is_public(self) -> bool:
        return self.cleaned_data.get("note_audience") == self.REPORTER

    def clean_duplicate_of(self):
        reference = self.cleaned_data["duplicate_of"].strip().upper()
        if not reference:
            return None
        original = Complaint.objects.filter(reference=reference).exclude(pk=self.complaint.pk).first()
        if original is None:
            raise ValidationError(_("There is no other complaint with this reference number."))
        return original

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("duplicate_of") and cleaned.get("reason") != Complaint.RejectionReason.DUPLICATE:
            self.add_error("duplicate_of", _("Only give a reference number when rejecting as a duplicate."))
        return cleaned

    def workflow_options(self) -> dict:
        data = self.cleaned_data
        keys = ("agency", "reason", "duplicate_of", "public_title", "public_description")
        return {key: data[key] for key in keys if data.get(key)}


class PublicWordingForm(forms.Form):
    """What the public reads of a complaint: the desk removes personal details, names, numbers."""

    @staticmethod
    def wording_fields(complaint: Complaint) -> dict:
        return {
            "public_title": forms.CharField(
                label=gettext_lazy("Public subject"),
                max_length=150,
                initial=complaint.published_title,
            ),
            "public_description": forms.CharField(
                label=gettext_lazy("Public description"),
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 5}),
                initial=complaint.published_description,
                help_text=gettext_lazy(
                    "Shown in the public list, on the map and in the Open311 API once the complaint "
                    "is verified (unless it is private). Take out names, addresses, phone numbers "
                    "and other personal details; the reporter's own text stays for staff."
                ),
            ),
        }

    def __init__(self, complaint: Complaint, *args, **kwargs):
        kwargs.setdefault("prefix", "wording")
        super().__init__(*args, **kwargs)
        self.fields.update(self.wording_fields(complaint))


class MessageForm(forms.Form):
    """A reply shown to the reporter, or an internal note only staff can read."""

    REPLY, NOTE = "reply", "note"

    text = forms.CharField(label=gettext_lazy("Message"), widget=forms.Textarea(attrs={"rows": 4}))
    visibility = forms.ChoiceField(
        choices=[(REPLY, gettext_lazy("Reply to the reporter")), (NOTE, gettext_lazy("Internal note"))],
        widget=forms.HiddenInput,
    )


def _add_workflow_errors(form: forms.Form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


class ComplaintInspectView(InspectView):
    """The case file: details, reporter contact, attachments, full history and actions.

    Only staff who may see the case get it (403 otherwise), and the response is never cached.
    """

    any_permission_required = ["view", "change"]
    template_name = "complaints/admin/inspect.html"

    def get_object(self, queryset=None):
        complaint = get_object_or_404(
            Complaint.objects.select_related("category", "agency", "kelurahan__kecamatan", "duplicate_of"),
            pk=self.pk,
        )
        if not self.permission_policy.user_has_any_permission_for_instance(
            self.request.user, ["view", "change"], complaint
        ):
            raise PermissionDenied
        return complaint

    @cached_property
    def permission_policy(self):
        return policy_registry.get_by_type(Complaint)

    def get_page_title(self):
        return self.object.reference

    def get_page_subtitle(self):
        return self.object.title

    def get_fields(self):
        return []

    @cached_property
    def can_act(self) -> bool:
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", self.object
        )

    def get_transition_forms(self, bound: TransitionForm | None = None) -> list[dict]:
        if not self.can_act:
            return []
        actions = []
        for transition in COMPLAINT_WORKFLOW.available(self.object, self.request.user):
            form = bound if bound and bound.transition.name == transition.name else None
            actions.append(
                {
                    "transition": transition,
                    "form": form or TransitionForm(transition, self.object),
                    "url": reverse("complaints_admin:transition", args=[self.object.pk, transition.name]),
                    "open": form is not None,
                }
            )
        return actions

    def get_history(self) -> list[dict]:
        rows = []
        for event in self.object.events.select_related("actor", "actor_agency"):
            if event.by_citizen:
                actor = _("Reporter")
            elif event.actor_id:
                name = event.actor.get_full_name() or event.actor.get_username()
                actor = f"{name} ({event.actor_agency or _('Complaint desk')})"
            else:
                actor = _("System")
            rows.append({"event": event, "actor": actor})
        return rows

    @cached_property
    def can_edit_wording(self) -> bool:
        return self.can_act and is_case_supervisor(self.request.user)

    def get_context_data(self, transition_form=None, message_form=None, wording_form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        complaint = self.object
        context.update(
            {
                "complaint": complaint,
                "is_overdue": complaint.is_overdue(),
                "history": self.get_history(),
                "attachments": attachments_of(complaint),
                "actions": self.get_transition_forms(transition_form),
                "can_act": self.can_act,
                "message_form": message_form or MessageForm(),
                "message_url": reverse("complaints_admin:message", args=[complaint.pk]),
                "masked_nik": mask_nik(complaint.reporter_nik),
                "can_edit_wording": self.can_edit_wording,
                "wording_form": wording_form or PublicWordingForm(complaint),
                "wording_url": reverse("complaints_admin:public_wording", args=[complaint.pk]),
            }
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # The page holds the reporter's personal data: never keep it in any cache.
        add_never_cache_headers(response)
        patch_cache_control(response, private=True, no_store=True)
        return response


class ComplaintTransitionView(ComplaintInspectView):
    """POST: perform one workflow action; on bad input, show the case file with the errors."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not self.can_act:
            raise PermissionDenied
        transition = COMPLAINT_WORKFLOW.transitions.get(self.kwargs["action"])
        if transition is None:
            raise Http404
        form = TransitionForm(transition, self.object, request.POST)
        complaint = self.object
        if form.is_valid():
            try:
                perform_action(
                    complaint,
                    transition.name,
                    request.user,
                    note=form.cleaned_data["note"],
                    is_public=form.is_public,
                    base_url=request.build_absolute_uri("/")[:-1],
                    **form.workflow_options(),
                )
            except TransitionNotAllowed as error:
                # Someone else moved the case meanwhile: show its current state.
                messages.error(request, " ".join(error.messages))
                return redirect("complaints_admin:inspect", complaint.pk)
            except ValidationError as error:
                _add_workflow_errors(form, error)
            else:
                messages.success(
                    request,
                    _("%(reference)s: “%(action)s” done; the status is now “%(status)s”.")
                    % {
                        "reference": complaint.reference,
                        "action": transition.label,
                        "status": complaint.get_status_display(),
                    },
                )
                if not can_see_case(request.user, complaint):
                    # Handed over to another agency: this user no longer sees it.
                    return redirect("complaints_admin:index")
                return redirect("complaints_admin:inspect", complaint.pk)
        messages.error(request, _("The action could not be done. Please check the form."))
        return self.render_to_response(self.get_context_data(transition_form=form))


class ComplaintMessageView(ComplaintInspectView):
    """POST: add a reply for the reporter (e-mailed to them) or an internal note."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not self.can_act:
            raise PermissionDenied
        form = MessageForm(request.POST)
        if form.is_valid():
            public = form.cleaned_data["visibility"] == MessageForm.REPLY
            try:
                add_staff_message(self.object, request.user, form.cleaned_data["text"], public=public)
            except ValidationError as error:
                _add_workflow_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Reply sent to the reporter.") if public else _("Internal note added."),
                )
                return redirect("complaints_admin:inspect", self.object.pk)
        messages.error(request, _("The message could not be saved. Please check the form."))
        return self.render_to_response(self.get_context_data(message_form=form))


class ComplaintPublicWordingView(ComplaintInspectView):
    """POST: the desk changes what the public reads of the complaint (recorded in the history)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not self.can_edit_wording:
            raise PermissionDenied
        form = PublicWordingForm(self.object, request.POST)
        if form.is_valid():
            try:
                edit_public_wording(
                    self.object,
                    request.user,
                    title=form.cleaned_data["public_title"],
                    description=form.cleaned_data["public_description"],
                )
            except ValidationError as error:
                _add_workflow_errors(form, error)
            else:
                messages.success(request, _("The public wording has been saved."))
                return redirect("complaints_admin:inspect", self.object.pk)
        messages.error(request, _("The public wording could not be saved. Please check the form."))
        return self.render_to_response(self.get_context_data(wording_form=form))
