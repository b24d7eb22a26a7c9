"""Each agency's information officer keeps the public information list of their agency only."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from smartcity.transparency.models import PublicInformation
from tests.factories import AgencyFactory
from tests.transparency.factories import OFFICERS, SUPERIORS, PublicInformationFactory, staff

pytestmark = pytest.mark.django_db
URL = "wagtailsnippets_transparency_publicinformation"


@pytest.fixture
def agencies(db):
    return AgencyFactory(name="Dinas A"), AgencyFactory(name="Dinas B")


@pytest.fixture
def officer(agencies):
    return staff("ppid-a", agencies[0])


def entry_data(agency, **overrides) -> dict:
    data = {
        "agency": agency.pk,
        "title": "Laporan keuangan 2026",
        "summary": "Realisasi anggaran.",
        "classification": "berkala",
        "year": "2026",
        "responsible_unit": "",
        "retention_period": "",
        "exemption_ground": "",
        "consequence_test": "",
        "exemption_period": "",
        "is_published": "on",
    }
    data.update(overrides)
    return data


def test_roles_exist_with_their_permissions():
    officers = Group.objects.get(name=OFFICERS)
    codenames = set(officers.permissions.values_list("codename", flat=True))
    assert {"add_publicinformation", "change_publicinformation", "view_informationrequest"} <= codenames
    assert "change_objection" not in codenames
    superiors = Group.objects.get(name=SUPERIORS)
    assert "change_objection" in set(superiors.permissions.values_list("codename", flat=True))


def test_officer_publishes_for_their_agency(client, officer, agencies):
    client.force_login(officer)
    form = client.get(reverse(f"{URL}:add"))
    assert form.status_code == 200
    choices = [value for value, _label in form.context["form"].fields["agency"].choices if value]
    assert [int(str(value)) for value in choices] == [agencies[0].pk]
    response = client.post(reverse(f"{URL}:add"), entry_data(agencies[0]))
    assert response.status_code == 302
    entry = PublicInformation.objects.get()
    assert entry.agency == agencies[0] and entry.is_published and entry.published_at


def test_officer_cannot_publish_for_another_agency(client, officer, agencies):
    client.force_login(officer)
    response = client.post(reverse(f"{URL}:add"), entry_data(agencies[1]))
    assert response.status_code == 200
    assert response.context["form"].errors["agency"]
    assert not PublicInformation.objects.exists()


def test_officer_sees_and_edits_only_their_agencys_entries(client, officer, agencies):
    own = PublicInformationFactory(agency=agencies[0], title="Milik A")
    other = PublicInformationFactory(agency=agencies[1], title="Milik B")
    client.force_login(officer)
    listing = client.get(reverse(f"{URL}:list")).content.decode()
    assert "Milik A" in listing and "Milik B" not in listing
    assert client.get(reverse(f"{URL}:edit", args=[own.pk])).status_code == 200
    for view in ("edit", "inspect", "history", "delete", "copy"):
        assert client.get(reverse(f"{URL}:{view}", args=[other.pk])).status_code in (302, 403, 404), view
    client.post(reverse(f"{URL}:edit", args=[other.pk]), entry_data(agencies[0], title="Diambil alih"))
    other.refresh_from_db()
    assert other.title == "Milik B" and other.agency == agencies[1]
    client.post(reverse(f"{URL}:delete", args=[other.pk]))
    assert PublicInformation.objects.filter(pk=other.pk).exists()


def test_exempt_entry_form_requires_ground_and_consequence_test(client, officer, agencies):
    client.force_login(officer)
    response = client.post(reverse(f"{URL}:add"), entry_data(agencies[0], classification="dikecualikan"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "exemption_ground" in errors and "consequence_test" in errors
    assert not PublicInformation.objects.exists()


def test_an_officer_of_no_agency_publishes_nothing(client, agencies):
    from tests.factories import UserFactory

    loner = UserFactory(username="ppid-tanpa-dinas", groups=[OFFICERS])
    client.force_login(loner)
    client.post(reverse(f"{URL}:add"), entry_data(agencies[0]))
    assert not PublicInformation.objects.exists()
