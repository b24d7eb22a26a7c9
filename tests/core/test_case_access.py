"""The shared "open a case by its reference and access code" machinery (``core.case_access``)."""

from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.sessions.backends.db import SessionStore
from django.http import Http404, HttpResponse
from django.test import RequestFactory, override_settings

from smartcity.appointments.models import Booking
from smartcity.complaints.models import Complaint
from smartcity.core import case_access
from smartcity.core.case_access import MAX_GRANTS, CaseAccess, CaseAccessForm, find_case
from smartcity.core.lookup_limits import lookup_blocked
from smartcity.core.tokens import token_matches
from tests.complaints.factories import TEST_TOKEN, ComplaintFactory


class OpenForm(CaseAccessForm):
    reference_field = "nomor"
    code_field = "kode"
    refused = "Pair refused."
    blocked = "Address blocked."

    nomor = forms.CharField(max_length=20)
    kode = forms.CharField(max_length=100)


pytestmark = pytest.mark.django_db

COMPLAINTS = CaseAccess(Complaint, "test_complaint_access", "test-complaints", OpenForm)
BOOKINGS = CaseAccess(Booking, "test_booking_access", "test-bookings", OpenForm)


class Page:
    """What ``open_view`` needs of a service page: ``render`` with a template and a context."""

    def __init__(self):
        self.rendered = []

    def render(self, request, template, context_overrides):
        self.rendered.append((template, context_overrides))
        form = context_overrides["form"]
        return HttpResponse(" ".join(str(e) for e in form.non_field_errors()))


def browser_request(method="get", data=None, session=None, ip="203.0.113.7"):
    request = getattr(RequestFactory(), method)("/lacak/", data or {}, REMOTE_ADDR=ip)
    request.session = session if session is not None else SessionStore()
    return request


def open_page(request, page=None, **kwargs):
    return COMPLAINTS.open_view(
        request,
        page or Page(),
        template="test/track.html",
        case_url=lambda complaint: f"/kasus/{complaint.reference}/",
        **kwargs,
    )


@pytest.fixture
def complaint(db):
    return ComplaintFactory(reference="ADU-2026-000042")


# --- The session ------------------------------------------------------------------------------


def test_a_grant_gives_the_browser_a_new_session_key():
    session = SessionStore()
    session["other"] = "kept"
    session.save()
    planted = session.session_key
    request = browser_request(session=session)
    COMPLAINTS.grant(request, SimpleNamespace(pk=7))
    assert session.session_key != planted
    assert session["other"] == "kept"
    assert COMPLAINTS.has_access(request, SimpleNamespace(pk=7))
    assert not COMPLAINTS.has_access(request, SimpleNamespace(pk=8))


def test_a_session_remembers_the_last_twenty_grants_newest_last():
    request = browser_request()
    for pk in range(1, 26):
        COMPLAINTS.grant(request, SimpleNamespace(pk=pk))
    assert MAX_GRANTS == 20
    assert COMPLAINTS.allowed_ids(request) == list(range(6, 26))
    assert not COMPLAINTS.has_access(request, SimpleNamespace(pk=5))
    # Opening an earlier case again makes it the newest, without a duplicate.
    COMPLAINTS.grant(request, SimpleNamespace(pk=6))
    assert COMPLAINTS.allowed_ids(request) == [*range(7, 26), 6]


def test_a_session_from_before_keeps_its_access():
    # Sessions written by the services' earlier code hold a sorted list under the same key.
    request = browser_request()
    request.session["test_complaint_access"] = [3, 9]
    assert COMPLAINTS.has_access(request, SimpleNamespace(pk=9))
    COMPLAINTS.grant(request, SimpleNamespace(pk=4))
    assert COMPLAINTS.allowed_ids(request) == [3, 9, 4]


def test_access_is_per_kind_of_case():
    request = browser_request()
    COMPLAINTS.grant(request, SimpleNamespace(pk=7))
    assert COMPLAINTS.has_access(request, SimpleNamespace(pk=7))
    assert not BOOKINGS.has_access(request, SimpleNamespace(pk=7))
    COMPLAINTS.forget(request)
    assert not COMPLAINTS.has_access(request, SimpleNamespace(pk=7))


def test_own_needs_the_grant_of_that_kind(complaint):
    request = browser_request()
    BOOKINGS.grant(request, SimpleNamespace(pk=complaint.pk))  # the same id, another kind
    assert COMPLAINTS.own(request, complaint.reference) is None
    with pytest.raises(Http404):
        COMPLAINTS.own_or_404(request, complaint.reference)
    assert list(COMPLAINTS.opened(request)) == []
    COMPLAINTS.grant(request, complaint)
    assert COMPLAINTS.own(request, complaint.reference) == complaint
    assert COMPLAINTS.own(request, "ADU-2026-999999") is None
    assert list(COMPLAINTS.opened(request)) == [complaint]


# --- Finding a case by reference and code ---------------------------------------------------------


def test_find_needs_the_matching_code(complaint):
    assert COMPLAINTS.find(complaint.reference, TEST_TOKEN) == complaint
    assert COMPLAINTS.find(complaint.reference, TEST_TOKEN + "x") is None
    assert COMPLAINTS.find("ADU-2026-999999", TEST_TOKEN) is None
    # A reference of another kind of case does not open it.
    assert BOOKINGS.find(complaint.reference, TEST_TOKEN) is None


