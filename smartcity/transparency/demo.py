"""Demo data for the PPID (``manage.py seed_demo``): the page at /ppid/, the information officers,
a public information list per agency and a year of requests in every state.

Requests go through ``services`` and the workflow (same rules, same history as real use); their
dates are then moved back over the past year. Idempotent: nothing is added twice.
"""

from __future__ import annotations

import datetime
import io
import random
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from smartcity.core.models import Agency, StaffMember
from smartcity.core.uploads import CheckedUpload
from smartcity.core.working_days import add_working_days, working_days_between

from . import services
from .models import InformationRequest, PublicInformation, RequestEvent, TransparencyPage
from .workflow import OFFICERS_GROUP, SUPERIORS_GROUP

if TYPE_CHECKING:
    from home.demo.builder import DemoSeeder

PAGE_INTRO = (
    "Daftar Informasi Publik seluruh perangkat daerah Kota Binjai, permohonan informasi secara daring, "
    "keberatan, dan laporan tahunan layanan informasi sesuai UU 14/2008."
)
COMMISSION = (
    "Komisi Informasi Provinsi Sumatera Utara, Jl. Jenderal Gatot Subroto, Medan. https://kip.sumutprov.go.id"
)
# The English translation of the page (home.demo.builder's SITE_PAGE_TRANSLATIONS): /en/ppid/.
ENGLISH_PAGE = {
    "slug": "ppid",
    "title": "Public Information (PPID), City of Binjai",
    "intro": (
        "The public information list of every agency of the City of Binjai, information requests "
        "online, objections and the yearly report of the information service under Law 14/2008."
    ),
    "commission_contact": (
        "Information Commission of North Sumatra Province, Jl. Jenderal Gatot Subroto, Medan. "
        "https://kip.sumutprov.go.id"
    ),
    "search_description": "The public information list and information requests of the City of Binjai.",
    "body": [],
}
# (username, first name, last name, group, agency short name, position)
USERS = [
    ("ppid", "Dewi", "Lubis", OFFICERS_GROUP, "Diskominfo", "PPID Pelaksana Diskominfo"),
    ("ppid-disdik", "Hendra", "Siregar", OFFICERS_GROUP, "Disdik", "PPID Pelaksana Disdik"),
    ("atasan-ppid", "Rahmat", "Nasution", SUPERIORS_GROUP, "Diskominfo", "Kepala Dinas Kominfo"),
]
ENTRIES = [
    (
        "berkala",
        "Rencana Kerja dan Anggaran {agency} {year}",
        "Rencana program, kegiatan dan anggaran tahunan.",
    ),
    (
        "berkala",
        "Laporan Kinerja Instansi Pemerintah {agency} {year}",
        "Capaian kinerja terhadap sasaran strategis.",
    ),
    ("setiap_saat", "Daftar aset dan inventaris {agency} {year}", "Barang milik daerah yang dikelola."),
    (
        "serta_merta",
        "Pengumuman keadaan darurat {agency} {year}",
        "Informasi yang mengancam hajat hidup orang banyak.",
    ),
    ("dikecualikan", "Data pribadi pegawai {agency}", "Berkas kepegawaian: riwayat kesehatan dan keluarga."),
]
WANTED = [
    "Salinan kontrak pembangunan drainase Jl. Sudirman",
    "Daftar penerima bantuan sosial per kelurahan",
    "Rincian realisasi anggaran perjalanan dinas",
    "Dokumen AMDAL pembangunan pasar",
    "Jumlah guru honorer per sekolah",
]


def seed_transparency(seeder: DemoSeeder) -> None:
    page = seed_page(seeder)
    seeder.link_service_tile("info", page)
    seed_users(seeder)
    created = seed_list(seeder)
    seeder.report.created["public information entries"] += created
    seeder.report.present["public information entries"] += PublicInformation.objects.count() - created
    if InformationRequest.objects.exists():
        seeder.report.present["information requests"] += InformationRequest.objects.count()
        return
    seeder.report.created["information requests"] += RequestGenerator(page).run()


