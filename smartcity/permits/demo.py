"""Demo data for e-sippadu (``manage.py seed_demo``): the page, the catalogue, a year of applications.

* ``/layanan/perizinan/``, the service page;
* the permit types of ``catalogue.PERMIT_TYPES`` (building approval, billboard, health
  practice, trade business, research, event crowd) with their requirements;
* demo staff in each licensing role, and a year of applications in every state, including
  issued, expired and revoked permits and answered satisfaction surveys.

Applications go through ``services`` and the workflow (with the time set in the past), so they
obey the same rules and leave the same history as real use. Idempotent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from smartcity.core.models import Agency

from .catalogue import PERMIT_TYPES
from .models import PermitPage, PermitRequirement, PermitType

if TYPE_CHECKING:
    from home.demo.builder import DemoSeeder

PAGE_TITLE = "Perizinan"
PAGE_SLUG = "perizinan"
PAGE_INTRO = (
    "Ajukan izin secara daring ke DPMPTSP Kota Binjai: lihat persyaratan, biaya dan lama proses, "
    "unggah dokumen, pantau permohonan Anda dan unduh izin yang dapat diverifikasi siapa saja."
)
ENGLISH_PAGE = {
    "slug": "permits",
    "title": "Permits",
    "intro": (
        "Apply online for permits from Binjai's one-stop licensing agency (DPMPTSP): requirements, "
        "fees and durations, document uploads, tracking, and permits anyone can verify."
    ),
    "search_description": "Apply for permits of the City of Binjai and verify issued permits.",
    "body": [],
}


def seed_permits(seeder: DemoSeeder) -> None:
    """The page (linked from the home page's tile), the catalogue and a year of applications
    (idempotent)."""
    seeder.link_service_tile("permit", seed_page(seeder))
    created = seed_catalogue()
    seeder.report.created["permit types"] += created
    seeder.report.present["permit types"] += PermitType.objects.count() - created
    from .demo_applications import seed_applications

    seed_applications(seeder)


def seed_page(seeder: DemoSeeder) -> PermitPage | None:
    page = PermitPage.objects.filter(slug=PAGE_SLUG, locale__language_code="id").first()
    if page is not None:
        seeder.report.present["pages"] += 1
        return page
    services_index = seeder.page_at("/layanan/")
    if services_index is None:
        return None
    page = PermitPage(
        title=PAGE_TITLE,
        slug=PAGE_SLUG,
        intro=PAGE_INTRO,
        search_description="Ajukan izin dan verifikasi izin yang diterbitkan Pemerintah Kota Binjai.",
        show_in_menus=True,
        live=False,
        owner=seeder.editor,
    )
    services_index.add_child(instance=page)
    seeder.publish(page)
    seeder.report.created["pages"] += 1
    return page


def seed_catalogue(agency: Agency | None = None) -> int:
    """The permit types of ``catalogue.PERMIT_TYPES``; returns how many were created."""
    agency = agency or Agency.objects.get(short_name="DPMPTSP")
    created = 0
    for spec in PERMIT_TYPES:
        if PermitType.objects.filter(slug=spec["slug"]).exists():
            continue
        fields = {k: v for k, v in spec.items() if k not in ("requirements", "extra_fields")}
        permit_type = PermitType(agency=agency, **fields)
        permit_type.extra_fields = [
            ("field", {"help_text": "", "choices": "", "is_fee_basis": False, **f})
            for f in spec["extra_fields"]
        ]
        permit_type.save()
        for order, requirement in enumerate(spec["requirements"]):
            PermitRequirement.objects.create(
                permit_type=permit_type, sort_order=order, **{"mandatory": True, **requirement}
            )
        created += 1
    return created
