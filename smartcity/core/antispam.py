"""Spam and abuse protection for every public form, and one submission per form shown.

* A honeypot field that people never see (hidden by CSS, skipped by keyboard and screen
  readers) and bots fill in.
* A signed, one-time stamp: the time the form was shown and a random part. A form sent back
  faster than ``FORM_MIN_FILL_SECONDS`` is a bot; one older than ``FORM_MAX_AGE_SECONDS`` is
  asked to be sent again. Each stamp is good for one post: a refused post uses it up too (the
  re-shown form carries a fresh one), so a script cannot fetch the form once and post it back
  again and again. Sending a form whose post succeeded again (a double click, Back and send,
  "confirm form resubmission") creates nothing: it gets the first post's result; so does a
  browser that sends exactly the same content again within the hour with a re-loaded form.
* Rate limits per IP address and per contact (e-mail or phone), counted in the shared cache
  (Redis when ``REDIS_URL`` is set) with django-ratelimit: every post counts against a limit of
  attempts, accepted submissions against a tighter one.
* Cheap checks first: honeypot, stamp and limits are checked before the form's own validation,
  which may decode uploaded images; a post refused by them never has its files looked at.

A view hands a bound ``SpamProtectedForm`` and a function that stores the cleaned data to
``submit_once`` and redirects on success (post/redirect/get); see
``smartcity.complaints.views.complaint_form``.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import get_usage, is_ratelimited

from .forms import add_service_errors
from .models import UsedFormStamp

SALT = "smartcity.core.antispam.form-started"


@dataclass(frozen=True)
class FormStamp:
    """What a valid stamp says: when the form was shown, and its one-time random part."""

    started_at: float
    nonce: str

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.nonce.encode()).hexdigest()


def issue_stamp(started_at: float | None = None) -> str:
    """A new signed one-time stamp for a form shown at ``started_at`` (default: now)."""
    payload = {"t": time.time() if started_at is None else started_at, "n": secrets.token_urlsafe(18)}
    return signing.dumps(payload, salt=SALT)


def read_stamp(raw: str) -> FormStamp | None:
    """The stamp's content if the signature is ours and it is not long expired, else None."""
    try:
        payload = signing.loads(raw or "", salt=SALT, max_age=settings.FORM_MAX_AGE_SECONDS + 60)
        return FormStamp(float(payload["t"]), str(payload["n"]))
    except (signing.BadSignature, TypeError, ValueError, KeyError):
        return None


class FormStartedField(forms.CharField):
    """The signed stamp; a re-shown form always carries a fresh one.

    Re-rendering the stamp that was sent would make an expired, forged or used stamp permanent:
    the person would be told to send the form again and be refused every time.
    """

    widget = forms.HiddenInput

    def bound_data(self, data, initial):
        return initial


class SpamProtectedForm(forms.Form):
    """Base for public forms: the honeypot and the one-time fill-time stamp.

    The spam checks run before every other check of the form: when they fail, uploaded files
    are dropped unread and only the text fields are cleaned (so they come back as typed).
    """

    # Named like a real field so that bots fill it; people never see it.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    form_started = FormStartedField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Each rendering carries a fresh stamp; a re-shown form restarts the clock, which is
        # fine because the person has already spent time on it.
        self.initial["form_started"] = issue_stamp()

    @property
    def stamp(self) -> FormStamp | None:
        return read_stamp(self.data.get(self.add_prefix("form_started"), ""))

    def spam_errors(self) -> list[ValidationError]:
        """The honeypot and the stamp's age: no database, no files."""
        if self.data.get(self.add_prefix("website")):
            return [ValidationError(_("Your submission looks automated. Please try again."), code="honeypot")]
        stamp = self.stamp
        elapsed = time.time() - stamp.started_at if stamp else None
        if elapsed is None or elapsed > settings.FORM_MAX_AGE_SECONDS:
            return [
                ValidationError(
                    _("This form has expired. Please check your entries and send it again."), code="expired"
                )
            ]
        if elapsed < settings.FORM_MIN_FILL_SECONDS:
            return [
                ValidationError(
                    _("The form was sent too quickly. Please check your entries and send it again."),
                    code="too_fast",
                )
            ]
        return []

    def full_clean(self):
        problems = self.spam_errors() if self.is_bound else []
        if problems:
            self.files = MultiValueDict()  # never decode what a bot sent
        super().full_clean()
        for problem in problems:
            self.add_error(None, problem)

    def refuse(self, message) -> None:
        """Refuse the post with ``message`` without running the expensive checks (uploads)."""
        if self._errors is None:
            self.files = MultiValueDict()
        self.add_error(None, message)

    @property
    def spam_field_names(self) -> tuple[str, str]:
        return ("website", "form_started")


