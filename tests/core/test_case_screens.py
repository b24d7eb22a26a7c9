"""The base of every service's case screens (``smartcity.core.viewsets``), the policy hooks of
``AgencyScopedPolicy`` and the shared list filter field, on the city's reference data."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.utils import timezone, translation
from wagtail.admin.views import generic

from smartcity.core.forms import KecamatanFilterField
from smartcity.core.models import Kecamatan, Kelurahan
from smartcity.core.permissions import AgencyScopedPolicy
from smartcity.core.viewsets import (
    CaseIndexView,
    DeadlineColumn,
    OverdueRowsTable,
    ReadOnlyRecordsViewSet,
    StaffExportMixin,
)

pytestmark = pytest.mark.django_db

EXPORT_PERMISSION = "core.view_kelurahan"
SUBMITTED = datetime.datetime(2026, 3, 1, 17, 30, tzinfo=datetime.UTC)  # 00:30 WIB the next day


class KelurahanExportView(StaffExportMixin, generic.IndexView):
    model = Kelurahan
    export_file_prefix = "kelurahan"
    export_permission = EXPORT_PERMISSION
    export_columns = [
        ("code", "Kode", lambda k: k.code),
        ("name", "Nama", lambda k: k.name),
        ("note", "Catatan", lambda k: "=HYPERLINK(1)" if k.code.endswith(".1001") else "-12,5"),
        ("postal", "Kode pos terisi", lambda k: bool(k.postal_code)),
        ("seen", "Dilihat", lambda k: SUBMITTED),
    ]

    def get_base_queryset(self):
        return Kelurahan.objects.filter(code__startswith="12.75.02.").order_by("code")


class KelurahanInboxView(CaseIndexView):
    model = Kelurahan
    export_permission = EXPORT_PERMISSION
    export_columns = KelurahanExportView.export_columns

    def get_service_header_buttons(self):
        from wagtail.admin.widgets.button import HeaderButton

        return [HeaderButton("Terlambat dulu", url="?ordering=urgency", icon_name="warning")]


def staff(django_user_model, *, may_export: bool):
    username = "staf-ekspor" if may_export else "staf"
    user = django_user_model.objects.create_user(username, password="x", is_staff=True)
    permissions = ["access_admin"] + (["view_kelurahan"] if may_export else [])
    user.user_permissions.add(*Permission.objects.filter(codename__in=permissions))
    return django_user_model.objects.get(pk=user.pk)  # fresh permission cache


def call(view_class, user, **params):
    request = RequestFactory().get("/admin/kelurahan/", params)
    request.user = user
    with translation.override("id"):
        response = view_class.as_view()(request)
        if hasattr(response, "render"):
            response.render()
        return response, b"".join(response) if response.streaming else response.content


def test_csv_export_for_spreadsheets_in_local_time_and_never_cached(django_user_model):
    response, body = call(KelurahanExportView, staff(django_user_model, may_export=True), export="csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f"kelurahan-{timezone.localdate():%Y%m%d}.csv" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel on Windows reads UTF-8 only with it
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0] == ["Kode", "Nama", "Catatan", "Kode pos terisi", "Dilihat"]
    tangsi = next(row for row in rows if row[1] == "Tangsi")
    assert tangsi[4] == "2026-03-02 00:30"  # WIB, not UTC
    assert tangsi[3] in ("Ya", "Tidak")
    assert {row[2] for row in rows[1:]} <= {"'=HYPERLINK(1)", "-12,5"}
    assert "'=HYPERLINK(1)" in {row[2] for row in rows[1:]}
    assert len(rows) - 1 == Kelurahan.objects.filter(code__startswith="12.75.02.").count()


def test_xlsx_export_writes_local_times_and_yes_no(django_user_model):
    response, body = call(KelurahanExportView, staff(django_user_model, may_export=True), export="xlsx")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    sheet = openpyxl.load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Kode", "Nama", "Catatan", "Kode pos terisi", "Dilihat")
    assert rows[1][4] == datetime.datetime(2026, 3, 2, 0, 30)
    assert rows[1][3] in ("Ya", "Tidak")


def test_export_refused_without_the_export_permission(django_user_model):
    user = staff(django_user_model, may_export=False)
    with pytest.raises(PermissionDenied):
        call(KelurahanExportView, user, export="csv")


@pytest.mark.parametrize(
    ("may_export", "expected"),
    [(True, ["Terlambat dulu", "Unduh CSV", "Unduh XLSX"]), (False, ["Terlambat dulu"])],
)
def test_inbox_header_has_the_services_buttons_then_downloads_for_those_allowed(
    django_user_model, may_export, expected
):
    request = RequestFactory().get("/admin/kelurahan/", {"q": "x"})
    request.user = staff(django_user_model, may_export=may_export)
    view = KelurahanInboxView()
    view.setup(request)
    with translation.override("id"):
        assert [str(button.label) for button in view.header_buttons] == expected
    assert view.header_more_buttons == []
    if may_export:
        assert view.header_buttons[1].url == "/admin/kelurahan/?q=x&export=csv"


def test_read_only_records_viewset_has_no_add_edit_or_delete_screens():
    viewset = ReadOnlyRecordsViewSet(
        name="kelurahan_test",
        model=Kelurahan,
        url_namespace="kelurahan_test",
        inspect_view_enabled=True,
        record_action_views=[("tindakan/<slug:action>/", generic.InspectView, "action")],
    )
    names = [pattern.name for pattern in viewset.get_urlpatterns()]
    assert names == ["index", "index_results", "inspect", "action"]
    routes = {pattern.name: str(pattern.pattern) for pattern in viewset.get_urlpatterns()}
    assert routes["action"] == "<int:pk>/tindakan/<slug:action>/"
    kwargs = viewset.get_common_view_kwargs()
    assert all(kwargs[name] is None for name in ("add_url_name", "edit_url_name", "delete_url_name"))
    # Links to a record (from the admin's logs) open its read-only screen.
    assert viewset.url_finder_class.edit_url_name == "kelurahan_test:inspect"
    assert viewset.search_backend_name is None and viewset.copy_view_enabled is False


def test_read_only_records_viewset_without_inspect_screen_lists_only():
    viewset = ReadOnlyRecordsViewSet(name="kecamatan_test", model=Kecamatan, url_namespace="kecamatan_test")
    assert [pattern.name for pattern in viewset.get_urlpatterns()] == ["index", "index_results"]
    assert viewset.url_finder_class.edit_url_name == "kecamatan_test:edit"


class KelurahanOfKecamatanPolicy(AgencyScopedPolicy):
    """A policy scoped by another rule than the agency: only Binjai Kota's kelurahan."""

    disabled_actions = frozenset({"add", "delete"})

    def can_see(self, user, instance):
        return instance.kecamatan.code == "12.75.02"

    def visible(self, user, queryset):
        return queryset.filter(kecamatan__code="12.75.02")


