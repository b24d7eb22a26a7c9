"""Writing and approving news in the admin: sensible defaults, checkboxes, a confirmation."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from home.models import NewsPage
from tests.factories import NewsCategoryFactory
from tests.home.test_admin import add_url
from tests.home.test_permissions import news_fields, submit_page_form, submit_to_moderation

pytestmark = pytest.mark.django_db


def test_new_article_form_offers_today_and_category_checkboxes(client, editor, news_index):
    NewsCategoryFactory(name="Kesehatan", slug="kesehatan")
    NewsCategoryFactory(name="Pemerintahan", slug="pemerintahan")
    client.force_login(editor)
    page = BeautifulSoup(client.get(add_url(NewsPage, news_index)).content, "html.parser")
    assert page.find("input", attrs={"name": "date"})["value"] == timezone.localdate().isoformat()
    boxes = page.find_all("input", attrs={"name": "categories"})
    assert [box["type"] for box in boxes] == ["checkbox", "checkbox"]
    labels = {page.find("label", attrs={"for": box["id"]}).get_text(strip=True) for box in boxes}
    assert labels == {"Kesehatan", "Pemerintahan"}
    assert page.find("select", attrs={"name": "categories"}) is None


def test_approving_confirms_what_happened(client, editor, moderator, news_index):
    client.force_login(editor)
    fields = news_fields("Jembatan baru", "jembatan", date=datetime.date(2025, 1, 15).isoformat())
    submit_page_form(client, add_url(NewsPage, news_index), fields, publish=False)
    page = NewsPage.objects.get(slug="jembatan")
    submit_to_moderation(client, page)
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    client.force_login(moderator)
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", task_state.pk))
    response = client.post(url, {"comment": ""}, follow=True)
    assert response.status_code == 200
    messages = [str(message) for message in response.context["messages"]]
    assert messages[-1] == "“Jembatan baru” disetujui dan diterbitkan."
    page.refresh_from_db()
    assert page.live
