"""Open311 GeoReport v2 API for e-masyarakat (http://wiki.open311.org/GeoReport_v2).

Every resource exists as ``.json`` and ``.xml``; errors use the specification's ``errors`` body
with the matching HTTP status. The API only ever shows what a public page may show:

* service requests are ``Complaint.objects.public()`` (never private ones, never spam);
* nothing about the reporter is returned: no name, e-mail, phone, NIK, device or account;
* the location is the kelurahan (urban village) and kecamatan (district) with the map point the
  reporter chose, never the street address typed in the form: people often give their own house
  ("depan rumah saya, Jl. Melati No. 5"), which would tie a complaint to a household;
* attachments are private, so ``media_url`` is always empty.

Reading needs no key. Creating a request (``POST requests``) needs an API key of an
``Open311Client`` (see ``api_keys``) and is rate-limited per key.
"""

from __future__ import annotations

import datetime
import functools
import json
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.dateparse import parse_datetime
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import is_ratelimited

from smartcity.core import forms as core_forms
from smartcity.core.cleaning import check_date_range
from smartcity.core.models import Kelurahan
from smartcity.core.personal_data import clean_phone as normalise_phone

from .api_keys import client_for_key
from .models import Complaint, ComplaintCategory, ComplaintEvent
from .services import submit_complaint

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
# When this API's behaviour last changed (the discovery document's ``changeset``).
CHANGESET = "2026-11-23T00:00:00+07:00"
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
FORMATS = ["text/xml", "application/json"]

# GeoReport v2 "Response Volume": a span of 90 days or the first 1000 requests.
MAX_REQUESTS = 1000
MAX_SPAN = datetime.timedelta(days=90)
DESCRIPTION_MAX_CHARS = 4000  # the specification's limit for ``description``
TITLE_MAX_CHARS = 150  # Complaint.title
ANONYMOUS_REPORTER = "Anonim"
KELURAHAN_ATTRIBUTE = "kelurahan"

SERVICES_MAX_AGE = 300
REQUESTS_MAX_AGE = 60

# Our richer states on the specification's two: a request is "closed" once it is finished.
CLOSED_STATES = tuple(Complaint.FINISHED_STATES)
OPEN_STATES = tuple(s for s in Complaint.Status.values if s not in CLOSED_STATES)

# XML element names of list items (the Spark convention's reverse: a JSON list inside an object).
XML_ITEM_NAMES = {"endpoints": "endpoint", "formats": "format", "attributes": "attribute", "values": "value"}
# Characters that XML 1.0 cannot carry at all, even escaped (citizens' text may contain them).
XML_INVALID_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
JSON_HTML_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def jurisdiction_id() -> str:
    return getattr(settings, "OPEN311_JURISDICTION_ID", "binjaikota.go.id")


def city_name() -> str:
    return getattr(settings, "OPEN311_CITY_NAME", "Binjai")


def post_rate() -> str:
    return getattr(settings, "OPEN311_POST_RATE", "60/h")


# --- Errors and rendering ---------------------------------------------------------------------


@dataclass(eq=False)  # exceptions stay hashable
class Open311Error(Exception):
    """Ends a request with the specification's error body; ``messages`` become ``error`` items."""

    status: int
    messages: list[str]

    @classmethod
    def one(cls, status: int, message: str) -> Open311Error:
        return cls(status, [message])


def w3c(value: datetime.datetime | None) -> str | None:
    """A date-time as the specification wants it: W3C/ISO 8601 with the offset, in WIB."""
    if value is None:
        return None
    return timezone.localtime(value).isoformat(timespec="seconds")


def _xml_text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return XML_INVALID_CHARS.sub("", str(value))


def _xml_fill(element: ET.Element, value) -> None:
    if isinstance(value, dict):
        for name, child in value.items():
            _xml_fill(ET.SubElement(element, name), child)
    elif isinstance(value, list):
        item_name = XML_ITEM_NAMES[element.tag]
        for item in value:
            _xml_fill(ET.SubElement(element, item_name), item)
    elif value is not None:  # None is an empty element (JSON null)
        element.text = _xml_text(value)


