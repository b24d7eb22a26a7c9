"""Complaint categories with their default agencies, and the two case-handling roles.

* "Case supervisors": the city's complaint desk. Sees every complaint; verifies, assigns,
  reassigns, rejects and closes; manages categories and Open311 API clients.
* "Agency officers": staff of an agency (linked through a StaffMember row). Sees and handles
  the complaints assigned to their own agency only (enforced in code, smartcity.core.access).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# (slug, name, description, default agency short name, resolution target in working days)
CATEGORIES = [
    ("jalan-rusak", "Jalan dan trotoar rusak", "Jalan berlubang, trotoar atau jembatan rusak.", "PUPR", 14),
    ("drainase", "Drainase dan genangan", "Parit tersumbat, genangan dan banjir.", "PUPR", 14),
    ("sampah", "Sampah dan kebersihan", "Sampah tidak diangkut, TPS liar, kebersihan lingkungan.", "DLH", 5),
    ("lampu-jalan", "Lampu penerangan jalan", "Lampu jalan mati atau rusak.", "Dishub", 7),
    ("lalu-lintas", "Lalu lintas dan parkir", "Rambu, lampu lalu lintas, parkir liar.", "Dishub", 7),
    ("adminduk", "Administrasi kependudukan", "KTP-el, KK, akta dan layanan Disdukcapil.", "Disdukcapil", 5),
    ("kesehatan", "Layanan kesehatan", "Puskesmas, rumah sakit daerah, layanan kesehatan.", "Dinkes", 7),
    ("pendidikan", "Pendidikan", "Sekolah negeri, PPDB dan layanan pendidikan.", "Disdik", 10),
    ("ketertiban", "Ketertiban umum", "Gangguan ketertiban, pedagang di badan jalan.", "Satpol PP", 5),
    ("bantuan-sosial", "Bantuan sosial", "Penyaluran bantuan dan layanan sosial.", "Dinsos", 10),
    ("perizinan", "Perizinan", "Layanan izin di DPMPTSP.", "DPMPTSP", 7),
    ("lainnya", "Lainnya / aspirasi umum", "Hal lain, saran dan aspirasi untuk pemerintah kota.", "Diskominfo", 14),
]

SUPERVISOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("complaints", "view_complaint"),
    ("complaints", "change_complaint"),
    ("complaints", "export_complaint"),
    ("complaints", "view_complaintcategory"),
    ("complaints", "add_complaintcategory"),
    ("complaints", "change_complaintcategory"),
    ("complaints", "view_open311client"),
    ("complaints", "add_open311client"),
    ("complaints", "change_open311client"),
    ("core", "view_cityholiday"),
    ("core", "add_cityholiday"),
    ("core", "change_cityholiday"),
    ("core", "delete_cityholiday"),
]
OFFICER_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("complaints", "view_complaint"),
    ("complaints", "change_complaint"),
    ("complaints", "export_complaint"),
    ("complaints", "view_complaintcategory"),
]


def load(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = None
    Agency = apps.get_model("core", "Agency")
    Category = apps.get_model("complaints", "ComplaintCategory")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for slug, name, description, agency, days in CATEGORIES:
        Category.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "service_code": slug,
                "description": description,
                "default_agency": Agency.objects.get(short_name=agency),
                "resolution_days": days,
            },
        )

    def permissions(pairs):
        return [Permission.objects.get(content_type__app_label=a, codename=c) for a, c in pairs]

    supervisors, _ = Group.objects.get_or_create(name="Case supervisors")
    supervisors.permissions.add(*permissions(SUPERVISOR_PERMISSIONS))
    officers, _ = Group.objects.get_or_create(name="Agency officers")
    officers.permissions.add(*permissions(OFFICER_PERMISSIONS))
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators:
        administrators.permissions.add(
            *Permission.objects.filter(content_type__app_label__in=["complaints", "core"])
        )


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0001_initial"),
        ("core", "0003_case_machinery"),
        ("home", "0002_create_homepage_groups_workflow"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
