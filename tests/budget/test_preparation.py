"""Preparation in the admin: ceilings never exceeded (also under parallel saves on PostgreSQL),
the RKA workflow with history, the import screen with its report, locking a version."""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from smartcity.budget import services
from smartcity.budget.models import (
    AgencyBudget,
    BudgetLine,
    BudgetVersion,
    FiscalYear,
    ImportRun,
    SubActivity,
)
from smartcity.budget.workflow import RKA_WORKFLOW
from smartcity.core.models import Agency, StaffMember
from tests.factories import UserFactory

from .conftest import YEAR
from .test_import import HEADER, SAMPLES


@pytest.fixture
def finance(db):
    return UserFactory(username="bpkpad", groups=["Budget finance officers"])


@pytest.fixture
def officer(db):
    user = UserFactory(username="opd-officer", groups=["Budget agency officers"])
    StaffMember.objects.create(
        agency=Agency.objects.get(short_name="Kec. Selatan"), user=user, name="Petugas"
    )
    return user


@pytest.fixture
def rka(small_budget, finance):
    draft = BudgetVersion.objects.create(
        fiscal_year=FiscalYear.objects.get(year=YEAR), kind="draft", name="RKA 2026"
    )
    agency_budget = AgencyBudget.objects.create(
        version=draft, agency=Agency.objects.get(short_name="Kec. Selatan"), ceiling=Decimal(1000)
    )
    RKA_WORKFLOW.apply(agency_budget, "open", finance)
    return agency_budget


def new_line(rka, n, amount):
    sub = SubActivity.objects.filter(code__startswith="1.01.").order_by("code")[n % 4]
    from smartcity.budget.models import Account

    account = Account.objects.filter(category="expenditure").order_by("code")[n // 4]
    return BudgetLine(sub_activity=sub, account=account, proposed=Decimal(amount))


def test_drafting_stays_within_the_ceiling(rka, officer):
    services.save_draft_line(rka, new_line(rka, 0, 600), officer)
    with pytest.raises(ValidationError, match="melebihi pagunya"):
        services.save_draft_line(rka, new_line(rka, 1, 401), officer)
    line = services.save_draft_line(rka, new_line(rka, 1, 400), officer)
    assert services.drafted_total(rka) == 1000
    line.proposed = Decimal(500)  # editing a line counts the others, not its old amount
    with pytest.raises(ValidationError):
        services.save_draft_line(rka, line, officer)
    assert BudgetLine.objects.get(pk=line.pk).proposed == 400


def test_only_the_agency_drafts_and_only_while_open(rka, officer, finance):
    stranger = UserFactory(username="other-opd", groups=["Budget agency officers"])
    with pytest.raises(PermissionDenied):
        services.save_draft_line(rka, new_line(rka, 0, 1), stranger)
    RKA_WORKFLOW.apply(rka, "submit", officer)
    with pytest.raises(ValidationError, match="tidak dibuka"):
        services.save_draft_line(rka, new_line(rka, 0, 1), officer)


def test_review_returns_with_notes_and_history_is_kept(rka, officer, finance):
    planner = UserFactory(username="bappeda-rka", groups=["Bappeda planners"])
    RKA_WORKFLOW.apply(rka, "submit", officer)
    with pytest.raises(ValidationError):
        RKA_WORKFLOW.apply(rka, "return", planner, note="")
    RKA_WORKFLOW.apply(rka, "return", planner, note="Rincian belanja modal belum lengkap")
    services.save_draft_line(rka, new_line(rka, 0, 10), officer)
    RKA_WORKFLOW.apply(rka, "submit", officer)
    with pytest.raises(PermissionDenied):
        RKA_WORKFLOW.apply(rka, "approve", officer)
    RKA_WORKFLOW.apply(rka, "approve", planner)
    history = list(rka.events.values_list("from_status", "to_status", "note", "actor__username"))
    assert history == [
        ("closed", "drafting", "", "bpkpad"),
        ("drafting", "submitted", "", "opd-officer"),
        ("submitted", "returned", "Rincian belanja modal belum lengkap", "bappeda-rka"),
        ("returned", "submitted", "", "opd-officer"),
        ("submitted", "approved", "", "bappeda-rka"),
    ]
    services.lock_version(rka.version, finance)
    rka.version.refresh_from_db()
    assert rka.version.is_locked
    assert RKA_WORKFLOW.available(rka, finance) == []


def test_lock_waits_for_every_agency(rka, finance, officer):
    with pytest.raises(ValidationError, match="masih menyusun"):
        services.lock_version(rka.version, finance)
    with pytest.raises(PermissionDenied):
        services.lock_version(rka.version, officer)


def test_admin_line_form_refuses_over_the_ceiling(client, rka, officer):
    client.force_login(officer)
    line = new_line(rka, 0, 1001)
    data = {
        "version": rka.version_id,
        "agency": rka.agency_id,
        "sub_activity": line.sub_activity_id,
        "account": line.account_id,
        "proposed": "1001",
        "approved": "0",
        "description": "Alat tulis",
    }
    response = client.post(reverse("budget_line:add"), data)
    assert response.status_code == 200
    assert "melebihi pagunya" in response.content.decode()
    assert not BudgetLine.objects.filter(version=rka.version).exists()
    data["proposed"] = "1000"
    response = client.post(reverse("budget_line:add"), data)
    assert response.status_code == 302
    assert BudgetLine.objects.get(version=rka.version).proposed == 1000


def test_officer_sees_only_the_agency_lines(client, rka, officer):
    client.force_login(officer)
    services.save_draft_line(rka, new_line(rka, 0, 5), officer)
    other = BudgetLine.objects.exclude(agency=rka.agency).filter(version__fiscal_year__year=YEAR).first()
    response = client.get(reverse("budget_line:index"))
    assert response.status_code == 200
    listed = {row.pk for row in response.context["object_list"]}
    assert other.pk not in listed and listed


def test_import_screen_reports_and_imports(client, rka, finance, django_capture_on_commit_callbacks):
    client.force_login(finance)
    bad = (HEADER + "Kec. Selatan,1.01.01.2.01.0001,5.1.02.01.01.0024,,,,,ATK,10,x,,\n").encode()
    from django.core.files.uploadedfile import SimpleUploadedFile

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("budget_import:upload"),
            {"version": rka.version_id, "kind": "lines", "file": SimpleUploadedFile("rka.csv", bad)},
        )
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.status == ImportRun.Status.FAILED
    page = client.get(reverse("budget_import:report", args=[run.pk])).content.decode()
    assert "disetujui" in page and "tidak ada yang diimpor" in page
    assert client.get(reverse("budget_import:status", args=[run.pk])).json()["finished"] is True
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("budget_import:upload"),
            {
                "version": rka.version_id,
                "kind": "lines",
                "file": SimpleUploadedFile("apbd.xlsx", (SAMPLES / "apbd-contoh.xlsx").read_bytes()),
            },
        )
    run = ImportRun.objects.order_by("-pk").first()
    assert run.status == ImportRun.Status.DONE and run.imported == 6 and run.percent == 100
    assert rka.version.lines.count() == 6


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_officers_never_exceed_the_ceiling():
    """Eight officers save a 300 line each at once against a 1,000 ceiling: exactly three fit."""
    from smartcity.budget.demo import SMALL, BudgetGenerator
    from tests.conftest import reload_migration_data

    reload_migration_data(
        "smartcity.core.migrations.0002_load_reference_data", "smartcity.budget.migrations.0002_roles"
    )
    BudgetGenerator(SMALL, year=YEAR).run()
    finance = UserFactory(username="bpkpad-pg", groups=["Budget finance officers"])
    draft = BudgetVersion.objects.create(
        fiscal_year=FiscalYear.objects.get(year=YEAR), kind="draft", name="RKA"
    )
    rka = AgencyBudget.objects.create(
        version=draft, agency=Agency.objects.get(short_name="Kec. Selatan"), ceiling=1000
    )
    RKA_WORKFLOW.apply(rka, "open", finance)
    lines = [new_line(rka, n, 300) for n in range(8)]
    barrier = threading.Barrier(len(lines))
    outcomes = []

    def save(line):
        try:
            barrier.wait()
            services.save_draft_line(rka, line, finance)
            outcomes.append("saved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(line,)) for line in lines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused"] * 5 + ["saved"] * 3
    assert services.drafted_total(rka) == 900


