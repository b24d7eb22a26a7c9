"""Following a case: "I have this problem too" for any service (models: ``CaseFollower``).

A neighbour leaves a contact; it counts (and hears anything) only once confirmed through a link
sent to it, so nobody can subscribe somebody else. Links carry Django-signed tokens rather than
stored secrets: the confirmation link expires after ``CONFIRM_MAX_AGE``, the unfollow link in
every update works as long as the follower exists, and neither can stand in for the other
(different salts). A GET of either link only shows a button, because mail scanners open links.

Channels: e-mail now. SMS confirmation by a short code is the hook ``sms_available()`` /
``_send_confirmation_sms()``, waiting for core's SMS gateway client; until then followers give an
e-mail address.

Services call ``start_following``, ``confirm_following``, ``stop_following``,
``notify_followers`` and count with ``follower_count`` (or annotate their lists with
``confirmed_followers_count()``); they supply the URLs, since each service has its own pages.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import CaseFollower
from .notifications import notify

logger = logging.getLogger(__name__)

CONFIRM_MAX_AGE = datetime.timedelta(days=3)
CONFIRM_SALT = "smartcity.core.followers.confirm"
UNFOLLOW_SALT = "smartcity.core.followers.unfollow"
CONFIRM_TEMPLATE = "core/email/follow_confirm"

UrlBuilder = Callable[[str], str]


def normalise_email(value: str) -> str:
    """The form one address is stored and compared in (validated; lower case, no spaces)."""
    address = (value or "").strip().lower()
    validate_email(address)
    return address


def sms_available() -> bool:
    """Whether followers may confirm a phone number by SMS code.

    Hook for core's SMS gateway client (not in core yet): once it exists, send the code in
    ``_send_confirmation_sms`` and return True here.
    """
    return False


def _send_confirmation_sms(follower: CaseFollower, code: str) -> None:  # pragma: no cover - hook
    raise NotImplementedError("SMS confirmation needs core's SMS gateway client")


def start_following(
    case,
    *,
    email: str,
    language: str,
    confirm_url: UrlBuilder,
    context: dict,
) -> CaseFollower:
    """Ask to follow ``case`` with ``email``; sends the confirmation link unless already confirmed.

    One row per contact and case: asking again re-sends the link (the first may be lost) and
    answers the same either way, so the form tells nobody whether an address already follows.
    ``context`` (reference, title...) is what the confirmation e-mail may say about the case.
    """
    contact = normalise_email(email)
    content_type = ContentType.objects.get_for_model(case)
    try:
        with transaction.atomic():
            follower, _created = CaseFollower.objects.get_or_create(
                content_type=content_type,
                object_id=case.pk,
                contact=contact,
                defaults={"channel": CaseFollower.Channel.EMAIL, "language": language},
            )
    except IntegrityError:  # the same address sent twice at once: the other request won
        follower = CaseFollower.objects.get(content_type=content_type, object_id=case.pk, contact=contact)
    if follower.confirmed_at is None:
        notify(
            CONFIRM_TEMPLATE,
            [follower.contact],
            {**context, "link": confirm_url(confirm_token(follower)), "days": CONFIRM_MAX_AGE.days},
            language,
        )
    return follower


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
    """Send ``template`` to each confirmed follower, one e-mail each (they never see each other),
    each with its own ``unfollow_link``. Returns how many were sent.

    ``context`` may be a function of the follower's language, for values translated beforehand
    (the e-mail task takes only JSON-serialisable values).
    """
    sent = 0
    for follower in confirmed_followers(case).filter(channel=CaseFollower.Channel.EMAIL):
        values = context(follower.language) if callable(context) else context
        notify(
            template,
            [follower.contact],
            {**values, "unfollow_link": unfollow_url(unfollow_token(follower))},
            follower.language,
        )
        sent += 1
    return sent