def _json_default(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def render(data, fmt: str, *, root: str, item: str | None = None, status: int = 200) -> HttpResponse:
    """``data`` as JSON, or as XML under ``root`` (a list: one ``item`` element per entry)."""
    if fmt == "json":
        text = json.dumps(data, ensure_ascii=False, default=_json_default)
        # These occur only inside strings; escaped, the JSON stays inert even if pasted into HTML.
        body = text.translate(JSON_HTML_ESCAPES).encode()
    else:
        element = ET.Element(root)
        if isinstance(data, list):
            for entry in data:
                _xml_fill(ET.SubElement(element, item), entry)
        else:
            _xml_fill(element, data)
        body = b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="utf-8")
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def error_response(fmt: str, error: Open311Error) -> HttpResponse:
    errors = [{"code": error.status, "description": message} for message in error.messages]
    return render(errors, fmt, root="errors", item="error", status=error.status)


def _check_jurisdiction(request: HttpRequest) -> None:
    # "Optional" in the specification: an empty parameter is the same as none at all.
    value = request.POST.get("jurisdiction_id") or request.GET.get("jurisdiction_id")
    if value and value.strip().lower() != jurisdiction_id().lower():
        raise Open311Error.one(404, _("jurisdiction_id “%(id)s” was not found.") % {"id": value[:100]})


def _endpoint(*, methods: tuple[str, ...] = ("GET", "HEAD"), max_age: int | None = None):
    """Wrap a read view: method and jurisdiction checks, error bodies, CORS and caching headers."""

    def decorate(view):
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args, fmt: str, **kwargs) -> HttpResponse:
            try:
                if request.method not in methods:
                    message = _("The %(method)s method is not allowed here.") % {"method": request.method}
                    raise Open311Error.one(405, message)
                _check_jurisdiction(request)
                response = view(request, *args, fmt=fmt, **kwargs)
            except Open311Error as error:
                response = error_response(fmt, error)
                if error.status == 405:
                    response["Allow"] = ", ".join(methods)
            else:
                if max_age is not None:
                    patch_cache_control(response, public=True, max_age=max_age)
            # Public, read-only data: any web page may fetch it.
            response["Access-Control-Allow-Origin"] = "*"
            return response

        return wrapper

    return decorate


# --- Service discovery and services -----------------------------------------------------------


@_endpoint(max_age=SERVICES_MAX_AGE)
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    """The Open311 Service Discovery document: where this API lives and in which formats."""
    path = reverse("open311:discovery", kwargs={"fmt": fmt})
    base = request.build_absolute_uri(path.rsplit("/", 1)[0] + "/")
    data = {
        "changeset": CHANGESET,
        "contact": getattr(
            settings,
            "OPEN311_CONTACT",
            _("Diskominfo Kota Binjai (communications and informatics office), %(email)s")
            % {"email": "diskominfo@binjaikota.go.id"},
        ),
        "key_service": getattr(
            settings,
            "OPEN311_KEY_SERVICE",
            _(
                "Reading needs no key. To submit service requests, ask Diskominfo Kota Binjai for an "
                "API key; keys are issued by the city's complaint desk in the portal's admin."
            ),
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": CHANGESET,
                "type": "production",
                "formats": FORMATS,
            }
        ],
    }
    return render(data, fmt, root="discovery")


def _service(category: ComplaintCategory) -> dict:
    return {
        "service_code": category.service_code,
        "service_name": category.name,
        "description": category.description,
        # The service definition has the kelurahan attribute clients should offer.
        "metadata": True,
        "type": "realtime",
        "keywords": category.keywords,
        "group": category.default_agency.short_name,
    }


def _active_categories():
    return ComplaintCategory.objects.filter(is_active=True).select_related("default_agency")


