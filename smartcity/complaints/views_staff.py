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

from smartcity.core.access import can_see_case
from smartcity.core.models import Agency
from smartcity.core.personal_data import mask_nik
from smartcity.core.uploads import attachments_of
from smartcity.core.workflow import Transition, TransitionNotAllowed

from .models import Complaint
from .notifications import notify_status_change
from .services import add_staff_message
from .workflow import COMPLAINT_WORKFLOW


def status_label(value: str) -> str:
    try:
        return Complaint.Status(value).label
    except ValueError:
        return value


class TransitionForm(forms.Form):
    """The fields one workflow action needs: a note, and for some an agency or a reason."""

    note = forms.CharField(label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 3}))
    is_public = forms.BooleanField(label=gettext_lazy("Show this note to the reporter"), required=False)

    def __init__(self, transition: Transition, complaint: Complaint, *args, **kwargs):
        kwargs.setdefault("prefix", transition.name)
        kwargs.setdefault("initial", {"is_public": transition.public_note})
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
        return {key: data[key] for key in ("agency", "reason", "duplicate_of") if key in data}


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
        for event in self.object.events.select_related("actor"):
            if event.actor_id:
                actor = event.actor.get_full_name() or event.actor.get_username()
            elif event.by_citizen:
                actor = _("Reporter")
            else:
                actor = _("System")
            rows.append(
                {
                    "event": event,
                    "from_label": status_label(event.from_status) if event.from_status else "",
                    "to_label": status_label(event.to_status) if event.to_status else "",
                    "actor": actor,
                }
            )
        return rows

    def get_context_data(self, transition_form=None, message_form=None, **kwargs):
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
                event = COMPLAINT_WORKFLOW.apply(
                    complaint,
                    transition.name,
                    request.user,
                    note=form.cleaned_data["note"],
                    is_public=form.cleaned_data["is_public"],
                    **form.workflow_options(),
                )
            except TransitionNotAllowed as error:
                # Someone else moved the case meanwhile: show its current state.
                messages.error(request, " ".join(error.messages))
                return redirect("complaints_admin:inspect", complaint.pk)
            except ValidationError as error:
                _add_workflow_errors(form, error)
            else:
                notify_status_change(complaint, event)
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
