"""Demo data for e-masyarakat, added by ``manage.py seed_demo`` after the portal exists.

* the complaint desk's accounts: ``pengaduan`` (case supervisor) and one officer per agency that
  receives complaints (``petugas.pupr``, ``petugas.dlh``...), with the demo password;
* the service page ``/layanan/pengaduan/``, linked from the home page tile and the main menu;
* about 200 complaints over the last twelve months in every state, each with a history that the
  workflow could have written (backdated events by staff of the right role, deadlines from the
  working-day calendar, reference numbers from the real sequence).

The complaints are made by ``random.Random(2016)``, so every run writes the same ones (relative
to today), and they are written straight to the database: no e-mail goes out. Nothing is added
to a database that already has complaints, so running ``seed_demo`` again changes nothing and
real complaints are never mixed with invented ones.
"""

from __future__ import annotations

import datetime
import random
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from smartcity.core.access import SUPERVISORS_GROUP
from smartcity.core.models import Agency, CaseLogEntry, Kelurahan, StaffMember
from smartcity.core.numbering import next_reference
from smartcity.core.personal_data import clean_nik, clean_phone
from smartcity.core.tokens import new_access_token
from smartcity.core.workflow import LOG_ACTION
from smartcity.core.working_days import WIB, add_working_days, local_date

from . import demo_content as content
from .models import Complaint, ComplaintCategory, ComplaintEvent, ComplaintPage

if TYPE_CHECKING:
    from home.demo.builder import DemoSeeder

OFFICERS_GROUP = "Agency officers"
COMPLAINT_COUNT = 200
RANDOM_SEED = 2016  # the year Binjai Smart City was launched
PAGE_SLUG = "pengaduan"
MENU_LABEL = "Pengaduan"

S = Complaint.Status
R = Complaint.RejectionReason
E = ComplaintEvent.Kind


def seed_complaints(seeder: DemoSeeder) -> None:
    """Add the complaint desk's accounts, the service page and the demo complaints (idempotent)."""
    desk = seed_desk_users(seeder)
    page = seed_complaint_page(seeder)
    link_page_from_home(seeder, page)
    with transaction.atomic():
        if Complaint.objects.exists():
            seeder.report.present["complaints"] += Complaint.objects.count()
            return
        created, events = ComplaintGenerator(desk).run()
    seeder.report.created["complaints"] += created
    seeder.report.created["complaint events"] += events


# --- Accounts -------------------------------------------------------------------------------


@dataclass
class Desk:
    """The accounts that act in the demo histories."""

    supervisor: object
    officers: dict[int, object] = field(default_factory=dict)  # agency id -> user

    def officer_for(self, agency_id: int | None):
        # A supervisor may act for any agency, so the desk covers an agency without an officer.
        return self.officers.get(agency_id, self.supervisor)


def seed_desk_users(seeder: DemoSeeder) -> Desk:
    """The supervisor and the agency officers, created with the demo password, listed in the report."""
    User = get_user_model()
    groups = {name: Group.objects.get(name=name) for name in (SUPERVISORS_GROUP, OFFICERS_GROUP)}
    agencies = {a.short_name: a for a in Agency.objects.all()}
    # One hash for every new account: hashing is deliberately slow, and these share a password.
    encoded = None
    checked: dict[str, bool] = {}
    desk = None
    specs = [(content.SUPERVISOR, SUPERVISORS_GROUP, StaffMember.Role.SUPERVISOR)] + [
        (spec, OFFICERS_GROUP, StaffMember.Role.OFFICER) for spec in content.OFFICERS
    ]
    for spec, group, staff_role in specs:
        user = User.objects.filter(username=spec.username).first()
        if user is None:
            encoded = encoded or make_password(seeder.password)
            user = User.objects.create(
                username=spec.username,
                first_name=spec.first_name,
                last_name=spec.last_name,
                email=f"{spec.username}@binjaikota.go.id",
                is_staff=True,
                password=encoded,
            )
            note = "created"
        else:
            if user.password not in checked:
                checked[user.password] = user.check_password(seeder.password)
            if checked[user.password]:
                note = "already present"
            else:
                encoded = encoded or make_password(seeder.password)
                user.password = encoded
                user.save(update_fields=["password"])
                note = "password reset"
        seeder.report.count("users", note == "created")
        user.groups.add(groups[group])
        agency = agencies[spec.agency]
        StaffMember.objects.get_or_create(
            agency=agency,
            user=user,
            defaults={
                "name": f"{spec.first_name} {spec.last_name}",
                "position": spec.position,
                "role": staff_role,
            },
        )
        role = "Case supervisors" if group == SUPERVISORS_GROUP else f"Agency officers: {spec.agency}"
        seeder.report.users.append((spec.username, role, note))
        if desk is None:
            desk = Desk(supervisor=user)
        else:
            desk.officers[agency.pk] = user
    return desk


