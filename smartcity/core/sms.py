"""A small client for SMS and WhatsApp gateways, chosen by the dotted path in ``SMS_BACKEND``.

Like Django's e-mail backends: ``ConsoleBackend`` prints messages (development),
``HttpGatewayBackend`` posts them to the city's gateway (production), ``LocmemBackend`` keeps
them in ``outbox`` (tests), ``DisabledBackend`` drops them (a city without a gateway yet).

The HTTP gateway contract is deliberately plain, so that any provider can be reached directly or
through a thin adapter: ``POST SMS_GATEWAY_URL`` with ``Authorization: Bearer SMS_GATEWAY_KEY``
and the JSON body ``{"to": "+6281234567890", "message": "...", "channel": "sms"|"whatsapp"}``;
any 2xx answer means accepted. Errors are raised as ``GatewayError`` whose message never names
the phone number (task queues and logs keep exceptions).

Send through ``smartcity.core.notifications.notify(..., phones=[...])``, which renders the text
in the citizen's language and retries in the background; ``send()`` is the immediate call.
"""

from __future__ import annotations

import json
import logging
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

# Messages "sent" by LocmemBackend, for tests (cleared before each test, like mail.outbox).
outbox: list[TextMessage] = []


class TextMessageError(Exception):
    """Sending a text message failed."""


class GatewayError(TextMessageError):
    """The gateway refused the message, answered with an error, or could not be reached in time."""


@dataclass(frozen=True)
class TextMessage:
    """One short text to one phone number (E.164, e.g. ``+6281234567890``)."""

    to: str
    body: str
    channel: str = ""  # empty: the city's SMS_CHANNEL


class BaseBackend:
    def send(self, message: TextMessage) -> None:
        raise NotImplementedError


class ConsoleBackend(BaseBackend):
    """Development: print the message, as Django's console e-mail backend does."""

    def send(self, message: TextMessage) -> None:
        sys.stdout.write(f"--- {message.channel} to {message.to}\n{message.body}\n---\n")
        sys.stdout.flush()


class LocmemBackend(BaseBackend):
    """Tests: keep the message in ``smartcity.core.sms.outbox``."""

    def send(self, message: TextMessage) -> None:
        outbox.append(message)


class DisabledBackend(BaseBackend):
    """Production without a gateway: drop texts (e-mail still reaches those who gave one)."""

    def send(self, message: TextMessage) -> None:
        logger.info("Text message not sent: SMS_BACKEND is disabled")


class HttpGatewayBackend(BaseBackend):
    """Production: POST the message as JSON to ``SMS_GATEWAY_URL`` with a bearer key."""

    def __init__(self) -> None:
        self.url = getattr(settings, "SMS_GATEWAY_URL", "")
        self.key = getattr(settings, "SMS_GATEWAY_KEY", "")
        self.timeout = getattr(settings, "SMS_GATEWAY_TIMEOUT", 10)
        if not self.url.startswith(("https://", "http://")) or not self.key:
            raise ImproperlyConfigured(
                "HttpGatewayBackend needs SMS_GATEWAY_URL (http[s]://…) and SMS_GATEWAY_KEY."
            )

    def send(self, message: TextMessage) -> None:
        body = json.dumps({"to": message.to, "message": message.body, "channel": message.channel}).encode()
        request = urllib.request.Request(  # noqa: S310 - the scheme is checked in __init__
            self.url,
            data=body,
            method="POST",
            headers={
                "Authorization": f"Bearer {self.key}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310
                response.read()
        except urllib.error.HTTPError as error:
            raise GatewayError(f"the gateway answered HTTP {error.code}") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise GatewayError(f"the gateway could not be reached ({type(error).__name__})") from None


def get_backend() -> BaseBackend:
    return import_string(settings.SMS_BACKEND)()


def send(message: TextMessage) -> None:
    """Send one message now through the configured backend (raises ``TextMessageError``)."""
    if not message.channel:
        message = replace(message, channel=channel())
    get_backend().send(message)


def channel() -> str:
    """``sms`` or ``whatsapp``, as the city's gateway contract says (``SMS_CHANNEL``)."""
    return getattr(settings, "SMS_CHANNEL", "sms")
