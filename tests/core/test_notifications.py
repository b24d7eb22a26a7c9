"""Templated e-mail sent after the commit, in the recipient's language, retried and logged safely."""

import logging
import smtplib
from unittest import mock

import pytest
from django.core import mail
from django.core.mail import EmailMessage
from django.db import transaction
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_tasks.backends.base import BaseTaskBackend

from smartcity.core.notifications import EmailDeliveryFailed, notify, send_templated_email

pytestmark = pytest.mark.django_db

CITIZEN = "warga.binjai@example.com"
CONTEXT = {
    "reference": "ADU-2026-000042",
    "title": 'Lampu jalan "mati" & kabel putus',
    "link": "https://binjaikota.go.id/layanan/pengaduan/lacak/?nomor=ADU-2026-000042&token=abc",
    "due": "09-10-2026",
}
SUBMITTED = "complaints/email/submitted"
DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
BROKEN_TASKS = {"default": {"BACKEND": "tests.core.test_notifications.BrokenQueue"}}


class BrokenQueue(BaseTaskBackend):
    """A task queue that cannot be reached."""

    def enqueue(self, task, args, kwargs):
        raise ConnectionError("queue unavailable")


def refused(*_args, **_kwargs):
    # Real SMTP errors quote the refused addresses: this one must never reach the logs.
    raise smtplib.SMTPRecipientsRefused({CITIZEN: (550, b"5.1.1 mailbox unavailable")})


@pytest.fixture
def template_dir(tmp_path, settings):
    """A test-only template that shows the language it was rendered in."""
    folder = tmp_path / "notifications"
    folder.mkdir()
    (folder / "lang_subject.txt").write_text(
        "{% load i18n %}{% get_current_language as lang %}[{{ lang }}] {{ reference }}"
    )
    (folder / "lang.txt").write_text(
        '{% load i18n %}{% get_current_language as lang %}lang={{ lang }} {% translate "Subject" %}'
    )
    templates = [dict(engine) for engine in settings.TEMPLATES]
    templates[0]["DIRS"] = [tmp_path, *templates[0].get("DIRS", [])]
    settings.TEMPLATES = templates
    return "notifications/lang"


def test_nothing_is_sent_before_the_transaction_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(SUBMITTED, [CITIZEN], CONTEXT, "en")
        assert mail.outbox == []
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [CITIZEN]
    assert CONTEXT["reference"] in message.subject
    assert CONTEXT["link"] in message.body
    assert CONTEXT["due"] in message.body
    assert f"{CONTEXT['title']}\n" in message.body  # plain text: no HTML entities


def test_a_rolled_back_transaction_sends_nothing(django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ZeroDivisionError),
        transaction.atomic(),
    ):
        notify(SUBMITTED, [CITIZEN], CONTEXT, "en")
        1 / 0  # noqa: B018
    assert mail.outbox == []


