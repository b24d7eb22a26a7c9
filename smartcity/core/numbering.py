"""Reference numbers per service and year, e.g. ``ADU-2026-000042``: unique and gap-free."""

from django.db import transaction

from .models import ReferenceSequence


def next_reference(prefix: str, year: int) -> str:
    """Take the next number for ``prefix`` and ``year``.

    Must run inside the transaction that stores the case: the sequence row stays locked until
    that transaction ends, and a rolled-back case gives its number back, so there are no gaps.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("next_reference() must run inside transaction.atomic()")
    # Create the row once per prefix and year; a concurrent creator loses quietly.
    ReferenceSequence.objects.bulk_create(
        [ReferenceSequence(prefix=prefix, year=year, last_number=0)], ignore_conflicts=True
    )
    sequence = ReferenceSequence.objects.select_for_update().get(prefix=prefix, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"{prefix}-{year}-{sequence.last_number:06d}"
