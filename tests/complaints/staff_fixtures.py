"""Fixtures for the people who handle complaints: supervisors, agency officers, outsiders.

Imported by the workflow and admin test modules (``from .staff_fixtures import *``).
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from smartcity.complaints.workflow import CITIZEN
from smartcity.core.models import Agency
from tests.complaints.factories import ComplaintFactory, StaffMemberFactory
from tests.factories import UserFactory

__all__ = [
    "actor",
    "complaint",
    "dlh",
    "other_officer",
    "officer",
    "pupr",
    "supervisor",
]


@pytest.fixture
def pupr(db):
    """The agency handling the test complaints (public works)."""
    return Agency.objects.get(short_name="PUPR")


@pytest.fixture
def dlh(db):
    """Another agency (environment office)."""
    return Agency.objects.get(short_name="DLH")


@pytest.fixture
def supervisor(db):
    """A member of the city's complaint desk ("Case supervisors"), not a superuser."""
    return UserFactory(username="meja-pengaduan", groups=["Case supervisors"])


@pytest.fixture
def officer(pupr):
    """An officer of PUPR, the agency handling the test complaints."""
    user = UserFactory(
        username="petugas-pupr", first_name="Rina", last_name="PUPR", groups=["Agency officers"]
    )
    StaffMemberFactory(agency=pupr, user=user)
    return user


@pytest.fixture
def other_officer(dlh):
    """An officer of DLH, which does not handle the test complaints."""
    user = UserFactory(username="petugas-dlh", groups=["Agency officers"])
    StaffMemberFactory(agency=dlh, user=user)
    return user


@pytest.fixture
def complaint(pupr):
    """A complaint received today, handled by PUPR, with a NIK on file."""
    return ComplaintFactory(agency=pupr, reporter_nik="1275010101900001")


@pytest.fixture
def actor(request, supervisor, officer, other_officer, editor, superuser):
    """Resolve a role name (used in parametrised tests) to the acting user."""
    roles = {
        "supervisor": supervisor,
        "officer": officer,
        "other_officer": other_officer,
        "editor": editor,
        "superuser": superuser,
        "anonymous": AnonymousUser(),
        "citizen": CITIZEN,
    }

    def resolve(role):
        return roles[role]

    return resolve
