"""Reference numbers: PREFIX-YYYY-NNNNNN, sequential per prefix and year, gap-free."""

import re
import threading

import pytest
from django.db import connection, transaction

from smartcity.core.models import ReferenceSequence
from smartcity.core.numbering import next_reference

REFERENCE = re.compile(r"^(?P<prefix>[A-Z]+)-(?P<year>\d{4})-(?P<number>\d{6})$")


def take(prefix: str, year: int) -> str:
    with transaction.atomic():
        return next_reference(prefix, year)


def number_of(reference: str) -> int:
    match = REFERENCE.match(reference)
    assert match, reference
    return int(match["number"])


@pytest.mark.django_db
def test_format_is_prefix_year_and_six_digits():
    reference = take("ADU", 2026)
    assert reference == "ADU-2026-000001"
    assert REFERENCE.match(take("IZN", 2031))


@pytest.mark.django_db
def test_numbers_are_sequential_per_prefix_and_per_year():
    assert [number_of(take("ADU", 2025)) for _ in range(3)] == [1, 2, 3]
    # Another service has its own counter...
    assert take("IZN", 2025) == "IZN-2025-000001"
    # ...and a new year starts again at 1 without touching the old year's counter.
    assert take("ADU", 2026) == "ADU-2026-000001"
    assert take("ADU", 2025) == "ADU-2025-000004"
    assert ReferenceSequence.objects.get(prefix="ADU", year=2025).last_number == 4
    assert ReferenceSequence.objects.get(prefix="ADU", year=2026).last_number == 1


@pytest.mark.django_db
def test_a_rolled_back_transaction_gives_its_number_back():
    assert take("ADU", 2026) == "ADU-2026-000001"

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        assert next_reference("ADU", 2026) == "ADU-2026-000002"
        raise Boom
    # No gap: the next case gets the number the failed one had taken.
    assert take("ADU", 2026) == "ADU-2026-000002"


@pytest.mark.django_db(transaction=True)
def test_refuses_to_run_outside_a_transaction():
    assert not connection.in_atomic_block
    with pytest.raises(RuntimeError, match="atomic"):
        next_reference("ADU", 2026)
    assert not ReferenceSequence.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_fifty_parallel_connections_get_fifty_gap_free_numbers():
    workers = 50
    barrier = threading.Barrier(workers, timeout=30)
    references: list[str] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker():
        try:
            barrier.wait()
            reference = take("PAR", 2026)
            with lock:
                references.append(reference)
        except BaseException as error:  # report it in the main thread
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert len(references) == workers
    assert len(set(references)) == workers
    assert sorted(number_of(r) for r in references) == list(range(1, workers + 1))
    assert ReferenceSequence.objects.get(prefix="PAR", year=2026).last_number == workers
