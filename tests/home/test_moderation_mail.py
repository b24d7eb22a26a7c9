"""Moderation e-mails reach moderators in Indonesian, with links to the configured admin address."""

import re

import pytest
from django.core import mail
from wagtail.models import WorkflowState

from home.models import NewsPage
from tests.home.test_admin import add_url
from tests.home.test_permissions import news_fields, submit_page_form, submit_to_moderation

pytestmark = pytest.mark.django_db

BASE_URL = "https://portal.binjaikota.go.id"


@pytest.fixture
def submitted(client, editor, moderator, news_index, settings):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    moderator.email = "moderator@binjaikota.go.id"
    moderator.save()
    editor.email = "redaktur@binjaikota.go.id"
    editor.save()
    client.force_login(editor)
    submit_page_form(
        client, add_url(NewsPage, news_index), news_fields("Jembatan baru", "jembatan"), publish=False
    )
    page = NewsPage.objects.get(slug="jembatan")
    mail.outbox.clear()
    assert submit_to_moderation(client, page).status_code == 302
    return page


def test_moderators_are_told_in_indonesian_with_a_link_to_the_admin(submitted, moderator):
    to_moderator = [m for m in mail.outbox if moderator.email in m.to]
    assert to_moderator, [m.to for m in mail.outbox]
    message = to_moderator[0]
    assert "Jembatan baru" in message.subject
    assert "submitted" not in message.subject.lower() and "moderation" not in message.subject.lower()
    assert "Persetujuan moderator" in message.body
    assert "has been submitted" not in message.body
    assert "telah diajukan" in message.body
    links = re.findall(r"https?://\S+", message.body)
    assert links and all(link.startswith(BASE_URL + "/admin/") for link in links), links


def test_the_editor_is_told_in_indonesian_when_the_page_is_approved(submitted, client, moderator, editor):
    from django.urls import reverse

    state = WorkflowState.objects.get(object_id=str(submitted.pk))
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(submitted.pk, "approve", state.current_task_state.pk)
    )
    mail.outbox.clear()
    client.force_login(moderator)
    client.post(url, {"comment": "Sudah diperiksa."})
    to_editor = [m for m in mail.outbox if editor.email in m.to]
    assert to_editor, [m.to for m in mail.outbox]
    body = to_editor[0].body
    assert "has been approved" not in body and "disetujui" in body
    admin_links = [link for link in re.findall(r"https?://\S+", body) if "/admin/" in link]
    assert admin_links and all(link.startswith(BASE_URL + "/admin/") for link in admin_links), admin_links
