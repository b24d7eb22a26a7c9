"""Templated e-mail and text messages (SMS/WhatsApp) to citizens and staff, sent in the background.

``notify()`` enqueues tasks after the current transaction commits, so a submission is never
slowed down or failed by the mail server or the SMS gateway; the tasks retry with growing waits
on the queue (``manage.py db_worker``) and log every failure without personal data.

Templates live at ``<app>/templates/<name>_subject.txt`` and ``<name>.txt`` (e-mail) and
``<name>_sms.txt`` (a short text for phones, see ``smartcity.core.sms``), rendered in the
recipient's language.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone, translation
from django_tasks import task

logger = logging.getLogger(__name__)

_muted = contextvars.ContextVar("notifications_muted", default=False)


@contextlib.contextmanager
def muted():
    """Nothing is sent from inside this block: for demo data that replays past cases through
    the services (their applicants' addresses are made up, and the events long past)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


class EmailDeliveryFailed(Exception):
    """Every attempt to send an e-mail failed (the message names the template, never a person)."""


class TextDeliveryFailed(Exception):
    """Every attempt to send a text message failed (names the template, never a number)."""


def notify(
    template: str,
    recipients: list[str],
    context: dict,
    language: str = "id",
    *,
    phones: list[str] | None = None,
) -> None:
    """Send ``template`` to ``recipients`` by e-mail and to ``phones`` as a text message once the
    surrounding transaction has committed.

    ``context`` must be JSON-serialisable (the task queue stores it): pass references, names
    and URLs, never model instances.
    """
    if _muted.get():
        return
    recipients = [address for address in recipients if address]
    phones = [phone for phone in phones or [] if phone]
    # robust: a queue that cannot take the task must not turn a stored submission into an error
    # page (Django logs the failure).
    if recipients:
        transaction.on_commit(
            lambda: send_templated_email.enqueue(template, recipients, context, language, attempt=1),
            robust=True,
        )
    if phones:
        transaction.on_commit(
            lambda: send_templated_text.enqueue(template, phones, context, language, attempt=1),
            robust=True,
        )


def render_email(template: str, context: dict, language: str) -> tuple[str, str]:
    """The subject line and plain-text body of ``template`` in ``language``."""
    with translation.override(language):
        subject = _render_text(f"{template}_subject.txt", context).strip().replace("\n", " ")
        body = _render_text(f"{template}.txt", context)
    return subject, body


def _render_text(name: str, context: dict) -> str:
    # Plain text, not HTML: autoescaping would turn the "&" in links into "&amp;" (breaking the
    # citizen's tracking link) and quotes in titles into entities.
    return get_template(name).template.render(Context(context, autoescape=False))


@task()
def send_templated_email(
    template: str, recipients: list[str], context: dict, language: str, attempt: int = 1
):
    """Render and send one e-mail; on failure, enqueue the next attempt after a pause."""
    subject, body = render_email(template, context, language)
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, recipients).send()
    except Exception as error:  # SMTP, DNS, socket...: the mail server is the problem here
        retry_in = _retry_delay(attempt)
        if retry_in is None:
            logger.error("E-mail %s gave up after %s attempts: %s", template, attempt, type(error).__name__)
            # Not the original error: SMTP errors quote the recipients' addresses, and the task
            # queue logs and stores the exception it gets.
            raise EmailDeliveryFailed(f"{template}: gave up after {attempt} attempts") from None
        logger.warning(
            "E-mail %s failed (attempt %s, %s); retrying in %ss",
            template,
            attempt,
            type(error).__name__,
            retry_in,
        )
        _enqueue_retry(template, recipients, context, language, attempt + 1, retry_in)
        return "retrying"
    return "sent"


def render_text(template: str, context: dict, language: str) -> str:
    """The short text message of ``template`` in ``language``, on one paragraph.

    ``site_name`` (Wagtail's site name) is available to every text, which has no letterhead.
    """
    with translation.override(language):
        text = _render_text(f"{template}_sms.txt", {"site_name": settings.WAGTAIL_SITE_NAME, **context})
    return " ".join(text.split())


@task()
def send_templated_text(template: str, phones: list[str], context: dict, language: str, attempt: int = 1):
    """Render and send one text to each phone; numbers that failed are tried again later."""
    from . import sms

    body = render_text(template, context, language)
    failed, error_name = [], ""
    for phone in phones:
        try:
            sms.send(sms.TextMessage(to=phone, body=body))
        except Exception as error:  # gateway, network, configuration: retried the same way
            failed.append(phone)
            error_name = type(error).__name__
    if not failed:
        return "sent"
    retry_in = _retry_delay(attempt)
    if retry_in is None:
        logger.error("Text %s gave up after %s attempts: %s", template, attempt, error_name)
        raise TextDeliveryFailed(f"{template}: gave up after {attempt} attempts") from None
    logger.warning(
        "Text %s failed (attempt %s, %s); retrying in %ss", template, attempt, error_name, retry_in
    )
    _enqueue_retry_of(send_templated_text, (template, failed, context, language), attempt + 1, retry_in)
    return "retrying"


def _retry_delay(attempt: int) -> int | None:
    delays = settings.NOTIFICATION_RETRY_SECONDS
    if attempt >= settings.NOTIFICATION_MAX_ATTEMPTS:
        return None
    return delays[min(attempt - 1, len(delays) - 1)]


def _enqueue_retry(template, recipients, context, language, attempt, retry_in):
    _enqueue_retry_of(send_templated_email, (template, recipients, context, language), attempt, retry_in)


def _enqueue_retry_of(task_function, args: tuple, attempt: int, retry_in: int) -> None:
    run_after = timezone.now() + datetime.timedelta(seconds=retry_in)
    if task_function.get_backend().supports_defer:
        task_function.using(run_after=run_after).enqueue(*args, attempt=attempt)
    else:
        # Immediate backends (development, tests) cannot wait: try again right away.
        task_function.enqueue(*args, attempt=attempt)
