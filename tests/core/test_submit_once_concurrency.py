"""Two posts of one form at the same moment on PostgreSQL: one result, the second gets it too."""

import threading
import time

import pytest
from django import forms
from django.contrib.sessions.backends.db import SessionStore
from django.db import connection
from django.test import RequestFactory

from smartcity.complaints.models import Complaint
from smartcity.core.antispam import SpamProtectedForm, SubmissionLimits, issue_stamp, submit_once
from tests.complaints.factories import ComplaintFactory, load_reference_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


class NoteForm(SpamProtectedForm):
    text = forms.CharField()


def _wait_until_another_post_waits_for_the_stamp(deadline_seconds: float = 20) -> bool:
    """Poll until a backend of this database waits on a lock (the second post's claim)."""
    deadline = time.monotonic() + deadline_seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity "
                "WHERE datname = current_database() AND wait_event_type = 'Lock'"
            )
            if cursor.fetchone()[0]:
                return True
    return False


def test_a_double_click_stores_one_complaint(settings):
    settings.FORM_MIN_FILL_SECONDS = 0
    load_reference_data()
    data = {"text": "Lampu mati", "website": "", "form_started": issue_stamp(time.time() - 10)}
    barrier = threading.Barrier(2, timeout=30)
    outcomes, errors, overlapped = [], [], []
    lock = threading.Lock()

    def store(_cleaned):
        # The first post holds its transaction open until the second one is blocked on the stamp.
        overlapped.append(_wait_until_another_post_waits_for_the_stamp())
        return ComplaintFactory()

    def post(n: int):
        try:
            request = RequestFactory().post("/", data, REMOTE_ADDR=f"10.0.0.{n}")
            request.session = SessionStore()
            form = NoteForm(request.POST)
            barrier.wait()
            outcome = submit_once(request, form, SubmissionLimits("uji-paralel"), store)
            with lock:
                outcomes.append(outcome)
        except BaseException as error:  # reported by the main thread
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=post, args=(n,)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors, errors
    assert overlapped == [True], "the two posts did not overlap"
    assert Complaint.objects.count() == 1
    assert {o.result.pk for o in outcomes} == {Complaint.objects.get().pk}
    assert sorted(o.repeated for o in outcomes) == [False, True]