def seed_page(seeder: DemoSeeder) -> TransparencyPage:
    existing = TransparencyPage.objects.first()
    seeder.report.count("pages", existing is None)
    if existing is not None:
        return existing
    page = TransparencyPage(
        title="PPID Kota Binjai",
        slug="ppid",
        intro=PAGE_INTRO,
        commission_contact=COMMISSION,
        search_description="Daftar Informasi Publik dan permohonan informasi Pemerintah Kota Binjai.",
        show_in_menus=True,
        live=False,
        owner=seeder.editor,
    )
    seeder.home.add_child(instance=page)
    seeder.publish(page)
    return page


def seed_users(seeder: DemoSeeder) -> None:
    User = get_user_model()
    for username, first, last, group, agency, position in USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@binjaikota.go.id",
                "is_staff": True,
            },
        )
        if created or not user.check_password(seeder.password):
            user.set_password(seeder.password)
            user.save()
        user.groups.add(Group.objects.get(name=group))
        StaffMember.objects.get_or_create(
            agency=Agency.objects.get(short_name=agency),
            user=user,
            defaults={"name": f"{first} {last}", "position": position},
        )
        seeder.report.count("users", created)
        seeder.report.users.append((username, group, f"{position} ({agency})"))


def _document(title: str):
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    document = Document(title=title, collection=Collection.get_first_root_node())
    document.file.save(
        "dokumen.txt", ContentFile(f"{title}\n\nDokumen contoh portal Binjai Smart City.\n".encode())
    )
    document.save()
    return document


def seed_list(seeder: DemoSeeder) -> int:
    """Five entries per active agency, one of each class (the exempt one with ground and test)."""
    created = 0
    year = timezone.localdate().year - 1
    for agency in Agency.objects.active():
        for classification, title, summary in ENTRIES:
            title = title.format(agency=agency.short_name, year=year)
            if PublicInformation.objects.filter(agency=agency, title=title).exists():
                continue
            exempt = classification == "dikecualikan"
            PublicInformation.objects.create(
                agency=agency,
                title=title,
                summary=summary,
                classification=classification,
                year=year,
                document=_document(title),
                responsible_unit=f"Sekretariat {agency.short_name}",
                retention_period="5 tahun",
                exemption_ground="17h" if exempt else "",
                consequence_test=(
                    "Membuka berkas ini mengungkap riwayat kesehatan dan keluarga pegawai (Pasal 17h); "
                    "kerugian bagi pegawai lebih besar daripada manfaat bagi publik."
                    if exempt
                    else ""
                ),
                exemption_period="Selama pegawai bersangkutan hidup" if exempt else "",
                is_published=True,
            )
            created += 1
    return created


def _id_card() -> CheckedUpload:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (60, 40), "lightblue").save(buffer, format="PNG")
    return CheckedUpload("ktp.png", "image/png", buffer.getvalue())