@_endpoint(max_age=SERVICES_MAX_AGE)
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    """GET Service List: the active complaint categories."""
    data = [_service(category) for category in _active_categories().order_by("name")]
    return render(data, fmt, root="services", item="service")


def _kelurahan_attribute() -> dict:
    """The one attribute every service has: the kelurahan where the problem is."""
    villages = Kelurahan.objects.select_related("kecamatan").order_by("kecamatan__name", "name")
    return {
        "variable": True,
        "code": KELURAHAN_ATTRIBUTE,
        "datatype": "singlevaluelist",
        # Not required when address_string or address_id already names the kelurahan.
        "required": False,
        "datatype_description": _(
            "The kelurahan's region code. Needed unless address_id is that code or "
            "address_string names the kelurahan."
        ),
        "order": 1,
        "description": _("Kelurahan (urban village) where the problem is"),
        "values": [{"key": v.code, "name": f"{v.name}, {v.kecamatan.name}"} for v in villages],
    }


@_endpoint(max_age=SERVICES_MAX_AGE)
def service_definition(request: HttpRequest, service_code: str, fmt: str) -> HttpResponse:
    """GET Service Definition: the attributes a request of this service may carry."""
    category = _active_categories().filter(service_code=service_code).first()
    if category is None:
        raise Open311Error.one(404, _("service_code “%(code)s” was not found.") % {"code": service_code})
    data = {"service_code": category.service_code, "attributes": [_kelurahan_attribute()]}
    return render(data, fmt, root="service_definition")


# --- Reading service requests -----------------------------------------------------------------


def _public_requests():
    """Public complaints with everything one request needs, in a single query."""
    events = ComplaintEvent.objects.filter(case=OuterRef("pk"), kind=ComplaintEvent.Kind.STATUS)
    return (
        Complaint.objects.public()
        .select_related("category", "category__default_agency", "agency", "kelurahan__kecamatan")
        .annotate(
            # Staff's public explanation of the latest status change; citizens' own words (their
            # reopen messages) and replies addressed to the reporter may hold personal details.
            api_status_note=Subquery(
                events.filter(is_public=True, by_citizen=False)
                .exclude(note="")
                .order_by("-created_at", "-pk")
                .values("note")[:1]
            ),
            api_status_since=Subquery(
                events.filter(to_status=OuterRef("status"))
                .order_by("-created_at", "-pk")
                .values("created_at")[:1]
            ),
        )
    )


def _status_notes(complaint: Complaint) -> str:
    note = complaint.api_status_note or ""
    if complaint.status == Complaint.Status.REJECTED and complaint.rejection_reason:
        reason = str(complaint.get_rejection_reason_display())
        return f"{reason}: {note}" if note else reason
    return note


def service_request_data(complaint: Complaint) -> dict:
    """One complaint as a GeoReport v2 service request, without anything about the reporter."""
    closed = complaint.status in CLOSED_STATES
    agency = complaint.agency or complaint.category.default_agency
    kelurahan = complaint.kelurahan
    # For closed requests the specification wants the time they were closed.
    updated = (complaint.api_status_since if closed else None) or complaint.updated_at
    return {
        "service_request_id": complaint.reference,
        "status": "closed" if closed else "open",
        "status_notes": _status_notes(complaint),
        "service_name": complaint.category.name,
        "service_code": complaint.category.service_code,
        # The desk's public wording: the citizen's own text may hold personal details.
        "description": Truncator(complaint.published_description).chars(DESCRIPTION_MAX_CHARS),
        "agency_responsible": agency.name,
        "service_notice": "",
        "requested_datetime": w3c(complaint.created_at),
        "updated_datetime": w3c(updated),
        "expected_datetime": w3c(complaint.resolution_due),
        # Kelurahan and kecamatan only, never the street address (see the module docstring).
        "address": f"{kelurahan.name}, {kelurahan.kecamatan.name}",
        # Our addressing system is the Kemendagri region code of the kelurahan.
        "address_id": kelurahan.code,
        "zipcode": kelurahan.postal_code,
        # Rounded like the public map: an exact point can identify the reporter's house.
        "lat": complaint.public_point[0] if complaint.has_point else None,
        "long": complaint.public_point[1] if complaint.has_point else None,
        "media_url": "",  # attachments are private
    }