def test_empty_recipients_are_dropped(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notify(SUBMITTED, ["", None], CONTEXT, "id")
        notify(SUBMITTED, ["", CITIZEN], CONTEXT, "id")
    assert len(callbacks) == 1
    assert [m.to for m in mail.outbox] == [[CITIZEN]]


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_message_is_rendered_in_the_recipients_language(
    language, template_dir, django_capture_on_commit_callbacks
):
    translation.activate("id" if language == "en" else "en")  # the sender's language must not leak
    try:
        with django_capture_on_commit_callbacks(execute=True):
            notify(template_dir, [CITIZEN], CONTEXT, language)
    finally:
        translation.deactivate()
    (message,) = mail.outbox
    assert message.subject == f"[{language}] {CONTEXT['reference']}"
    with translation.override(language):
        assert message.body == f"lang={language} {gettext('Subject')}"


@pytest.mark.parametrize("language", ["id", "en"])
def test_the_complaint_receipt_in_both_languages(language, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(SUBMITTED, [CITIZEN], CONTEXT, language)
    (message,) = mail.outbox
    with translation.override(language):
        label = gettext("Reference number")
    assert f"{label}: {CONTEXT['reference']}" in message.body
    assert "\n" not in message.subject


def test_a_failing_mail_server_is_retried_then_logged_without_personal_data(
    settings, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    with (
        mock.patch.object(EmailMessage, "send", side_effect=refused) as send,
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(SUBMITTED, [CITIZEN], CONTEXT, "id")  # must not raise
    assert send.call_count == settings.NOTIFICATION_MAX_ATTEMPTS
    ours = [r for r in caplog.records if r.name == "smartcity.core.notifications"]
    assert [r.levelno for r in ours] == [logging.WARNING] * (settings.NOTIFICATION_MAX_ATTEMPTS - 1) + [
        logging.ERROR
    ]
    assert SUBMITTED in ours[-1].getMessage()
    # Nothing logged anywhere (messages or tracebacks) names the recipient.
    assert CITIZEN not in caplog.text
    assert "warga" not in caplog.text
    assert not any(CITIZEN in r.getMessage() for r in caplog.records)


@override_settings(NOTIFICATION_MAX_ATTEMPTS=2)
def test_the_number_of_attempts_follows_the_setting(django_capture_on_commit_callbacks):
    with (
        mock.patch.object(EmailMessage, "send", side_effect=OSError("connection refused")) as send,
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(SUBMITTED, [CITIZEN], CONTEXT, "id")
    assert send.call_count == 2


def test_a_mail_server_that_recovers_delivers_once(caplog, django_capture_on_commit_callbacks):
    real_send = EmailMessage.send
    failures = [smtplib.SMTPServerDisconnected("gone"), OSError("timeout")]

    def flaky(message, *args, **kwargs):
        if failures:
            raise failures.pop(0)
        return real_send(message, *args, **kwargs)

    with (
        mock.patch.object(EmailMessage, "send", autospec=True, side_effect=flaky),
        django_capture_on_commit_callbacks(execute=True),
    ):
        notify(SUBMITTED, [CITIZEN], CONTEXT, "id")
    assert len(mail.outbox) == 1
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_the_last_failure_does_not_carry_the_addresses():
    with (
        override_settings(NOTIFICATION_MAX_ATTEMPTS=1),
        mock.patch.object(EmailMessage, "send", side_effect=refused),
        pytest.raises(EmailDeliveryFailed) as failure,
    ):
        send_templated_email.call(SUBMITTED, [CITIZEN], CONTEXT, "id", attempt=1)
    assert CITIZEN not in str(failure.value)
    assert failure.value.__cause__ is None and failure.value.__suppress_context__


@override_settings(TASKS=DUMMY_TASKS)
def test_on_a_deferring_queue_a_failure_schedules_the_next_attempt_later(settings):
    backend = send_templated_email.get_backend()
    assert backend.supports_defer
    before = timezone.now()
    with mock.patch.object(EmailMessage, "send", side_effect=smtplib.SMTPException("busy")) as send:
        outcome = send_templated_email.call(SUBMITTED, [CITIZEN], CONTEXT, "en", attempt=1)
    assert outcome == "retrying"
    assert send.call_count == 1  # not retried on the spot
    (retry,) = backend.results
    assert retry.kwargs == {"attempt": 2}
    assert list(retry.args) == [SUBMITTED, [CITIZEN], CONTEXT, "en"]
    delay = (retry.task.run_after - before).total_seconds()
    assert delay >= settings.NOTIFICATION_RETRY_SECONDS[0] - 1
    assert delay < settings.NOTIFICATION_RETRY_SECONDS[1]


@override_settings(TASKS=DUMMY_TASKS)
def test_later_attempts_wait_longer_and_the_last_one_gives_up(settings):
    backend = send_templated_email.get_backend()
    waits = []
    with mock.patch.object(EmailMessage, "send", side_effect=OSError("down")):
        for attempt in range(1, settings.NOTIFICATION_MAX_ATTEMPTS):
            before = timezone.now()
            send_templated_email.call(SUBMITTED, [CITIZEN], CONTEXT, "id", attempt=attempt)
            waits.append((backend.results[-1].task.run_after - before).total_seconds())
        with pytest.raises(EmailDeliveryFailed):
            send_templated_email.call(
                SUBMITTED, [CITIZEN], CONTEXT, "id", attempt=settings.NOTIFICATION_MAX_ATTEMPTS
            )
    assert len(backend.results) == settings.NOTIFICATION_MAX_ATTEMPTS - 1  # no retry after the last
    assert waits == sorted(waits) and waits[0] < waits[-1]


@override_settings(TASKS=DUMMY_TASKS)
def test_notify_enqueues_after_commit_on_a_real_queue(django_capture_on_commit_callbacks):
    backend = send_templated_email.get_backend()
    with django_capture_on_commit_callbacks(execute=True):
        notify(SUBMITTED, [CITIZEN], CONTEXT, "en")
        assert backend.results == []
    (queued,) = backend.results
    assert queued.task.run_after is None
    assert queued.kwargs == {"attempt": 1}
    assert mail.outbox == []  # the worker sends it, not the request


@override_settings(TASKS=BROKEN_TASKS)
def test_an_unreachable_queue_does_not_fail_the_caller(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(SUBMITTED, [CITIZEN], CONTEXT, "en")  # must not raise
    assert mail.outbox == []
