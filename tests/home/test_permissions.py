"""The staff roles created by the data migration, the moderation workflow and scheduled publishing."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState
from wagtail.test.utils.form_data import querydict_from_html

from home.models import NewsPage
from tests.factories import NewsPageFactory
from tests.home.test_admin import add_url, body_data, edit_url, submit_page_form

pytestmark = pytest.mark.django_db


def news_fields(title, slug, **extra):
    return {
        "title": title,
        "slug": slug,
        "date": "2025-01-15",
        "summary": "Ringkasan.",
        **body_data("Isi", "<p>Isi berita.</p>"),
        **extra,
    }


def submit_to_moderation(client, page):
    """Press "Submit to Persetujuan moderator" on the page's edit view."""
    data = querydict_from_html(client.get(edit_url(page)).content.decode(), form_id="page-edit-form")
    data.update(body_data("Isi", "<p>Isi berita.</p>"))
    data["action-submit"] = "action-submit"
    return client.post(edit_url(page), data)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_editor_creates_and_submits_but_cannot_publish(editor_client, news_index):
    url = add_url(NewsPage, news_index)
    # Trying to publish directly only saves a draft.
    response = submit_page_form(editor_client, url, news_fields("Coba terbit", "coba-terbit"))
    assert response.status_code == 302
    page = NewsPage.objects.get(slug="coba-terbit")
    assert not page.live
    assert page.has_unpublished_changes

    # Submitting starts the "Persetujuan moderator" workflow.
    response = submit_to_moderation(editor_client, page)
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "Persetujuan moderator"
    assert state.current_task_state.task.name == "Persetujuan moderator"
    page.refresh_from_db()
    assert not page.live


def test_editor_cannot_unpublish_or_delete_a_live_article(editor_client, news_index):
    article = NewsPageFactory(parent=news_index, title="Sudah terbit", slug="sudah-terbit")
    unpublish = editor_client.post(reverse("wagtailadmin_pages:unpublish", args=(article.pk,)))
    assert unpublish.status_code in (302, 403)
    delete = editor_client.post(reverse("wagtailadmin_pages:delete", args=(article.pk,)))
    assert delete.status_code in (302, 403)
    article.refresh_from_db()
    assert article.live


def test_editor_edits_an_existing_article_as_a_draft(editor_client, client, news_index):
    article = NewsPageFactory(parent=news_index, title="Versi terbit", slug="versi")
    response = submit_page_form(
        editor_client, edit_url(article), {"title": "Versi draf", **body_data("Isi", "<p>Baru.</p>")}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live and article.title == "Versi terbit"
    assert article.get_latest_revision_as_object().title == "Versi draf"


def test_moderator_approves_the_workflow_and_publishes(editor_client, moderator, news_index, client):
    submit_page_form(
        editor_client, add_url(NewsPage, news_index), news_fields("Untuk moderasi", "moderasi"), publish=False
    )
    page = NewsPage.objects.get(slug="moderasi")
    assert submit_to_moderation(editor_client, page).status_code == 302
    state = WorkflowState.objects.get(object_id=str(page.pk))
    task_state = state.current_task_state

    # The editor is not a reviewer of the task.
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    refused = editor_client.post(approve_url, {"comment": ""})
    page.refresh_from_db()
    assert not page.live
    assert refused.status_code in (302, 403)

    client.force_login(moderator)
    response = client.post(approve_url, {"comment": "Sudah diperiksa."})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert page.live
    client.logout()
    assert client.get(page.url).status_code == 200


def test_moderator_can_publish_directly(client, moderator, news_index):
    client.force_login(moderator)
    response = submit_page_form(client, add_url(NewsPage, news_index), news_fields("Langsung", "langsung"))
    assert response.status_code == 302
    assert NewsPage.objects.get(slug="langsung").live


@pytest.mark.parametrize("role", ["editor", "moderator"])
def test_editors_and_moderators_cannot_manage_users(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/admin/").status_code == 200
    for url in (
        reverse("wagtailusers_users:index"),
        reverse("wagtailusers_users:add"),
        reverse("wagtailusers_groups:index"),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert response.status_code == 403 or response["Location"].startswith("/admin/")


def test_administrators_manage_users(client, administrator, editor):
    client.force_login(administrator)
    listing = client.get(reverse("wagtailusers_users:index"))
    assert listing.status_code == 200
    assert "editor" in listing.content.decode()
    assert client.get(reverse("wagtailusers_groups:index")).status_code == 200
    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "warga-baru",
            "email": "baru@binjaikota.go.id",
            "first_name": "Warga",
            "last_name": "Baru",
            "password1": "Sandi-panjang-sekali-2025",
            "password2": "Sandi-panjang-sekali-2025",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from django.contrib.auth import get_user_model

    assert get_user_model().objects.filter(username="warga-baru").exists()


def test_anonymous_is_sent_to_the_login_page(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/"


def test_user_without_a_role_cannot_enter_the_admin(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory(username="warga"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_scheduled_article_goes_live_after_publish_scheduled(superuser_client, client, news_index):
    go_live = timezone.now() + datetime.timedelta(days=2)
    response = submit_page_form(
        superuser_client,
        add_url(NewsPage, news_index),
        news_fields("Terjadwal", "terjadwal", go_live_at=go_live.strftime("%Y-%m-%d %H:%M")),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = NewsPage.objects.get(slug="terjadwal")
    assert Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).exists()
    assert not page.live

    # Before the moment: the command leaves it alone.
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    assert client.get("/berita/terjadwal/").status_code == 404

    # Travel past the moment and run the command again.
    later = go_live + datetime.timedelta(minutes=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert client.get("/berita/terjadwal/").status_code == 200
    assert "Terjadwal" in client.get("/berita/").content.decode()


def test_staff_log_in_through_the_admin_login_form(client, editor):
    refused = client.post("/admin/login/", {"username": "editor", "password": "salah"})
    assert refused.status_code == 200  # the form again, with an error
    assert client.get("/admin/").status_code == 302
    credentials = {"username": "editor", "password": "kata-sandi-uji", "next": "/admin/"}
    response = client.post("/admin/login/", credentials)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
