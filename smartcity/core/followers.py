"""Following a case: "I have this problem too" for any service (models: ``CaseFollower``).

A neighbour leaves a contact (an e-mail address or a mobile number); it counts (and hears
anything) only once confirmed, so nobody can subscribe somebody else. An address is confirmed
through a link e-mailed to it, a phone by a short code sent by SMS and typed on the service's
page. Links carry Django-signed tokens rather than
stored secrets: the confirmation link expires after ``CONFIRM_MAX_AGE``, the unfollow link in
every update works as long as the follower exists, and neither can stand in for the other
(different salts). A GET of either link only shows a button, because mail scanners open links.

A code is ``CODE_LENGTH`` characters of the access codes' alphabet (no I, L, O, U; typing is
forgiving, see ``smartcity.core.tokens``); only its digest is stored, it expires after
``CODE_MAX_AGE`` and allows ``CODE_MAX_ATTEMPTS`` wrong tries, then a new one must be asked for.
Phones are offered only while the city has an SMS gateway (``sms_available()``).

Services call ``start_following``, ``confirm_following`` (link) or ``confirm_with_code``
(phone), ``stop_following``,
``notify_followers`` and count with ``follower_count`` (or annotate their lists with
``confirmed_followers_count()``); they supply the URLs, since each service has its own pages.
"""

from __future__ import annotations

import datetime
import enum
import hmac
import logging
import secrets
from collections.abc import Callable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import CaseFollower
from .notifications import notify
from .personal_data import clean_mobile_phone
from .tokens import ACCESS_CODE_ALPHABET, digest, normalise_access_code

logger = logging.getLogger(__name__)

CONFIRM_MAX_AGE = datetime.timedelta(days=3)
CONFIRM_SALT = "smartcity.core.followers.confirm"
UNFOLLOW_SALT = "smartcity.core.followers.unfollow"
CONFIRM_TEMPLATE = "core/email/follow_confirm"
CODE_TEMPLATE = "core/email/follow_code"
CODE_LENGTH = 6
CODE_MAX_AGE = datetime.timedelta(minutes=30)
CODE_MAX_ATTEMPTS = 5

UrlBuilder = Callable[[str], str]


def normalise_email(value: str) -> str:
    """The form one address is stored and compared in (validated; lower case, no spaces)."""
    address = (value or "").strip().lower()
    validate_email(address)
    return address


def sms_available() -> bool:
    """Whether followers may give a mobile number (the city has an SMS/WhatsApp gateway)."""
    return not settings.SMS_BACKEND.endswith(".DisabledBackend")


def normalise_contact(value: str) -> tuple[str, str]:
    """(channel, contact): an e-mail address in lower case, or a mobile number in E.164 form.

    Raises ValidationError in the user's language for anything else, and for a phone while no
    SMS gateway is configured.
    """
    value = (value or "").strip()
    if "@" in value:
        return CaseFollower.Channel.EMAIL, normalise_email(value)
    if not sms_available():
        raise ValidationError(_("Enter a valid e-mail address."), code="invalid_email")
    try:
        return CaseFollower.Channel.SMS, clean_mobile_phone(value)
    except ValidationError as error:
        if error.code == "not_mobile":  # a valid number that cannot receive SMS: say so
            raise
        raise ValidationError(
            _("Enter a valid e-mail address or an Indonesian mobile number (example: 0812 3456 7890)."),
            code="invalid_contact",
        ) from None


def start_following(
    case,
    *,
    contact: str,
    language: str,
    confirm_url: UrlBuilder,
    context: dict,
) -> CaseFollower:
    """Ask to follow ``case`` with ``contact``; unless already confirmed, sends the confirmation
    link (e-mail) or a new code (SMS, replacing any earlier code).

    One row per contact and case: asking again re-sends (the first may be lost) and answers the
    same either way, so the form tells nobody whether a contact already follows.
    ``context`` (reference, title...) is what the confirmation may say about the case.
    """
    channel, contact = normalise_contact(contact)
    content_type = ContentType.objects.get_for_model(case)
    try:
        with transaction.atomic():
            follower, _created = CaseFollower.objects.get_or_create(
                content_type=content_type,
                object_id=case.pk,
                contact=contact,
                defaults={"channel": channel, "language": language},
            )
    except IntegrityError:  # the same contact sent twice at once: the other request won
        follower = CaseFollower.objects.get(content_type=content_type, object_id=case.pk, contact=contact)
    if follower.confirmed_at is not None:
        return follower
    if follower.channel == CaseFollower.Channel.SMS:
        _send_code(follower, context, language)
    else:
        notify(
            CONFIRM_TEMPLATE,
            [follower.contact],
            {**context, "link": confirm_url(confirm_token(follower)), "days": CONFIRM_MAX_AGE.days},
            language,
        )
    return follower


