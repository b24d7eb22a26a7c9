"""Public views of e-appointment, called by ``AppointmentPage``'s routes.

Thin on purpose: a form validates, ``services`` decides and writes, the view renders. Pages that
show a citizen's own booking send ``Cache-Control: no-store``. A browser proves access to a
booking once (the code and access token, typed or from the e-mailed link whose token travels
after ``#``, never to the server in a URL); the session then remembers the booking's id.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from smartcity.core.antispam import SubmissionLimits, submit_once
from smartcity.core.case_access import TOO_MANY_ATTEMPTS, CaseAccess, no_store
from smartcity.core.forms import add_service_errors
from smartcity.core.lookup_limits import count_lookup_failure, lookup_blocked
from smartcity.core.receipts import Receipt, qr_svg, receipt_response
from smartcity.core.workflow import CITIZEN
from smartcity.core.working_days import WIB

from . import services, waitlist
from .forms import (
    BookingForm,
    ManageBookingForm,
    MoveBookingForm,
    WaitlistAccessForm,
    WaitlistForm,
    parse_slot_start,
)
from .models import BookableService, Booking, WaitlistEntry

CALENDAR_DAYS = 7
# The citizen's proven access to their bookings and waitlist entries (see the module docstring).
# Session keys and lookup-limit scopes are kept as they were: existing sessions and counters use them.
BOOKING_ACCESS = CaseAccess(Booking, "appointment_access", "appointments", ManageBookingForm)
WAITLIST_ACCESS = CaseAccess(
    WaitlistEntry, "appointment_waitlist_access", "appointments-waitlist", WaitlistAccessForm
)


def _fresh(response):
    patch_cache_control(response, no_cache=True)
    return response


def _service_or_404(slug: str) -> BookableService:
    return get_object_or_404(BookableService.objects.bookable().select_related("agency"), slug=slug)


# --- Choosing a service and a time ---------------------------------------------------------------


def service_list(request, page):
    offers = [
        {
            "service": service,
            "next_free": services.next_free_slot(service),
            "typical_wait": services.typical_wait_days(service),
        }
        for service in BookableService.objects.bookable().select_related("agency")
    ]
    return _fresh(
        page.render(request, template="appointments/service_list.html", context_overrides={"offers": offers})
    )


def _calendar_days(service, request, now):
    """The days of the week shown, each with its slots; and the neighbouring weeks' first days."""
    window = service.booking_window(now)
    first = parse_date(request.GET.get("dari", "") or "") if len(request.GET.get("dari", "")) <= 10 else None
    if first is None or first < window.first_day or first > window.last_day:
        first = window.first_day
    last = first + datetime.timedelta(days=CALENDAR_DAYS - 1)
    slots = services.availability(service, first, last, now=now)
    days = []
    for offset in range(CALENDAR_DAYS):
        day = first + datetime.timedelta(days=offset)
        day_slots = [s for s in slots if s.start.date() == day]
        # A day with times but no free place: the waitlist is open.
        days.append(
            {
                "date": day,
                "slots": day_slots,
                "full": bool(day_slots) and not any(s.available for s in day_slots),
            }
        )
    previous = first - datetime.timedelta(days=CALENDAR_DAYS)
    following = first + datetime.timedelta(days=CALENDAR_DAYS)
    return {
        "days": days,
        "previous_week": max(previous, window.first_day) if first > window.first_day else None,
        "next_week": following if following <= window.last_day else None,
    }


def service_detail(request, page, service):
    service = _service_or_404(service)
    context = {
        "service": service,
        "waitlist_url": page.subpage_path("waitlist_join", service=service.slug),
        "next_free": services.next_free_slot(service),
        "typical_wait": services.typical_wait_days(service),
        **_calendar_days(service, request, timezone.now()),
    }
    return _fresh(
        page.render(request, template="appointments/service_detail.html", context_overrides=context)
    )


# --- Booking -------------------------------------------------------------------------------------


FORM_LIMITS = SubmissionLimits(scope="appointments", attempts_per_ip="60/h", per_ip="20/h", per_contact="5/h")


