"""One seeded city for every test of `seed_demo`'s output (tests/home/demo/).

Seeding the whole demo city takes about a minute, so this package seeds once: the fixture
runs the command inside a transaction that is rolled back when the package is done, and each
test runs in a savepoint of it (pytest-django's ``db``), so nothing leaks into other tests.
The modules are one xdist group (``--dist loadgroup``), so one worker seeds once per run.
"""

from dataclasses import dataclass, field

import pytest
from django.core import mail
from django.db import transaction
from django.test import TestCase

from . import seed


@dataclass
class SeededCity:
    output: str  # what the first run printed
    sent: list = field(default_factory=list)  # e-mail sent while seeding, on-commit work included


@pytest.fixture(scope="package")
def seeded_city(django_db_setup, django_db_blocker) -> SeededCity:
    with django_db_blocker.unblock(), transaction.atomic():
        outbox = getattr(mail, "outbox", None)
        mail.outbox = []
        with TestCase.captureOnCommitCallbacks(execute=True):
            output = seed()
        city = SeededCity(output=output, sent=list(mail.outbox))
        mail.outbox = outbox if outbox is not None else []
        yield city
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_city, db) -> str:
    """What the first ``seed_demo`` run printed, in a test that may use the seeded database."""
    return seeded_city.output
