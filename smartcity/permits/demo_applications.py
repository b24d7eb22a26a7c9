"""A year of demo applications for e-sippadu (see ``demo``), and the demo licensing staff.

Every application is played through ``services`` and the workflow as if at its own time in the
past (``now=`` on each step; the history rows are dated to match afterwards), so the demo obeys
the same rules — the registration numbers, the service-level clock paused while returned, the
separation of duties — and leaves the same history as real use. Nothing is sent meanwhile
(``core.notifications.muted``). The outcomes cover every state: drafts, submitted, returned,
resubmitted, in review, awaiting decision, rejected, withdrawn, issued (valid, expired and
revoked permits), some overdue with the Inspectorate's alert, and answered satisfaction surveys.
Idempotent: nothing is added once applications exist.
"""

from __future__ import annotations

import datetime
import io
import random
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from smartcity.core.models import Agency, StaffMember
from smartcity.core.notifications import muted
from smartcity.core.uploads import CheckedUpload
from smartcity.core.workflow import CITIZEN
from smartcity.core.working_days import WIB, add_working_days

from . import roles, services
from .models import ApplicantKind, PermitApplication, PermitType
from .models.application import SURVEY_ELEMENTS
from .workflow import APPLICATION_WORKFLOW

if TYPE_CHECKING:
    from home.demo.builder import DemoSeeder

S = PermitApplication.Status
APPLICATIONS_PER_TYPE_AND_MONTH = (1, 3)  # a small city: a few per type each month
RECENT_DAYS = 21  # applications this recent are still on their way (RECENT_STOPS)
UNFINISHED_EVERY = 25  # of the older applications, one in this many stays a draft, one is withdrawn
REVOKED_EVERY = 20  # one issued permit in this many is revoked later
STAFF = [
    # username, role (group), first name, last name
    ("loket.dpmptsp", roles.FRONT_OFFICE, "Rina", "Siregar"),
    ("teknis.dpmptsp", roles.TECHNICAL_REVIEWERS, "Andi", "Lubis"),
    ("kadis.dpmptsp", roles.DECISION_MAKERS, "Hendra", "Nasution"),
    ("inspektur", roles.INSPECTORATE, "Maya", "Sembiring"),
]
FIRST_NAMES = [
    "Siti", "Budi", "Dewi", "Ahmad", "Rahmat", "Nur", "Putri", "Agus", "Lestari", "Fajar",
    "Indah", "Rizky", "Wahyu", "Sri", "Taufik", "Yuni", "Hadi", "Ratna", "Dimas", "Melati",
]  # fmt: skip
LAST_NAMES = [
    "Simanjuntak", "Harahap", "Lubis", "Nasution", "Sitepu", "Ginting", "Tarigan", "Pane",
    "Siregar", "Purba", "Saragih", "Hasibuan", "Damanik", "Rangkuti", "Batubara",
]  # fmt: skip
COMPANIES = [
    "CV Binjai Jaya", "PT Rambutan Sejahtera", "CV Sumber Rezeki", "PT Kota Rambutan Media",
    "CV Karya Mandiri", "Koperasi Serba Usaha Maju", "PT Deli Niaga", "CV Tunas Baru",
]  # fmt: skip
STREETS = [
    "Jl. Jenderal Sudirman", "Jl. Teuku Umar", "Jl. Gatot Subroto", "Jl. Samanhudi",
    "Jl. Ahmad Yani", "Jl. Veteran", "Jl. T. Amir Hamzah", "Jl. Perintis Kemerdekaan",
]  # fmt: skip
MISSING = [
    "Scan KTP tidak terbaca; unggah ulang dengan lebih jelas",
    "Gambar teknis belum ditandatangani penanggung jawab",
    "Surat pernyataan belum bermeterai",
    "Foto lokasi tidak menunjukkan titik pemasangan",
    "Surat rekomendasi dari kampus belum dilampirkan",
]
REJECTIONS = [
    "Lokasi berada di kawasan yang tidak diperuntukkan bagi kegiatan ini menurut RTRW Kota Binjai.",
    "Hasil survei lapangan tidak sesuai dengan dokumen yang diajukan.",
    "Persyaratan teknis tidak terpenuhi setelah dua kali perbaikan.",
]
# Where the applications of the last three weeks stand (in turn), so that every step has some.
RECENT_STOPS = ["submitted", "review", "returned", "decision", "resubmitted", "review", None]
REVOCATIONS = [
    "Pemegang izin melanggar ketentuan yang tercantum dalam izin.",
    "Izin dicabut atas permintaan pemegang izin.",
]


