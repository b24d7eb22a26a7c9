"""Hostile values in every field of every public form and of the Open311 POST: never a 500.

Each field gets an over-long value, an empty one, one made only of invisible characters and a
name wrapped in bidi overrides. The answer is a refusal with a message the person can read
(a 4xx, or the form shown again with its errors), or an acceptance that stored clean text:
text that is empty once invisible characters are removed counts as empty, and no stored text
keeps a bidi control or is made of invisible characters only.

A new public form is added to ``PUBLIC_FORMS`` with one line (and a model it writes to, to
``STORED_MODELS``).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django import forms
from django.db import models

from search.views import SearchForm
from smartcity.complaints.api import ServiceRequestForm
from smartcity.complaints.forms import (
    CitizenMessageForm,
    ComplaintForm,
    FollowForm,
    PublicListFilterForm,
    RatingForm,
    ReopenForm,
    TrackingForm,
)
from smartcity.complaints.models import Complaint, ComplaintEvent
from smartcity.core.cleaning import BIDI_CONTROLS, clean_text
from smartcity.core.models import CaseFollower
from tests.complaints.factories import (
    TEST_API_KEY,
    TEST_TOKEN,
    ComplaintFactory,
    Open311ClientFactory,
    complaint_form_data,
    make_complaint_page,
)

BASE = "/layanan/pengaduan/"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u3164"
BIDI_NAME = "\u202eanimA itiS\u202c \u2066Budi\u2069"
KINDS = ("over-long", "empty", "zero-width", "bidi-override")


@dataclass
class PublicForm:
    """One public form: where it is, how a valid submission looks, which session it needs."""

    name: str
    form_class: type[forms.Form]
    url: Callable[[Complaint], str]
    valid: Callable[[Complaint], dict]
    method: str = "post"
    extra: dict = field(default_factory=dict)
    opened: bool = False  # needs a browser that has opened the complaint
    unfinished: bool = False  # offered only while the complaint is being handled

    def fields(self) -> dict[str, forms.Field]:
        skipped = {"website", "form_started"}
        return {
            name: f
            for name, f in self.form_class().fields.items()
            if name not in skipped and not isinstance(f, forms.FileField)
        }


def _case_url(complaint: Complaint) -> str:
    return f"{BASE}lacak/{complaint.reference}/"


PUBLIC_FORMS = [
    PublicForm("complaint", ComplaintForm, lambda c: BASE, lambda c: complaint_form_data()),
    PublicForm(
        "track",
        TrackingForm,
        lambda c: f"{BASE}lacak/",
        lambda c: {"nomor": c.reference, "token": TEST_TOKEN},
    ),
    PublicForm(
        "message",
        CitizenMessageForm,
        _case_url,
        lambda c: {"message": "Masih rusak."},
        extra={"action": "message"},
        opened=True,
    ),  # noqa: E501
    PublicForm(
        "rate",
        RatingForm,
        _case_url,
        lambda c: {"rating": "5", "comment": "Cepat."},
        extra={"action": "rate"},
        opened=True,
    ),  # noqa: E501
    PublicForm(
        "reopen",
        ReopenForm,
        _case_url,
        lambda c: {"reason": "Masih rusak."},
        extra={"action": "reopen"},
        opened=True,
    ),  # noqa: E501
    PublicForm(
        "follow",
        FollowForm,
        lambda c: f"{BASE}daftar/{c.reference}/ikuti/",
        lambda c: {"contact": "0812 7777 6666"},
        unfinished=True,
    ),
    PublicForm("list-filters", PublicListFilterForm, lambda c: f"{BASE}daftar/", lambda c: {}, method="get"),
    PublicForm("search", SearchForm, lambda c: "/cari/", lambda c: {"q": "jalan"}, method="get"),
]
# Models public forms write citizens' text to.
STORED_MODELS: list[type[models.Model]] = [Complaint, ComplaintEvent, CaseFollower]


def hostile(kind: str, form_field: forms.Field) -> str:
    limit = getattr(form_field, "max_length", None) or 10_000
    return {
        "over-long": "x" * (limit + 1),
        "empty": "",
        "zero-width": ZERO_WIDTH,
        "bidi-override": BIDI_NAME,
    }[kind]


def _cases():
    for public_form in PUBLIC_FORMS:
        for name in public_form.fields():
            for kind in KINDS:
                yield pytest.param(public_form, name, kind, id=f"{public_form.name}-{name}-{kind}")


def _is_text(form_field: forms.Field) -> bool:
    return isinstance(form_field, forms.CharField)


def _form_errors(response) -> list[str]:
    """Error messages of the bound forms the page was rendered with."""
    context = response.context
    if context is None:
        return []
    values = (
        context.flatten().values() if hasattr(context, "flatten") else [context[k] for k in context.keys()]  # noqa: SIM118 (a ContextList)
    )
    messages = []
    for value in {id(v): v for v in values if isinstance(v, forms.Form) and v.is_bound}.values():
        for errors in value.errors.values():
            messages.extend(errors)
    return messages


def assert_stored_text_is_clean() -> None:
    for model in STORED_MODELS:
        text_fields = [
            f.name for f in model._meta.get_fields() if isinstance(f, models.CharField | models.TextField)
        ]
        for row in model.objects.values(*text_fields):
            for name, value in row.items():
                if value:
                    assert not BIDI_CONTROLS.search(value), (model.__name__, name, value[:40])
                    assert clean_text(value, multiline=True), (model.__name__, name, "invisible only")


@pytest.fixture(autouse=True)
def _fast_forms(settings):
    settings.FORM_MIN_FILL_SECONDS = 0


@pytest.fixture
def resolved_complaint(home_page):
    from django.utils import timezone

    make_complaint_page(home_page)
    return ComplaintFactory(status=Complaint.Status.RESOLVED, resolved_at=timezone.now())


@pytest.mark.parametrize(("public_form", "name", "kind"), _cases())
def test_public_forms_answer_hostile_values_with_a_message(
    client, resolved_complaint, public_form, name, kind
):
    complaint = resolved_complaint
    if public_form.unfinished:
        Complaint.objects.filter(pk=complaint.pk).update(
            status=Complaint.Status.IN_PROGRESS, resolved_at=None
        )
    if public_form.opened:
        assert (
            client.post(f"{BASE}lacak/", {"nomor": complaint.reference, "token": TEST_TOKEN}).status_code
            == 302
        )
    form_field = public_form.fields()[name]
    data = {**public_form.valid(complaint), **public_form.extra, name: hostile(kind, form_field)}
    send = client.post if public_form.method == "post" else client.get
    response = send(public_form.url(complaint), data, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code < 500
    errors = _form_errors(response)
    raw = response.content.decode()
    page = html.unescape(raw)
    shown = any(message in page for message in errors) or 'role="alert"' in raw
    if errors:
        assert shown, f"the errors {errors!r} are not shown"
    refused = 400 <= response.status_code < 500 or bool(errors)
    must_refuse = _is_text(form_field) and (
        (kind == "over-long" and getattr(form_field, "max_length", None))
        or (kind in ("empty", "zero-width") and form_field.required)
    )
    if must_refuse:
        assert refused, f"{kind} {name} was accepted"
        assert shown
    assert_stored_text_is_clean()


# --- Open311 POST ------------------------------------------------------------------------------------


def _open311_valid() -> dict:
    from smartcity.core.models import Kelurahan

    return {
        "api_key": TEST_API_KEY,
        "service_code": "lampu-jalan",
        "lat": "3.6012",
        "long": "98.4854",
        "attribute[kelurahan]": Kelurahan.objects.get(name="Tanah Tinggi").code,
        "address_string": "Jl. Samanhudi No. 12",
        "address_id": "",
        "email": "pelapor@example.com",
        "first_name": "Rina",
        "last_name": "Lubis",
        "phone": "0812 3456 7890",
        "description": "Lampu jalan mati sejak seminggu.",
    }


def _open311_cases():
    for name in ServiceRequestForm().fields:
        for kind in KINDS:
            yield pytest.param(name, kind, id=f"{name}-{kind}")


@pytest.mark.parametrize(("name", "kind"), _open311_cases())
def test_open311_post_answers_hostile_values_with_an_error_body(client, db, name, kind):
    Open311ClientFactory()
    form_field = ServiceRequestForm().fields[name]
    data = {**_open311_valid(), name: hostile(kind, form_field)}
    response = client.post("/open311/v2/requests.json", data)
    assert response.status_code < 500
    body = response.json()
    if response.status_code >= 400:
        descriptions = [error["description"] for error in body]
        assert all(descriptions)
        if kind == "over-long" and _is_text(form_field) and getattr(form_field, "max_length", None):
            assert any(name in d for d in descriptions), descriptions
    else:
        assert not (
            _is_text(form_field) and (kind == "over-long" and getattr(form_field, "max_length", None))
        ), f"an over-long {name} was accepted"
    assert_stored_text_is_clean()
