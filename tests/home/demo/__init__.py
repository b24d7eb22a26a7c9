"""Tests of `seed_demo`'s demo city, one module per part, sharing one seeded database."""

import io

import pytest
from django.core.management import call_command

# Every module here: database access and the one xdist worker that holds the seeded city.
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("seeded_city")]


def seed(*args: str) -> str:
    """Run ``seed_demo`` and return what it printed."""
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()
