"""Staff screens for e-appointment in the Wagtail admin, under one "Appointments" menu.

* Bookable services (a snippet with inline opening hours and closures).
* Waitlist: who waits for a place on a full day, offers and their holds, with filters, export,
  inspect and history (read-only: entries change only through ``WAITLIST_WORKFLOW``).
* Bookings: the list with filters (service, day, status) and a CSV/XLSX export, and the day
  agenda (``appointments_booking:agenda``) where staff approve or decline, check people in with a
  queue number, and mark them done or absent. Each agency's staff see only their agency's
  services and bookings (``smartcity.core.access``); bookings change only through the workflow.
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton

from smartcity.core.access import can_see_case, visible_cases
from smartcity.core.exports import FormulaSafeExportMixin
from smartcity.core.permissions import AgencyScopedPolicy, AgencyScopedSnippetViewSet

from . import services, staff_views
from .admin_forms import BookableServiceForm
from .models import BookableService, Booking, WaitlistEntry
from .workflow import BOOKING_WORKFLOW


class BookingPolicy(AgencyScopedPolicy):
    # Bookings come from citizens (or staff through the booking service) and are the record.
    disabled_actions = frozenset({"add", "change", "delete"})


class BookableServiceViewSet(AgencyScopedSnippetViewSet):
    model = BookableService
    icon = "date"
    menu_label = gettext_lazy("Bookable services")
    list_display = ["name", "agency", "slot_minutes", "capacity_per_slot", "requires_approval", "is_active"]
    list_filter = ["agency", "is_active", "requires_approval"]
    search_fields = ["name"]
    search_backend_name = None
    add_to_admin_menu = False

    def get_unscoped_queryset(self, request):
        # Narrowed to the user's agencies by AgencyScopedSnippetViewSet, which also refuses
        # another agency's service on every screen of one service (edit, delete, history...).
        return BookableService.objects.select_related("agency")

    def get_edit_handler(self):
        # The model's panels, with a form that refuses closures hiding booked citizens.
        return ObjectList(BookableService.panels, base_form_class=BookableServiceForm).bind_to_model(
            BookableService
        )


class BookingFilterSet(WagtailFilterSet):
    day = django_filters.DateFilter(label=gettext_lazy("Day"))

    class Meta:
        model = Booking
        fields = ["service", "status", "day"]


class BookingIndexView(FormulaSafeExportMixin, generic.IndexView):
    """Bookings the user may see (their agencies'), by appointment time."""

    def get_base_queryset(self):
        return visible_cases(self.request.user, Booking.objects.select_related("service"))

    @cached_property
    def header_buttons(self):
        buttons = [
            HeaderButton(_("Day agenda"), url=reverse("appointments_booking:agenda"), icon_name="date"),
            HeaderButton(_("Week agenda"), url=reverse("appointments_booking:week"), icon_name="calendar"),
            HeaderButton(_("Book for a citizen"), url=reverse("appointments_booking:book"), icon_name="plus"),
        ]
        if self.show_export_buttons:
            buttons += [
                HeaderButton(_("Download CSV"), url=self.csv_export_url, icon_name="download"),
                HeaderButton(_("Download XLSX"), url=self.xlsx_export_url, icon_name="download"),
            ]
        return buttons


class BookingInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        booking = super().get_object(queryset)
        if not can_see_case(self.request.user, booking):
            raise PermissionDenied
        return booking


class BookingViewSet(ModelViewSet):
    model = Booking
    icon = "list-ul"
    menu_label = gettext_lazy("Bookings")
    name = "appointments_booking"
    list_display = ["reference", "service", "starts_at", "name", "status", "queue_number"]
    list_export = [
        "reference",
        "service",
        "starts_at",
        "ends_at",
        "status",
        "name",
        "email",
        "phone",
        "purpose",
        "queue_number",
        "checked_in_at",
    ]
    export_filename = "janji-temu"
    filterset_class = BookingFilterSet
    search_fields = ["reference", "name"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference",
        "service",
        "starts_at",
        "status",
        "name",
        "email",
        "phone",
        "nik",
        "purpose",
        "queue_number",
        "decline_reason",
    ]
    add_to_admin_menu = False
    # Never edited here (the policy refuses "change"); Wagtail still wants a form definition.
    form_fields = ["name"]

    index_view_class = BookingIndexView
    inspect_view_class = BookingInspectView

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("agenda/", self.agenda_view, name="agenda"),
            path("agenda/week/", self.week_view, name="week"),
            path("book/", self.book_view, name="book"),
            path("book/<int:pk>/", self.booked_view, name="booked"),
            path("close/", self.close_view, name="close"),
            path("<int:pk>/action/", self.action_view, name="action"),
        ]

    # --- Agenda, booking for a citizen, closing (``staff_views``) -----------------------------

    def agenda_view(self, request):
        return staff_views.day_agenda(self, request)

    def week_view(self, request):
        return staff_views.week_agenda(self, request)

    def book_view(self, request):
        return staff_views.book_for_citizen(self, request)

    def booked_view(self, request, pk):
        return staff_views.booked_for_citizen(self, request, pk)

    def close_view(self, request):
        return staff_views.close_service(self, request)

    def action_view(self, request, pk):
        if request.method != "POST":
            raise PermissionDenied
        booking = get_object_or_404(
            visible_cases(request.user, Booking.objects.select_related("service")), pk=pk
        )
        action = request.POST.get("action", "")
        note = request.POST.get("note", "")
        try:
            if action == "approve":
                services.approve(booking, request.user, note)
            elif action == "decline":
                services.decline(booking, request.user, note)
            elif action == "cancel":
                services.cancel(booking, request.user, note=note)
            else:
                BOOKING_WORKFLOW.apply(booking, action, request.user, note=note)
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
        else:
            booking.refresh_from_db()
            if booking.queue_number and action == "check_in":
                messages.success(
                    request,
                    _("%(code)s checked in: queue number %(number)s")
                    % {"code": booking.reference, "number": booking.queue_number},
                )
            else:
                messages.success(
                    request,
                    _("%(code)s: %(status)s")
                    % {"code": booking.reference, "status": booking.get_status_display()},
                )
        query = urlencode({"service": booking.service_id, "day": booking.day.isoformat()})
        return redirect(f"{reverse(f'{self.name}:agenda')}?{query}")