def booking_form(request, page, service):
    """GET shows the form for ``?waktu=``; POST books once (core ``submit_once``) and redirects,
    or keeps everything typed and explains; a slot just taken offers the nearest free ones."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    service = _service_or_404(service)
    status, alternatives, limited = 200, [], False
    if request.method == "POST":
        form = BookingForm(request.POST, service=service)
        issued_tokens = {}

        def store(data: dict) -> Booking:
            result = services.book(
                service=service,
                start=data["start"],
                data=form.booking_data(),
                language=request.LANGUAGE_CODE,
                manage_link=request.build_absolute_uri(page.subpage_path("manage")) + "#",
            )
            issued_tokens[result.booking.pk] = result.token
            return result.booking

        try:
            outcome = submit_once(request, form, FORM_LIMITS, store, contacts=lambda: form.contacts)
        except services.SlotTaken as taken:
            form.add_error("start", taken.message)
            alternatives, status = taken.alternatives, 409
        else:
            if outcome.result is not None:
                return _after_booking(request, page, outcome.result, issued_tokens.get(outcome.result.pk))
            status, limited = outcome.status, outcome.limited
            if status == 200:
                status = 400
    else:
        form = BookingForm(service=service, initial={"start": request.GET.get("waktu", "")[:40]})
    start = parse_slot_start(form["start"].value() or "")
    response = page.render(
        request,
        template="appointments/booking_form.html",
        context_overrides={
            "service": service,
            "form": form,
            "chosen_start": start,
            "alternatives": alternatives,
            "limited": limited,
            # The time is a hidden field: its problems are listed with the others.
            "extra_problems": form.errors.get("start", []),
        },
    )
    response.status_code = status
    return no_store(response)


def _after_booking(request, page, booking: Booking, token: str | None):
    """Redirect (303) to the booking; only the browser that booked has access to it."""
    return BOOKING_ACCESS.after_filing(
        request, booking, token, page.subpage_path("booking", code=booking.reference)
    )


# --- The citizen's own booking -------------------------------------------------------------------


def _own(access: CaseAccess, request, code: str):
    """The booking or waitlist entry ``code`` if this browser opened it, else 404."""
    return access.own_or_404(request, code.upper(), access.model.objects.select_related("service__agency"))


def _open(access: CaseAccess, request, page, template: str, route: str):
    return access.open_view(
        request,
        page,
        template=f"appointments/{template}",
        case_url=lambda case: page.subpage_path(route, code=case.reference),
    )


def _own_booking(request, code: str) -> Booking:
    return _own(BOOKING_ACCESS, request, code)


def open_booking(request, page):
    """The code and access token open the booking in this browser (POST only: no token in URLs)."""
    return _open(BOOKING_ACCESS, request, page, "manage.html", "booking")


def booking_detail(request, page, code):
    """The booking with its code, QR, calendar file and, until the cut-off, cancel and move."""
    booking = _own_booking(request, code)
    if request.method == "POST" and request.POST.get("action") == "cancel":
        try:
            services.cancel(booking, CITIZEN)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Your appointment has been cancelled."))
        return redirect(page.subpage_path("booking", code=booking.reference))
    token = BOOKING_ACCESS.new_code(request, booking)
    context = {
        "booking": booking,
        "service": booking.service,
        "token": token,
        "manage_link": request.build_absolute_uri(page.subpage_path("manage"))
        + f"#{booking.reference}.{token}"
        if token
        else "",
        "qr": qr_svg(
            booking.reference, _("QR code of the booking code %(code)s") % {"code": booking.reference}
        ),
        "can_change": booking.can_be_changed_by_citizen(),
        "change_deadline": booking.change_deadline(),
    }
    return no_store(
        page.render(request, template="appointments/booking_detail.html", context_overrides=context)
    )


def move_booking(request, page, code):
    booking = _own_booking(request, code)
    service = booking.service
    status, alternatives = 200, []
    form = MoveBookingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.move(booking, form.cleaned_data["start"], CITIZEN)
        except services.SlotTaken as taken:
            form.add_error("start", taken.message)
            alternatives, status = taken.alternatives, 409
        except ValidationError as error:
            add_service_errors(form, error)
            status = 400
        else:
            messages.success(request, _("Your appointment has been moved."))
            return redirect(page.subpage_path("booking", code=booking.reference))
    elif request.method == "POST":
        status = 400
    context = {
        "booking": booking,
        "service": service,
        "form": form,
        "alternatives": alternatives,
        "extra_problems": form.errors.get("start", []),
        **_calendar_days(service, request, timezone.now()),
    }
    response = page.render(request, template="appointments/move.html", context_overrides=context)
    response.status_code = status
    return no_store(response)


def booking_ics(request, page, code):
    booking = _own_booking(request, code)
    body = services.ics_calendar(
        booking, url=request.build_absolute_uri(page.subpage_path("booking", code=booking.reference))
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{booking.reference}.ics"'
    return no_store(response)


def booking_receipt(request, page, code):
    """The PDF receipt (core receipts), while this browser still has the access code it was given."""
    booking = _own_booking(request, code)
    token = BOOKING_ACCESS.new_code(request, booking)
    if not token:
        raise Http404
    service = booking.service
    document = Receipt(
        heading=_("Appointment receipt"),
        issuer=service.agency.name,
        reference=booking.reference,
        access_code=token,
        tracking_url=request.build_absolute_uri(page.subpage_path("manage"))
        + f"#{booking.reference}.{token}",
        lines=[
            (_("Service"), service.name),
            (_("Time"), booking.starts_at.astimezone(WIB).strftime("%d-%m-%Y %H:%M WIB")),
            (_("Place"), service.location),
        ],
        instructions=_("Show the booking code or its QR code at the counter. Keep the access code private."),
    )
    return receipt_response(document, f"{booking.reference}.pdf")


# --- Confirming attendance after the reminder ----------------------------------------------------


def confirm_booking(request, page):
    """The reminder's link ``kelola/konfirmasi/#<code>.<confirmation code>``: a small script posts
    the two codes (without JavaScript the citizen types them); the link works once, before the
    deadline. Success opens the booking in this browser."""
    status = 200
    if request.method == "POST":
        form = ManageBookingForm(request.POST)
        if not form.is_valid():
            status = 400
        elif lookup_blocked(request, "appointments", form.cleaned_data["code"]):
            form.add_error(None, TOO_MANY_ATTEMPTS)
            status = 429
        else:
            booking = Booking.objects.filter(reference=form.cleaned_data["code"]).first()
            try:
                if booking is None:
                    raise ValidationError(_("This confirmation link is not valid."), code="invalid")
                confirmed = services.confirm_attendance(booking, form.cleaned_data["token"])
            except ValidationError as error:
                if error.code == "invalid":
                    count_lookup_failure(request, "appointments", form.cleaned_data["code"])
                form.add_error(None, error.messages[0])
                status = 400
            else:
                BOOKING_ACCESS.grant(request, booking)
                if confirmed:
                    messages.success(request, _("Thank you: your attendance is confirmed. See you there."))
                else:
                    messages.info(request, _("Your attendance was already confirmed."))
                return redirect(page.subpage_path("booking", code=booking.reference))
    else:
        form = ManageBookingForm()
    response = page.render(request, template="appointments/confirm.html", context_overrides={"form": form})
    response.status_code = status
    return no_store(response)


# --- The waitlist of a full day ------------------------------------------------------------------


WAITLIST_LIMITS = SubmissionLimits(
    scope="appointments-waitlist", attempts_per_ip="60/h", per_ip="20/h", per_contact="5/h"
)


def waitlist_form(request, page, service):
    """GET shows the form for ``?tanggal=`` (a full day); POST puts the citizen on the list once
    (core ``submit_once``, the booking form's protection and limits) and redirects to the entry,
    or keeps everything typed and explains."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    service = _service_or_404(service)
    status, limited = 200, False
    if request.method == "POST":
        form = WaitlistForm(request.POST, service=service)
        issued_tokens = {}

        def store(data: dict) -> WaitlistEntry:
            result = waitlist.join(
                service=service,
                day=data["day"],
                data=form.waitlist_data(),
                language=request.LANGUAGE_CODE,
                link=request.build_absolute_uri(page.subpage_path("waitlist_open")),
            )
            issued_tokens[result.entry.pk] = result.token
            return result.entry

        outcome = submit_once(request, form, WAITLIST_LIMITS, store, contacts=lambda: form.contacts)
        if outcome.result is not None:
            entry = outcome.result
            if issued_tokens.get(entry.pk):
                WAITLIST_ACCESS.grant(request, entry)
            response = redirect(page.subpage_path("waitlist_entry", code=entry.reference))
            response.status_code = 303
            return no_store(response)
        status, limited = outcome.status, outcome.limited
        if status == 200:
            status = 400
    else:
        day = request.GET.get("tanggal", "")
        form = WaitlistForm(service=service, initial={"day": day[:10]})
    day_value = form["day"].value() or ""
    day = parse_date(str(day_value)[:10]) if len(str(day_value)) >= 10 else None
    response = page.render(
        request,
        template="appointments/waitlist_form.html",
        context_overrides={
            "service": service,
            "form": form,
            "chosen_day": day,
            "limited": limited,
            "extra_problems": form.errors.get("day", []),
        },
    )
    response.status_code = status
    return no_store(response)


def open_waitlist_entry(request, page):
    """The waitlist number and access code (from the e-mailed link, after ``#``) open the entry."""
    return _open(WAITLIST_ACCESS, request, page, "waitlist_open.html", "waitlist_entry")


def waitlist_entry(request, page, code):
    """The entry: its place on the list; an offered place to accept (which books it) or decline."""
    entry = _own(WAITLIST_ACCESS, request, code)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "accept":
                result = waitlist.accept(
                    entry, manage_link=request.build_absolute_uri(page.subpage_path("manage")) + "#"
                )
                return _after_booking(request, page, result.booking, result.token)
            if action == "decline":
                waitlist.decline(entry)
                messages.success(request, _("You have declined the place. It goes to the next person."))
            elif action == "leave":
                waitlist.leave(entry)
                messages.success(request, _("You have left the waitlist."))
        except services.SlotTaken as taken:
            messages.error(request, taken.message)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(page.subpage_path("waitlist_entry", code=entry.reference))
    context = {
        "entry": entry,
        "service": entry.service,
        "position": entry.position(),
        "offer_open": entry.offer_open(),
    }
    return no_store(
        page.render(request, template="appointments/waitlist_entry.html", context_overrides=context)
    )