def test_a_line_is_deleted_only_while_its_drafting_is_open(rka, officer, finance, client):
    """Deleting goes through the same gate as saving: the admin's delete screen included."""
    kept = services.save_draft_line(rka, new_line(rka, 0, 100), officer)
    dropped = services.save_draft_line(rka, new_line(rka, 1, 50), officer)
    stranger = UserFactory(username="other-opd", groups=["Budget agency officers"])
    with pytest.raises(PermissionDenied):
        services.delete_draft_line(kept, stranger)

    services.delete_draft_line(dropped, officer)
    assert not BudgetLine.objects.filter(pk=dropped.pk).exists()

    RKA_WORKFLOW.apply(rka, "submit", officer)
    with pytest.raises(ValidationError, match="tidak dibuka"):
        services.delete_draft_line(kept, officer)
    client.force_login(UserFactory(username="root-budget", is_superuser=True))
    response = client.post(reverse("budget_line:delete", args=[kept.pk]))
    assert response.status_code == 302
    assert BudgetLine.objects.filter(pk=kept.pk).exists()


def test_the_lines_export_makes_formulas_inert_and_keeps_amounts(client, rka, officer):
    """Descriptions come from agencies' own files: a formula in one must not run in the
    spreadsheet of whoever opens the export; amounts stay numbers."""
    import csv
    import io

    line = new_line(rka, 0, 5)
    line.description = '=HYPERLINK("http://contoh.test")'
    services.save_draft_line(rka, line, officer)
    client.force_login(officer)
    response = client.get(reverse("budget_line:index"), {"export": "csv", "version": rka.version_id})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    row = next(r for r in rows if '\'=HYPERLINK("http://contoh.test")' in r)
    assert "5" in row or "5.00" in row
