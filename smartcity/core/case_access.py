"""Opening one's own case without an account: reference number and access code, once per browser.

Every service lets a citizen return to a case (a complaint, a booking, a permit application, an
information request...) by proving it once, with the reference number and the access code, always
in a POST (typed, or sent by a small script from the ``#`` part of the private link, which browsers
never send): the code never appears in a URL that a server, a proxy or a ``Referer`` header sees.
The browser's session then remembers the case's id, and the case's pages check the session.

A service declares one ``CaseAccess`` per kind of case, naming its model, its session key, its
``lookup_limits`` scope and its open form (a ``CaseAccessForm``: the two fields as the service
labels them, and what it says when the pair does not match). Its views then call ``open_view``
(the open/track page), ``own`` (the case, if this browser opened it), ``grant`` (after filing,
the browser that filed has access) and ``opened`` (what this browser has opened). Only what is
the service's own stays there: its template, its form, its words, where a success leads.

What this guarantees alike for every service:

* a wrong reference takes as long to refuse as a wrong code (a digest is always compared);
* failures are counted per address and reference, and a blocked address gets 429 even with the
  right code (``smartcity.core.lookup_limits``);
* the session key changes whenever access is granted, so a session id planted beforehand is
  useless; a session remembers the last ``MAX_GRANTS`` cases of a kind;
* every answer of the open page, the redirect included, is ``Cache-Control: no-store``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .lookup_limits import count_lookup_failure, lookup_blocked
from .tokens import digest, token_matches

MAX_GRANTS = 20
TOO_MANY_ATTEMPTS = _("Too many attempts from your connection. Please try again later.")
# Compared against when the reference does not exist, so that a wrong reference takes as long to
# refuse as a wrong code.
_DUMMY_DIGEST = digest("no-such-case")


def find_case(queryset: models.QuerySet, reference: str, code: str) -> Any | None:
    """The case of ``queryset`` with this reference whose access code is ``code``, or None.

    The code is compared with a digest whether the reference exists or not, so response times do
    not tell which references exist.
    """
    case = queryset.filter(reference=reference).first()
    stored = case.access_token_hash if case is not None else _DUMMY_DIGEST
    matches = token_matches(code, stored)
    return case if matches and case is not None else None


def no_store(response: HttpResponse) -> HttpResponse:
    """Pages showing a citizen's own case are never kept by a browser or a shared cache."""
    patch_cache_control(response, no_store=True, private=True, max_age=0)
    return response


class CaseAccessForm(forms.Form):
    """A service's open form: a reference number and an access code, named and labelled by the
    service (subclasses declare the two fields and name them in ``reference_field`` and
    ``code_field``).

    ``refused`` is the one message for a pair that does not match (the same whether the reference
    exists or not), ``blocked`` the one for an address that has used up its attempts.
    """

    reference_field = "code"
    code_field = "token"
    refused: str | Promise  # set by every service
    blocked: str | Promise = TOO_MANY_ATTEMPTS

    def clean(self) -> dict:
        cleaned = super().clean()
        # References are printed in capitals; the code is normalised when compared (``tokens``).
        if cleaned.get(self.reference_field):
            cleaned[self.reference_field] = cleaned[self.reference_field].strip().upper()
        if cleaned.get(self.code_field):
            cleaned[self.code_field] = cleaned[self.code_field].strip()
        return cleaned

    @property
    def reference(self) -> str:
        return self.cleaned_data[self.reference_field]

    @property
    def code(self) -> str:
        return self.cleaned_data[self.code_field]


@dataclass(frozen=True)
class Opening:
    """The outcome of an open form: the form (with its errors), the case opened, the status."""

    form: CaseAccessForm
    case: Any | None
    status: int