def _csv(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()]


def parse_w3c(value: str | None, name: str, *, end_of_day: bool = False) -> datetime.datetime | None:
    """A W3C date-time parameter (``2026-11-23T15:04:05+07:00``, ``…Z``) or a plain date.

    A date alone covers the whole day in WIB; a date-time without an offset is read as WIB.
    """
    if not value:
        return None
    # A "+" that was not URL-encoded arrives as a space; a W3C date-time never has one.
    value = value.strip().replace(" ", "+")
    if W3C_DATE.match(value):
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            day = None
        if day is not None:
            _check_range(day, name)
            moment = datetime.datetime.combine(day, datetime.time.max if end_of_day else datetime.time.min)
            return timezone.make_aware(moment)
    try:
        moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        raise Open311Error.one(
            400,
            _("%(name)s must be a W3C date-time, for example 2026-11-23T15:04:05+07:00.") % {"name": name},
        )
    _check_range(moment, name)
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _check_range(moment: datetime.datetime, name: str) -> None:
    # Far-away dates overflow datetime arithmetic (time zones, the 90-day window).
    try:
        check_date_range(moment)
    except ValidationError as error:
        raise Open311Error(400, [f"{name}: {message}" for message in error.messages]) from None


def filter_requests(params) -> list[Complaint]:
    """Public requests matching the GET Service Requests parameters, newest first."""
    queryset = _public_requests().order_by("-created_at", "-pk")
    references = _csv(params.get("service_request_id"))
    if references:
        # "This overrides all other arguments."
        return list(queryset.filter(reference__in=[r.upper() for r in references[:MAX_REQUESTS]]))

    codes = _csv(params.get("service_code"))
    if codes:
        queryset = queryset.filter(category__service_code__in=codes)

    statuses = {s.lower() for s in _csv(params.get("status"))}
    unknown = statuses - {"open", "closed"}
    if unknown:
        raise Open311Error.one(
            400,
            _("status must be open, closed or both (comma-separated), not “%(value)s”.")
            % {"value": ", ".join(sorted(unknown))[:100]},
        )
    if statuses == {"open"}:
        queryset = queryset.filter(status__in=OPEN_STATES)
    elif statuses == {"closed"}:
        queryset = queryset.filter(status__in=CLOSED_STATES)

    start = parse_w3c(params.get("start_date"), "start_date")
    end = parse_w3c(params.get("end_date"), "end_date", end_of_day=True)
    if start and end:
        if end < start:
            raise Open311Error.one(400, _("end_date must not be before start_date."))
        if end - start > MAX_SPAN:
            raise Open311Error.one(400, _("start_date and end_date may not span more than 90 days."))
    elif start:
        end = start + MAX_SPAN
    elif end:
        start = end - MAX_SPAN
    else:
        start = timezone.now() - MAX_SPAN  # the default: the most recent 90 days
    queryset = queryset.filter(created_at__gte=start)
    if end:
        queryset = queryset.filter(created_at__lte=end)
    return list(queryset[:MAX_REQUESTS])


@_endpoint(max_age=REQUESTS_MAX_AGE)
def _list_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    data = [service_request_data(c) for c in filter_requests(request.GET)]
    return render(data, fmt, root="service_requests", item="request")


@_endpoint(max_age=REQUESTS_MAX_AGE)
def service_request(request: HttpRequest, service_request_id: str, fmt: str) -> HttpResponse:
    """GET Service Request: one public request, as a list of one (as the specification says)."""
    complaint = _public_requests().filter(reference=service_request_id.upper()).first()
    if complaint is None:
        raise Open311Error.one(
            404, _("service_request_id “%(id)s” was not found.") % {"id": service_request_id[:40]}
        )
    return render([service_request_data(complaint)], fmt, root="service_requests", item="request")