# --- The service page -------------------------------------------------------------------------

PAGE_TITLE = "Pengaduan dan Aspirasi (e-masyarakat)"
PAGE_INTRO = (
    "Laporkan jalan rusak, lampu jalan padam, sampah yang tidak diangkut atau layanan yang "
    "mengecewakan, dan sampaikan saran untuk Pemerintah Kota Binjai. Setiap laporan mendapat nomor "
    "pengaduan dan dapat Anda pantau sampai selesai."
)
PAGE_BODY = [
    ("heading", "Bagaimana pengaduan ditangani"),
    (
        "paragraph",
        "<ol><li>Isi formulir: pilih kategori dan kelurahan, jelaskan masalahnya dan lampirkan foto bila ada."
        "</li><li>Anda menerima nomor pengaduan (misalnya ADU-2026-000123) dan tautan pribadi untuk "
        "memantau laporan.</li><li>Petugas pengaduan Diskominfo memverifikasi laporan dan meneruskannya "
        "ke perangkat daerah (OPD) yang berwenang.</li><li>OPD menindaklanjuti dan menuliskan balasan yang "
        "dapat Anda baca di halaman pemantauan.</li><li>Setelah selesai, Anda dapat memberi penilaian atau "
        "membuka kembali laporan dalam 14 hari bila masalahnya belum tuntas.</li></ol>",
    ),
    ("heading", "Waktu tanggapan"),
    (
        "table",
        "Target waktu pelayanan (hari kerja)",
        ["Tahap", "Target"],
        [
            ["Tanggapan pertama", "3 hari kerja sejak laporan diterima"],
            ["Sampah dan kebersihan, administrasi kependudukan, ketertiban", "5 hari kerja"],
            ["Lampu jalan, lalu lintas, kesehatan, perizinan", "7 hari kerja"],
            ["Pendidikan, bantuan sosial", "10 hari kerja"],
            ["Jalan, drainase, aspirasi umum", "14 hari kerja"],
        ],
    ),
    (
        "paragraph",
        "Hari kerja adalah Senin sampai Jumat, di luar hari libur nasional, cuti bersama dan hari libur "
        "yang ditetapkan Pemerintah Kota Binjai.",
    ),
    ("heading", "Privasi dan data pribadi"),
    (
        "paragraph",
        "<p>Nama, e-mail, nomor telepon dan NIK Anda hanya dapat dilihat oleh petugas pengaduan dan "
        "perangkat daerah yang menangani laporan, dan tidak pernah ditampilkan di daftar pengaduan publik. "
        "Anda dapat meminta agar nama disembunyikan atau agar laporan tidak ditampilkan di daftar publik "
        "sama sekali. Foto dan dokumen lampiran disimpan terpisah dan hanya dapat dibuka oleh petugas dan "
        "oleh Anda melalui tautan pribadi.</p>",
    ),
    (
        "accordion",
        "Pertanyaan yang sering diajukan",
        [
            (
                "Apakah saya harus mencantumkan NIK?",
                "<p>Tidak. NIK bersifat opsional; cukup nama dan e-mail atau nomor telepon agar petugas "
                "dapat menghubungi Anda.</p>",
            ),
            (
                "Bagaimana jika tautan pemantauan hilang?",
                "<p>Tautan dikirim ke e-mail Anda. Anda juga dapat membuka halaman pemantauan dengan nomor "
                "pengaduan dan kode akses yang tercantum di e-mail tersebut.</p>",
            ),
            (
                "Laporan apa yang tidak dapat ditindaklanjuti?",
                "<p>Laporan yang bukan kewenangan Pemerintah Kota Binjai (misalnya jalan nasional, listrik "
                "PLN, pertanahan) akan kami teruskan kepada instansi yang berwenang. Laporan berisi iklan "
                "atau kata-kata kasar ditolak.</p>",
            ),
        ],
        True,
    ),
]

