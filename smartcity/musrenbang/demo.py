"""Demo data for e-musrenbang (``manage.py seed_demo``): the page, the catalogue, two cycles.

* ``/musrenbang/``, the public page;
* a catalogue (kamus usulan) of 60 standard activities over the six sectors, each with the
  agency responsible for it;
* last year's cycle, finished: proposals from every kelurahan verified, scored, ranked and
  forwarded within the quotas, then accepted into agencies' plans, deferred or rejected;
* this year's cycle, in intake: proposals submitted, verified, returned or rejected, some of
  them repeating an unfunded proposal of last year with the reason;
* three demo accounts: a Bappeda planner and the kelurahan and kecamatan facilitators (the
  latter two facilitate every region, so one login shows the whole process).

Everything goes through ``services`` and the workflow, so the demo leaves the same history and
obeys the same quotas as real use; phases are opened in turn by moving the cycle's dates.
Idempotent: nothing is added twice.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from smartcity.core.models import Agency, Kecamatan, Kelurahan

from . import services
from .access import BAPPEDA_GROUP, KECAMATAN_GROUP, KELURAHAN_GROUP
from .models import (
    ActivityItem,
    Facilitator,
    KecamatanCeiling,
    KelurahanCeiling,
    Level,
    MusrenbangPage,
    Phase,
    PlanningCycle,
    Proposal,
    ScoringCriterion,
    Sector,
)
from .models.cycle import PHASE_ORDER, today_in_binjai

if TYPE_CHECKING:
    from home.demo.builder import DemoSeeder

PAGE_TITLE = "Musrenbang"
PAGE_SLUG = "musrenbang"
PAGE_INTRO = (
    "Usulkan pembangunan untuk lingkungan Anda, dukung usulan tetangga, dan ikuti perjalanan setiap "
    "usulan dari musyawarah kelurahan dan kecamatan hingga masuk Rencana Kerja Pemerintah Daerah."
)
ENGLISH_PAGE = {
    "slug": "musrenbang",
    "title": "Development planning (Musrenbang)",
    "intro": (
        "Propose development for your neighbourhood, support your neighbours' proposals and follow each "
        "proposal from the kelurahan and kecamatan deliberations to the city's work plan."
    ),
    "search_description": "Residents' development proposals of the City of Binjai (Musrenbang).",
    "body": [],
}

# (sector slug, agency short name, unit, unit cost, name, levels "lkc": kelurahan, kecamatan, city)
CATALOGUE: list[tuple[str, str, str, int, str, str]] = [
    ("infrastruktur", "PUPR", "m²", 350_000, "Rabat beton jalan lingkungan", "lk"),
    ("infrastruktur", "PUPR", "m", 1_250_000, "Drainase U-ditch 40 cm", "lk"),
    ("infrastruktur", "PUPR", "m", 1_750_000, "Drainase U-ditch 60 cm", "kc"),
    ("infrastruktur", "PUPR", "m²", 425_000, "Pengaspalan jalan lingkungan", "lkc"),
    ("infrastruktur", "PUPR", "m", 900_000, "Turap/talud saluran", "lk"),
    ("infrastruktur", "PUPR", "unit", 45_000_000, "Jembatan gantung pejalan kaki", "kc"),
    ("infrastruktur", "PUPR", "m", 650_000, "Normalisasi parit", "lk"),
    ("infrastruktur", "PUPR", "unit", 3_500_000, "Gorong-gorong plat beton", "lk"),
    ("infrastruktur", "Dishub", "titik", 8_500_000, "Lampu penerangan jalan umum", "lkc"),
    ("infrastruktur", "Dishub", "unit", 4_000_000, "Rambu lalu lintas", "kc"),
    ("infrastruktur", "Dishub", "unit", 2_500_000, "Polisi tidur (speed bump)", "lk"),
    ("infrastruktur", "Perkim", "unit", 20_000_000, "Bedah rumah tidak layak huni", "lk"),
    ("infrastruktur", "Perkim", "unit", 15_000_000, "Sumur bor air bersih", "lk"),
    ("infrastruktur", "Perkim", "unit", 35_000_000, "MCK umum", "lk"),
    ("infrastruktur", "DLH", "unit", 6_500_000, "Tempat sampah terpilah", "lk"),
    ("infrastruktur", "DLH", "unit", 60_000_000, "Bank sampah", "kc"),
    ("infrastruktur", "DLH", "batang", 75_000, "Penanaman pohon peneduh", "lkc"),
    ("infrastruktur", "Perkim", "m²", 550_000, "Taman bermain anak", "lk"),
    ("infrastruktur", "Perkim", "unit", 12_000_000, "Biopori dan sumur resapan", "lk"),
    ("infrastruktur", "BPBD", "paket", 25_000_000, "Peralatan siaga banjir", "kc"),
    ("ekonomi", "Disperindag", "orang", 1_500_000, "Pelatihan UMKM pemasaran digital", "lkc"),
    ("ekonomi", "Disperindag", "orang", 1_750_000, "Pelatihan menjahit", "lk"),
    ("ekonomi", "Disperindag", "orang", 1_600_000, "Pelatihan tata boga", "lk"),
    ("ekonomi", "Disperindag", "paket", 7_500_000, "Bantuan peralatan usaha mikro", "lk"),
    ("ekonomi", "Disperindag", "unit", 150_000_000, "Revitalisasi pasar tradisional", "c"),
    ("ekonomi", "Disperindag", "kegiatan", 25_000_000, "Bazar produk UMKM", "kc"),
    ("ekonomi", "DPMPTSP", "orang", 500_000, "Pendampingan perizinan usaha (NIB)", "lkc"),
    ("ekonomi", "Disperindag", "kelompok", 20_000_000, "Pengembangan koperasi kelurahan", "k"),
    ("ekonomi", "Disperindag", "paket", 12_000_000, "Bibit dan sarana urban farming", "lk"),
    ("ekonomi", "Disperindag", "orang", 2_000_000, "Pelatihan bengkel sepeda motor", "kc"),
    ("sosial-budaya", "Dinsos", "paket", 1_200_000, "Bantuan alat bantu disabilitas", "lk"),
    ("sosial-budaya", "Dinsos", "orang", 750_000, "Pelatihan kader sosial", "kc"),
    ("sosial-budaya", "Dinsos", "kegiatan", 15_000_000, "Kegiatan lansia tangguh", "lk"),
    ("sosial-budaya", "Setda", "kegiatan", 30_000_000, "Festival seni budaya kelurahan", "kc"),
    ("sosial-budaya", "Setda", "paket", 10_000_000, "Peralatan olahraga karang taruna", "lk"),
    ("sosial-budaya", "Setda", "unit", 40_000_000, "Rehabilitasi balai warga", "lk"),
    ("sosial-budaya", "Dinsos", "kegiatan", 8_000_000, "Pencegahan kekerasan terhadap anak", "lkc"),
    ("sosial-budaya", "Setda", "kegiatan", 12_000_000, "Pembinaan remaja masjid dan gereja", "lk"),
    ("sosial-budaya", "Diskominfo", "titik", 9_000_000, "Wi-Fi publik balai warga", "lk"),
    ("sosial-budaya", "Dinsos", "paket", 5_000_000, "Bantuan korban bencana", "kc"),
    ("kesehatan", "Dinkes", "paket", 6_000_000, "Peralatan posyandu", "lk"),
    ("kesehatan", "Dinkes", "orang", 600_000, "Pelatihan kader posyandu", "lk"),
    ("kesehatan", "Dinkes", "kegiatan", 18_000_000, "Pemberian makanan tambahan balita", "lk"),
    ("kesehatan", "Dinkes", "kegiatan", 7_500_000, "Fogging dan pemberantasan sarang nyamuk", "lk"),
    ("kesehatan", "Dinkes", "unit", 75_000_000, "Rehabilitasi puskesmas pembantu", "kc"),
    ("kesehatan", "Dinkes", "kegiatan", 10_000_000, "Pemeriksaan kesehatan lansia", "lk"),
    ("kesehatan", "Dinkes", "kegiatan", 12_000_000, "Pencegahan stunting", "lkc"),
    ("kesehatan", "Dinkes", "unit", 250_000_000, "Ambulans kecamatan", "c"),
    ("kesehatan", "DLH", "unit", 30_000_000, "Jamban sehat komunal", "lk"),
    ("kesehatan", "Dinkes", "kegiatan", 5_000_000, "Penyuluhan kesehatan reproduksi remaja", "lk"),
    ("pendidikan", "Disdik", "unit", 95_000_000, "Rehabilitasi ruang kelas SD", "kc"),
    ("pendidikan", "Disdik", "paket", 15_000_000, "Alat permainan edukatif PAUD", "lk"),
    ("pendidikan", "Disdik", "paket", 20_000_000, "Buku taman baca masyarakat", "lk"),
    ("pendidikan", "Disdik", "orang", 800_000, "Pelatihan guru PAUD", "kc"),
    ("pendidikan", "Disdik", "unit", 65_000_000, "Pembangunan toilet sekolah", "kc"),
    ("pendidikan", "Diskominfo", "orang", 400_000, "Pelatihan literasi digital", "lkc"),
    ("pemerintahan", "Satpol PP", "unit", 25_000_000, "Pos siskamling", "lk"),
    ("pemerintahan", "Satpol PP", "titik", 7_000_000, "Kamera CCTV lingkungan", "lk"),
    ("pemerintahan", "Setda", "unit", 120_000_000, "Rehabilitasi kantor kelurahan", "c"),
    (
        "pemerintahan",
        "Disdukcapil",
        "kegiatan",
        9_000_000,
        "Layanan jemput bola administrasi kependudukan",
        "kc",
    ),
]

CRITERIA = [
    ("Urgensi", "Seberapa mendesak masalahnya", Decimal("3")),
    ("Jumlah penerima manfaat", "Berapa banyak warga yang merasakan", Decimal("2.5")),
    ("Efektivitas biaya", "Manfaat dibanding biaya", Decimal("2")),
    ("Kesesuaian prioritas kota", "Sejalan dengan RPJMD dan tema RKPD", Decimal("2.5")),
]

PROBLEMS = {
    "infrastruktur": "Saat hujan air menggenang dan jalan rusak, warga dan anak sekolah sulit lewat.",
    "ekonomi": "Banyak warga, terutama ibu rumah tangga dan pemuda, belum memiliki keterampilan usaha.",
    "sosial-budaya": "Warga kekurangan tempat dan kegiatan bersama; kelompok rentan belum terjangkau.",
    "kesehatan": "Angka balita gizi kurang dan kasus demam berdarah di lingkungan ini masih tinggi.",
    "pendidikan": "Sarana belajar anak kurang dan sebagian rusak.",
    "pemerintahan": "Keamanan lingkungan dan pelayanan kelurahan perlu ditingkatkan.",
}
STREETS = ["Mawar", "Melati", "Kenanga", "Anggrek", "Dahlia", "Teratai", "Cempaka", "Flamboyan", "Seroja"]
NAMES = ["Siti Aminah", "Budi Santoso", "Rina Siregar", "Ahmad Nasution", "Dewi Lubis", "Hendra Ginting"]
DEMO_USERS = [
    ("musrenbang.bappeda", "Perencana", "Bappeda", BAPPEDA_GROUP),
    ("musrenbang.kelurahan", "Fasilitator", "Kelurahan", KELURAHAN_GROUP),
    ("musrenbang.kecamatan", "Fasilitator", "Kecamatan", KECAMATAN_GROUP),
]


def seed_musrenbang(seeder: DemoSeeder) -> None:
    """The page (linked from the home page's tile), the catalogue, the demo accounts and two
    cycles of proposals (idempotent)."""
    seeder.link_service_tile("planning", seed_page(seeder))
    created = seed_catalogue()
    seeder.report.created["standard activities"] += created
    seeder.report.present["standard activities"] += ActivityItem.objects.count() - created
    users = seed_users(seeder)
    if PlanningCycle.objects.exists():
        seeder.report.present["musrenbang proposals"] += Proposal.objects.count()
        return
    seeder.report.created["musrenbang proposals"] += ProposalGenerator(users).run()


def seed_page(seeder: DemoSeeder) -> MusrenbangPage:
    existing = MusrenbangPage.objects.first()
    seeder.report.count("pages", existing is None)
    if existing is not None:
        return existing
    page = MusrenbangPage(
        title=PAGE_TITLE,
        slug=PAGE_SLUG,
        intro=PAGE_INTRO,
        search_description="Usulan pembangunan warga Kota Binjai (Musrenbang).",
        show_in_menus=True,
        live=False,
        owner=seeder.editor,
    )
    seeder.home.add_child(instance=page)
    seeder.publish(page)
    return page


def seed_catalogue() -> int:
    sectors = {sector.slug: sector for sector in Sector.objects.all()}
    agencies = {agency.short_name: agency for agency in Agency.objects.all()}
    created = 0
    for number, (sector, agency, unit, cost, name, levels) in enumerate(CATALOGUE, start=1):
        _item, was_created = ActivityItem.objects.get_or_create(
            code=f"KU-{number:03d}",
            defaults={
                "name": name,
                "sector": sectors[sector],
                "agency": agencies[agency],
                "unit": unit,
                "unit_cost": Decimal(cost),
                "allowed_kelurahan": "l" in levels,
                "allowed_kecamatan": "k" in levels,
                "allowed_city": "c" in levels,
            },
        )
        created += was_created
    return created


def seed_users(seeder: DemoSeeder) -> dict:
    User = get_user_model()
    users = {}
    for username, first, last, group in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create(
                username=username,
                first_name=first,
                last_name=last,
                email=f"{username}@binjaikota.go.id",
                password=make_password(seeder.password),
            )
            note = "created"
        else:
            note = "already present"
        seeder.report.count("users", note == "created")
        user.groups.add(Group.objects.get(name=group))
        seeder.report.users.append((username, group, note))
        users[group] = user
    for kelurahan in Kelurahan.objects.all():
        Facilitator.objects.get_or_create(
            user=users[KELURAHAN_GROUP], level=Level.KELURAHAN, kelurahan=kelurahan
        )
    for kecamatan in Kecamatan.objects.all():
        Facilitator.objects.get_or_create(
            user=users[KECAMATAN_GROUP], level=Level.KECAMATAN, kecamatan=kecamatan
        )
    return users


def cycle_dates(intake_start: datetime.date) -> dict:
    lengths = {Phase.INTAKE: 40, Phase.KELURAHAN: 20, Phase.KECAMATAN: 15, Phase.CITY: 15, Phase.FINAL: 60}
    dates, start = {}, intake_start
    for phase in PHASE_ORDER:
        dates[f"{phase}_starts_on"] = start
        dates[f"{phase}_ends_on"] = start + datetime.timedelta(days=lengths[phase] - 1)
        start += datetime.timedelta(days=lengths[phase])
    return dates


def open_today(cycle: PlanningCycle, phase: str) -> None:
    """Move the cycle's dates so ``phase`` is open today (the demo plays a past cycle)."""
    today = today_in_binjai()
    dates = cycle_dates(today)
    offset = today - dates[f"{phase}_starts_on"]
    PlanningCycle.objects.filter(pk=cycle.pk).update(**{k: v + offset for k, v in dates.items()})
    cycle.refresh_from_db()


class ProposalGenerator:
    """Proposals for every kelurahan in two cycles, each taken as far as its story goes."""

    def __init__(self, users: dict, seed: int = 11):
        self.random = random.Random(seed)  # noqa: S311 - demo data, not security
        self.bappeda = users[BAPPEDA_GROUP]
        self.kel_user = users[KELURAHAN_GROUP]
        self.kec_user = users[KECAMATAN_GROUP]
        self.kelurahan = list(Kelurahan.objects.select_related("kecamatan").order_by("code"))
        self.items = list(
            ActivityItem.objects.filter(allowed_kelurahan=True).select_related("sector", "agency")
        )
        self.count = 0

    def make_cycle(self, year: int) -> PlanningCycle:
        today = today_in_binjai()
        cycle = PlanningCycle.objects.create(
            year=year,
            name=f"Musrenbang RKPD {year + 1}",
            plan_year=year + 1,
            kelurahan_quota=3,
            kecamatan_quota=8,
            **cycle_dates(today),
        )
        for order, (name, description, weight) in enumerate(CRITERIA):
            ScoringCriterion.objects.create(
                cycle=cycle, name=name, description=description, weight=weight, sort_order=order
            )
        for kelurahan in self.kelurahan:
            KelurahanCeiling.objects.create(
                cycle=cycle,
                kelurahan=kelurahan,
                amount=Decimal(self.random.choice([300, 400, 500])) * 1_000_000,
            )
        for kecamatan in Kecamatan.objects.all():
            KecamatanCeiling.objects.create(cycle=cycle, kecamatan=kecamatan, amount=Decimal(2_000_000_000))
        return cycle

    def run(self) -> int:
        this_year = today_in_binjai().year
        earlier = self.make_cycle(this_year - 1)
        self.play_earlier(earlier)
        current = self.make_cycle(this_year)
        self.play_current(current, earlier)
        # Last year's cycle ended a year ago; this year's is in intake (opened 10 days ago).
        PlanningCycle.objects.filter(pk=earlier.pk).update(
            **cycle_dates(today_in_binjai() - datetime.timedelta(days=375))
        )
        PlanningCycle.objects.filter(pk=current.pk).update(
            **cycle_dates(today_in_binjai() - datetime.timedelta(days=10))
        )
        return self.count

    def submit(self, cycle: PlanningCycle, kelurahan: Kelurahan, repeats: Proposal | None = None) -> Proposal:
        item = repeats.item if repeats and repeats.item_id else self.random.choice(self.items)
        street = self.random.choice(STREETS)
        volume = Decimal(self.random.choice([5, 10, 20, 40, 60, 100, 150]))
        if item.unit_cost >= 20_000_000:
            volume = Decimal(self.random.choice([1, 1, 2]))
        kind = self.random.choices(
            ["resident", "rt_rw", "group", "kelurahan", "pokir"], weights=[5, 4, 3, 2, 1]
        )[0]
        point = {}
        if kelurahan.latitude is not None and self.random.random() < 0.7:
            point = {
                "latitude": (kelurahan.latitude + Decimal(self.random.uniform(-0.004, 0.004))).quantize(
                    Decimal("0.000001")
                ),
                "longitude": (kelurahan.longitude + Decimal(self.random.uniform(-0.004, 0.004))).quantize(
                    Decimal("0.000001")
                ),
            }
        data = {
            "title": f"{item.name} Gang {street}" if not repeats else repeats.title,
            "problem": PROBLEMS[item.sector.slug],
            "item": item,
            "volume": volume,
            "kelurahan": kelurahan,
            "rt": f"{self.random.randint(1, 12):03d}",
            "rw": f"{self.random.randint(1, 6):03d}",
            "address": f"Gang {street}",
            "beneficiaries": self.random.choice([25, 40, 60, 80, 120, 200, 350, 500]),
            "proposer_kind": kind,
            "proposer_name": self.random.choice(NAMES),
            "proposer_group": {
                "rt_rw": "Ketua RT",
                "group": "Kelompok Wanita Tani",
                "pokir": "Anggota DPRD Dapil 1",
            }.get(kind, ""),
            "stay_unnamed": self.random.random() < 0.2,
            "repeats": repeats,
            "repeat_reason": "Belum terlaksana tahun lalu dan kondisinya makin parah." if repeats else "",
            **point,
        }
        self.count += 1
        # DPRD members' aspirations (pokir) reach the plan through Bappeda.
        by = self.bappeda if kind == "pokir" else self.kel_user
        return services.submit_proposal(cycle=cycle, data=data, by_staff=by).proposal

    def score(self, cycle, proposal, level, user) -> None:
        values = {c.pk: self.random.randint(1, c.max_score) for c in cycle.criteria.all()}
        services.record_scores(proposal, level, values, user)

    def play_earlier(self, cycle: PlanningCycle) -> None:
        open_today(cycle, Phase.INTAKE)
        proposals = []
        for kelurahan in self.kelurahan:
            for _ in range(self.random.randint(4, 6)):
                proposal = self.submit(cycle, kelurahan)
                if self.random.random() < 0.12:
                    services.act(proposal, "reject", self.kel_user, note="Bukan kewenangan pemerintah kota.")
                else:
                    services.act(proposal, "verify", self.kel_user)
                    proposals.append(proposal)
        open_today(cycle, Phase.KELURAHAN)
        for proposal in proposals:
            proposal.refresh_from_db()
            self.score(cycle, proposal, Level.KELURAHAN, self.kel_user)
        for kelurahan in self.kelurahan:
            services.close_deliberation(
                cycle, Level.KELURAHAN, kelurahan.pk, self.kel_user, note="Musrenbang kelurahan."
            )
        open_today(cycle, Phase.KECAMATAN)
        kecamatan_ids = {k.kecamatan_id for k in self.kelurahan}
        for proposal in Proposal.objects.filter(cycle=cycle, status=Proposal.Status.AT_KECAMATAN):
            self.score(cycle, proposal, Level.KECAMATAN, self.kec_user)
        for kecamatan_id in sorted(kecamatan_ids):
            services.close_deliberation(
                cycle, Level.KECAMATAN, kecamatan_id, self.kec_user, note="Musrenbang kecamatan."
            )
        open_today(cycle, Phase.CITY)
        for proposal in Proposal.objects.filter(cycle=cycle, status=Proposal.Status.AT_CITY).select_related(
            "item", "cycle"
        ):
            roll = self.random.random()
            if roll < 0.65:
                volume = proposal.volume
                services.act(
                    proposal,
                    "accept",
                    self.bappeda,
                    note="Disepakati di forum perangkat daerah.",
                    agreed_volume=volume,
                    agreed_cost=proposal.estimated_cost,
                )
            elif roll < 0.85:
                services.act(proposal, "defer", self.bappeda, note="Ditunda karena keterbatasan anggaran.")
            else:
                services.act(
                    proposal, "decline", self.bappeda, note="Sudah tercakup program perangkat daerah."
                )

    def play_current(self, cycle: PlanningCycle, earlier: PlanningCycle) -> None:
        open_today(cycle, Phase.INTAKE)
        unfunded = list(
            Proposal.objects.filter(cycle=earlier, status__in=Proposal.UNFUNDED_STATES).select_related(
                "item", "kelurahan"
            )
        )
        carried = {p.kelurahan_id: p for p in self.random.sample(unfunded, min(len(unfunded), 25))}
        for kelurahan in self.kelurahan:
            for n in range(self.random.randint(3, 5)):
                repeats = carried.get(kelurahan.pk) if n == 0 else None
                proposal = self.submit(cycle, kelurahan, repeats=repeats)
                roll = self.random.random()
                if roll < 0.45:
                    continue  # waiting for the kelurahan's check
                if roll < 0.55:
                    services.act(
                        proposal, "return", self.kel_user, note="Mohon lengkapi foto dan ukuran lokasi."
                    )
                elif roll < 0.62:
                    services.act(proposal, "reject", self.kel_user, note="Lokasi di luar wilayah kelurahan.")
                else:
                    services.act(proposal, "verify", self.kel_user)