def _sample_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(0, 10, "Dokumen contoh (data demo e-sippadu)")
    return bytes(pdf.output())


def _sample_png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (120, 160, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


def seed_staff(seeder: DemoSeeder) -> dict[str, object]:
    """One demo user per licensing role (DPMPTSP staff, the Inspectorate's inspector)."""
    User = get_user_model()
    users = {}
    for username, group, first_name, last_name in STAFF:
        user = User.objects.filter(username=username).first()
        created = user is None
        if created:
            user = User(
                username=username,
                first_name=first_name,
                last_name=last_name,
                email=f"{username}@binjaikota.go.id",
                is_staff=True,
            )
            user.set_password(seeder.password)
            user.save()
        user.groups.add(Group.objects.get(name=group))
        agency = Agency.objects.filter(
            short_name="Inspektorat" if group == roles.INSPECTORATE else "DPMPTSP"
        ).first()
        if agency is not None:
            StaffMember.objects.get_or_create(
                agency=agency, user=user, defaults={"name": f"{first_name} {last_name}"}
            )
        seeder.report.count("users", created)
        seeder.report.users.append((username, group, "created" if created else "already present"))
        users[group] = user
    return users


def seed_applications(seeder: DemoSeeder) -> None:
    """The demo staff and a year of applications (nothing when applications exist)."""
    staff = seed_staff(seeder)
    if PermitApplication.objects.exists():
        seeder.report.present["permit applications"] += PermitApplication.objects.count()
        return
    with muted():
        count = ApplicationGenerator(staff).run()
    seeder.report.created["permit applications"] += count


class ApplicationGenerator:
    """Plays each demo application's story at its own time in the past."""

    def __init__(self, staff: dict, seed: int = 10):
        self.random = random.Random(seed)  # noqa: S311 - demo data, not security
        self.front_office = staff[roles.FRONT_OFFICE]
        self.reviewer = staff[roles.TECHNICAL_REVIEWERS]
        self.head = staff[roles.DECISION_MAKERS]
        self.now = timezone.now()
        self.pdf, self.png = _sample_pdf(), _sample_png()
        self.count = 0
        self.serial = 0
        self.recent = 0
        self.older = 0
        self.issued = 0

    def run(self) -> int:
        active = PermitType.objects.filter(is_active=True).order_by("pk")
        types = list(active.prefetch_related("requirements"))
        start = self.now - datetime.timedelta(days=365)
        day = start
        plan = []
        while day < self.now:
            for permit_type in types:
                low, high = APPLICATIONS_PER_TYPE_AND_MONTH
                for _ in range(self.random.randint(low, high)):
                    when = self._office_hours(day + datetime.timedelta(days=self.random.uniform(0, 30)))
                    # Moved into office hours, today's may fall later than now: only the past.
                    if when < self.now - datetime.timedelta(hours=2):
                        plan.append((when, permit_type))
            day += datetime.timedelta(days=30)
        plan += self._enough_recent(plan, types)
        plan.sort(key=lambda item: item[0])  # registration numbers follow the dates
        for when, permit_type in plan:
            with transaction.atomic():
                self.play(permit_type, when, self._planned_stop(when))
            self.count += 1
        services.alert_overdue(self.now)
        return self.count

    def _enough_recent(self, plan: list, types: list[PermitType]) -> list:
        """Extra recent applications when the random plan has too few to stop one at every step
        of RECENT_STOPS (the demo shows every state, whatever the day it is seeded)."""
        recent = sum(1 for when, _type in plan if self._is_recent(when))
        extra = []
        for i in range(len(RECENT_STOPS) - recent):
            days_ago = RECENT_DAYS - 2 - i * (RECENT_DAYS - 4) / len(RECENT_STOPS)
            when = self._office_hours(self.now - datetime.timedelta(days=days_ago))
            extra.append((when, types[i % len(types)]))
        return extra

    def _is_recent(self, when: datetime.datetime) -> bool:
        """Made in the last RECENT_DAYS: still on its way, at one of RECENT_STOPS."""
        return self.now - when < datetime.timedelta(days=RECENT_DAYS)

    def _planned_stop(self, when: datetime.datetime) -> str | None:
        """The step a recent application stops at: each of RECENT_STOPS in turn (None goes on
        to the end, as older applications do)."""
        if not self._is_recent(when):
            return None
        self.recent += 1
        return RECENT_STOPS[self.recent % len(RECENT_STOPS)]

    # --- one application ---------------------------------------------------------------------

    def _office_hours(self, moment: datetime.datetime) -> datetime.datetime:
        local = moment.astimezone(WIB)
        while local.weekday() >= 5:
            local += datetime.timedelta(days=1)
        return local.replace(hour=self.random.randint(8, 14), minute=self.random.randint(0, 59), second=0)

    def _later(self, moment: datetime.datetime, working_days: float) -> datetime.datetime:
        """``working_days`` later (whole days on the calendar, a fraction as office hours)."""
        whole = int(working_days)
        result = add_working_days(moment, whole) if whole else moment
        local = result.astimezone(WIB)
        if whole:  # add_working_days gives the end of the day: back into office hours
            local = local.replace(hour=8, minute=0) + datetime.timedelta(minutes=self.random.randint(0, 420))
        else:
            local += datetime.timedelta(minutes=self.random.randint(20, 240))
        return local

    def _next(self, previous: datetime.datetime, working_days: float, *, reach: bool) -> datetime.datetime:
        """The next step's time; with ``reach`` it falls before now, so an application still on
        its way stops at its planned step whatever day of the week the seed runs on."""
        moment = self._later(previous, working_days)
        if reach and moment >= self.now:
            moment = previous + (self.now - previous) / 2
        return moment

    def _applicant(self, permit_type: PermitType) -> dict:
        self.serial += 1
        rng = self.random
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        kind = ApplicantKind.PERSON
        if permit_type.accepts(ApplicantKind.COMPANY) and (
            not permit_type.accepts(ApplicantKind.PERSON) or rng.random() < 0.4
        ):
            kind = ApplicantKind.COMPANY
        data = {
            "applicant_kind": kind,
            "applicant_name": name,
            # 1275 = Kota Binjai; a made-up birth date and serial.
            "nik": f"1275{rng.randint(1, 5):02d}{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}"
            f"{rng.randint(60, 99):02d}{self.serial % 10000:04d}",
            "email": f"pemohon{self.serial}@example.com" if rng.random() < 0.9 else "",
            "phone": f"08126{rng.randint(1000000, 9999999)}",
            "address": f"{rng.choice(STREETS)} No. {rng.randint(1, 250)}, Binjai",
        }
        if kind == ApplicantKind.COMPANY:
            data.update(
                company_name=rng.choice(COMPANIES),
                nib=f"{rng.randint(10**12, 10**13 - 1)}",
                npwp=f"{rng.randint(10**14, 10**15 - 1)}",
            )
        return data

    def _answers(self, permit_type: PermitType, when: datetime.datetime) -> dict:
        answers = {}
        for definition in permit_type.field_definitions():
            kind = definition.get("kind", "text")
            if kind == "number":
                value = str(self.random.choice([24, 36, 45, 60, 72, 90, 120, 150]))
            elif kind == "date":
                value = (when + datetime.timedelta(days=self.random.randint(14, 40))).date().isoformat()
            elif kind == "choice":
                choices = [c.strip() for c in (definition.get("choices") or "").splitlines() if c.strip()]
                value = self.random.choice(choices) if choices else ""
            elif kind == "long_text":
                value = "Uraian kegiatan untuk data demo."
            else:
                value = f"{self.random.choice(STREETS)} No. {self.random.randint(1, 250)}, Binjai"
            answers[definition["name"]] = value
        return answers

    def _documents(self, permit_type: PermitType) -> dict[int, CheckedUpload]:
        documents = {}
        for requirement in permit_type.requirements.all():
            if not requirement.mandatory and self.random.random() < 0.5:
                continue
            if requirement.file_kinds == "image":
                documents[requirement.pk] = CheckedUpload("foto.png", "image/png", self.png)
            else:
                documents[requirement.pk] = CheckedUpload("dokumen.pdf", "application/pdf", self.pdf)
        return documents

    def _step(self, application, moment, action) -> bool:
        """Run ``action`` at ``moment`` (if that is already past) and date its history rows."""
        if moment >= self.now:
            return False
        marker = timezone.now()
        action(moment)
        application.events.filter(created_at__gte=marker).update(created_at=moment)
        return True

    def play(self, permit_type: PermitType, when: datetime.datetime, stop: str | None = None) -> None:
        """Play one application from ``when``; with ``stop`` it ends at that step, whatever
        the random draws (only the stories that go on take random turns)."""
        rng = self.random
        source = PermitApplication.Source.COUNTER if rng.random() < 0.2 else PermitApplication.Source.WEB
        result = services.start_draft(
            permit_type,
            self._applicant(permit_type),
            answers=self._answers(permit_type, when),
            source=source,
            actor=self.front_office if source == PermitApplication.Source.COUNTER else None,
            now=when,
        )
        application = result.application
        services.attach_documents(application, self._documents(permit_type), by_citizen=True)
        # The last weeks' applications are still on their way (see _planned_stop).
        if not self._is_recent(when):
            self.older += 1
            if self.older % UNFINISHED_EVERY == 0:
                return  # a draft never finished
            if self.older % UNFINISHED_EVERY == 1:
                APPLICATION_WORKFLOW.apply(application, "withdraw", CITIZEN)
                return
        submitted_at = when + datetime.timedelta(minutes=rng.randint(5, 90))
        if not self._step(application, submitted_at, lambda t: services.submit(application, CITIZEN, now=t)):
            return
        if stop == "submitted":
            return
        level = permit_type.service_level_days
        reach = stop is not None
        moment = self._next(submitted_at, rng.choice([0, 0, 1]), reach=reach)
        if stop in ("returned", "resubmitted") or rng.random() < 0.25:  # incomplete: returned
            missing = "\n".join(rng.sample(MISSING, rng.randint(1, 2)))
            if not self._step(
                application,
                moment,
                lambda t: services.return_to_applicant(application, self.front_office, missing, now=t),
            ):
                return
            if stop == "returned" or (stop is None and rng.random() < 0.12):
                return  # the applicant has not come back (yet): stays returned
            moment = self._next(moment, rng.randint(1, 6), reach=reach)
            if not self._step(application, moment, lambda t: services.resubmit(application, CITIZEN, now=t)):
                return
            if stop == "resubmitted":
                return
            moment = self._next(moment, rng.choice([0, 1]), reach=reach)
        if not self._step(
            application,
            moment,
            lambda t: APPLICATION_WORKFLOW.apply(application, "verify", self.front_office, now=t),
        ):
            return
        if stop == "review":
            return
        # Most finish within the service level; some run late (and are alerted as overdue).
        late = rng.random() < 0.15
        review_days = max(level // 2, 0) + (level if late else 0)
        moment = self._next(moment, rng.randint(0, max(review_days, 1)), reach=reach)
        if permit_type.risk_level == "high" and self._step(
            application,
            moment,
            lambda t: services.record_survey_report(
                application,
                self.reviewer,
                "Survei lapangan dilakukan; kondisi lokasi sesuai dokumen.",
                [CheckedUpload("foto-survei.png", "image/png", self.png)],
            ),
        ):
            application.survey_at = moment
            PermitApplication.objects.filter(pk=application.pk).update(survey_at=moment)
        if not self._step(
            application,
            moment,
            lambda t: APPLICATION_WORKFLOW.apply(
                application, "recommend", self.reviewer, note="Layak", now=t
            ),
        ):
            return
        if stop == "decision":
            return
        moment = self._later(moment, rng.choice([0, 0, 1]) + (level // 2 if late else 0))
        if rng.random() < 0.1:
            reason = rng.choice(REJECTIONS)
            if not self._step(
                application, moment, lambda t: services.reject(application, self.head, reason, now=t)
            ):
                return
        else:
            if not self._step(application, moment, lambda t: services.approve(application, self.head, now=t)):
                return
            self.issued += 1
            if self.issued % REVOKED_EVERY == 0:
                revoked_at = moment + datetime.timedelta(days=rng.randint(20, 120))
                if revoked_at >= self.now:
                    revoked_at = moment + (self.now - moment) / 2
                permit = application.permit
                self._step(
                    application,
                    revoked_at,
                    lambda t: services.revoke_permit(permit, self.head, rng.choice(REVOCATIONS), now=t),
                )
        if rng.random() < 0.45:
            answered = min(moment + datetime.timedelta(days=1), self.now - datetime.timedelta(minutes=1))
            scores = {name: rng.choice([2, 3, 3, 4, 4]) for name, _label in SURVEY_ELEMENTS}
            application.refresh_from_db()
            self._step(application, answered, lambda t: self._survey(application, scores, t))

    @staticmethod
    def _survey(application, scores, moment) -> None:
        survey = services.record_satisfaction(application, scores)
        type(survey).objects.filter(pk=survey.pk).update(created_at=moment)
