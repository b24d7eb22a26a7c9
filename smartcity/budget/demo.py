"""Demo data for e-budgeting: a realistic city budget of about 20,000 lines across 40 agencies.

Two fiscal years: last year's revised budget (APBD-P, locked, twelve months of realisation) and
this year's enacted budget (APBD, locked, realisation up to last month), plus an open draft of
this year's revision with ceilings, to show preparation. The classification below is a
plausible extract of Permendagri 90/2019; amounts come from a seeded random generator so every
run gives the same budget. ``BudgetGenerator(size=...)`` builds smaller budgets for tests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from smartcity.core.models import Agency, Kelurahan

from .models import (
    Account,
    Activity,
    AffairField,
    AgencyBudget,
    BudgetLine,
    BudgetPage,
    BudgetVersion,
    FiscalYear,
    GovernmentAffair,
    Program,
    Realisation,
    StandardPrice,
    SubActivity,
)

PAGE_TITLE = "Anggaran Kota (APBD)"
PAGE_SLUG = "anggaran"
PAGE_INTRO = (
    "Ke mana uang Kota Binjai pergi? Lihat pendapatan, belanja dan pembiayaan APBD, rinci sampai "
    "ke setiap sub kegiatan dan rekening, beserta realisasinya setiap bulan."
)
EXPLANATION = (
    "APBD adalah rencana keuangan tahunan Pemerintah Kota Binjai yang disetujui DPRD. Pendapatan "
    "berasal dari pajak dan retribusi daerah serta transfer pemerintah pusat dan provinsi. Belanja "
    "dibagi menjadi belanja operasi (gaji, barang dan jasa), belanja modal (jalan, gedung, "
    "peralatan), belanja tidak terduga (bencana) dan belanja transfer. Selisih pendapatan dan "
    "belanja ditutup dengan pembiayaan."
)

# Agencies that have a budget but no service on the portal yet (core has the others).
EXTRA_AGENCIES = [
    ("Setwan", "Sekretariat DPRD Kota Binjai", "sekretariat"),
    ("Dispora", "Dinas Pemuda dan Olahraga", "dinas"),
    ("Disbudpar", "Dinas Kebudayaan dan Pariwisata", "dinas"),
    ("Distanpan", "Dinas Pertanian dan Ketahanan Pangan", "dinas"),
    ("DP3A", "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", "dinas"),
    ("Disnaker", "Dinas Tenaga Kerja", "dinas"),
    ("Dispusip", "Dinas Perpustakaan dan Kearsipan", "dinas"),
    ("Damkar", "Dinas Pemadam Kebakaran", "dinas"),
    ("Kesbangpol", "Badan Kesatuan Bangsa dan Politik", "badan"),
    ("RSUD", "RSUD dr. R.M. Djoelham", "lainnya"),
    ("DPPKB", "Dinas Pengendalian Penduduk dan Keluarga Berencana", "dinas"),
    ("Diskan", "Dinas Perikanan", "dinas"),
    ("DPMK", "Dinas Pemberdayaan Masyarakat dan Kelurahan", "dinas"),
    ("Bapenda", "Badan Pendapatan Daerah", "badan"),
    ("Disparekraf", "Dinas Ekonomi Kreatif", "dinas"),
    ("Disnakkeswan", "Dinas Peternakan dan Kesehatan Hewan", "dinas"),
    ("Balitbang", "Badan Penelitian dan Pengembangan", "badan"),
]

AFFAIRS = [
    ("1", "Urusan Pemerintahan Wajib yang Berkaitan dengan Pelayanan Dasar"),
    ("2", "Urusan Pemerintahan Wajib yang Tidak Berkaitan dengan Pelayanan Dasar"),
    ("3", "Urusan Pemerintahan Pilihan"),
    ("4", "Unsur Pendukung Urusan Pemerintahan"),
    ("5", "Unsur Penunjang Urusan Pemerintahan"),
]
PROGRAM_NAMES = [
    "Program Penunjang Urusan Pemerintahan Daerah",
    "Program Peningkatan Kualitas Pelayanan",
    "Program Pembangunan dan Pemeliharaan Sarana",
    "Program Pemberdayaan Masyarakat",
    "Program Pengelolaan Data dan Informasi",
]
ACTIVITY_NAMES = [
    "Perencanaan, Penganggaran dan Evaluasi Kinerja",
    "Administrasi Umum Perangkat Daerah",
    "Penyediaan Jasa Penunjang Urusan",
    "Pemeliharaan Barang Milik Daerah",
]
SUB_ACTIVITY_NAMES = [
    "Penyusunan Dokumen Perencanaan",
    "Penyediaan Gaji dan Tunjangan ASN",
    "Penyediaan Bahan Logistik Kantor",
    "Pengadaan Peralatan dan Mesin",
    "Pembangunan dan Rehabilitasi Sarana Lingkungan",
]
# (code, name)
EXPENDITURE_ACCOUNTS = [
    ("5.1.01.01.01.0001", "Belanja Gaji Pokok PNS"),
    ("5.1.01.01.02.0001", "Belanja Tunjangan Keluarga PNS"),
    ("5.1.02.01.01.0024", "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor"),
    ("5.1.02.01.01.0052", "Belanja Makanan dan Minuman Rapat"),
    ("5.1.02.02.01.0026", "Belanja Jasa Tenaga Administrasi"),
    ("5.1.02.03.02.0035", "Belanja Pemeliharaan Alat Angkutan Darat Bermotor"),
    ("5.1.02.04.01.0001", "Belanja Perjalanan Dinas Biasa"),
    ("5.1.05.05.01.0001", "Belanja Hibah kepada Badan dan Lembaga"),
    ("5.1.06.01.01.0001", "Belanja Bantuan Sosial kepada Individu"),
    ("5.2.02.05.01.0005", "Belanja Modal Alat Kantor Lainnya"),
    ("5.2.02.10.01.0002", "Belanja Modal Komputer Unit"),
    ("5.2.03.01.01.0001", "Belanja Modal Bangunan Gedung Kantor"),
    ("5.2.04.01.01.0003", "Belanja Modal Jalan Kota"),
    ("5.2.04.02.01.0001", "Belanja Modal Saluran Drainase"),
    ("5.3.01.01.01.0001", "Belanja Tidak Terduga"),
    ("5.4.02.01.01.0001", "Belanja Bantuan Keuangan kepada Kelurahan"),
]
REVENUE_ACCOUNTS = [
    ("4.1.01.06.01.0001", "Pajak Hotel"),
    ("4.1.01.07.01.0001", "Pajak Restoran"),
    ("4.1.01.16.01.0001", "Pajak Bumi dan Bangunan Perdesaan dan Perkotaan"),
    ("4.1.02.01.01.0001", "Retribusi Pelayanan Kesehatan"),
    ("4.1.02.01.02.0001", "Retribusi Pelayanan Persampahan/Kebersihan"),
    ("4.1.02.02.01.0001", "Retribusi Pemakaian Kekayaan Daerah"),
    ("4.2.01.01.01.0001", "Dana Bagi Hasil Pajak"),
    ("4.2.01.01.02.0001", "Dana Alokasi Umum"),
    ("4.2.01.01.03.0001", "Dana Alokasi Khusus Fisik"),
]
FINANCING_ACCOUNTS = [
    ("6.1.01.01.01.0001", "Sisa Lebih Perhitungan Anggaran Tahun Sebelumnya"),
    ("6.2.02.01.01.0001", "Penyertaan Modal Daerah pada BUMD"),
]
STANDARD_PRICES = [
    ("1.1.12.01.03.0004", "Kertas HVS 70 gram A4", "rim", 52000),
    ("1.1.12.01.03.0010", "Tinta printer", "botol", 110000),
    ("1.1.7.01.01.0001", "Nasi kotak rapat", "kotak", 35000),
    ("1.3.2.10.01.0002", "Komputer PC unit", "unit", 14500000),
    ("1.3.3.01.01.0001", "Rehabilitasi jalan lapen per meter persegi", "m2", 185000),
]


@dataclass(frozen=True)
class BudgetSize:
    agencies: int = 40
    programs: int = 5
    activities: int = 4
    sub_activities: int = 5
    accounts_per_sub: int = 5  # 40 × 5 × 4 × 5 × 5 = 20,000 expenditure lines
    realisation_months: int = 4  # months with spending per line


FULL = BudgetSize()
SMALL = BudgetSize(
    agencies=4, programs=2, activities=2, sub_activities=2, accounts_per_sub=3, realisation_months=2
)


class BudgetGenerator:
    """Builds the classification, two years of budget and their realisation (bulk inserts)."""

    def __init__(self, size: BudgetSize = FULL, year: int | None = None, seed: int = 2026):
        self.size = size
        self.year = year or timezone.localdate().year
        self.random = random.Random(seed)  # noqa: S311 (demo figures, not secrets)

    def run(self) -> dict:
        with transaction.atomic():
            agencies = self.agencies()
            subs = self.classification(agencies)
            accounts = self.accounts()
            self.prices()
            kelurahan = list(Kelurahan.objects.values_list("pk", "kecamatan_id"))
            months_done = (
                max(timezone.localdate().month - 1, 1) if self.year == timezone.localdate().year else 12
            )
            last = self.version(self.year - 1, BudgetVersion.Kind.REVISED, "APBD-P")
            current = self.version(self.year, BudgetVersion.Kind.ORIGINAL, "APBD")
            counts = {"budget lines": 0, "monthly realisation": 0}
            for version, revised, months in ((last, True, 12), (current, False, months_done)):
                lines = self.lines(version, agencies, subs, accounts, kelurahan, revised)
                counts["budget lines"] += len(lines)
                counts["monthly realisation"] += self.realisation(lines, months)
                version.lines.refresh_executed()
            draft = BudgetVersion.objects.create(
                fiscal_year=current.fiscal_year,
                kind=BudgetVersion.Kind.REVISED,
                name=f"Rancangan APBD-P {self.year}",
            )
            AgencyBudget.objects.bulk_create(
                [
                    AgencyBudget(
                        version=draft,
                        agency_id=agency_id,
                        ceiling=Decimal(self.random.randrange(5, 80)) * 10**9,
                    )
                    for agency_id in agencies
                ]
            )
        return counts

    def agencies(self) -> list[int]:
        missing = self.size.agencies - Agency.objects.count()
        for short_name, name, kind in EXTRA_AGENCIES[: max(missing, 0)]:
            Agency.objects.get_or_create(
                short_name=short_name, defaults={"name": name, "slug": short_name.lower(), "kind": kind}
            )
        return list(Agency.objects.order_by("pk").values_list("pk", flat=True)[: self.size.agencies])

    def classification(self, agencies: list[int]) -> dict[int, list[int]]:
        """Sub-activities of each agency (one field of affairs per agency)."""
        affairs = {
            code: GovernmentAffair.objects.get_or_create(code=code, defaults={"name": name})[0]
            for code, name in AFFAIRS
        }
        names = dict(Agency.objects.filter(pk__in=agencies).values_list("pk", "name"))
        subs_of: dict[int, list[int]] = {}
        for index, agency_id in enumerate(agencies):
            affair_code = AFFAIRS[index % len(AFFAIRS)][0]
            field, _ = AffairField.objects.get_or_create(
                code=f"{affair_code}.{index + 1:02d}",
                defaults={"affair": affairs[affair_code], "name": names[agency_id]},
            )
            programs = [
                Program(
                    field=field, code=f"{field.code}.{p + 1:02d}", name=PROGRAM_NAMES[p % len(PROGRAM_NAMES)]
                )
                for p in range(self.size.programs)
            ]
            Program.objects.bulk_create(programs, ignore_conflicts=True)
            programs = list(Program.objects.filter(field=field).order_by("code")[: self.size.programs])
            activities = [
                Activity(
                    program=p, code=f"{p.code}.2.{a + 1:02d}", name=ACTIVITY_NAMES[a % len(ACTIVITY_NAMES)]
                )
                for p in programs
                for a in range(self.size.activities)
            ]
            Activity.objects.bulk_create(activities, ignore_conflicts=True)
            activities = list(Activity.objects.filter(program__in=programs).order_by("code"))
            subs = [
                SubActivity(
                    activity=a,
                    code=f"{a.code}.{s + 1:04d}",
                    name=SUB_ACTIVITY_NAMES[s % len(SUB_ACTIVITY_NAMES)],
                )
                for a in activities
                for s in range(self.size.sub_activities)
            ]
            SubActivity.objects.bulk_create(subs, ignore_conflicts=True)
            subs_of[agency_id] = list(
                SubActivity.objects.filter(activity__in=activities)
                .order_by("code")
                .values_list("pk", flat=True)
            )
        return subs_of

    def accounts(self) -> dict[str, list[dict]]:
        for code, name in EXPENDITURE_ACCOUNTS + REVENUE_ACCOUNTS + FINANCING_ACCOUNTS:
            if not Account.objects.filter(code=code).exists():
                Account.objects.create(code=code, name=name)
        rows = list(Account.objects.values("pk", "code", "category", "expenditure_type"))
        by_category: dict[str, list[dict]] = {}
        for row in rows:
            by_category.setdefault(row["category"], []).append(row)
        return by_category

    def prices(self) -> None:
        for year in (self.year - 1, self.year):
            fiscal_year, _ = FiscalYear.objects.get_or_create(
                year=year, defaults={"explanation": EXPLANATION}
            )
            for code, name, unit, price in STANDARD_PRICES:
                StandardPrice.objects.get_or_create(
                    fiscal_year=fiscal_year, code=code, defaults={"name": name, "unit": unit, "price": price}
                )

    def version(self, year: int, kind: str, label: str) -> BudgetVersion:
        fiscal_year, _ = FiscalYear.objects.get_or_create(year=year, defaults={"explanation": EXPLANATION})
        return BudgetVersion.objects.create(
            fiscal_year=fiscal_year,
            kind=kind,
            name=f"{label} {year}",
            status=BudgetVersion.Status.LOCKED,
            locked_at=timezone.now(),
            legal_basis=f"Perda Kota Binjai tentang {label} Tahun Anggaran {year}",
        )

    def amount(self, low: int, high: int) -> Decimal:
        return Decimal(self.random.randrange(low, high)) * 1000

    def lines(self, version, agencies, subs_of, accounts, kelurahan, revised: bool) -> list[BudgetLine]:
        rnd = self.random
        expenditure = accounts[Account.Category.EXPENDITURE]
        lines = []

        def make(agency_id, account, sub_id=None, place=None, low=5_000, high=900_000):
            approved = self.amount(low, high)
            proposed = approved + self.amount(0, high // 5)
            adjusted = (
                (approved * Decimal(rnd.choice([90, 95, 100, 100, 105, 110])) / 100).quantize(Decimal(1000))
                if revised
                else None
            )
            kel_id, kec_id = place or (None, None)
            lines.append(
                BudgetLine(
                    version=version,
                    agency_id=agency_id,
                    sub_activity_id=sub_id,
                    account_id=account["pk"],
                    category=account["category"],
                    expenditure_type=account["expenditure_type"],
                    kecamatan_id=kec_id,
                    kelurahan_id=kel_id,
                    proposed=proposed,
                    approved=approved,
                    adjusted=adjusted,
                    key=BudgetLine.make_key(agency_id, sub_id, account["pk"], kec_id, kel_id),
                )
            )

        for agency_id in agencies:
            for sub_id in subs_of[agency_id]:
                for account in rnd.sample(expenditure, self.size.accounts_per_sub):
                    capital = account["expenditure_type"] == Account.ExpenditureType.CAPITAL
                    place = rnd.choice(kelurahan) if capital and kelurahan else None
                    make(agency_id, account, sub_id, place, high=3_000_000 if capital else 900_000)
        # Revenue collected by the finance agency, financing closing the gap.
        revenue_agency = agencies[min(3, len(agencies) - 1)]
        expenditure_total = sum(line.approved for line in lines)
        revenue = accounts[Account.Category.REVENUE]
        for account in revenue:
            share = expenditure_total * Decimal("0.95") / len(revenue)
            make(
                revenue_agency,
                account,
                low=int(share / 1000 * Decimal("0.9")),
                high=int(share / 1000 * Decimal("1.1")),
            )
        for account in accounts.get(Account.Category.FINANCING_RECEIPT, []):
            make(
                revenue_agency,
                account,
                low=int(expenditure_total / 1000 / 15),
                high=int(expenditure_total / 1000 / 12),
            )
        for account in accounts.get(Account.Category.FINANCING_EXPENDITURE, []):
            make(revenue_agency, account, low=1_000_000, high=5_000_000)
        return BudgetLine.objects.bulk_create(lines, batch_size=2000)

    def realisation(self, lines: list[BudgetLine], months: int) -> int:
        rows = []
        for line in lines:
            budget = line.adjusted if line.adjusted is not None else line.approved
            share = Decimal(self.random.randrange(40, 100)) / 100
            chosen = sorted(self.random.sample(range(1, 13), min(self.size.realisation_months, 12)))
            chosen = [m for m in chosen if m <= months]
            for month in chosen:
                rows.append(
                    Realisation(
                        line_id=line.pk,
                        month=month,
                        amount=(budget * share / len(chosen)).quantize(Decimal(1)),
                    )
                )
        Realisation.objects.bulk_create(rows, batch_size=5000)
        return len(rows)


def seed_budget(seeder, size: BudgetSize | None = None) -> None:
    """The page at /anggaran/ and, once, the generated city budget (idempotent).

    ``settings.BUDGET_DEMO_SIZE`` ("full" or "small", env ``BUDGET_DEMO_SIZE``) picks the size;
    the test settings use "small" so that seeding stays fast.
    """
    from django.conf import settings

    size = size or (SMALL if getattr(settings, "BUDGET_DEMO_SIZE", "full") == "small" else FULL)
    page = BudgetPage.objects.first()
    seeder.report.count("pages", page is None)
    if page is None:
        page = BudgetPage(
            title=PAGE_TITLE,
            slug=PAGE_SLUG,
            intro=PAGE_INTRO,
            search_description="APBD Kota Binjai: pendapatan, belanja, pembiayaan dan realisasinya.",
            show_in_menus=True,
            live=False,
            owner=seeder.editor,
        )
        seeder.page_at("/").add_child(instance=page)
        seeder.publish(page)
    seeder.link_service_tile("budget", page)
    if BudgetLine.objects.exists():
        seeder.report.present["budget lines"] += BudgetLine.objects.count()
        return
    for kind, count in BudgetGenerator(size).run().items():
        seeder.report.created[kind] += count
    seeder.report.created["budget lines funding musrenbang proposals"] += link_accepted_proposals()


def link_accepted_proposals() -> int:
    """Link each proposal the city forum accepted to a capital line of its agency (this year's)."""
    from smartcity.musrenbang.models import Proposal

    linked = 0
    year = timezone.localdate().year
    for proposal in Proposal.objects.filter(status=Proposal.Status.ACCEPTED, agency__isnull=False):
        lines = BudgetLine.objects.filter(
            version__fiscal_year__year=year,
            version__status=BudgetVersion.Status.LOCKED,
            agency_id=proposal.agency_id,
            category=Account.Category.EXPENDITURE,
        ).order_by("pk")
        line = lines.filter(expenditure_type=Account.ExpenditureType.CAPITAL).first() or lines.first()
        if line is not None:
            line.proposals.add(proposal)
            linked += 1
    return linked