# The English translation of the page (/en/services/complaints/), made by home.demo's English seeder.
ENGLISH_PAGE = {
    "slug": "complaints",
    "title": "Complaints and Ideas (e-masyarakat)",
    "intro": (
        "Report a damaged road, a street light that is out, rubbish that was not collected or a service "
        "that let you down, and send your ideas to the City Government of Binjai. Each report gets a "
        "reference number that you can follow until it is resolved."
    ),
    "search_description": "Send complaints and ideas to the City Government of Binjai; follow them online.",
    "body": [
        ("heading", "How complaints are handled"),
        (
            "paragraph",
            "<ol><li>Fill in the form: choose a category and an urban village (kelurahan), describe the "
            "problem and add photos if you have them.</li><li>You receive a reference number (for example "
            "ADU-2026-000123) and a private link to follow your report.</li><li>The complaint desk checks "
            "the report and passes it to the city agency (OPD) in charge.</li><li>The agency acts on it and "
            "writes a reply that you can read on the tracking page.</li><li>Once it is resolved you can rate "
            "the handling, or reopen the report within 14 days if the problem remains.</li></ol>",
        ),
        ("heading", "Response times"),
        (
            "table",
            "Service targets (working days)",
            ["Step", "Target"],
            [
                ["First response", "3 working days after the report is received"],
                ["Rubbish and cleanliness, civil registration, public order", "5 working days"],
                ["Street lights, traffic, health, permits", "7 working days"],
                ["Education, social assistance", "10 working days"],
                ["Roads, drainage, general ideas", "14 working days"],
            ],
        ),
        (
            "paragraph",
            "Working days are Monday to Friday, except national holidays, collective leave days and the "
            "days off set by the City Government of Binjai.",
        ),
        ("heading", "Privacy and personal data"),
        (
            "paragraph",
            "<p>Your name, e-mail, telephone number and national identity number (NIK) are seen only by the "
            "complaint desk and the agency handling your report, and never appear in the public list of "
            "complaints. You can ask for your name to be hidden, or for the report not to be listed publicly "
            "at all. Attached photos and documents are stored apart and can be opened only by staff and by "
            "you through your private link.</p>",
        ),
    ],
}


def seed_complaint_page(seeder: DemoSeeder) -> ComplaintPage:
    """``/layanan/pengaduan/``: created and published once, left alone afterwards."""
    existing = ComplaintPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    seeder.report.count("pages", existing is None)
    if existing is not None:
        return existing
    services = seeder.page_at("/layanan/")
    page = ComplaintPage(
        title=PAGE_TITLE,
        slug=PAGE_SLUG,
        intro=PAGE_INTRO,
        search_description="Sampaikan pengaduan dan aspirasi kepada Pemerintah Kota Binjai dan pantau "
        "tindak lanjutnya secara daring.",
        show_in_menus=True,
        live=False,
        owner=seeder.editor,
    )
    services.add_child(instance=page)
    page.body = seeder.stream(PAGE_BODY)
    seeder.publish(page)
    return page


