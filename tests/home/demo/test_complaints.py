"""`seed_demo`'s e-masyarakat part: desk accounts, the service page and ~200 believable complaints."""

import re
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from home.demo.content import DEFAULT_PASSWORD
from home.models import HomePage, MainMenuItem, NavigationSettings
from smartcity.complaints import demo_content
from smartcity.complaints.demo import PAGE_TITLE
from smartcity.complaints.models import Complaint, ComplaintCategory, ComplaintEvent, ComplaintPage
from smartcity.core.access import is_case_supervisor, works_for
from smartcity.core.models import CaseLogEntry, Kelurahan, ReferenceSequence, StaffMember
from smartcity.core.numbering import next_reference
from smartcity.core.personal_data import clean_nik, clean_phone
from smartcity.core.working_days import add_working_days

from . import pytestmark, seed  # noqa: F401 - pytestmark marks this module

S = Complaint.Status
E = ComplaintEvent.Kind
REFERENCE = re.compile(r"ADU-\d{4}-\d{6}")
DESK_USERNAMES = [demo_content.SUPERVISOR.username] + [o.username for o in demo_content.OFFICERS]


@pytest.fixture
def complaints(seeded, db) -> list[Complaint]:
    return list(
        Complaint.objects.select_related("category", "agency", "duplicate_of").prefetch_related(
            "events__actor"
        )
    )


def test_demo_complaints_look_like_a_living_city(complaints):
    assert 180 <= len(complaints) <= 220
    statuses = Counter(c.status for c in complaints)
    assert set(statuses) == set(S.values), statuses
    assert statuses[S.CLOSED] > statuses[S.RECEIVED]  # most of a year's complaints are done
    reasons = {c.rejection_reason for c in complaints if c.status == S.REJECTED}
    assert reasons == set(Complaint.RejectionReason.values)
    assert len({c.category_id for c in complaints}) >= 10
    assert {c.kelurahan_id for c in complaints} == set(Kelurahan.objects.values_list("pk", flat=True))
    assert {c.kind for c in complaints} == set(Complaint.Kind.values)

    now = timezone.now()
    ages = [(now - c.created_at).days for c in complaints]
    assert max(ages) <= 366 and min(ages) <= 3 and max(ages) >= 300
    overdue = Complaint.objects.overdue()
    assert overdue.exists() and overdue.count() < Complaint.objects.open().count()
    assert any(c.rating for c in complaints if c.status in (S.RESOLVED, S.CLOSED))
    assert any(c.rating is None for c in complaints if c.status in (S.RESOLVED, S.CLOSED))

    def share(predicate) -> float:
        return sum(1 for c in complaints if predicate(c)) / len(complaints)

    assert 0.5 <= share(lambda c: c.has_point) <= 0.7
    assert 0.08 <= share(lambda c: c.is_private) <= 0.25
    assert 0.12 <= share(lambda c: c.hide_name) <= 0.3
    for c in complaints:
        if c.has_point:
            assert Decimal("3.56") <= c.latitude <= Decimal("3.65"), c.reference
            assert Decimal("98.45") <= c.longitude <= Decimal("98.53"), c.reference
        # Clearly fake reporters, with contacts the real form would accept.
        assert c.reporter_email.endswith("@example.com") or (not c.reporter_email and c.reporter_phone)
        if c.reporter_phone:
            assert c.reporter_phone.startswith("+62812") and clean_phone(c.reporter_phone) == c.reporter_phone
        if c.reporter_nik:
            assert clean_nik(c.reporter_nik) == c.reporter_nik and c.reporter_nik.startswith("1275")
        assert c.title and c.description and "{" not in c.title + c.description + c.address


def test_reference_numbers_follow_submission_order_and_continue(complaints):
    by_year = defaultdict(list)
    for c in sorted(complaints, key=lambda c: c.created_at):
        year = timezone.localtime(c.created_at).year
        assert c.reference.startswith(f"ADU-{year}-")
        by_year[year].append(int(c.reference.rsplit("-", 1)[1]))
    # Twelve months back from any day but 31 December spans two calendar years.
    assert len(by_year) == 2 or timezone.localdate().strftime("%m-%d") == "12-31"
    for year, numbers in by_year.items():
        assert numbers == list(range(1, len(numbers) + 1)), year
        assert ReferenceSequence.objects.get(prefix="ADU", year=year).last_number == len(numbers)
    # The next real submission continues the sequence.
    this_year = timezone.localdate().year
    with transaction.atomic():
        number = next_reference("ADU", this_year)
    assert number == f"ADU-{this_year}-{len(by_year[this_year]) + 1:06d}"


