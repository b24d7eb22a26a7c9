"""Templated e-mail to citizens and staff, sent in the background.

``notify()`` enqueues a task after the current transaction commits, so a submission is never
slowed down or failed by the mail server; the task retries with growing waits on the queue
(``manage.py db_worker``) and logs every failure without personal data.

Templates live at ``<app>/templates/<name>_subject.txt`` and ``<name>.txt`` and are rendered in
the recipient's language.
"""

from __future__ import annotations

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


class EmailDeliveryFailed(Exception):
    """Every attempt to send an e-mail failed (the message names the template, never a person)."""


def notify(template: str, recipients: list[str], context: dict, language: str = "id") -> None:
    """Send ``template`` to ``recipients`` once the surrounding transaction has committed.

    ``context`` must be JSON-serialisable (the task queue stores it): pass references, names
    and URLs, never model instances.
    """
    recipients = [address for address in recipients if address]
    if not recipients:
        return
    # robust: a queue that cannot take the task must not turn a stored submission into an error
    # page (Django logs the failure).
    transaction.on_commit(
        lambda: send_templated_email.enqueue(template, recipients, context, language, attempt=1),
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


def _retry_delay(attempt: int) -> int | None:
    delays = settings.NOTIFICATION_RETRY_SECONDS
    if attempt >= settings.NOTIFICATION_MAX_ATTEMPTS:
        return None
    return delays[min(attempt - 1, len(delays) - 1)]


def _enqueue_retry(template, recipients, context, language, attempt, retry_in):
    run_after = timezone.now() + datetime.timedelta(seconds=retry_in)
    if send_templated_email.get_backend().supports_defer:
        send_templated_email.using(run_after=run_after).enqueue(
            template, recipients, context, language, attempt=attempt
        )
    else:
        # Immediate backends (development, tests) cannot wait: try again right away.
        send_templated_email.enqueue(template, recipients, context, language, attempt=attempt)