def link_page_from_home(seeder: DemoSeeder, page: Page) -> None:
    """Point the home page's complaint tile at the page, and add the page to the main menu
    (once: a menu item that already has the page is left as the editors set it)."""
    from home.models import MainMenuItem, NavigationSettings

    seeder.link_service_tile("complaint", page)

    navigation = NavigationSettings.for_site(seeder.site)
    items = list(navigation.menu_items.all())
    if items and not any(item.link_page_id == page.pk for item in items):
        # Right after "Layanan" when the demo menu is there, otherwise at the end.
        services = seeder.page_at("/layanan/")
        position = next(
            (i + 1 for i, item in enumerate(items) if item.link_page_id == services.pk), len(items)
        )
        items.insert(position, MainMenuItem(label=MENU_LABEL, link_page=page))
        for order, item in enumerate(items):
            item.sort_order = order
        navigation.menu_items = items
        navigation.save()
        seeder.report.created["menu items"] += 1


# --- Complaints -----------------------------------------------------------------------------

# Share of final states by the complaint's age in days: recent ones are still open, older ones
# mostly closed; a few old ones stay open and become overdue.
STATUS_WEIGHTS = [
    (3, {S.RECEIVED: 50, S.VERIFIED: 25, S.ASSIGNED: 20, S.IN_PROGRESS: 5}),
    (
        14,
        {S.RECEIVED: 8, S.VERIFIED: 7, S.ASSIGNED: 15, S.IN_PROGRESS: 25, S.RESOLVED: 20, S.CLOSED: 10}
        | {S.REJECTED: 15},
    ),
    (60, {S.RECEIVED: 2, S.ASSIGNED: 6, S.IN_PROGRESS: 12, S.RESOLVED: 15, S.CLOSED: 50, S.REJECTED: 15}),
    (366, {S.ASSIGNED: 2, S.IN_PROGRESS: 3, S.RESOLVED: 8, S.CLOSED: 75, S.REJECTED: 12}),
]
REJECTION_WEIGHTS = {R.SPAM: 30, R.DUPLICATE: 35, R.OUT_OF_SCOPE: 35}
# Categories whose complaints are sometimes handed over, and to whom.
HANDOVERS = {"drainase": "DLH", "sampah": "Satpol PP", "ketertiban": "Dishub", "lalu-lintas": "Satpol PP"}
# Points stay a little inside the city's bounding box (lat 3.56–3.65, lon 98.45–98.53).
BINJAI_BOX = ((Decimal("3.565"), Decimal("3.645")), (Decimal("98.455"), Decimal("98.525")))
MICRODEGREE = Decimal("0.000001")


@dataclass
class Plan:
    """One complaint being invented, with its history."""

    complaint: Complaint
    template: content.Template | None = None
    events: list[ComplaintEvent] = field(default_factory=list)
    duplicate_of: Plan | None = None
    rejection_note: str = ""

    @property
    def last_at(self) -> datetime.datetime:
        return self.events[-1].created_at


