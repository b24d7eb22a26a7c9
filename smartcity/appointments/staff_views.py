"""Staff screens of e-appointment beyond the generic listing: the day and week agenda, the
printable day list, booking on a citizen's behalf, and closing a service for a day or a period.

Wired into the admin by ``viewsets.BookingViewSet``. Every screen works only on the services of
the user's agencies (``smartcity.core.access``; case supervisors see all), and every change goes
through ``services`` (the same capacity-checked functions the public site uses).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.admin import messages

from smartcity.core.access import visible_cases
from smartcity.core.forms import add_service_errors
from smartcity.core.working_days import WIB

from . import services
from .forms import CloseServiceForm, StaffBookingForm, slot_choices
from .models import AppointmentPage, BookableService, Booking
from .workflow import BOOKING_WORKFLOW

# The access codes of bookings this staff member just made, kept in their session so the code can
# be read out on the phone (never in a URL); the few most recent only.
STAFF_TOKENS_SESSION_KEY = "appointments_staff_tokens"
STAFF_TOKENS_KEPT = 10


def _today() -> datetime.date:
    return timezone.localtime(timezone.now(), WIB).date()


def _chosen(request, source) -> tuple[BookableService | None, datetime.date, object]:
    """The service (one of the user's) and the day asked for, defaulting to the first and today."""
    mine = visible_cases(request.user, BookableService.objects.select_related("agency"))
    try:
        pk = int(source.get("service") or 0)
    except ValueError:
        pk = 0
    service = mine.filter(pk=pk).first() if pk else mine.first()
    if pk and service is None:
        raise Http404
    day = parse_date((source.get("day") or "")[:10]) if _valid_date(source.get("day")) else None
    return service, day or _today(), mine


def _valid_date(value) -> bool:
    try:
        return bool(value) and parse_date(value[:10]) is not None
    except ValueError:
        return False


def _agenda_url(name: str, service, day: datetime.date, **extra) -> str:
    query = {"service": service.pk, "day": day.isoformat(), **extra} if service else extra
    return f"{reverse(name)}?{urlencode(query)}"


def _require(viewset, request) -> None:
    if not viewset.permission_policy.user_has_permission(request.user, "view"):
        raise PermissionDenied


# --- Day agenda and printable list ----------------------------------------------------------------


def day_agenda(viewset, request):
    """One service's bookings of one day, in time order, with the actions staff may take."""
    _require(viewset, request)
    service, day, mine = _chosen(request, request.GET)
    bookings = (
        Booking.objects.filter(service=service, day=day)
        .select_related("service")
        .order_by("starts_at", "queue_number", "pk")
        if service
        else Booking.objects.none()
    )
    rows = [{"booking": b, "actions": BOOKING_WORKFLOW.available(b, request.user)} for b in bookings]
    name = viewset.name
    context = {
        "services": mine,
        "service": service,
        "day": day,
        "previous_day": day - datetime.timedelta(days=1),
        "next_day": day + datetime.timedelta(days=1),
        "rows": rows,
        "closures": service.closures.filter(date=day) if service else [],
        "action_url_name": f"{name}:action",
    }
    if request.GET.get("cetak") == "1":
        return TemplateResponse(request, "appointments/admin/agenda_print.html", context)
    if service:
        filters = {"service": service.pk, "day": day.isoformat()}
        context.update(
            week_url=_agenda_url(f"{name}:week", service, day),
            print_url=_agenda_url(f"{name}:agenda", service, day, cetak=1),
            book_url=_agenda_url(f"{name}:book", service, day),
            close_url=_agenda_url(f"{name}:close", service, day),
            csv_url=f"{reverse(f'{name}:index')}?{urlencode({**filters, 'export': 'csv'})}",
            xlsx_url=f"{reverse(f'{name}:index')}?{urlencode({**filters, 'export': 'xlsx'})}",
        )
    return TemplateResponse(request, "appointments/admin/agenda.html", context)


# --- Week agenda ----------------------------------------------------------------------------------


def week_agenda(viewset, request):
    """Monday to Sunday of one service: per slot the places held and the capacity; closed days and
    blocked periods with their reason; each day links to its day agenda."""
    _require(viewset, request)
    service, day, mine = _chosen(request, request.GET)
    monday = day - datetime.timedelta(days=day.weekday())
    days = [monday + datetime.timedelta(days=n) for n in range(7)]
    columns, times = [], set()
    if service:
        schedule = service.schedule()
        held = {
            row["starts_at"].astimezone(WIB): row
            for row in Booking.objects.filter(service=service, day__range=(days[0], days[-1]))
            .values("starts_at")
            .annotate(
                held=Count("pk", filter=Q(status__in=Booking.HOLDING_STATES)),
                arrived=Count("pk", filter=Q(status__in=(Booking.Status.CHECKED_IN, Booking.Status.DONE))),
            )
        }
        closures: dict[datetime.date, list] = {}
        for closure in service.closures.filter(date__range=(days[0], days[-1])):
            closures.setdefault(closure.date, []).append(closure)
        for current in days:
            slots = {slot.start.time(): slot for slot in schedule.slots_on(current)}
            booked_times = {start.time() for start in held if start.date() == current and held[start]["held"]}
            cells = {}
            for moment in set(slots) | booked_times:
                start = datetime.datetime.combine(current, moment, tzinfo=WIB)
                counts = held.get(start, {"held": 0, "arrived": 0})
                cells[moment] = {
                    "open": moment in slots,
                    "held": counts["held"],
                    "arrived": counts["arrived"],
                    "capacity": service.capacity_per_slot,
                    "free": max(service.capacity_per_slot - counts["held"], 0) if moment in slots else 0,
                }
            times |= set(cells)
            columns.append(
                {
                    "day": current,
                    "cells": cells,
                    "closed": schedule.is_closed_day(current),
                    "closures": closures.get(current, []),
                    "held": sum(c["held"] for c in cells.values()),
                    "url": _agenda_url(f"{viewset.name}:agenda", service, current),
                }
            )
    rows = [
        {"time": moment, "cells": [column["cells"].get(moment) for column in columns]}
        for moment in sorted(times)
    ]
    week = datetime.timedelta(days=7)
    return TemplateResponse(
        request,
        "appointments/admin/week.html",
        {
            "services": mine,
            "service": service,
            "day": day,
            "monday": monday,
            "sunday": days[-1],
            "columns": columns,
            "rows": rows,
            "previous_week_url": _agenda_url(f"{viewset.name}:week", service, monday - week),
            "next_week_url": _agenda_url(f"{viewset.name}:week", service, monday + week),
            "day_url": _agenda_url(f"{viewset.name}:agenda", service, day),
        },
    )


# --- Booking on a citizen's behalf ----------------------------------------------------------------


def book_for_citizen(viewset, request):
    """Staff book a free time for a citizen (walk-in or phone) through ``services.book``: the same
    capacity check under the service lock, source "staff", the staff member in the history."""
    _require(viewset, request)
    source = request.POST if request.method == "POST" else request.GET
    service, day, mine = _chosen(request, source)
    if service is None:
        raise Http404
    free = [slot for slot in services.availability(service, day, day) if slot.available > 0]
    status = 200
    if request.method == "POST":
        form = StaffBookingForm(request.POST, service=service, free_slots=free)
        if form.is_valid():
            page = AppointmentPage.current()
            link = request.build_absolute_uri(page.subpage_path("manage")) + "#" if page else ""
            try:
                result = services.book(
                    service=service,
                    start=form.cleaned_data["start"],
                    data=form.booking_data(),
                    language="id",
                    source=Booking.Source.STAFF,
                    actor=request.user,
                    manage_link=link,
                )
            except services.SlotTaken as taken:
                form.add_error("start", taken.message)
                form.fields["start"].widget.choices = slot_choices(taken.alternatives, "%d-%m-%Y %H:%M")
                status = 409
            except ValidationError as error:
                add_service_errors(form, error)
                status = 400
            else:
                tokens = request.session.get(STAFF_TOKENS_SESSION_KEY, {})
                tokens[str(result.booking.pk)] = result.token
                request.session[STAFF_TOKENS_SESSION_KEY] = dict(list(tokens.items())[-STAFF_TOKENS_KEPT:])
                return redirect(reverse(f"{viewset.name}:booked", args=[result.booking.pk]))
        else:
            status = 400
    else:
        form = StaffBookingForm(service=service, free_slots=free)
    response = TemplateResponse(
        request,
        "appointments/admin/book.html",
        {
            "services": mine,
            "service": service,
            "day": day,
            "form": form,
            "free": free,
            "agenda_url": _agenda_url(f"{viewset.name}:agenda", service, day),
        },
        status=status,
    )
    response["Cache-Control"] = "no-store"
    return response


def booked_for_citizen(viewset, request, pk):
    """The booking just made: the code and access code to tell the citizen."""
    _require(viewset, request)
    booking = get_object_or_404(
        visible_cases(request.user, Booking.objects.select_related("service__agency")), pk=pk
    )
    token = request.session.get(STAFF_TOKENS_SESSION_KEY, {}).get(str(booking.pk), "")
    response = TemplateResponse(
        request,
        "appointments/admin/booked.html",
        {
            "booking": booking,
            "token": token,
            "agenda_url": _agenda_url(f"{viewset.name}:agenda", booking.service, booking.day),
        },
    )
    response["Cache-Control"] = "no-store"
    return response


# --- Closing a day or a period --------------------------------------------------------------------


def close_service(viewset, request):
    """Close a service for a day or a period of it, cancelling and telling everyone booked there."""
    _require(viewset, request)
    # Closing changes the service's calendar: the same right as editing its hours.
    if not request.user.has_perm("appointments.change_bookableservice"):
        raise PermissionDenied
    source = request.POST if request.method == "POST" else request.GET
    service, day, mine = _chosen(request, source)
    if service is None:
        raise Http404
    status = 200
    if request.method == "POST":
        form = CloseServiceForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                result = services.close_period(
                    service,
                    data["day"],
                    reason=data["reason"],
                    actor=request.user,
                    since=data["since"],
                    until=data["until"],
                )
            except ValidationError as error:
                add_service_errors(form, error, {"date": "day", "starts_at": "since", "ends_at": "until"})
                status = 400
            else:
                messages.success(
                    request,
                    _("%(service)s closed on %(day)s: %(count)s booking(s) cancelled, every citizen told.")
                    % {
                        "service": service.name,
                        "day": data["day"].strftime("%d-%m-%Y"),
                        "count": len(result.cancelled),
                    },
                )
                return redirect(_agenda_url(f"{viewset.name}:agenda", service, data["day"]))
        else:
            status = 400
    else:
        form = CloseServiceForm(initial={"day": day})
    affected = Booking.objects.filter(service=service, day=day, status__in=Booking.CHANGEABLE_STATES).count()
    return TemplateResponse(
        request,
        "appointments/admin/close.html",
        {
            "services": mine,
            "service": service,
            "day": day,
            "form": form,
            "affected": affected,
            "agenda_url": _agenda_url(f"{viewset.name}:agenda", service, day),
        },
        status=status,
    )