class WaitlistFilterSet(WagtailFilterSet):
    day = django_filters.DateFilter(label=gettext_lazy("Day"))

    class Meta:
        model = WaitlistEntry
        fields = ["service", "status", "day"]


class WaitlistIndexView(FormulaSafeExportMixin, generic.IndexView):
    def get_base_queryset(self):
        return visible_cases(self.request.user, WaitlistEntry.objects.select_related("service"))


class WaitlistInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        entry = super().get_object(queryset)
        if not can_see_case(self.request.user, entry):
            raise PermissionDenied
        return entry


class WaitlistViewSet(ModelViewSet):
    """The waitlists of full days, read-only for staff of the service's agency."""

    model = WaitlistEntry
    icon = "time"
    menu_label = gettext_lazy("Waitlist")
    name = "appointments_waitlist"
    list_display = ["reference", "service", "day", "name", "status", "offered_start", "hold_until"]
    list_export = [
        "reference",
        "service",
        "day",
        "created_at",
        "status",
        "name",
        "email",
        "phone",
        "purpose",
        "offered_start",
        "hold_until",
        "booking",
    ]
    export_filename = "daftar-tunggu"
    filterset_class = WaitlistFilterSet
    search_fields = ["reference", "name"]
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "reference",
        "service",
        "day",
        "created_at",
        "status",
        "name",
        "email",
        "phone",
        "purpose",
        "offered_start",
        "offered_at",
        "hold_until",
        "booking",
    ]
    add_to_admin_menu = False
    form_fields = ["name"]  # never edited (the policy refuses "change")

    index_view_class = WaitlistIndexView
    inspect_view_class = WaitlistInspectView


class AppointmentsMenuGroup(ModelViewSetGroup):
    """One admin menu item, "Appointments" (Janji temu)."""

    items = (BookingViewSet, WaitlistViewSet, BookableServiceViewSet)
    menu_icon = "date"
    menu_label = gettext_lazy("Appointments")
    menu_name = "appointments"
    menu_order = 260
