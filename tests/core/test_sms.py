"""SMS/WhatsApp through a small gateway client chosen by ``SMS_BACKEND``: console in development,
an HTTP gateway in production, an outbox in tests; sent in the background and retried like e-mail."""

import http.server
import json
import logging
import threading

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from smartcity.core import sms
from smartcity.core.notifications import TextDeliveryFailed, notify, send_templated_text

pytestmark = pytest.mark.django_db

PHONE = "+6281234567890"
CONTEXT = {
    "reference": "ADU-2026-000042",
    "status": "Diproses",
    "code": "K7QM5-4XRTB",
    "link": "https://x/#a",
}
STATUS = "complaints/email/status"
HTTP_BACKEND = "smartcity.core.sms.HttpGatewayBackend"


class Gateway(http.server.BaseHTTPRequestHandler):
    """A stand-in SMS gateway on the loopback address that records what it receives."""

    received: list = []
    answer = 200
    release: threading.Event | None = None

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.release is not None:
            self.release.wait(5)
        type(self).received.append((dict(self.headers), json.loads(body)))
        self.send_response(self.answer)
        self.end_headers()
        self.wfile.write(b"{}")

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    Gateway.received, Gateway.answer, Gateway.release = [], 200, None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Gateway)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_BACKEND = HTTP_BACKEND
    settings.SMS_GATEWAY_URL = f"http://127.0.0.1:{server.server_address[1]}/send"
    settings.SMS_GATEWAY_KEY = "kunci-gateway-uji"
    settings.SMS_GATEWAY_TIMEOUT = 0.5
    yield Gateway
    if Gateway.release is not None:
        Gateway.release.set()
    server.shutdown()
    server.server_close()


def test_tests_use_an_outbox():
    sms.send(sms.TextMessage(to=PHONE, body="Halo"))
    assert sms.outbox == [sms.TextMessage(to=PHONE, body="Halo", channel="sms")]


def test_the_console_backend_prints_the_message(settings, capsys):
    settings.SMS_BACKEND = "smartcity.core.sms.ConsoleBackend"
    sms.send(sms.TextMessage(to=PHONE, body="Pengaduan diterima"))
    assert "Pengaduan diterima" in capsys.readouterr().out
    assert sms.outbox == []


def test_the_http_gateway_gets_number_text_channel_and_key(gateway, settings):
    settings.SMS_CHANNEL = "whatsapp"
    sms.send(sms.TextMessage(to=PHONE, body="Pengaduan diterima"))
    ((headers, payload),) = gateway.received
    assert payload == {"to": PHONE, "message": "Pengaduan diterima", "channel": "whatsapp"}
    assert headers["Authorization"] == "Bearer kunci-gateway-uji"
    assert headers["Content-Type"] == "application/json"


def test_a_refusing_gateway_raises_its_own_error_without_the_number(gateway):
    gateway.answer = 503
    with pytest.raises(sms.GatewayError) as error:
        sms.send(sms.TextMessage(to=PHONE, body="Halo"))
    assert "503" in str(error.value)
    assert PHONE not in str(error.value)


def test_a_slow_gateway_times_out(gateway):
    gateway.release = threading.Event()
    with pytest.raises(sms.GatewayError) as error:
        sms.send(sms.TextMessage(to=PHONE, body="Halo"))
    assert PHONE not in str(error.value)


def test_an_unreachable_gateway_raises_its_own_error(settings):
    settings.SMS_BACKEND = HTTP_BACKEND
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/send"  # the discard port: nothing listens
    settings.SMS_GATEWAY_KEY = "kunci"
    with pytest.raises(sms.GatewayError):
        sms.send(sms.TextMessage(to=PHONE, body="Halo"))


def test_the_http_gateway_needs_its_url_and_key(settings):
    settings.SMS_BACKEND = HTTP_BACKEND
    settings.SMS_GATEWAY_URL = ""
    with pytest.raises(ImproperlyConfigured):
        sms.send(sms.TextMessage(to=PHONE, body="Halo"))


def test_notify_texts_phones_after_commit_in_their_language(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(STATUS, [], CONTEXT, "en", phones=[PHONE, ""])
        assert sms.outbox == []
    (message,) = sms.outbox
    assert message.to == PHONE
    assert CONTEXT["reference"] in message.body and "Diproses" in message.body
    assert "is now Diproses" in message.body  # English wording
    assert message.body.startswith("Binjai Smart City: ")  # the site name, not a city in code
    assert len(message.body) <= 160


def test_a_failing_gateway_is_retried_then_logged_without_the_number(
    gateway, settings, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level(logging.DEBUG)
    gateway.answer = 500
    with django_capture_on_commit_callbacks(execute=True):
        notify(STATUS, [], CONTEXT, "id", phones=[PHONE])  # must not raise
    assert len(gateway.received) == settings.NOTIFICATION_MAX_ATTEMPTS
    ours = [r for r in caplog.records if r.name == "smartcity.core.notifications"]
    assert ours[-1].levelno == logging.ERROR
    assert PHONE not in caplog.text and "81234567890" not in caplog.text


@override_settings(NOTIFICATION_MAX_ATTEMPTS=1)
def test_the_last_failure_does_not_carry_the_number(gateway):
    gateway.answer = 500
    with pytest.raises(TextDeliveryFailed) as failure:
        send_templated_text.call(STATUS, [PHONE], CONTEXT, "id", attempt=1)
    assert PHONE not in str(failure.value)
    assert failure.value.__cause__ is None
