"""Complaint categories and Open311 API clients in the Wagtail admin."""

import pytest
from django.urls import reverse

from smartcity.complaints.api_keys import client_for_key
from smartcity.complaints.models import ComplaintCategory, Open311Client
from tests.complaints.staff_fixtures import *  # noqa: F403

pytestmark = pytest.mark.django_db


def test_supervisors_manage_categories(client, supervisor):
    client.force_login(supervisor)
    response = client.get(reverse("wagtailsnippets_complaints_complaintcategory:list"))
    assert response.status_code == 200
    assert ComplaintCategory.objects.get(slug="sampah").name in response.content.decode()


def test_officers_may_read_but_not_change_categories(client, officer):
    client.force_login(officer)
    assert client.get(reverse("wagtailsnippets_complaints_complaintcategory:list")).status_code == 200
    category = ComplaintCategory.objects.get(slug="sampah")
    response = client.get(reverse("wagtailsnippets_complaints_complaintcategory:edit", args=[category.pk]))
    assert response.status_code == 302


def test_creating_a_client_shows_its_key_once(client, supervisor):
    client.force_login(supervisor)
    response = client.post(
        reverse("open311_clients:add"),
        {"name": "Aplikasi Lapor Binjai", "contact_email": "dev@example.org", "is_active": "on"},
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    api_client = Open311Client.objects.get(name="Aplikasi Lapor Binjai")
    key = response.context["key"]
    assert f'value="{key}"' in response.content.decode()
    assert client_for_key(key) == api_client
    assert key not in api_client.key_hash  # only the digest is stored
    # The list shows the hint, never the key.
    listing = client.get(reverse("open311_clients:index")).content.decode()
    assert api_client.key_hint in listing
    assert key not in listing
    edit = client.get(reverse("open311_clients:edit", args=[api_client.pk])).content.decode()
    assert key not in edit


def test_deactivating_a_client_stops_its_key(client, supervisor):
    client.force_login(supervisor)
    response = client.post(reverse("open311_clients:add"), {"name": "Lama", "is_active": "on"})
    key = response.context["key"]
    api_client = Open311Client.objects.get(name="Lama")
    response = client.post(
        reverse("open311_clients:edit", args=[api_client.pk]), {"name": "Lama", "contact_email": ""}
    )
    assert response.status_code == 302
    api_client.refresh_from_db()
    assert api_client.is_active is False
    assert client_for_key(key) is None


def test_officers_cannot_manage_api_clients(client, officer):
    client.force_login(officer)
    assert client.get(reverse("open311_clients:index")).status_code == 302
    assert client.post(reverse("open311_clients:add"), {"name": "X"}).status_code == 302
    assert not Open311Client.objects.exists()
