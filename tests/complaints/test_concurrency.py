"""Concurrent submissions on PostgreSQL: every complaint stored, every number distinct, no gaps."""

import re
import threading

import pytest
from django.core import mail
from django.db import connection

from smartcity.complaints import services
from smartcity.complaints.models import Complaint, ComplaintCategory, ComplaintEvent
from smartcity.core.models import Kelurahan, ReferenceSequence
from tests.complaints.factories import load_reference_data

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

SUBMISSIONS = 50


def form_data(n: int, category, kelurahan) -> dict:
    return {
        "category": category,
        "kelurahan": kelurahan,
        "title": f"Lampu jalan mati nomor {n}",
        "description": "Lampu jalan di depan rumah mati sejak seminggu.",
        "reporter_name": f"Warga {n}",
        "reporter_email": f"warga{n}@example.com",
        "reporter_phone": "",
    }


def test_fifty_parallel_submissions_get_fifty_gap_free_reference_numbers():
    load_reference_data()  # a transactional test starts from a flushed database
    category = ComplaintCategory.objects.order_by("pk").first()
    kelurahan = Kelurahan.objects.order_by("pk").first()
    barrier = threading.Barrier(SUBMISSIONS, timeout=60)
    references: dict[int, str] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()

    def submit(n: int):
        try:
            barrier.wait()
            submission = services.submit_complaint(data=form_data(n, category, kelurahan), uploads=[])
            with lock:
                references[n] = submission.complaint.reference
        except BaseException as error:  # reported by the main thread
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(n,)) for n in range(SUBMISSIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not errors, errors[:3]
    assert len(references) == SUBMISSIONS
    assert len(set(references.values())) == SUBMISSIONS
    stored = dict(Complaint.objects.values_list("title", "reference"))
    assert len(stored) == SUBMISSIONS
    # Each person got the number stored with their own complaint.
    for n, reference in references.items():
        assert stored[f"Lampu jalan mati nomor {n}"] == reference
    matches = [re.fullmatch(r"ADU-(\d{4})-(\d{6})", r) for r in references.values()]
    assert all(matches)
    assert len({m[1] for m in matches}) == 1
    assert sorted(int(m[2]) for m in matches) == list(range(1, SUBMISSIONS + 1))
    assert ReferenceSequence.objects.get(prefix="ADU").last_number == SUBMISSIONS
    # Every complaint has its first history entry, and every reporter got a receipt.
    assert ComplaintEvent.objects.filter(kind=ComplaintEvent.Kind.CREATED).count() == SUBMISSIONS
    receipts = {m.to[0] for m in mail.outbox if m.to and m.to[0].startswith("warga")}
    assert receipts == {f"warga{n}@example.com" for n in range(SUBMISSIONS)}
