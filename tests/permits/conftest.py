"""Fixtures of the e-sippadu tests (defined in ``factories``)."""

from tests.permits.factories import catalogue, dpmptsp, front_office, head, inspector, reviewer  # noqa: F401
