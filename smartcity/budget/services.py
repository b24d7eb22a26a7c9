"""Operations of e-budgeting that write several rows, each in one transaction."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from smartcity.core.access import works_for

from . import importer
from .models import AgencyBudget, BudgetLine, BudgetVersion, ImportRun
from .models.budget import ZERO

FINANCE_GROUP = "Budget finance officers"
PLANNERS_GROUP = "Bappeda planners"
AGENCY_GROUP = "Budget agency officers"


def in_group(user, name: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=name).exists()


def is_finance(user) -> bool:
    return in_group(user, FINANCE_GROUP)


def is_reviewer(user) -> bool:
    return is_finance(user) or in_group(user, PLANNERS_GROUP)


def start_import(version: BudgetVersion, kind: str, filename: str, content: bytes, user) -> ImportRun:
    """Record an upload and hand it to the task queue; the admin page follows its progress."""
    from .tasks import run_import

    run = ImportRun.objects.create(
        kind=kind, version=version, filename=filename, content=content, created_by=user
    )
    transaction.on_commit(lambda: run_import.enqueue(run.pk))
    return run


def run_import_now(import_id: int) -> ImportRun:
    """Check and (when the file has no problem) import an ``ImportRun``, recording its report.

    Progress is saved as rows are checked, outside the import's own transaction, so the page
    polling the row sees it move.
    """
    run = ImportRun.objects.select_related("version").get(pk=import_id)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING)

    def progress(done: int, total: int) -> None:
        ImportRun.objects.filter(pk=run.pk).update(rows_done=done, rows_total=total)

    function = importer.import_lines if run.kind == ImportRun.Kind.LINES else importer.import_realisation
    try:
        report = function(run.version, run.filename, bytes(run.content), progress=progress)
    except importer.ImportFormatError as error:
        report = importer.Report(problems=[importer.Problem(1, "", str(error))])
    run.problems = [p.as_dict() for p in report.problems]
    run.rows_total = report.rows
    run.rows_done = report.rows
    run.imported = report.imported
    run.status = ImportRun.Status.DONE if report.ok else ImportRun.Status.FAILED
    run.save(update_fields=["problems", "rows_total", "rows_done", "imported", "status"])
    return run


# --- Preparation ----------------------------------------------------------------------------


def drafted_total(agency_budget: AgencyBudget) -> Decimal:
    """Sum of the agency's lines in the version's drafting phase (computed by the database)."""
    field = agency_budget.version.drafting_amount_field
    return BudgetLine.objects.filter(
        version_id=agency_budget.version_id, agency_id=agency_budget.agency_id
    ).aggregate(total=Coalesce(Sum(field), ZERO))["total"]


def can_draft(user, agency_budget: AgencyBudget) -> bool:
    return is_finance(user) or (in_group(user, AGENCY_GROUP) and works_for(user, agency_budget.agency_id))


def delete_draft_line(line: BudgetLine, user) -> None:
    """Delete a drafted line: only while the agency's drafting is open, by whoever may draft it.

    A line of a locked version (or of an agency whose RKA was submitted or approved) is part of
    what finance reviewed or the council enacted; it may not disappear from the admin.
    """
    with transaction.atomic():
        locked = (
            AgencyBudget.objects.select_for_update()
            .select_related("version")
            .filter(version_id=line.version_id, agency_id=line.agency_id)
            .first()
        )
        if locked is None or not can_draft(user, locked):
            raise PermissionDenied(_("You may not draft this agency's budget."))
        if not locked.is_editable:
            raise ValidationError(_("Drafting is not open for this agency."))
        log(instance=line, action="wagtail.delete", user=user)
        line.delete()


def save_draft_line(agency_budget: AgencyBudget, line: BudgetLine, user, proposals=None) -> BudgetLine:
    """Save a line an agency drafts, keeping the agency's total within its ceiling.

    The ceiling row is locked (``select_for_update``) for the transaction, so officers saving at
    the same moment are serialised and the sum they check is the sum after every earlier save.
    """
    with transaction.atomic():
        locked = AgencyBudget.objects.select_for_update().select_related("version").get(pk=agency_budget.pk)
        if not can_draft(user, locked):
            raise PermissionDenied(_("You may not draft this agency's budget."))
        if not locked.is_editable:
            raise ValidationError(_("Drafting is not open for this agency."))
        line.version_id = locked.version_id
        line.agency_id = locked.agency_id
        field = locked.version.drafting_amount_field
        others = (
            BudgetLine.objects.filter(version_id=locked.version_id, agency_id=locked.agency_id)
            .exclude(pk=line.pk)
            .aggregate(total=Coalesce(Sum(field), ZERO))["total"]
        )
        amount = getattr(line, field) or Decimal(0)
        if others + amount > locked.ceiling:
            raise ValidationError(
                {
                    field: _(
                        "This would bring the agency's total to Rp %(total)s, over its ceiling of "
                        "Rp %(ceiling)s (Rp %(left)s left)."
                    )
                    % {
                        "total": others + amount,
                        "ceiling": locked.ceiling,
                        "left": max(locked.ceiling - others, 0),
                    }
                }
            )
        is_new = line.pk is None
        line.full_clean(exclude=["key", "category", "expenditure_type", "version", "agency"])
        line.save()
        if proposals is not None:
            line.proposals.set(proposals)
        log(instance=line, action="wagtail.create" if is_new else "wagtail.edit", user=user)
    return line


def lock_version(version: BudgetVersion, user) -> BudgetVersion:
    """Lock a version (it becomes the published one for its year when it is the latest)."""
    if not is_finance(user):
        raise PermissionDenied(_("Only the finance agency locks a budget version."))
    with transaction.atomic():
        locked = BudgetVersion.objects.select_for_update().get(pk=version.pk)
        if locked.is_locked:
            raise ValidationError(_("This version is already locked."))
        pending = locked.agency_budgets.exclude(
            status__in=[AgencyBudget.Status.APPROVED, AgencyBudget.Status.CLOSED]
        )
        if pending.exists():
            raise ValidationError(
                _("Agencies still drafting or under review: %(agencies)s.")
                % {"agencies": ", ".join(str(a.agency) for a in pending.select_related("agency"))}
            )
        locked.status = BudgetVersion.Status.LOCKED
        locked.locked_at = timezone.now()
        locked.save(update_fields=["status", "locked_at"])
        log(instance=locked, action="smartcity.budget.lock", user=user)
    version.status, version.locked_at = locked.status, locked.locked_at
    return version