@dataclass(frozen=True)
class CaseAccess:
    """Proven access to one kind of case (``model``), remembered in the browser's session.

    ``session_key`` holds the ids of the cases opened (keep it stable: existing sessions use it);
    ``scope`` names the failed-lookup counters (``smartcity.core.lookup_limits``); ``form_class``
    is the service's open form. The access codes just issued to this browser (shown on the case's
    page and receipt) are kept under ``session_key`` with ``_access`` read as ``_new_token``, the
    name the services gave that key before this class.
    """

    model: type[models.Model]
    session_key: str
    scope: str
    form_class: type[CaseAccessForm]

    # --- The session ------------------------------------------------------------------------

    def allowed_ids(self, request: HttpRequest) -> list[int]:
        """The ids of the cases of this kind opened in this browser, oldest first."""
        return list(request.session.get(self.session_key, []))

    def grant(self, request: HttpRequest, case: models.Model) -> None:
        """Remember that this browser has proven access to ``case``."""
        allowed = [pk for pk in self.allowed_ids(request) if pk != case.pk]
        # A new session key whenever access widens, so a session id planted beforehand is useless.
        request.session.cycle_key()
        request.session[self.session_key] = [*allowed[-(MAX_GRANTS - 1) :], case.pk]

    @property
    def new_code_key(self) -> str:
        return self.session_key.removesuffix("_access") + "_new_token"

    def remember_new_code(self, request: HttpRequest, case: models.Model, code: str) -> None:
        """Keep the access code issued with ``case`` for this session (it exists in clear nowhere
        else). Keyed by id: a permit draft's temporary number changes when it is submitted."""
        codes = request.session.get(self.new_code_key, {})
        codes[str(case.pk)] = code
        request.session[self.new_code_key] = codes

    def new_code(self, request: HttpRequest, case: models.Model) -> str:
        """The access code this browser was given with ``case``, or ``""``."""
        codes = request.session.get(self.new_code_key, {})
        # Sessions written before this class keyed bookings' and PPID requests' codes by reference.
        return codes.get(str(case.pk)) or codes.get(case.reference) or ""

    def after_filing(
        self, request: HttpRequest, case: models.Model, code: str | None, url: str
    ) -> HttpResponse:
        """The answer to a form that filed ``case`` (core ``submit_once``): a 303 to ``url``, so a
        reload never files twice. ``code`` is the access code issued with it; a repeated post of
        the same form gets the first post's case without a code, and so without access: only the
        browser that filed it has access."""
        if code:
            self.grant(request, case)
            self.remember_new_code(request, case, code)
        response = redirect(url)
        response.status_code = 303
        return no_store(response)

    def has_access(self, request: HttpRequest, case: models.Model) -> bool:
        return case.pk in self.allowed_ids(request)

    def forget(self, request: HttpRequest) -> None:
        """This browser no longer has access to any case of this kind (a shared computer)."""
        request.session.pop(self.session_key, None)

    def own(self, request: HttpRequest, reference: str, queryset: models.QuerySet | None = None):
        """The case with ``reference`` if this browser has opened it, else None (whether it exists
        or not, so the caller can give the same answer)."""
        queryset = self.model._default_manager.all() if queryset is None else queryset
        case = queryset.filter(reference=reference).first()
        if case is None or not self.has_access(request, case):
            return None
        return case

    def own_or_404(self, request: HttpRequest, reference: str, queryset: models.QuerySet | None = None):
        """``own``, for pages that answer 404 to a browser without access."""
        case = self.own(request, reference, queryset)
        if case is None:
            raise Http404
        return case

    def opened(self, request: HttpRequest, queryset: models.QuerySet | None = None) -> models.QuerySet:
        """The cases of this kind opened in this browser (no query when there are none)."""
        queryset = self.model._default_manager.all() if queryset is None else queryset
        pks = self.allowed_ids(request)
        return queryset.filter(pk__in=pks) if pks else queryset.none()

    # --- Proving access ---------------------------------------------------------------------

    def find(self, reference: str, code: str):
        """The case whose reference and access code these are, or None (in constant time)."""
        return find_case(self.model._default_manager.all(), reference, code)

    def attempt(self, request: HttpRequest, form: CaseAccessForm) -> Opening:
        """Check a valid open form: 429 while this address is blocked for the reference, 400 with
        the form's ``refused`` (and one more failure counted) when the pair does not match, else
        access is granted."""
        if lookup_blocked(request, self.scope, form.reference):
            form.add_error(None, form.blocked)
            return Opening(form, None, 429)
        case = self.find(form.reference, form.code)
        if case is None:
            count_lookup_failure(request, self.scope, form.reference)
            form.add_error(None, form.refused)
            return Opening(form, None, 400)
        self.grant(request, case)
        return Opening(form, case, 200)

    def open_form(self, request: HttpRequest, *, invalid_status: int = 400) -> Opening:
        """The open form, unbound unless POSTed (a code in the query string opens nothing)."""
        if request.method != "POST":
            return Opening(self.form_class(), None, 200)
        form = self.form_class(request.POST)
        if not form.is_valid():
            return Opening(form, None, invalid_status)
        return self.attempt(request, form)

    def open_view(
        self,
        request: HttpRequest,
        page,
        *,
        template: str,
        case_url: Callable[[Any], str],
        context: Callable[[], dict] | None = None,
        invalid_status: int = 400,
    ) -> HttpResponse:
        """The service's open (track) page: on success a redirect to ``case_url(case)``, else the
        page's ``template`` with ``form`` (and ``context()``) at the status of the outcome."""
        opening = self.open_form(request, invalid_status=invalid_status)
        if opening.case is not None:
            return no_store(redirect(case_url(opening.case)))
        response = page.render(
            request,
            template=template,
            context_overrides={"form": opening.form, **(context() if context else {})},
        )
        response.status_code = opening.status
        return no_store(response)
