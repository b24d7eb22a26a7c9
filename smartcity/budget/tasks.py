"""Background work of e-budgeting: running an uploaded import while the admin page shows progress."""

from __future__ import annotations

from django_tasks import task


@task()
def run_import(import_id: int) -> None:
    """Run an ``ImportRun`` (see ``services.run_import_now``)."""
    from . import services

    services.run_import_now(import_id)