def test_an_unknown_reference_still_compares_a_digest(complaint, monkeypatch):
    compared = []

    def spy(token, stored):
        compared.append(stored)
        return token_matches(token, stored)

    monkeypatch.setattr(case_access, "token_matches", spy)
    assert find_case(Complaint.objects.all(), "ADU-2026-999999", TEST_TOKEN) is None
    assert find_case(Complaint.objects.all(), complaint.reference, "wrong") is None
    # One comparison each: against a stand-in digest, then against the case's own.
    assert len(compared) == 2
    assert len(compared[0]) == 64 and compared[0] != complaint.access_token_hash
    assert compared[1] == complaint.access_token_hash


# --- The open page ------------------------------------------------------------------------------


def test_get_shows_the_empty_form_and_opens_nothing(complaint):
    page = Page()
    request = browser_request("get", {"nomor": complaint.reference, "kode": TEST_TOKEN})
    response = open_page(request, page, context=lambda: {"extra": 1})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    template, context = page.rendered[0]
    assert template == "test/track.html" and context["extra"] == 1
    assert not context["form"].is_bound
    assert COMPLAINTS.allowed_ids(request) == []


def test_the_right_pair_grants_access_and_redirects(complaint):
    request = browser_request("post", {"nomor": complaint.reference.lower(), "kode": TEST_TOKEN})
    response = open_page(request)
    assert response.status_code == 302
    assert response["Location"] == f"/kasus/{complaint.reference}/"
    assert "no-store" in response["Cache-Control"]
    assert COMPLAINTS.allowed_ids(request) == [complaint.pk]


@override_settings(CASE_LOOKUP_FAILURES_PER_REFERENCE="2/h")
def test_a_wrong_code_is_refused_with_the_service_message_and_counted(complaint):
    request = browser_request("post", {"nomor": complaint.reference, "kode": "salah"})
    response = open_page(request)
    assert response.status_code == 400
    assert response.content.decode() == "Pair refused."
    assert "no-store" in response["Cache-Control"]
    assert COMPLAINTS.allowed_ids(request) == []
    assert not lookup_blocked(request, "test-complaints", complaint.reference)
    open_page(browser_request("post", {"nomor": complaint.reference, "kode": "salah lagi"}))
    assert lookup_blocked(request, "test-complaints", complaint.reference)
    # Counted under this kind's scope only.
    assert not lookup_blocked(request, "test-bookings", complaint.reference)


@override_settings(CASE_LOOKUP_FAILURES_PER_REFERENCE="1/h")
def test_an_unknown_reference_gets_the_same_answer_and_is_counted(complaint):
    request = browser_request("post", {"nomor": "ADU-2026-999999", "kode": TEST_TOKEN})
    response = open_page(request)
    assert response.status_code == 400
    assert response.content.decode() == "Pair refused."
    assert lookup_blocked(request, "test-complaints", "ADU-2026-999999")


@override_settings(CASE_LOOKUP_FAILURES_PER_REFERENCE="1/h")
def test_a_blocked_address_gets_429_even_with_the_right_code(complaint):
    open_page(browser_request("post", {"nomor": complaint.reference, "kode": "salah"}))
    request = browser_request("post", {"nomor": complaint.reference, "kode": TEST_TOKEN})
    response = open_page(request)
    assert response.status_code == 429
    assert response.content.decode() == "Address blocked."
    assert "no-store" in response["Cache-Control"]
    assert COMPLAINTS.allowed_ids(request) == []
    # Another address behind which nobody guessed opens it.
    elsewhere = browser_request("post", {"nomor": complaint.reference, "kode": TEST_TOKEN}, ip="198.51.100.9")
    assert open_page(elsewhere).status_code == 302


def test_an_incomplete_form_is_refused_without_counting(complaint):
    request = browser_request("post", {"nomor": complaint.reference})
    assert open_page(request).status_code == 400
    assert open_page(browser_request("post", {"nomor": ""}), invalid_status=200).status_code == 200
    with override_settings(CASE_LOOKUP_FAILURES_PER_REFERENCE="1/h"):
        assert not lookup_blocked(request, "test-complaints", complaint.reference)


# --- After filing -------------------------------------------------------------------------------


def test_after_filing_grants_the_filing_browser_and_keeps_its_code(complaint):
    request = browser_request("post")
    response = COMPLAINTS.after_filing(request, complaint, "K7QM5-4XRTB", "/kasus/baru/")
    assert response.status_code == 303 and response["Location"] == "/kasus/baru/"
    assert "no-store" in response["Cache-Control"]
    assert COMPLAINTS.has_access(request, complaint)
    assert COMPLAINTS.new_code(request, complaint) == "K7QM5-4XRTB"
    # Kept under the key the services used before, by id (a permit draft's number changes).
    assert request.session["test_complaint_new_token"] == {str(complaint.pk): "K7QM5-4XRTB"}
    assert BOOKINGS.new_code(request, complaint) == ""


def test_a_repeated_filing_post_gives_no_access(complaint):
    # The repeated post of a form gets the first post's case, but not its code.
    request = browser_request("post")
    response = COMPLAINTS.after_filing(request, complaint, None, "/kasus/baru/")
    assert response.status_code == 303
    assert not COMPLAINTS.has_access(request, complaint)
    assert COMPLAINTS.new_code(request, complaint) == ""


def test_a_code_kept_by_reference_in_an_earlier_session_is_still_found(complaint):
    request = browser_request()
    request.session["test_complaint_new_token"] = {complaint.reference: "K7QM5-4XRTB"}
    assert COMPLAINTS.new_code(request, complaint) == "K7QM5-4XRTB"
