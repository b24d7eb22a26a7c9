"""The Open311 GeoReport v2 API, checked against the specification (wiki.open311.org/GeoReport_v2).

Every endpoint is requested in both formats; responses are parsed (JSON and XML) and checked for
the specification's field names, value types, status values, W3C date-times with an offset and
its error bodies with matching HTTP statuses.
"""

from __future__ import annotations

import datetime
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from smartcity.complaints.api_keys import KEY_HINT_LENGTH, client_for_key, create_client
from smartcity.complaints.models import Complaint, ComplaintCategory, ComplaintEvent, Open311Client
from smartcity.core.models import Kelurahan
from smartcity.core.tokens import digest
from tests.complaints.factories import (
    TEST_API_KEY,
    TEST_TOKEN,
    ComplaintEventFactory,
    Open311ClientFactory,
    PublicComplaintFactory,
)

pytestmark = pytest.mark.django_db

BASE = "/open311/v2"
FORMATS = ["json", "xml"]
W3C_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")
SERVICE_FIELDS = {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}
ATTRIBUTE_FIELDS = {
    "variable",
    "code",
    "datatype",
    "required",
    "datatype_description",
    "order",
    "description",
    "values",
}
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
LIST_ROOTS = {"services": "service", "service_requests": "request", "errors": "error"}
NESTED_LISTS = {"endpoints": "endpoint", "formats": "format", "attributes": "attribute", "values": "value"}


# --- Parsing both formats into the same shape -----------------------------------------------------


def _from_xml(element: ET.Element):
    if element.tag in NESTED_LISTS:
        item = NESTED_LISTS[element.tag]
        assert all(child.tag == item for child in element), f"<{element.tag}> holds only <{item}>"
        return [_from_xml(child) for child in element]
    if len(element):
        return {child.tag: _from_xml(child) for child in element}
    return element.text  # None for an empty element, like JSON null


def parse(response, fmt: str, root: str):
    """The body as Python data; for XML also checks the declaration, the root and list items.

    XML leaves are strings (XML has no types); JSON keeps its types, checked separately.
    """
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    if fmt == "json":
        return json.loads(response.content.decode("utf-8"))
    assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    document = ET.fromstring(response.content)  # noqa: S314 (our own response, not untrusted input)
    assert document.tag == root
    if root in LIST_ROOTS:
        assert all(child.tag == LIST_ROOTS[root] for child in document)
        return [_from_xml(child) for child in document]
    return {child.tag: _from_xml(child) for child in document}


def assert_error(response, fmt: str, status: int) -> list[str]:
    """The specification's error body: a list of {code, description}, code matching the status."""
    assert response.status_code == status
    errors = parse(response, fmt, "errors")
    assert errors, "at least one error"
    for error in errors:
        assert set(error) == {"code", "description"}
        assert str(error["code"]) == str(status)
        if fmt == "json":
            assert isinstance(error["code"], int)
        assert error["description"]
    return [error["description"] for error in errors]


def as_bool(value, fmt: str) -> bool:
    if fmt == "json":
        assert isinstance(value, bool)
        return value
    assert value in ("true", "false")
    return value == "true"


def check_request_fields(item: dict, fmt: str) -> None:
    assert set(item) == REQUEST_FIELDS
    assert item["status"] in ("open", "closed")
    for field in ("requested_datetime", "updated_datetime", "expected_datetime"):
        assert W3C_DATETIME.match(item[field]), (field, item[field])
    for field in ("lat", "long"):
        if item[field] is not None:
            if fmt == "json":
                assert isinstance(item[field], float)
            else:
                float(item[field])
    if fmt == "json":
        for field in REQUEST_FIELDS - {"lat", "long"}:
            assert isinstance(item[field], str), field


def get(client, path: str, **params):
    cache.clear()  # the page cache would otherwise answer a repeated URL from memory
    return client.get(f"{BASE}/{path}", params)


@pytest.fixture
def kelurahan() -> Kelurahan:
    return Kelurahan.objects.select_related("kecamatan").get(name="Tanah Tinggi")


@pytest.fixture
def category() -> ComplaintCategory:
    return ComplaintCategory.objects.select_related("default_agency").get(service_code="lampu-jalan")


