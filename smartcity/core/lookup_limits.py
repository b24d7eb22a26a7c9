"""Slowing down guesses of a case's access code without locking out the citizen who has it.

Most Indonesian mobile users share an address with thousands of others (carrier-grade NAT), so
a limit per address alone would let a few typos, or one guesser, lock everybody behind that
address out of their own cases. Failures are therefore counted twice:

* per address **and** reference: a guesser gets a handful of tries at one case per hour, while
  neighbours' mistakes on other cases do not touch it;
* per address, with a generous ceiling: trying many references from one address stays slow.

A right code is refused only where its own limits are exhausted (otherwise it would confirm a
guess). The rates are settings (``CASE_LOOKUP_FAILURES_PER_REFERENCE`` and
``CASE_LOOKUP_FAILURES_PER_ADDRESS``); the counters live in the cache through django-ratelimit,
under hashed keys, so neither addresses nor references are stored in clear.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from django_ratelimit.core import get_usage


def _checks(scope: str, reference: str) -> list[tuple[str, str]]:
    return [
        # The reference is part of the group, so each case has its own counter per address.
        (f"{scope}:lookup-failures:{reference.strip().upper()}", settings.CASE_LOOKUP_FAILURES_PER_REFERENCE),
        (f"{scope}:lookup-failures", settings.CASE_LOOKUP_FAILURES_PER_ADDRESS),
    ]


def lookup_blocked(request: HttpRequest, scope: str, reference: str) -> bool:
    """Whether this address has used up its failed lookups of ``reference`` (or of any case)."""
    for group, rate in _checks(scope, reference):
        usage = get_usage(request, group=group, key="ip", rate=rate, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            return True
    return False


def count_lookup_failure(request: HttpRequest, scope: str, reference: str) -> None:
    """Record one failed lookup (wrong code, or a reference that does not exist)."""
    for group, rate in _checks(scope, reference):
        get_usage(request, group=group, key="ip", rate=rate, increment=True)