class ComplaintGenerator:
    """Invents the demo complaints and their histories and writes them in a few bulk inserts."""

    def __init__(self, desk: Desk, count: int = COMPLAINT_COUNT):
        self.desk = desk
        self.count = count
        self.rng = random.Random(RANDOM_SEED)  # noqa: S311 - invented data, not secrets
        self.now = timezone.now()
        self.categories = {c.slug: c for c in ComplaintCategory.objects.select_related("default_agency")}
        self.kelurahan = list(Kelurahan.objects.select_related("kecamatan").order_by("code"))
        self.agencies = {a.short_name: a for a in Agency.objects.all()}
        self.templates = [t for t in content.TEMPLATES if t.category in self.categories]
        self.plans: list[Plan] = []

    def run(self) -> tuple[int, int]:
        """Invent and store the complaints; returns how many complaints and events were written."""
        moments = sorted(self.submission_moment(i) for i in range(self.count))
        villages = self.kelurahan * (self.count // len(self.kelurahan) + 1)
        villages = villages[: self.count]  # every kelurahan appears, in an order shuffled below
        self.rng.shuffle(villages)
        for index, (created_at, kelurahan) in enumerate(zip(moments, villages, strict=True)):
            # One generator per complaint: a history cut short by today's date (which changes from
            # run to run) must not change what the following complaints say.
            self.rng = random.Random(RANDOM_SEED * 1000 + index)  # noqa: S311 - invented data
            self.plans.append(self.invent(created_at, kelurahan))
        return self.store()

    # --- when and what ----------------------------------------------------------------------

    def submission_moment(self, index: int) -> datetime.datetime:
        # A handful in the last days so that the desk has fresh work; the rest over the year,
        # somewhat more in recent months (the service grows).
        age = self.rng.uniform(0.05, 3) if index < 8 else 365 * self.rng.random() ** 1.3
        moment = timezone.localtime(self.now - datetime.timedelta(days=age), WIB)
        moment = moment.replace(hour=self.rng.randint(6, 22), minute=self.rng.randint(0, 59))
        while moment > self.now - datetime.timedelta(minutes=30):
            moment -= datetime.timedelta(days=1)
        return moment

    def choose(self, weights: dict):
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def invent(self, created_at: datetime.datetime, kelurahan: Kelurahan) -> Plan:
        age = (self.now - created_at).days
        status = self.choose(next(w for limit, w in STATUS_WEIGHTS if age < limit))
        reason = self.choose(REJECTION_WEIGHTS) if status == S.REJECTED else ""
        plan = Plan(complaint=Complaint(created_at=created_at, kelurahan=kelurahan))
        if reason == R.DUPLICATE:
            plan.duplicate_of = self.original_for(kelurahan)
            if plan.duplicate_of is None:
                reason = R.OUT_OF_SCOPE
        places = self.places(kelurahan)
        self.describe(plan, reason, places)
        self.reporter(plan.complaint)
        self.place(plan.complaint, places)
        self.deadlines(plan.complaint)
        self.history(plan, status, reason)
        return plan

    def original_for(self, kelurahan: Kelurahan) -> Plan | None:
        """A recent, still valid complaint from the same kecamatan that a neighbour reports again."""
        for earlier in reversed(self.plans[-30:]):
            same_area = earlier.complaint.kelurahan.kecamatan_id == kelurahan.kecamatan_id
            if same_area and earlier.template is not None and earlier.complaint.status != S.REJECTED:
                return earlier
        return None

    def places(self, kelurahan: Kelurahan) -> dict[str, str]:
        """The template placeholders for one complaint: its title and text name the same places."""
        rng = self.rng
        return {
            "jalan": rng.choice(content.STREETS),
            "tempat": rng.choice(content.LANDMARKS),
            "kel": kelurahan.name,
            "lama": rng.choice(content.DURATIONS),
            "sekolah": rng.choice(content.SCHOOLS),
            "puskesmas": rng.choice(content.HEALTH_CENTRES),
        }

    def describe(self, plan: Plan, reason: str, places: dict[str, str]) -> None:
        complaint, rng = plan.complaint, self.rng
        if reason == R.SPAM:
            title, description = rng.choice(content.SPAM)
            category = self.categories.get("lainnya") or rng.choice(list(self.categories.values()))
        elif reason == R.OUT_OF_SCOPE:
            slug, title, description, plan.rejection_note = rng.choice(content.OUT_OF_SCOPE)
            category = self.categories.get(slug) or rng.choice(list(self.categories.values()))
            title, description = title.format(**places), description.format(**places)
        elif plan.duplicate_of is not None:
            original = plan.duplicate_of.complaint
            plan.template = plan.duplicate_of.template
            title, category = original.title, original.category
            description = plan.template.description.format(**places)
        else:
            plan.template = rng.choice(self.templates)
            category = self.categories[plan.template.category]
            title = rng.choice(plan.template.titles).format(**places)
            description = plan.template.description.format(**places)
            description = rng.choice(content.OPENINGS) + description + rng.choice(content.CLOSINGS)
        complaint.title = title[:150]
        complaint.description = description
        complaint.category = category
        # The desk checks first: the agency is set when the desk assigns (see history()).
        complaint.agency = None
        complaint.kind = plan.template.kind if plan.template else Complaint.Kind.COMPLAINT

    def reporter(self, complaint: Complaint) -> None:
        rng = self.rng
        first, last = rng.choice(content.FIRST_NAMES), rng.choice(content.LAST_NAMES)
        complaint.reporter_name = f"{first} {last}".strip()
        handle = ".".join(ascii_slug(part) for part in (first, last) if part)
        complaint.reporter_email = f"{handle}{rng.randint(1, 99)}@example.com" if rng.random() < 0.85 else ""
        if not complaint.reporter_email or rng.random() < 0.55:
            complaint.reporter_phone = clean_phone(f"+62812{rng.randint(10_000_000, 99_999_999)}")
        if rng.random() < 0.3:
            complaint.reporter_nik = self.nik(complaint.kelurahan)
        complaint.hide_name = rng.random() < 0.2
        complaint.is_private = rng.random() < 0.15
        complaint.consent_at = complaint.created_at
        complaint.language = "id"
        complaint.source = self.choose(
            {Complaint.Source.WEB: 88, Complaint.Source.STAFF: 8, Complaint.Source.OPEN311: 4}
        )
        _token, complaint.access_token_hash = new_access_token()

    def nik(self, kelurahan: Kelurahan) -> str:
        """A NIK that passes validation: Binjai region code, a birth date, a serial number."""
        birth = datetime.date(1950, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 365 * 55))
        day = birth.day + (40 if self.rng.random() < 0.5 else 0)
        district = kelurahan.kecamatan.code.replace(".", "")[:6]  # e.g. 127501
        return clean_nik(f"{district}{day:02d}{birth:%m%y}{self.rng.randint(1, 9999):04d}")

    def place(self, complaint: Complaint, places: dict[str, str]) -> None:
        rng = self.rng
        if rng.random() < 0.8:
            street, landmark = places["jalan"], places["tempat"]
            complaint.address = rng.choice(
                [f"{street} No. {rng.randint(1, 240)}", f"{street}, dekat {landmark}"]
            )
        if rng.random() < 0.6:
            lat, lon = content.KECAMATAN_CENTRES.get(complaint.kelurahan.kecamatan.name, (3.60, 98.49))
            (lat_min, lat_max), (lon_min, lon_max) = BINJAI_BOX
            complaint.latitude = clamp(Decimal(str(rng.gauss(lat, 0.007))), lat_min, lat_max)
            complaint.longitude = clamp(Decimal(str(rng.gauss(lon, 0.007))), lon_min, lon_max)

    def deadlines(self, complaint: Complaint) -> None:
        complaint.first_response_due = add_working_days(
            complaint.created_at, settings.COMPLAINT_FIRST_RESPONSE_DAYS
        )
        complaint.resolution_due = add_working_days(complaint.created_at, complaint.category.resolution_days)

    # --- history ----------------------------------------------------------------------------

    def office_moment(self, after: datetime.datetime, working_days: int) -> datetime.datetime:
        """Office hours on the ``working_days``-th working day after ``after`` (0: that day or the next)."""
        day = local_date(add_working_days(after, working_days))
        moment = datetime.datetime.combine(
            day, datetime.time(self.rng.randint(8, 15), self.rng.randint(0, 59)), tzinfo=WIB
        )
        if moment <= after:
            moment = after + datetime.timedelta(minutes=self.rng.randint(15, 150))
        return moment

    def citizen_moment(self, after: datetime.datetime) -> datetime.datetime:
        return after + datetime.timedelta(hours=self.rng.uniform(2, 72))

    # Transitions that count as the first response to the reporter (see workflow effects).
    RESPONDING = {"verify", "assign", "start", "resolve", "reject"}

    def advance(
        self, plan: Plan, name: str, to_status: str, actor, working_days: int, note: str = ""
    ) -> bool:
        """Record transition ``name`` in office hours ``working_days`` after the last event.

        Returns False, recording nothing, when that moment is still to come: the complaint then
        stays where it is, as a recent one would.
        """
        complaint = plan.complaint
        when = self.office_moment(plan.last_at, working_days)
        if when >= self.now:
            return False
        event = ComplaintEvent(
            kind=E.STATUS,
            from_status=complaint.status,
            to_status=to_status,
            note=note,
            # The demo's notes speak to the reporter, except the hand-overs' (staff may choose).
            is_public=name != "reassign",
            actor=actor,
            # An agency's officer acts for the agency; the desk (the supervisor) for itself.
            actor_agency=complaint.agency if actor is not self.desk.supervisor else None,
            created_at=when,
        )
        event.transition = name  # for the admin log entry
        plan.events.append(event)
        complaint.status = to_status
        if name in self.RESPONDING and complaint.first_responded_at is None:
            complaint.first_responded_at = when
        if name in ("verify", "assign") and complaint.verified_at is None:
            complaint.verified_at = when
        return True

    def history(self, plan: Plan, target: str, reason: str) -> None:
        """Walk the workflow from "received" towards ``target``, stopping early if time runs out."""
        complaint, rng = plan.complaint, self.rng
        complaint.status = S.RECEIVED
        plan.events = [
            ComplaintEvent(
                kind=E.CREATED,
                to_status=S.RECEIVED,
                is_public=True,
                by_citizen=True,
                created_at=complaint.created_at,
            )
        ]
        desk = self.desk.supervisor
        # Most get a first response within the three working days, some do not.
        first_gap = rng.randint(3, 7) if rng.random() < 0.15 else rng.randint(0, 2)
        if target == S.RECEIVED:
            return
        if target == S.REJECTED:
            self.reject(plan, reason, first_gap)
            return

        if target == S.VERIFIED or rng.random() < 0.75:
            if not self.advance(
                plan, "verify", S.VERIFIED, desk, first_gap, rng.choice(content.VERIFY_NOTES)
            ):
                return
            if target == S.VERIFIED:
                return
        # The desk takes the category's default agency (what its assign form proposes).
        agency = complaint.category.default_agency
        note = rng.choice(content.ASSIGN_NOTES).format(agency=agency.name)
        gap = rng.randint(0, 1) if complaint.status == S.VERIFIED else first_gap
        if not self.advance(plan, "assign", S.ASSIGNED, desk, gap, note):
            return
        complaint.agency = agency
        handover = self.agencies.get(HANDOVERS.get(complaint.category.slug, ""))
        if handover is not None and rng.random() < 0.2:
            note = rng.choice(content.REASSIGN_NOTES).format(agency=handover.name)
            officer = self.desk.officer_for(complaint.agency_id)
            if not self.advance(plan, "reassign", S.ASSIGNED, officer, rng.randint(1, 3), note):
                return
            complaint.agency = handover
        if target == S.ASSIGNED:
            return

        officer = self.desk.officer_for(complaint.agency_id)
        if target == S.IN_PROGRESS or rng.random() < 0.8:
            note = rng.choice(content.START_NOTES).format(agency=complaint.agency.short_name)
            if not self.advance(plan, "start", S.IN_PROGRESS, officer, rng.randint(0, 3), note):
                return
        self.conversation(plan, officer)
        if target == S.IN_PROGRESS:
            return

        # Most are resolved within the category's target, a fifth late.
        spent = int((local_date(plan.last_at) - local_date(complaint.created_at)).days * 5 / 7)
        room = max(1, complaint.category.resolution_days - spent)
        days = rng.randint(1, room) if rng.random() < 0.8 else room + rng.randint(1, 8)
        note = rng.choice(plan.template.resolutions)
        if not self.advance(plan, "resolve", S.RESOLVED, officer, days, note):
            return
        complaint.resolved_at = plan.last_at
        if target == S.CLOSED:
            closing = rng.choice(content.CLOSE_NOTES)
            if self.advance(plan, "close", S.CLOSED, desk, rng.randint(2, 7), closing):
                complaint.closed_at = plan.last_at
        self.rating(plan)
        # A rating may come after the closing; the history is in time order.
        plan.events.sort(key=lambda event: event.created_at)

    def reject(self, plan: Plan, reason: str, first_gap: int) -> None:
        rng, desk = self.rng, self.desk.supervisor
        gap = first_gap
        if reason != R.SPAM and rng.random() < 0.4:
            if not self.advance(plan, "verify", S.VERIFIED, desk, gap, rng.choice(content.VERIFY_NOTES)):
                return
            gap = rng.randint(0, 2)
        if reason == R.SPAM:
            note = content.SPAM_NOTE
        elif reason == R.DUPLICATE:
            note = content.DUPLICATE_NOTE  # its {reference} is filled in once the original is numbered
        else:
            note = plan.rejection_note
        if self.advance(plan, "reject", S.REJECTED, desk, gap, note):
            plan.complaint.rejection_reason = reason

    def conversation(self, plan: Plan, officer) -> None:
        """Replies, internal notes and messages from the citizen while the case is open."""
        rng = self.rng
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            kind = self.choose({E.REPLY: 35, E.NOTE: 40, E.CITIZEN: 25})
            if kind == E.CITIZEN:
                when = self.citizen_moment(plan.last_at)
                event = ComplaintEvent(
                    kind=kind, note=rng.choice(content.CITIZEN_MESSAGES), is_public=True, by_citizen=True
                )
            else:
                when = self.office_moment(plan.last_at, rng.randint(0, 2))
                texts = content.PUBLIC_REPLIES if kind == E.REPLY else content.INTERNAL_NOTES
                note = rng.choice(texts).format(kel=plan.complaint.kelurahan.name)
                event = ComplaintEvent(kind=kind, note=note, is_public=kind == E.REPLY, actor=officer)
            if when >= self.now:
                return
            event.created_at = when
            plan.events.append(event)

    def rating(self, plan: Plan) -> None:
        complaint, rng = plan.complaint, self.rng
        if rng.random() > 0.55:
            return
        when = self.citizen_moment(complaint.resolved_at)
        if when >= self.now:
            return
        score = self.choose({5: 40, 4: 30, 3: 15, 2: 9, 1: 6})
        comment = rng.choice(content.RATING_COMMENTS[score])
        complaint.rating, complaint.rating_comment, complaint.rated_at = score, comment, when
        plan.events.append(
            ComplaintEvent(kind=E.RATING, note=comment, is_public=True, by_citizen=True, created_at=when)
        )

    # --- storage ----------------------------------------------------------------------------

    def store(self) -> tuple[int, int]:
        """Number the complaints in order of submission and write them with their histories."""
        for plan in self.plans:
            year = timezone.localtime(plan.complaint.created_at).year
            plan.complaint.reference = next_reference(Complaint.REFERENCE_PREFIX, year)
        complaints = Complaint.objects.bulk_create([plan.complaint for plan in self.plans])
        for plan in self.plans:
            complaint = plan.complaint
            complaint.updated_at = plan.last_at  # bulk_create stamped "now"
            if plan.duplicate_of is not None and complaint.status == S.REJECTED:
                complaint.duplicate_of = plan.duplicate_of.complaint
                for event in plan.events:
                    event.note = event.note.replace("{reference}", complaint.duplicate_of.reference)
            elif plan.duplicate_of is not None:
                plan.duplicate_of = None
        Complaint.objects.bulk_update(complaints, ["updated_at", "duplicate_of"], batch_size=100)

        events = []
        for plan in self.plans:
            for event in plan.events:
                event.case = plan.complaint
                events.append(event)
        ComplaintEvent.objects.bulk_create(events, batch_size=500)
        self.log_transitions(events)
        return len(complaints), len(events)

    @staticmethod
    def log_transitions(events: list[ComplaintEvent]) -> None:
        """The admin's history shows what ``Workflow.apply`` logs; write the same, backdated."""
        content_type = ContentType.objects.get_for_model(Complaint)
        CaseLogEntry.objects.bulk_create(
            [
                CaseLogEntry(
                    content_type=content_type,
                    object_id=str(event.case.pk),
                    label=event.case.reference,
                    action=LOG_ACTION,
                    data={"transition": event.transition, "from": event.from_status, "to": event.to_status},
                    timestamp=event.created_at,
                    user=event.actor,
                )
                for event in events
                if event.kind == E.STATUS
            ],
            batch_size=500,
        )


def ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    return min(max(value, low), high).quantize(MICRODEGREE)