def test_every_history_is_one_the_workflow_could_have_written(complaints):
    now = timezone.now()
    desk = {u.username: u for u in get_user_model().objects.filter(username__in=DESK_USERNAMES)}
    supervisor_steps = {(S.RECEIVED, S.VERIFIED), (S.VERIFIED, S.ASSIGNED), (S.RECEIVED, S.ASSIGNED)}
    supervisor_steps |= {(S.RESOLVED, S.CLOSED)} | {
        (s, S.REJECTED) for s in (S.RECEIVED, S.VERIFIED, S.ASSIGNED)
    }
    agency_steps = {(S.ASSIGNED, S.IN_PROGRESS), (S.ASSIGNED, S.RESOLVED), (S.IN_PROGRESS, S.RESOLVED)}
    # The case log is shared by every service (bookings too): count the complaints' entries.
    logged = Counter(
        CaseLogEntry.objects.filter(
            action="smartcity.transition", content_type=ContentType.objects.get_for_model(Complaint)
        ).values_list("object_id", flat=True)
    )
    for c in complaints:
        events = list(c.events.all())
        assert [e.created_at for e in events] == sorted(e.created_at for e in events), c.reference
        first = events[0]
        assert (first.kind, first.to_status, first.by_citizen, first.created_at) == (
            E.CREATED,
            S.RECEIVED,
            True,
            c.created_at,
        ), c.reference
        assert all(c.created_at <= e.created_at <= now for e in events), c.reference

        status = S.RECEIVED
        # The desk checks first: no agency until it assigns (to the category's default agency).
        agency_id = None
        checks = []
        responses = []
        for event in events[1:]:
            if event.kind != E.STATUS:
                assert not event.from_status and not event.to_status
                assert event.by_citizen == (event.kind in (E.CITIZEN, E.RATING)), c.reference
                assert event.is_public == (event.kind != E.NOTE), c.reference
                if event.kind in (E.REPLY, E.NOTE):
                    assert works_for(event.actor, agency_id) or is_case_supervisor(event.actor)
                if event.kind == E.REPLY:
                    responses.append(event.created_at)
                continue
            step = (event.from_status, event.to_status)
            assert event.from_status == status, (c.reference, step)
            assert event.actor is not None and event.actor.username in desk, c.reference
            if step in supervisor_steps:
                assert is_case_supervisor(event.actor), (c.reference, step)
                assert event.actor_agency_id is None, c.reference  # shown as the desk
                responses.append(event.created_at)
                if event.to_status in (S.VERIFIED, S.ASSIGNED):
                    checks.append(event.created_at)
                if event.to_status == S.ASSIGNED:
                    agency_id = c.category.default_agency_id
            elif step in agency_steps:
                assert works_for(event.actor, agency_id), (c.reference, step)
                assert event.actor_agency_id == agency_id, c.reference  # shown as the agency
                responses.append(event.created_at)
            else:  # a hand-over to another agency: by the first agency, not shown to the citizen
                assert step == (S.ASSIGNED, S.ASSIGNED), (c.reference, step)
                assert works_for(event.actor, agency_id) and not event.is_public
                agency_id = c.agency_id
            if event.to_status == S.RESOLVED:
                assert c.resolved_at == event.created_at
            if event.to_status == S.CLOSED:
                assert c.closed_at == event.created_at
            status = event.to_status
        assert status == c.status, c.reference
        assert agency_id == c.agency_id, c.reference
        assert c.verified_at == (checks[0] if checks else None), c.reference
        assert logged[str(c.pk)] == sum(1 for e in events if e.kind == E.STATUS), c.reference

        assert c.first_response_due == add_working_days(c.created_at, settings.COMPLAINT_FIRST_RESPONSE_DAYS)
        assert c.resolution_due == add_working_days(c.created_at, c.category.resolution_days)
        assert c.first_responded_at == (min(responses) if responses else None), c.reference
        if c.status not in (S.RESOLVED, S.CLOSED):
            assert c.resolved_at is None and c.rating is None
        if c.status != S.CLOSED:
            assert c.closed_at is None
        ratings = [e for e in events if e.kind == E.RATING]
        assert len(ratings) == (1 if c.rating else 0), c.reference
        if c.rating:
            assert 1 <= c.rating <= 5 and ratings[0].created_at == c.rated_at > c.resolved_at
        if c.status == S.REJECTED:
            assert c.rejection_reason and events[-1].note
            if c.rejection_reason == Complaint.RejectionReason.DUPLICATE:
                assert c.duplicate_of.created_at < c.created_at
                assert c.duplicate_of.reference in events[-1].note
        else:
            assert not c.rejection_reason and c.duplicate_of is None


