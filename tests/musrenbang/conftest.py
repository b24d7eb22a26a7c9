import pytest

from tests.factories import UserFactory

from .factories import facilitator, kelurahan


@pytest.fixture
def kel(db):
    return kelurahan(0)


@pytest.fixture
def kel_facilitator(kel):
    user = UserFactory(username="fasil-kel", groups=["Musrenbang kelurahan facilitators"])
    facilitator(user, kel)
    return user


@pytest.fixture
def other_kel_facilitator(db):
    user = UserFactory(username="fasil-kel-lain", groups=["Musrenbang kelurahan facilitators"])
    facilitator(user, kelurahan(5))
    return user


@pytest.fixture
def kec_facilitator(kel):
    user = UserFactory(username="fasil-kec", groups=["Musrenbang kecamatan facilitators"])
    facilitator(user, kel.kecamatan)
    return user


@pytest.fixture
def bappeda(db):
    return UserFactory(username="bappeda", groups=["Bappeda planners"])