def test_policy_hooks_scope_instances_and_disabled_actions_stay_refused(django_user_model):
    superuser = django_user_model.objects.create_superuser("root", password="x")
    policy = KelurahanOfKecamatanPolicy(Kelurahan)
    tangsi = Kelurahan.objects.get(name="Tangsi")
    elsewhere = Kelurahan.objects.exclude(kecamatan__code="12.75.02").first()
    assert policy.user_has_permission_for_instance(superuser, "view", tangsi)
    assert not policy.user_has_permission_for_instance(superuser, "view", elsewhere)
    assert not policy.user_has_permission(superuser, "add")
    assert not policy.user_has_permission_for_instance(superuser, "delete", tangsi)
    visible = policy.instances_user_has_any_permission_for(superuser, ["view"])
    assert set(visible) == set(Kelurahan.objects.filter(kecamatan__code="12.75.02"))
    assert not policy.instances_user_has_any_permission_for(superuser, ["add"]).exists()


def test_kecamatan_filter_field_uses_the_code_and_is_optional():
    field = KecamatanFilterField()
    assert field.clean("12.75.02") == Kecamatan.objects.get(name="Binjai Kota")
    assert field.clean("") is None
    with translation.override("id"):
        choices = [str(label) for _value, label in field.choices]
        assert str(field.label) == "Kecamatan"
    assert choices[0] == "Semua kecamatan" and len(choices) == 6
    assert [value for value, _label in field.choices][1:] == [
        str(code) for code in Kecamatan.objects.values_list("code", flat=True)
    ]


class Case:
    """Stands for any service's case: what the listing's table and deadline column read."""

    def __init__(self, due_at, late: bool):
        self.due_at = due_at
        self.late = late
        self.asked_with = []

    def is_overdue(self, now=None) -> bool:
        self.asked_with.append(now)
        return self.late


def test_overdue_rows_table_marks_the_rows_of_overdue_cases():
    table = OverdueRowsTable([], [])
    late = Case(SUBMITTED, True)
    assert table.get_row_classname(late) == "case-row--overdue"
    assert table.get_row_classname(Case(SUBMITTED, False)) == ""
    assert late.asked_with == [table.now]  # one "now" for every row of the page


ROW = {"row": None, "table": None}  # what a table passes to each of its cells


def test_deadline_column_shows_the_deadline_in_wib_and_tags_it_when_late():
    with translation.override("id"):
        late = DeadlineColumn("due_at", label="Tenggat").render_cell_html(Case(SUBMITTED, True), ROW)
        on_time = DeadlineColumn("due_at", label="Tenggat").render_cell_html(Case(SUBMITTED, False), ROW)
        never_late = DeadlineColumn("due_at", label="Tenggat", is_late=lambda case, now: False)
        overridden = never_late.render_cell_html(Case(SUBMITTED, True), ROW)
    assert '<td class="case-deadline case-deadline--late">' in late
    assert ">02-03-2026 00:30</time>" in late
    assert "Melewati batas waktu" in late and "case-overdue" in late
    assert '<td class="case-deadline">' in on_time and "Melewati batas waktu" not in on_time
    assert "02-03-2026 00:30" in overridden and "case-deadline--late" not in overridden