def test_desk_accounts_page_tile_and_menu(seeded, db, client):
    for username in DESK_USERNAMES:
        assert re.search(rf"^\s+{re.escape(username)}\s.*{DEFAULT_PASSWORD}", seeded, re.MULTILINE), username
    User = get_user_model()
    desk = User.objects.get(username=demo_content.SUPERVISOR.username)
    assert desk.is_staff and is_case_supervisor(desk) and not desk.is_superuser
    for spec in demo_content.OFFICERS:
        officer = User.objects.get(username=spec.username)
        assert officer.is_staff and not is_case_supervisor(officer)
        assert list(officer.groups.values_list("name", flat=True)) == ["Agency officers"]
        membership = StaffMember.objects.get(user=officer)
        assert membership.is_active and membership.role == StaffMember.Role.OFFICER
        assert membership.agency.short_name == spec.agency
    # Every agency that receives complaints has an officer.
    handled = set(ComplaintCategory.objects.values_list("default_agency__short_name", flat=True))
    assert handled <= {spec.agency for spec in demo_content.OFFICERS}

    page = ComplaintPage.objects.get(locale__language_code="id")  # the English one is its translation
    assert page.live and page.url == "/layanan/pengaduan/" and page.title == PAGE_TITLE
    response = client.get("/layanan/pengaduan/")
    assert response.status_code == 200
    assert "Waktu tanggapan" in response.content.decode()  # the body written by the seeder

    home = HomePage.objects.get(locale__language_code="id")
    tile = home.service_tiles.get(icon="complaint")
    assert tile.link_page_id == page.pk
    # Published through a revision, so that editing the home page keeps the link.
    latest = home.get_latest_revision_as_object()
    assert next(t for t in latest.service_tiles.all() if t.icon == "complaint").link_page_id == page.pk
    assert 'href="/layanan/pengaduan/"' in client.get("/").content.decode()
    menu = MainMenuItem.objects.filter(
        navigation=NavigationSettings.objects.get(locale__language_code="id")
    ).order_by("sort_order")
    assert [item.label for item in menu] == ["Beranda", "Berita", "Layanan", "Pengaduan", "Tentang"]


def test_officers_see_only_their_agency_in_the_admin_inbox(seeded, db, client):
    inbox = reverse("complaints_admin:index")
    references = dict(Complaint.objects.values_list("reference", "agency__short_name"))
    for username, agency in [("petugas.pupr", "PUPR"), ("petugas.dlh", "DLH"), ("petugas.dishub", "Dishub")]:
        client.logout()
        assert client.login(username=username, password=DEFAULT_PASSWORD), username
        response = client.get(inbox)
        assert response.status_code == 200, username
        shown = set(REFERENCE.findall(response.content.decode()))
        own = {ref for ref, short_name in references.items() if short_name == agency}
        assert shown and shown <= own, username
        assert len(shown) == min(len(own), 50), username

    client.logout()
    assert client.login(username=demo_content.SUPERVISOR.username, password=DEFAULT_PASSWORD)
    shown = set(REFERENCE.findall(client.get(inbox).content.decode()))
    assert len({references[ref] for ref in shown}) >= 5


def test_second_run_adds_nothing(seeded, db):
    models = [Complaint, ComplaintEvent, CaseLogEntry, ReferenceSequence, StaffMember, get_user_model()]
    before = {model: model.objects.count() for model in models}
    last_revision = Revision.objects.order_by("-pk").values_list("pk", flat=True).first()
    sequences = list(ReferenceSequence.objects.values_list("year", "last_number"))
    output = seed()
    assert {model: model.objects.count() for model in models} == before
    assert Revision.objects.order_by("-pk").values_list("pk", flat=True).first() == last_revision
    assert list(ReferenceSequence.objects.values_list("year", "last_number")) == sequences
    assert f"complaints       {before[Complaint]} already present" in output
    assert " created" not in output.replace("already present", "")