class RequestGenerator:
    """A year of requests, each played to one of the possible endings."""

    STORIES = [
        "received",
        "extended",
        "granted",
        "granted",
        "partly_granted",
        "refused",
        "not_held",
        "forwarded",
        "objected",
        "objection_answered",
        "disputed",
        "overdue",
    ]

    def __init__(self, page, seed: int = 13):
        self.random = random.Random(seed)  # noqa: S311 - demo data, not security
        self.now = timezone.now()
        self.officers = {
            m.agency_id: m.user for m in StaffMember.objects.filter(user__groups__name=OFFICERS_GROUP)
        }
        self.superiors = {
            m.agency_id: m.user for m in StaffMember.objects.filter(user__groups__name=SUPERIORS_GROUP)
        }
        self.admin = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()

    def run(self) -> int:
        agencies = list(Agency.objects.active().filter(pk__in=self.officers))
        count = 0
        for n in range(48):
            story = self.STORIES[n % len(self.STORIES)]
            days_back = 3 if story in ("received", "extended") else self.random.randint(40, 360)
            if story == "overdue":
                days_back = 25
            if story in ("objected", "objection_answered", "disputed"):
                days_back = self.random.randint(15, 30)  # objections run within 30 working days
            self.play(n, story, self.random.choice(agencies), self.now - datetime.timedelta(days=days_back))
            count += 1
        return count

    def play(self, n: int, story: str, agency: Agency, when: datetime.datetime) -> None:
        officer = self.officers.get(agency.pk, self.admin)
        result = services.submit_request(
            agency=agency,
            data={
                "requester_kind": "person" if n % 4 else "organisation",
                "name": f"Pemohon Demo {n}" if n % 4 else f"Lembaga Kajian Demo {n}",
                "nik": "1275014501900001" if n % 4 else "",
                "legal_status": ""
                if n % 4
                else "Perkumpulan berbadan hukum, SK Kemenkumham AHU-0012.AH.01.07.2020",
                "occupation": "Wartawan",
                "address": f"Jl. Contoh No. {n}, Binjai",
                "email": f"pemohon.demo{n}@example.com",
                "phone": "",
                "information_wanted": self.random.choice(WANTED),
                "purpose": "Bahan kajian dan pemberitaan",
                "delivery": self.random.choice(["view", "copy", "email", "post"]),
            },
            id_card=_id_card(),
            now=when,
            notify_requester=False,
        )
        request = result.request
        if story == "received" or story == "overdue":
            return
        if story == "extended":
            services.extend(
                request, officer, "Dokumen tersimpan di arsip; perlu waktu pengumpulan.", notify_people=False
            )
            return
        if story == "forwarded":
            target = Agency.objects.active().exclude(pk=agency.pk).order_by("?").first()
            services.forward(
                request, officer, target, f"Informasi ini dikuasai {target.name}.", notify_people=False
            )
            InformationRequest.objects.filter(pk=request.pk).update(
                forwarded_at=when + datetime.timedelta(days=2), due_at=add_working_days(when, 12)
            )
            return
        decision = {"partly_granted": "partly_granted", "refused": "refused", "not_held": "not_held"}.get(
            story, "refused" if story in ("objected", "objection_answered", "disputed") else "granted"
        )
        services.answer(
            request,
            officer,
            decision,
            "Informasi yang Anda minta kami sampaikan sesuai keputusan terlampir.",
            withheld="Nama penerima dan NIK dihitamkan (Pasal 17 huruf h)."
            if decision == "partly_granted"
            else "",
            exemption_ground="17h" if decision == "refused" else "",
            notify_people=False,
        )
        self._backdate_answer(request, when)
        if story in ("objected", "objection_answered", "disputed"):
            request.refresh_from_db()
            services.file_objection(
                request,
                "a",
                "Informasi tersebut bukan rahasia pribadi.",
                now=timezone.now(),
                notify_people=False,
            )
            if story != "objected":
                superior = self.superiors.get(agency.pk, self.admin)
                services.answer_objection(
                    request,
                    superior,
                    "rejected",
                    "Pengecualian dipertahankan setelah uji konsekuensi.",
                    notify_people=False,
                )
            if story == "disputed":
                services.record_dispute(request, timezone.localdate(), "KI-SU/2026/0001")

    def _backdate_answer(self, request: InformationRequest, when: datetime.datetime) -> None:
        answered = add_working_days(when, self.random.randint(2, 12)) - datetime.timedelta(hours=14)
        InformationRequest.objects.filter(pk=request.pk).update(
            answered_at=answered, answer_working_days=working_days_between(when, answered)
        )
        RequestEvent.objects.filter(case=request, kind=RequestEvent.Kind.STATUS).update(created_at=answered)