def _send_code(follower: CaseFollower, context: dict, language: str) -> None:
    code = "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(CODE_LENGTH))
    follower.code_digest = digest(code)
    follower.code_sent_at = timezone.now()
    follower.code_attempts = 0
    follower.save(update_fields=["code_digest", "code_sent_at", "code_attempts"])
    minutes = int(CODE_MAX_AGE.total_seconds() // 60)
    notify(
        CODE_TEMPLATE, [], {**context, "code": code, "minutes": minutes}, language, phones=[follower.contact]
    )


class CodeCheck(enum.Enum):
    CONFIRMED = "confirmed"
    WRONG = "wrong"
    EXPIRED = "expired"  # too old, or too many wrong attempts: a new code must be asked for


def confirm_with_code(follower: CaseFollower, typed: str) -> CodeCheck:
    """Confirm a phone follower with the code sent to it (counts wrong attempts)."""
    if follower.confirmed_at is not None:
        return CodeCheck.CONFIRMED
    with transaction.atomic():
        follower = CaseFollower.objects.select_for_update().get(pk=follower.pk)
        if (
            not follower.code_digest
            or follower.code_sent_at is None
            or timezone.now() - follower.code_sent_at > CODE_MAX_AGE
            or follower.code_attempts >= CODE_MAX_ATTEMPTS
        ):
            return CodeCheck.EXPIRED
        if hmac.compare_digest(digest(normalise_access_code(typed or "")), follower.code_digest):
            follower.confirmed_at = timezone.now()
            follower.code_digest = ""
            follower.save(update_fields=["confirmed_at", "code_digest"])
            return CodeCheck.CONFIRMED
        follower.code_attempts += 1
        follower.save(update_fields=["code_attempts"])
        return CodeCheck.WRONG if follower.code_attempts < CODE_MAX_ATTEMPTS else CodeCheck.EXPIRED


def _sign(pk: int, salt: str) -> str:
    # Signed values contain ":", which page URLs (Wagtail's path components: letters, digits,
    # "-" and "_") do not take: wrapped once more in URL-safe base64.
    return signing.b64_encode(signing.dumps(pk, salt=salt).encode()).decode()


def confirm_token(follower: CaseFollower) -> str:
    return _sign(follower.pk, CONFIRM_SALT)


def unfollow_token(follower: CaseFollower) -> str:
    return _sign(follower.pk, UNFOLLOW_SALT)


def _load(token: str, salt: str, max_age: datetime.timedelta | None = None) -> CaseFollower | None:
    try:
        signed = signing.b64_decode(token.encode()).decode()
        pk = signing.loads(signed, salt=salt, max_age=max_age)
    except (signing.BadSignature, ValueError):  # SignatureExpired, bad base64 or UTF-8 included
        return None
    return CaseFollower.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def follower_for_confirmation(token: str) -> CaseFollower | None:
    """The follower a confirmation link is for, if the link is genuine and not expired."""
    return _load(token, CONFIRM_SALT, CONFIRM_MAX_AGE)


def follower_for_unfollowing(token: str) -> CaseFollower | None:
    return _load(token, UNFOLLOW_SALT)


def confirm_following(token: str) -> CaseFollower | None:
    """Confirm the contact behind a confirmation link; None for a forged or expired link."""
    follower = follower_for_confirmation(token)
    if follower is None:
        return None
    if follower.confirmed_at is None:
        follower.confirmed_at = timezone.now()
        follower.save(update_fields=["confirmed_at"])
    return follower


def stop_following(token: str) -> CaseFollower | None:
    """Delete the follower behind an unfollow link; returns it (unsaved) or None."""
    follower = follower_for_unfollowing(token)
    if follower is not None:
        follower.delete()
    return follower


def confirmed_followers(case):
    return CaseFollower.objects.filter(
        content_type=ContentType.objects.get_for_model(case), object_id=case.pk, confirmed_at__isnull=False
    )


def follower_count(case) -> int:
    return confirmed_followers(case).count()


def confirmed_followers_count(case_model) -> Coalesce:
    """Annotation for a queryset of ``case_model``: how many confirmed followers each case has.

    A subquery rather than a join: no GROUP BY, so the queryset keeps its ordering and columns.
    """
    confirmed = (
        CaseFollower.objects.filter(
            content_type=ContentType.objects.get_for_model(case_model),
            object_id=OuterRef("pk"),
            confirmed_at__isnull=False,
        )
        .order_by()
        .values("object_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(confirmed, output_field=IntegerField()), 0)


def notify_followers(
    case, template: str, context: dict | Callable[[str], dict], *, unfollow_url: UrlBuilder
) -> int:
    """Send ``template`` to each confirmed follower, one message each (they never see each other),
    each with its own ``unfollow_link``: e-mail to addresses, ``<template>_sms.txt`` to phones.
    Returns how many were sent.

    ``context`` may be a function of the follower's language, for values translated beforehand
    (the e-mail task takes only JSON-serialisable values).
    """
    sent = 0
    for follower in confirmed_followers(case):
        values = context(follower.language) if callable(context) else context
        by_sms = follower.channel == CaseFollower.Channel.SMS
        notify(
            template,
            [] if by_sms else [follower.contact],
            {**values, "unfollow_link": unfollow_url(unfollow_token(follower))},
            follower.language,
            phones=[follower.contact] if by_sms else None,
        )
        sent += 1
    return sent