@_endpoint()
def token(request: HttpRequest, token: str, fmt: str) -> HttpResponse:
    """GET service_request_id from a token: never needed here, so every token is unknown.

    Requests are created synchronously (service type "realtime"): POST requests returns the
    service_request_id at once and never a token. The endpoint exists for completeness; it does
    not look at complaints' access tokens, which are the citizens' secrets, not Open311 tokens.
    """
    raise Open311Error.one(
        404,
        _(
            "Token not found. This server creates service requests immediately: POST requests "
            "returns the service_request_id, never a token."
        ),
    )


# --- Creating service requests ----------------------------------------------------------------


class ServiceRequestForm(forms.Form):
    """The POST Service Request arguments we use (field names from the specification).

    ``device_id`` and ``account_id`` are not stored: we keep no accounts and track no devices.
    ``media_url`` is ignored: the server never downloads anything a client points it at;
    photos can be added by the reporter on the tracking page.
    """

    service_code = forms.CharField(max_length=60)
    lat = forms.DecimalField(min_value=-90, max_value=90, required=False)
    long = forms.DecimalField(min_value=-180, max_value=180, required=False)
    address_string = core_forms.TextField(
        max_length=core_forms.model_max_length(Complaint, "address"), required=False
    )
    address_id = core_forms.TextField(max_length=20, required=False)
    email = core_forms.EmailField(
        max_length=core_forms.model_max_length(Complaint, "reporter_email"), required=False
    )
    first_name = core_forms.NameField(max_length=60, required=False)
    last_name = core_forms.NameField(max_length=60, required=False)
    phone = core_forms.TextField(max_length=30, required=False)
    description = core_forms.MultilineTextField(max_length=DESCRIPTION_MAX_CHARS)

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data["phone"])

    def clean(self):
        cleaned = super().clean()
        lat, long = cleaned.get("lat"), cleaned.get("long")
        if (lat is None) != (long is None):
            raise ValidationError(_("Send lat and long together."), code="point")
        if lat is not None:
            # Stored with 6 decimals (about 10 cm); clients often send more.
            cleaned["lat"] = lat.quantize(Decimal("0.000001"))
            cleaned["long"] = long.quantize(Decimal("0.000001"))
        has_location = lat is not None or cleaned.get("address_string") or cleaned.get("address_id")
        if not has_location and not self.has_error("lat") and not self.has_error("long"):
            self.add_error(
                None,
                ValidationError(
                    _("A location is required: lat and long, address_string or address_id."),
                    code="location",
                ),
            )
        if not cleaned.get("email") and not cleaned.get("phone") and not self.has_error("phone"):
            self.add_error(
                None,
                ValidationError(
                    _("Give an email or a phone number so the city can reach the reporter."),
                    code="contact",
                ),
            )
        name = f"{cleaned.get('first_name', '')} {cleaned.get('last_name', '')}".strip()
        name_limit = core_forms.model_max_length(Complaint, "reporter_name")
        if len(name) > name_limit:
            self.add_error(
                None,
                ValidationError(
                    _("first_name + last_name: at most %(max)s characters together."),
                    code="name_too_long",
                    params={"max": name_limit},
                ),
            )
        if not self.errors:
            cleaned["kelurahan"] = find_kelurahan(
                self.data.get(f"attribute[{KELURAHAN_ATTRIBUTE}]", ""),
                cleaned.get("address_id", ""),
                cleaned.get("address_string", ""),
            )
        return cleaned


def _words(text: str) -> str:
    return " " + " ".join(re.findall(r"\w+", text.lower())) + " "