# --- Discovery and services ---------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery_describes_this_endpoint(client, fmt):
    response = get(client, f"discovery.{fmt}")
    assert response.status_code == 200
    data = parse(response, fmt, "discovery")
    assert set(data) == {"changeset", "contact", "key_service", "endpoints"}
    assert W3C_DATETIME.match(data["changeset"])
    assert data["contact"] and data["key_service"]
    [endpoint] = data["endpoints"]
    assert set(endpoint) == {"specification", "url", "changeset", "type", "formats"}
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "http://testserver/open311/v2/"
    assert endpoint["type"] == "production"
    assert W3C_DATETIME.match(endpoint["changeset"])
    assert endpoint["formats"] == ["text/xml", "application/json"]
    assert response["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize("fmt", FORMATS)
def test_services_lists_active_categories(client, fmt):
    inactive = ComplaintCategory.objects.get(service_code="perizinan")
    inactive.is_active = False
    inactive.save()
    response = get(client, f"services.{fmt}")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age" in response["Cache-Control"]
    assert response["Access-Control-Allow-Origin"] == "*"
    services = parse(response, fmt, "services")
    active = ComplaintCategory.objects.filter(is_active=True).select_related("default_agency")
    assert {s["service_code"] for s in services} == {c.service_code for c in active}
    assert "perizinan" not in {s["service_code"] for s in services}
    by_code = {c.service_code: c for c in active}
    for service in services:
        assert set(service) == SERVICE_FIELDS
        category = by_code[service["service_code"]]
        assert service["service_name"] == category.name
        assert service["description"] == category.description
        assert service["group"] == category.default_agency.short_name
        assert service["type"] in ("realtime", "batch", "blackbox")
        assert service["type"] == "realtime"
        # metadata true: the definition offers the kelurahan attribute
        assert as_bool(service["metadata"], fmt) is True


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_definition_offers_the_kelurahan_attribute(client, fmt, category):
    response = get(client, f"services/{category.service_code}.{fmt}")
    assert response.status_code == 200
    data = parse(response, fmt, "service_definition")
    assert set(data) == {"service_code", "attributes"}
    assert data["service_code"] == category.service_code
    [attribute] = data["attributes"]
    assert set(attribute) == ATTRIBUTE_FIELDS
    assert attribute["code"] == "kelurahan"
    assert attribute["datatype"] in (
        "string",
        "number",
        "datetime",
        "text",
        "singlevaluelist",
        "multivaluelist",
    )
    assert as_bool(attribute["variable"], fmt) is True
    assert as_bool(attribute["required"], fmt) is False
    assert int(attribute["order"]) == 1
    keys = {value["key"] for value in attribute["values"]}
    assert keys == set(Kelurahan.objects.values_list("code", flat=True))
    assert all(set(value) == {"key", "name"} for value in attribute["values"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_definition_of_unknown_or_inactive_code_is_404(client, fmt):
    assert_error(get(client, f"services/tidak-ada.{fmt}"), fmt, 404)
    ComplaintCategory.objects.filter(service_code="sampah").update(is_active=False)
    assert_error(get(client, f"services/sampah.{fmt}"), fmt, 404)


# --- Reading service requests -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_requests_have_the_specification_fields(client, fmt, kelurahan, category):
    complaint = PublicComplaintFactory(
        category=category, kelurahan=kelurahan, latitude="3.600123", longitude="98.485456"
    )
    PublicComplaintFactory(kelurahan=kelurahan)  # without a map point
    response = get(client, f"requests.{fmt}")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    items = parse(response, fmt, "service_requests")
    assert len(items) == 2
    for item in items:
        check_request_fields(item, fmt)
    item = next(i for i in items if i["service_request_id"] == complaint.reference)
    assert item["status"] == "open"
    assert item["service_code"] == category.service_code
    assert item["service_name"] == category.name
    assert item["description"] == complaint.description
    assert item["agency_responsible"] == complaint.agency.name
    assert item["address"] == f"{kelurahan.name}, {kelurahan.kecamatan.name}"
    assert item["address_id"] == kelurahan.code
    # Rounded to about 110 m like the public map: the exact point could identify a house.
    assert float(item["lat"]) == pytest.approx(3.600) and "3.600123" not in str(item["lat"])
    assert float(item["long"]) == pytest.approx(98.485)
    assert item["media_url"] in ("", None)
    requested = datetime.datetime.fromisoformat(item["requested_datetime"])
    assert requested.utcoffset() == datetime.timedelta(hours=7)  # WIB
    assert abs(requested - complaint.created_at) < datetime.timedelta(seconds=1)
    expected = datetime.datetime.fromisoformat(item["expected_datetime"])
    assert abs(expected - complaint.resolution_due) < datetime.timedelta(seconds=1)
    without_point = next(i for i in items if i["service_request_id"] != complaint.reference)
    assert without_point["lat"] is None and without_point["long"] is None


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Complaint.Status.RECEIVED, "open"),
        (Complaint.Status.VERIFIED, "open"),
        (Complaint.Status.ASSIGNED, "open"),
        (Complaint.Status.IN_PROGRESS, "open"),
        (Complaint.Status.RESOLVED, "closed"),
        (Complaint.Status.CLOSED, "closed"),
        (Complaint.Status.REJECTED, "closed"),
    ],
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_our_states_map_onto_open_and_closed(client, fmt, status, expected):
    extra = {"rejection_reason": Complaint.RejectionReason.OUT_OF_SCOPE} if status == "rejected" else {}
    complaint = PublicComplaintFactory(status=status, **extra)
    [item] = parse(get(client, f"requests/{complaint.reference}.{fmt}"), fmt, "service_requests")
    assert item["status"] == expected


def test_closed_request_is_updated_when_it_was_closed(client):
    complaint = PublicComplaintFactory(status=Complaint.Status.RESOLVED)
    resolved_at = timezone.now() - datetime.timedelta(days=2)
    ComplaintEventFactory(
        case=complaint,
        kind=ComplaintEvent.Kind.STATUS,
        from_status="in_progress",
        to_status="resolved",
        is_public=True,
        note="",
        created_at=resolved_at,
    )
    [item] = get(client, f"requests/{complaint.reference}.json").json()
    updated = datetime.datetime.fromisoformat(item["updated_datetime"])
    assert abs(updated - resolved_at) < datetime.timedelta(seconds=1)


def test_status_notes_show_staffs_public_status_note_only(client):
    complaint = PublicComplaintFactory(status=Complaint.Status.IN_PROGRESS)
    ComplaintEventFactory(
        case=complaint,
        kind=ComplaintEvent.Kind.STATUS,
        to_status="in_progress",
        is_public=True,
        note="Petugas PLN dijadwalkan hari Kamis.",
    )
    later = timezone.now() + datetime.timedelta(minutes=1)
    ComplaintEventFactory(
        case=complaint,
        kind=ComplaintEvent.Kind.STATUS,
        to_status="in_progress",
        is_public=False,
        note="Alasan internal status",
        created_at=later,
    )
    ComplaintEventFactory(
        case=complaint,
        kind=ComplaintEvent.Kind.STATUS,
        to_status="assigned",
        is_public=True,
        by_citizen=True,
        note="Saya buka lagi, hubungi 0812",
        created_at=later,
    )
    ComplaintEventFactory(
        case=complaint, kind=ComplaintEvent.Kind.NOTE, is_public=False, note="Rahasia internal"
    )
    ComplaintEventFactory(
        case=complaint, kind=ComplaintEvent.Kind.CITIZEN, is_public=True, by_citizen=True, note="Pesan warga"
    )
    ComplaintEventFactory(
        case=complaint, kind=ComplaintEvent.Kind.REPLY, is_public=True, note="Balasan untuk Pak Budi"
    )
    [item] = get(client, f"requests/{complaint.reference}.json").json()
    assert item["status_notes"] == "Petugas PLN dijadwalkan hari Kamis."
    body = get(client, f"requests/{complaint.reference}.xml").content.decode()
    for hidden in ("Rahasia internal", "Alasan internal", "0812", "Pesan warga", "Pak Budi"):
        assert hidden not in body


def test_status_notes_of_a_rejected_request_give_the_reason(client):
    complaint = PublicComplaintFactory(
        status=Complaint.Status.REJECTED, rejection_reason=Complaint.RejectionReason.DUPLICATE
    )
    [item] = get(client, f"requests/{complaint.reference}.json").json()
    assert item["status"] == "closed"
    assert item["status_notes"] == str(Complaint.RejectionReason.DUPLICATE.label)


@pytest.mark.parametrize("fmt", FORMATS)
def test_citizens_text_stays_text_in_both_formats(client, fmt):
    description = 'Lampu mati <script>alert("x")</script> & "gelap"\x0b\nBaris kedua'
    complaint = PublicComplaintFactory(description=description)
    response = get(client, f"requests/{complaint.reference}.{fmt}")
    assert b"<script>" not in response.content
    [item] = parse(response, fmt, "service_requests")  # well-formed despite the control character
    # XML 1.0 cannot carry the vertical tab at all, so the XML drops it.
    assert item["description"] == (description.replace("\x0b", "") if fmt == "xml" else description)
    assert "<script>" in item["description"]  # inert text for the client to escape, not markup


@pytest.mark.parametrize("fmt", FORMATS)
def test_filter_by_service_code_list(client, fmt):
    lampu = PublicComplaintFactory(category=ComplaintCategory.objects.get(service_code="lampu-jalan"))
    sampah = PublicComplaintFactory(category=ComplaintCategory.objects.get(service_code="sampah"))
    PublicComplaintFactory(category=ComplaintCategory.objects.get(service_code="drainase"))
    items = parse(get(client, f"requests.{fmt}", service_code="lampu-jalan,sampah"), fmt, "service_requests")
    assert {i["service_request_id"] for i in items} == {lampu.reference, sampah.reference}


@pytest.mark.parametrize("fmt", FORMATS)
def test_filter_by_status(client, fmt):
    open_one = PublicComplaintFactory(status=Complaint.Status.ASSIGNED)
    closed_one = PublicComplaintFactory(status=Complaint.Status.CLOSED)
    rejected = PublicComplaintFactory(
        status=Complaint.Status.REJECTED, rejection_reason=Complaint.RejectionReason.OUT_OF_SCOPE
    )

    def references(**params):
        return {
            i["service_request_id"]
            for i in parse(get(client, f"requests.{fmt}", **params), fmt, "service_requests")
        }

    assert references(status="open") == {open_one.reference}
    assert references(status="closed") == {closed_one.reference, rejected.reference}
    assert references(status="open,closed") == {open_one.reference, closed_one.reference, rejected.reference}
    assert_error(get(client, f"requests.{fmt}", status="pending"), fmt, 400)


@pytest.mark.parametrize("fmt", FORMATS)
def test_filter_by_date_range_and_default_window(client, fmt):
    now = timezone.now()
    recent = PublicComplaintFactory(created_at=now - datetime.timedelta(days=5))
    older = PublicComplaintFactory(created_at=now - datetime.timedelta(days=40))
    ancient = PublicComplaintFactory(created_at=now - datetime.timedelta(days=120))

    def references(**params):
        return {
            i["service_request_id"]
            for i in parse(get(client, f"requests.{fmt}", **params), fmt, "service_requests")
        }

    # No dates: the most recent 90 days.
    assert references() == {recent.reference, older.reference}
    wib = datetime.timezone(datetime.timedelta(hours=7))
    start = (now - datetime.timedelta(days=50)).astimezone(wib).isoformat(timespec="seconds")
    end = (now - datetime.timedelta(days=20)).astimezone(wib).isoformat(timespec="seconds")
    assert references(start_date=start, end_date=end) == {older.reference}
    # UTC with "Z", as in the specification's examples.
    start_z = (now - datetime.timedelta(days=130)).astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    end_z = (now - datetime.timedelta(days=100)).astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert references(start_date=start_z, end_date=end_z) == {ancient.reference}
    # A "+" the client forgot to URL-encode arrives as a space.
    assert references(start_date=start.replace("+", " "), end_date=end.replace("+", " ")) == {older.reference}
    # A plain date covers the whole day in WIB.
    day = timezone.localdate(older.created_at).isoformat()
    assert references(start_date=day, end_date=day) == {older.reference}
    # Only a start: 90 days from it.
    assert references(start_date=start_z) == {ancient.reference}
    assert_error(get(client, f"requests.{fmt}", start_date="kemarin"), fmt, 400)
    assert_error(get(client, f"requests.{fmt}", start_date=end, end_date=start), fmt, 400)
    assert_error(get(client, f"requests.{fmt}", start_date=start_z, end_date=end), fmt, 400)  # > 90 days


@pytest.mark.parametrize("fmt", FORMATS)
def test_service_request_id_list_overrides_other_arguments(client, fmt):
    old = PublicComplaintFactory(
        created_at=timezone.now() - datetime.timedelta(days=200), status=Complaint.Status.CLOSED
    )
    new = PublicComplaintFactory()
    PublicComplaintFactory()
    items = parse(
        get(
            client,
            f"requests.{fmt}",
            service_request_id=f"{old.reference},{new.reference}",
            status="open",
            service_code="tidak-ada",
        ),
        fmt,
        "service_requests",
    )
    assert {i["service_request_id"] for i in items} == {old.reference, new.reference}


@pytest.mark.parametrize("fmt", FORMATS)
def test_one_request_is_a_list_of_one(client, fmt):
    complaint = PublicComplaintFactory()
    response = get(client, f"requests/{complaint.reference}.{fmt}")
    assert response.status_code == 200
    [item] = parse(response, fmt, "service_requests")
    check_request_fields(item, fmt)
    assert item["service_request_id"] == complaint.reference


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_private_or_spam_request_is_404(client, fmt):
    private = PublicComplaintFactory(is_private=True)
    spam = PublicComplaintFactory(
        status=Complaint.Status.REJECTED, rejection_reason=Complaint.RejectionReason.SPAM
    )
    for reference in ("ADU-2026-999999", private.reference, spam.reference):
        assert_error(get(client, f"requests/{reference}.{fmt}"), fmt, 404)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", ["discovery", "services", "services/sampah", "requests", "tokens/abc"])
def test_jurisdiction_id(client, fmt, path):
    expected = 404 if path.startswith("tokens") else 200
    assert get(client, f"{path}.{fmt}", jurisdiction_id="binjaikota.go.id").status_code == expected
    assert get(client, f"{path}.{fmt}", jurisdiction_id="").status_code == expected
    descriptions = assert_error(get(client, f"{path}.{fmt}", jurisdiction_id="sfgov.org"), fmt, 404)
    assert any("jurisdiction_id" in d for d in descriptions)


def test_jurisdiction_id_can_be_configured(client, settings):
    settings.OPEN311_JURISDICTION_ID = "binjai.example"
    assert get(client, "services.json", jurisdiction_id="binjai.example").status_code == 200
    assert_error(get(client, "services.json", jurisdiction_id="binjaikota.go.id"), "json", 404)


@pytest.mark.parametrize("fmt", FORMATS)
def test_tokens_are_never_issued_so_every_token_is_unknown(client, fmt):
    complaint = PublicComplaintFactory()  # its access token is the citizen's secret, not an Open311 token
    assert_error(get(client, f"tokens/{TEST_TOKEN}.{fmt}"), fmt, 404)
    assert_error(get(client, f"tokens/{complaint.reference}.{fmt}"), fmt, 404)


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_resources_and_methods_get_error_bodies(client, fmt):
    assert_error(client.get(f"{BASE}/nothing.{fmt}"), fmt, 404)
    response = client.delete(f"{BASE}/services.{fmt}")
    assert_error(response, fmt, 405)
    assert "GET" in response["Allow"]
    assert_error(client.post(f"{BASE}/services.{fmt}"), fmt, 405)
    response = client.put(f"{BASE}/requests.{fmt}")
    assert_error(response, fmt, 405)
    assert "POST" in response["Allow"]


def test_query_count_of_requests_does_not_grow_with_the_list(client):
    def queries_for_listing() -> tuple[int, int]:
        cache.clear()
        with CaptureQueriesContext(connection) as context:
            response = client.get(f"{BASE}/requests.json")
        assert response.status_code == 200
        return len(context.captured_queries), len(response.json())

    for n in range(5):
        ComplaintEventFactory(
            case=PublicComplaintFactory(status=Complaint.Status.ASSIGNED),
            kind=ComplaintEvent.Kind.STATUS,
            to_status="assigned",
            is_public=True,
            note=f"Catatan {n}",
        )
    few, shown = queries_for_listing()
    assert shown == 5
    for n in range(55):
        PublicComplaintFactory(
            status=Complaint.Status.REJECTED if n % 2 else Complaint.Status.RESOLVED,
            rejection_reason=Complaint.RejectionReason.DUPLICATE if n % 2 else "",
        )
    many, shown = queries_for_listing()
    assert shown == 60
    assert many == few


# --- Privacy ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_personal_data_and_no_private_complaint_in_any_response(client, fmt):
    public = PublicComplaintFactory(
        reporter_name="Siti Rahmawati",
        reporter_email="siti.rahmawati@example.com",
        reporter_phone="+6281298765432",
        reporter_nik="1275014107900003",
        address="Jl. Melati No. 5, depan rumah saya",
    )
    private = PublicComplaintFactory(
        is_private=True, title="Rahasia pribadi", description="Keluhan pribadi sekali"
    )
    bodies = [
        get(client, f"requests.{fmt}").content.decode(),
        get(client, f"requests.{fmt}", status="open").content.decode(),
        get(client, f"requests/{public.reference}.{fmt}").content.decode(),
        get(
            client, f"requests.{fmt}", service_request_id=f"{public.reference},{private.reference}"
        ).content.decode(),
    ]
    personal = [
        "Siti",
        "Rahmawati",
        "siti.rahmawati",
        "6281298765432",
        "81298765432",
        "1275014107900003",
        "Melati",
    ]
    for body in bodies:
        for value in personal:
            assert value not in body
        assert private.reference not in body
        assert "Keluhan pribadi" not in body
    assert public.reference in bodies[0]


# --- Creating service requests ------------------------------------------------------------------


@pytest.fixture
def api_client(db):
    return Open311ClientFactory()


def post(client, fmt: str, **data):
    return client.post(f"{BASE}/requests.{fmt}", data)


def valid_request(kelurahan: Kelurahan, **overrides) -> dict:
    data = {
        "api_key": TEST_API_KEY,
        "service_code": "lampu-jalan",
        "lat": "3.61234567",
        "long": "98.49876543",
        "attribute[kelurahan]": kelurahan.code,
        "email": "pelapor@example.com",
        "first_name": "Rina",
        "last_name": "Lubis",
        "phone": "0812 3456 7890",
        "device_id": "perangkat-1",
        "account_id": "akun-42",
        "description": "Lampu jalan mati sejak seminggu\nDi depan masjid, gelap sekali malam hari.",
        "media_url": "http://127.0.0.1:9/foto.jpg",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_creates_a_complaint_and_returns_its_id(
    fmt, api_client, kelurahan, django_capture_on_commit_callbacks
):
    # A strict CSRF client: the API is authenticated by its key, not by a cookie.
    client = Client(enforce_csrf_checks=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, fmt, **valid_request(kelurahan))
    assert response.status_code == 200, response.content
    assert "no-store" in response["Cache-Control"]
    assert "Access-Control-Allow-Origin" not in response
    [item] = parse(response, fmt, "service_requests")
    assert set(item) == {"service_request_id", "service_notice", "account_id"}
    assert "token" not in item
    complaint = Complaint.objects.get(reference=item["service_request_id"])
    assert complaint.source == Complaint.Source.OPEN311
    assert complaint.category.service_code == "lampu-jalan"
    assert complaint.kelurahan == kelurahan
    assert complaint.title == "Lampu jalan mati sejak seminggu"
    assert complaint.description.startswith("Lampu jalan mati sejak seminggu\nDi depan masjid")
    assert str(complaint.latitude) == "3.612346"
    assert complaint.reporter_name == "Rina Lubis"
    assert complaint.reporter_email == "pelapor@example.com"
    assert complaint.reporter_phone == "+6281234567890"
    assert complaint.hide_name and not complaint.is_private
    assert complaint.events.filter(kind=ComplaintEvent.Kind.CREATED).count() == 1
    assert complaint.reference in item["service_notice"]
    # The reporter's e-mail carries the private tracking link; the API response never does.
    to_reporter = [m for m in mail.outbox if "pelapor@example.com" in m.to]
    assert len(to_reporter) == 1
    assert complaint.reference in to_reporter[0].body
    assert "#nomor=" in to_reporter[0].body and "kode=" in to_reporter[0].body
    assert "kode=" not in response.content.decode()
    # Created at once (service type "realtime"), public once the complaint desk has checked it.
    assert "complaint desk" in item["service_notice"] or "Unit Pengaduan" in item["service_notice"]
    assert get(client, f"requests/{complaint.reference}.json").status_code == 404
    Complaint.objects.filter(pk=complaint.pk).update(verified_at=timezone.now())
    [item] = get(client, f"requests/{complaint.reference}.json").json()
    assert item["status"] == "open"
    assert item["address"] == f"{kelurahan.name}, {kelurahan.kecamatan.name}"


def test_post_with_phone_only_sends_no_email(
    client, api_client, kelurahan, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, "json", **valid_request(kelurahan, email="", first_name="", last_name=""))
    assert response.status_code == 200
    complaint = Complaint.objects.get(reference=response.json()[0]["service_request_id"])
    assert complaint.reporter_email == ""
    assert complaint.reporter_name  # a placeholder, never shown: the name is hidden
    assert not [m for m in mail.outbox if "pelapor@example.com" in m.to]


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_needs_a_valid_active_api_key(client, fmt, api_client, kelurahan):
    data = valid_request(kelurahan)
    del data["api_key"]
    assert_error(post(client, fmt, **data), fmt, 403)
    assert_error(post(client, fmt, **valid_request(kelurahan, api_key="salah")), fmt, 403)
    api_client.is_active = False
    api_client.save()
    response = post(client, fmt, **valid_request(kelurahan))
    assert_error(response, fmt, 403)
    assert "no-store" in response["Cache-Control"]
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_service_code_missing_or_unknown(client, fmt, api_client, kelurahan):
    assert_error(post(client, fmt, **valid_request(kelurahan, service_code="")), fmt, 400)
    assert_error(post(client, fmt, **valid_request(kelurahan, service_code="tidak-ada")), fmt, 404)
    ComplaintCategory.objects.filter(service_code="lampu-jalan").update(is_active=False)
    assert_error(post(client, fmt, **valid_request(kelurahan)), fmt, 404)
    assert not Complaint.objects.exists()


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_wrong_jurisdiction_is_404(client, fmt, api_client, kelurahan):
    assert_error(post(client, fmt, **valid_request(kelurahan, jurisdiction_id="sfgov.org")), fmt, 404)
    assert (
        post(client, fmt, **valid_request(kelurahan, jurisdiction_id="binjaikota.go.id")).status_code == 200
    )


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("overrides", "mentions"),
    [
        ({"lat": "", "long": "", "address_string": "", "address_id": ""}, "location"),
        ({"long": ""}, "lat"),
        ({"lat": "123", "long": "98.5"}, "lat"),
        ({"email": "", "phone": ""}, "email"),
        ({"email": "bukan-email"}, "email"),
        ({"phone": "12"}, "phone"),
        ({"description": ""}, "description"),
        ({"description": "x" * 4001}, "description"),
        ({"attribute[kelurahan]": "99.99.99.9999"}, "kelurahan"),
    ],
)
def test_post_bad_input_is_400_and_saves_nothing(client, fmt, api_client, kelurahan, overrides, mentions):
    response = post(client, fmt, **valid_request(kelurahan, **overrides))
    descriptions = assert_error(response, fmt, 400)
    assert any(mentions in d for d in descriptions), descriptions
    assert not Complaint.objects.exists()
    assert not mail.outbox


def test_post_finds_the_kelurahan_in_address_string(client, api_client, kelurahan):
    data = valid_request(
        kelurahan,
        **{
            "attribute[kelurahan]": "",
            "lat": "",
            "long": "",
            "address_string": "Jl. Samanhudi No. 12, Tanah Tinggi, Binjai Timur, Kota Binjai, 20746",
        },
    )
    response = post(client, "json", **data)
    assert response.status_code == 200, response.content
    complaint = Complaint.objects.get(reference=response.json()[0]["service_request_id"])
    assert complaint.kelurahan == kelurahan
    assert complaint.address.startswith("Jl. Samanhudi")
    # The street address stays with the agency; the API shows kelurahan and kecamatan only.
    [item] = get(client, f"requests/{complaint.reference}.json").json()
    assert "Samanhudi" not in json.dumps(item)


@pytest.mark.parametrize(
    ("address", "village", "district"),
    [
        ("Jl. Sudirman, Kel. Binjai, Binjai Kota", "Binjai", "Binjai Kota"),
        ("Jl. Ahmad Yani, Pekan Binjai", "Pekan Binjai", "Binjai Kota"),
        ("Gang Mawar, Kebun Lada, Binjai Utara, Binjai", "Kebun Lada", "Binjai Utara"),
        ("Simpang Tanah Tinggi dan Kebun Lada, Kecamatan Binjai Utara", "Kebun Lada", "Binjai Utara"),
    ],
)
def test_post_address_string_rules(client, api_client, kelurahan, address, village, district):
    data = valid_request(kelurahan, **{"attribute[kelurahan]": "", "address_string": address})
    response = post(client, "json", **data)
    assert response.status_code == 200, response.content
    stored = Complaint.objects.select_related("kelurahan__kecamatan").get().kelurahan
    assert (stored.name, stored.kecamatan.name) == (village, district)


def test_post_kelurahan_from_address_id_region_code(client, api_client, kelurahan):
    data = valid_request(
        kelurahan, **{"attribute[kelurahan]": "", "lat": "", "long": "", "address_id": kelurahan.code}
    )
    response = post(client, "json", **data)
    assert response.status_code == 200, response.content
    assert Complaint.objects.get().kelurahan == kelurahan


@pytest.mark.parametrize(
    "address",
    [
        "Jl. Sudirman, Binjai",  # the city only: no kelurahan named
        "Jl. Gatot Subroto, Binjai Timur",  # a kecamatan, not a kelurahan
        "Simpang Tanah Tinggi dan Kebun Lada",  # two kelurahan, no kecamatan to decide
    ],
)
def test_post_address_string_without_one_kelurahan_is_400(client, api_client, kelurahan, address):
    data = valid_request(kelurahan, **{"attribute[kelurahan]": "", "address_string": address})
    descriptions = assert_error(post(client, "json", **data), "json", 400)
    assert any("attribute[kelurahan]" in d for d in descriptions)
    assert not Complaint.objects.exists()


def test_post_lat_long_alone_needs_a_kelurahan(client, api_client, kelurahan):
    data = valid_request(kelurahan, **{"attribute[kelurahan]": ""})
    descriptions = assert_error(post(client, "json", **data), "json", 400)
    assert any("kelurahan" in d for d in descriptions)


def test_post_ignores_media_url(client, api_client, kelurahan):
    from smartcity.core.uploads import attachments_of

    response = post(client, "json", **valid_request(kelurahan))
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert not list(attachments_of(complaint))
    Complaint.objects.filter(pk=complaint.pk).update(verified_at=timezone.now())
    [item] = get(client, f"requests/{complaint.reference}.json").json()
    assert item["media_url"] == ""


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_is_rate_limited_per_api_key(client, fmt, settings, api_client, kelurahan):
    settings.OPEN311_POST_RATE = "2/h"
    other = Open311ClientFactory(key="kunci-lain-9876543210")
    for _ in range(2):
        assert post(client, fmt, **valid_request(kelurahan)).status_code == 200
    assert_error(post(client, fmt, **valid_request(kelurahan)), fmt, 429)
    assert Complaint.objects.count() == 2
    # Another client's key has its own allowance.
    assert post(client, fmt, **valid_request(kelurahan, api_key="kunci-lain-9876543210")).status_code == 200
    assert other.pk != api_client.pk


# --- API keys -----------------------------------------------------------------------------------


def test_create_client_stores_only_a_digest_and_a_hint():
    client, key = create_client("Aplikasi Lapor Binjai", "dev@example.com")
    stored = Open311Client.objects.get(pk=client.pk)
    assert len(key) >= 32
    assert stored.key_hash == digest(key) != key
    assert stored.key_hint == key[:KEY_HINT_LENGTH]
    assert key not in {stored.key_hash, stored.name, stored.contact_email}
    second_client, second_key = create_client("Lain")
    assert second_key != key


def test_client_for_key_finds_active_clients_and_records_use_once_a_minute():
    client, key = create_client("Aplikasi")
    assert client_for_key("") is None
    assert client_for_key("salah") is None
    found = client_for_key(key)
    assert found == client
    first_use = Open311Client.objects.get(pk=client.pk).last_used_at
    assert first_use is not None
    client_for_key(key)
    assert Open311Client.objects.get(pk=client.pk).last_used_at == first_use
    Open311Client.objects.filter(pk=client.pk).update(last_used_at=first_use - datetime.timedelta(minutes=2))
    client_for_key(key)
    assert Open311Client.objects.get(pk=client.pk).last_used_at > first_use - datetime.timedelta(minutes=1)
    Open311Client.objects.filter(pk=client.pk).update(is_active=False)
    assert client_for_key(key) is None


# --- Out-of-range dates and errors that name the field ---------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "9999-12-31"},
        {"end_date": "0001-01-01"},
        {"start_date": "9999-12-31T23:59:59+07:00"},
        {"end_date": "0001-01-01T00:00:00Z"},
        {"start_date": "0001-01-01", "end_date": "0001-01-02"},
    ],
)
def test_out_of_range_dates_are_400_with_an_error_body(client, fmt, params):
    descriptions = assert_error(get(client, f"requests.{fmt}", **params), fmt, 400)
    assert any(name in description for description in descriptions for name in params), descriptions


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"first_name": "A" * 60, "last_name": "B" * 60}, "first_name + last_name"),
        ({"email": "w" * 250 + "@example.com"}, "email"),
        ({"first_name": "A" * 61}, "first_name"),
        ({"address_string": "Tanah Tinggi " + "x" * 300}, "address_string"),
    ],
)
def test_post_errors_name_the_field(client, fmt, api_client, kelurahan, overrides, field):
    descriptions = assert_error(post(client, fmt, **valid_request(kelurahan, **overrides)), fmt, 400)
    assert any(d.startswith(f"{field}: ") for d in descriptions), descriptions
    assert not Complaint.objects.exists()