# --- Rate limits ---------------------------------------------------------------------------------


def contact_key(value: str) -> str:
    """A cache key part for an e-mail or phone number that does not store it in clear."""
    return hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]


def _contact_limits(request, scope: str, contacts: list[str], rate: str):
    for contact in filter(None, contacts):
        key = contact_key(contact)
        yield {
            "request": request,
            "group": f"{scope}:contact",
            "key": lambda _group, _request, k=key: k,
            "rate": rate,
        }


def submission_limited(
    request, scope: str, contacts: list[str], *, per_ip: str, per_contact: str, increment: bool = True
) -> bool:
    """Count this submission (unless ``increment`` is False) and tell whether a limit is exceeded.

    ``per_ip`` / ``per_contact`` are django-ratelimit rates such as ``"10/h"``. Without
    ``increment`` it tells whether one more submission would exceed a limit.
    """
    limits = [{"request": request, "group": f"{scope}:ip", "key": "ip", "rate": per_ip}]
    limits += list(_contact_limits(request, scope, contacts, per_contact))
    if increment:
        results = [is_ratelimited(**limit, increment=True) for limit in limits]
        return any(results)
    for limit in limits:
        usage = get_usage(**limit, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            return True
    return False


@dataclass(frozen=True)
class SubmissionLimits:
    """How often one public form may be posted: ``attempts_per_ip`` counts every post, refused
    ones included; ``per_ip`` and ``per_contact`` count accepted submissions."""

    scope: str
    attempts_per_ip: str = "30/h"
    per_ip: str = "10/h"
    per_contact: str = "5/h"


# --- One submission per form shown ---------------------------------------------------------------


@dataclass
class SubmissionResult:
    """What ``submit_once`` did: ``result`` is what was stored (``repeated`` if by an earlier
    post of the same form); otherwise the form holds the errors to show with ``status``."""

    result: models.Model | None = None
    repeated: bool = False
    status: int = 200
    limited: bool = False


RECENT_SESSION_KEY = "antispam_recent_submissions"
# A browser sending exactly what it sent this long ago or less gets the same result.
RECENT_SECONDS = 3600


def content_digest(form: forms.Form) -> str:
    """A digest of what was typed and attached, without the stamp, honeypot and CSRF token."""
    ignored = {form.add_prefix(name) for name in form.spam_field_names} | {"csrfmiddlewaretoken"}
    parts = [
        (key, form.data.getlist(key) if hasattr(form.data, "getlist") else [form.data[key]])
        for key in sorted(form.data)
        if key not in ignored
    ]
    files = [(key, [(f.name, f.size) for f in form.files.getlist(key)]) for key in sorted(form.files)]
    return hashlib.sha256(repr((parts, files)).encode()).hexdigest()


def _recent_result(request, scope: str, digest: str) -> models.Model | None:
    """What this browser stored with exactly the same content a moment ago (Back, send again
    after the browser re-loaded the form and re-filled it: a fresh stamp, the same content)."""
    recent = request.session.get(RECENT_SESSION_KEY, {}).get(f"{scope}:{digest}")
    if not recent or time.time() - recent[2] > RECENT_SECONDS:
        return None
    model = ContentType.objects.get_for_id(recent[0]).model_class()
    return model._default_manager.filter(pk=recent[1]).first() if model else None


def _remember_recent(request, scope: str, digest: str, result: models.Model) -> None:
    now = time.time()
    recent = {
        key: value
        for key, value in request.session.get(RECENT_SESSION_KEY, {}).items()
        if now - value[2] <= RECENT_SECONDS
    }
    recent[f"{scope}:{digest}"] = [ContentType.objects.get_for_model(result).pk, result.pk, now]
    request.session[RECENT_SESSION_KEY] = dict(list(recent.items())[-10:])


def forget_recent_submissions(request, scope: str) -> None:
    """Let this browser send the same content to ``scope`` again and have it stored anew (for
    a request that is legitimately repeated, e.g. asking for a new confirmation code)."""
    recent = request.session.get(RECENT_SESSION_KEY, {})
    kept = {key: value for key, value in recent.items() if not key.startswith(f"{scope}:")}
    if kept != recent:
        request.session[RECENT_SESSION_KEY] = kept


def earlier_result(scope: str, stamp: FormStamp | None) -> models.Model | None:
    """What an earlier, successful post of the same form created, if any."""
    if stamp is None:
        return None
    used = UsedFormStamp.objects.filter(digest=stamp.digest, form=scope, result_id__isnull=False).first()
    return used.result if used is not None else None


def forget_expired_stamps() -> None:
    """Stamps older than ``FORM_MAX_AGE_SECONDS`` are refused anyway: their rows can go."""
    cutoff = timezone.now() - datetime.timedelta(seconds=settings.FORM_MAX_AGE_SECONDS + 120)
    UsedFormStamp.objects.filter(used_at__lt=cutoff).delete()


def _claim(scope: str, stamp: FormStamp) -> tuple[UsedFormStamp, bool]:
    """Mark the stamp used in the current transaction; (row, True) if this post is its first.

    A concurrent post of the same stamp blocks on the unique digest until the first post's
    transaction ends, then finds its row (and its result).
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            return UsedFormStamp.objects.create(digest=stamp.digest, form=scope, used_at=now), True
    except IntegrityError:
        return UsedFormStamp.objects.select_for_update().get(digest=stamp.digest), False


ALREADY_SENT = _(
    "This form has already been sent. Please check your entries and send it again if you want to "
    "make a new submission."
)
TOO_MANY_ATTEMPTS = _(
    "Too many attempts from your connection in a short time. Nothing was sent; please try again later."
)


def submit_once(
    request,
    form: SpamProtectedForm,
    limits: SubmissionLimits,
    store: Callable[[dict], models.Model],
    *,
    contacts: Callable[[], list[str]] = list,
    field_names: dict[str, str] | None = None,
) -> SubmissionResult:
    """Check a posted public form, cheapest first, and store it at most once per form shown.

    1. A stamp whose earlier post succeeded, or exactly the same content sent by this browser
       within the hour: that post's result (nothing else happens).
    2. Every post counts against ``limits.attempts_per_ip``.
    3. Honeypot and stamp age; then the submission limits (peeked, not counted yet).
    4. The stamp is marked used (in the transaction that stores the result), the form validated
       (uploads decoded only now), and ``store(cleaned_data)`` called; a ValidationError it
       raises is shown on the form (``field_names`` maps its field names to the form's).
    5. The accepted submission counts against the submission limits.

    ``contacts`` returns the e-mail/phone typed in, for the per-contact limit.
    """
    stamp = form.stamp
    digest = content_digest(form)
    earlier = earlier_result(limits.scope, stamp) or _recent_result(request, limits.scope, digest)
    if earlier is not None:
        return SubmissionResult(result=earlier, repeated=True)
    if is_ratelimited(
        request, group=f"{limits.scope}:attempts", key="ip", rate=limits.attempts_per_ip, increment=True
    ):
        form.refuse(TOO_MANY_ATTEMPTS)
        return SubmissionResult(status=429, limited=True)
    problems = form.spam_errors()
    if problems:
        form.refuse(problems)
        return SubmissionResult()
    if submission_limited(
        request,
        limits.scope,
        contacts(),
        per_ip=limits.per_ip,
        per_contact=limits.per_contact,
        increment=False,
    ):
        return SubmissionResult(status=429, limited=True)
    forget_expired_stamps()  # outside the transaction below, so it never waits on another post
    with transaction.atomic():
        used, first = _claim(limits.scope, stamp)
        if not first:
            if used.result_id is not None:
                return SubmissionResult(result=used.result, repeated=True)
            form.refuse(ALREADY_SENT)
            return SubmissionResult()
        if not form.is_valid():
            return SubmissionResult()
        try:
            with transaction.atomic():
                result = store(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error, field_names)
            return SubmissionResult()
        used.result_type = ContentType.objects.get_for_model(result)
        used.result_id = result.pk
        used.save(update_fields=["result_type", "result_id"])
    submission_limited(
        request,
        limits.scope,
        contacts(),
        per_ip=limits.per_ip,
        per_contact=limits.per_contact,
        increment=True,
    )
    _remember_recent(request, limits.scope, digest, result)
    return SubmissionResult(result=result)