def _occurrences(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where the whole words of ``phrase`` occur in ``text`` (both normalised by ``_words``)."""
    phrase = _words(phrase)
    spans, start = [], text.find(phrase)
    while start != -1:
        spans.append((start, start + len(phrase)))
        start = text.find(phrase, start + 1)
    return spans


def find_kelurahan(attribute: str, address_id: str, address_string: str) -> Kelurahan:
    """The kelurahan of a new request; we have no boundaries to place a lat/long in one.

    1. ``attribute[kelurahan]``: a region code (as listed in the service definition) or a name.
    2. ``address_id``: a kelurahan's region code.
    3. ``address_string``: the kelurahan named in it (whole words, any case). Names inside a
       longer kelurahan or kecamatan name ("Binjai" in "Binjai Timur") and the city itself
       ("Kota Binjai") do not count, and a kelurahan named like the city counts only when called
       one ("Kelurahan Binjai", "Kel. Binjai"). If several are named, those whose kecamatan is named too
       win; if that still leaves more or none, the request is refused with a clear message.
    """
    villages = list(Kelurahan.objects.select_related("kecamatan"))
    for value in (attribute.strip(), address_id.strip()):
        if not value:
            continue
        by_code = [v for v in villages if v.code == value]
        by_name = [v for v in villages if _words(v.name) == _words(value)]
        by_full_name = [v for v in villages if _words(f"{v.name} {v.kecamatan.name}") == _words(value)]
        for matches in (by_code, by_name, by_full_name):
            if len(matches) == 1:
                return matches[0]
        raise ValidationError(
            _("“%(value)s” is not a kelurahan: use a region code from the service definition.")
            % {"value": value[:60]},
            code="kelurahan",
        )
    text = _words(address_string)
    if not text.strip():
        raise ValidationError(
            _(
                "Say in which kelurahan the problem is: send attribute[kelurahan] (a region code from "
                "the service definition) or name the kelurahan in address_string."
            ),
            code="kelurahan",
        )
    # A name inside a longer one ("Binjai" in "Binjai Timur" or "Pekan Binjai") or after "kota"
    # (the city, "Kota Binjai") is not that kelurahan.
    longer = {v.kecamatan.name for v in villages} | {v.name for v in villages}
    longer |= {f"kota {v.name}" for v in villages}
    longer_spans = [span for phrase in longer for span in _occurrences(text, phrase)]

    def named(name: str) -> bool:
        return any(
            not any(s <= start and end <= e and e - s > end - start for s, e in longer_spans)
            for start, end in _occurrences(text, name)
        )

    def named_village(village: Kelurahan) -> bool:
        # "Binjai" alone is the city; the kelurahan of that name must be called one.
        if _words(village.name) == _words(city_name()):
            return any(_occurrences(text, f"{prefix} {village.name}") for prefix in ("kelurahan", "kel"))
        return named(village.name)

    candidates = [v for v in villages if named_village(v)]
    if len(candidates) > 1:
        with_kecamatan = [v for v in candidates if named(v.kecamatan.name)]
        candidates = with_kecamatan or candidates
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        names = ", ".join(f"{v.name} ({v.kecamatan.name})" for v in candidates[:5])
        message = _("address_string names several kelurahan (%(names)s): send attribute[kelurahan].") % {
            "names": names
        }
    else:
        message = _(
            "No kelurahan of the city is named in address_string: name it there or send "
            "attribute[kelurahan] (a region code from the service definition)."
        )
    raise ValidationError(message, code="kelurahan")


def _form_messages(form: forms.Form) -> list[str]:
    messages = []
    for field, errors in form.errors.items():
        for message in errors:
            messages.append(message if field == "__all__" else f"{field}: {message}")
    return messages


# The complaint's fields as the API calls them, so that every error names what the client sent.
API_FIELD_NAMES = {
    "reporter_name": "first_name + last_name",
    "reporter_email": "email",
    "reporter_phone": "phone",
    "address": "address_string",
    "title": "description",
    "description": "description",
    "latitude": "lat",
    "longitude": "long",
    "kelurahan": f"attribute[{KELURAHAN_ATTRIBUTE}]",
    "category": "service_code",
}


def service_error_messages(error: ValidationError) -> list[str]:
    return core_forms.service_error_messages(error, API_FIELD_NAMES)


def title_from(description: str) -> str:
    """The complaint's subject: the first non-empty line of the description."""
    first_line = next((line.strip() for line in description.splitlines() if line.strip()), "")
    return Truncator(first_line).chars(TITLE_MAX_CHARS)


def _create_request(request: HttpRequest, fmt: str) -> HttpResponse:
    _check_jurisdiction(request)
    api_key = request.POST.get("api_key", "")
    if not api_key:
        raise Open311Error.one(403, _("api_key was not provided."))
    client = client_for_key(api_key)
    if client is None:
        raise Open311Error.one(403, _("Invalid api_key received -- can't proceed with create_request."))
    if is_ratelimited(
        request,
        group="open311:post",
        key=lambda _group, _request: f"client:{client.pk}",
        rate=post_rate(),
        increment=True,
    ):
        raise Open311Error.one(429, _("Too many requests with this api_key. Please try again later."))

    code = request.POST.get("service_code", "").strip()
    if not code:
        raise Open311Error.one(400, _("service_code was not provided."))
    category = _active_categories().filter(service_code=code).first()
    if category is None:
        raise Open311Error.one(404, _("service_code “%(code)s” was not found.") % {"code": code[:60]})

    form = ServiceRequestForm(request.POST)
    if not form.is_valid():
        raise Open311Error(400, _form_messages(form))
    data = form.cleaned_data
    name = f"{data['first_name']} {data['last_name']}".strip()
    try:
        submission = submit_complaint(
            data={
                "category": category,
                "title": title_from(data["description"]),
                "description": data["description"],
                "kelurahan": data["kelurahan"],
                # Kept for the handling agency only; the API shows kelurahan and kecamatan.
                "address": data["address_string"],
                "latitude": data["lat"],
                "longitude": data["long"],
                "reporter_name": name or ANONYMOUS_REPORTER,
                "reporter_email": data["email"],
                "reporter_phone": data["phone"],
                # Reporters using another app never chose to show their name on our site.
                "hide_name": True,
                "is_private": False,
            },
            uploads=[],
            language=getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            source=Complaint.Source.OPEN311,
            base_url=request.build_absolute_uri("/").rstrip("/"),
        )
    except ValidationError as error:
        raise Open311Error(400, service_error_messages(error)) from None
    complaint = submission.complaint
    notice = _(
        "Received as %(reference)s. The first response is due by %(first)s; the target for "
        "resolution is %(days)s working days."
    ) % {
        "reference": complaint.reference,
        "first": timezone.localtime(complaint.first_response_due).strftime("%d-%m-%Y"),
        "days": category.resolution_days,
    }
    notice = f"{notice} {_('It is listed publicly once the complaint desk has checked it.')}"
    data = [{"service_request_id": complaint.reference, "service_notice": notice, "account_id": None}]
    return render(data, fmt, root="service_requests", item="request")


@csrf_exempt  # authenticated by api_key, not by a session cookie, so no CSRF token exists
def service_requests(request: HttpRequest, fmt: str) -> HttpResponse:
    """GET Service Requests (public, read-only) or POST Service Request (with an api_key)."""
    if request.method != "POST":
        response = _list_requests(request, fmt=fmt)
        if response.status_code == 405:
            response["Allow"] = "GET, HEAD, POST"
        return response
    try:
        response = _create_request(request, fmt)
    except Open311Error as error:
        response = error_response(fmt, error)
    # The answer concerns one client's submission; no cache may keep it.
    patch_cache_control(response, no_store=True)
    return response


def unknown_endpoint(request: HttpRequest, path: str = "") -> HttpResponse:
    """Anything else under the API: the specification's 404 body (XML, the required format)."""
    fmt = "json" if path.endswith(".json") else "xml"
    response = error_response(fmt, Open311Error.one(404, _("There is no such Open311 resource.")))
    response["Access-Control-Allow-Origin"] = "*"
    return response
