"""The officer's decisions and the objection path, through the admin and the tracking page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from smartcity.core.workflow import CITIZEN
from smartcity.transparency import services
from smartcity.transparency.models import InformationRequest, Objection
from smartcity.transparency.workflow import REQUEST_WORKFLOW
from tests.factories import AgencyFactory
from tests.transparency.factories import SUPERIORS, make_ppid_page, staff, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(db):
    return AgencyFactory(name="Dinas A")


@pytest.fixture
def officer(agency):
    return staff("ppid-a", agency)


def handle(client, request, **data):
    return client.post(reverse("ppid_request:handle", args=[request.pk]), data)


@pytest.mark.parametrize(
    ("decision", "extra", "field"),
    [
        ("granted", {}, None),
        ("partly_granted", {"withheld": "Nama penerima bantuan dihitamkan (Pasal 17h)."}, "withheld"),
        ("refused", {"exemption_ground": "17a"}, "exemption_ground"),
        ("not_held", {}, None),
    ],
)
def test_every_decision_through_the_admin(client, agency, officer, decision, extra, field):
    request = submit(agency).request
    client.force_login(officer)
    if field:  # without what the decision needs, nothing changes
        handle(client, request, action="answer", decision=decision, note="Jawaban.")
        request.refresh_from_db()
        assert request.status == "received"
    handle(client, request, action="answer", decision=decision, note="Jawaban resmi.", **extra)
    request.refresh_from_db()
    assert request.status == decision and request.decision == decision
    assert request.answer == "Jawaban resmi." and request.answered_at
    assert request.answer_working_days is not None
    if field:
        assert getattr(request, field) == extra[field]
    event = request.events.get(kind="status")
    assert (event.from_status, event.to_status, event.actor, event.actor_agency) == (
        "received",
        decision,
        officer,
        agency,
    )


def test_forwarding_hands_the_request_to_the_other_agency(client, agency, officer):
    holder = AgencyFactory(name="Dinas Pemegang")
    holder_officer = staff("ppid-pemegang", holder)
    request = submit(agency).request
    client.force_login(officer)
    handle(client, request, action="forward", to_agency=holder.pk, note="Dikuasai Dinas Pemegang.")
    request.refresh_from_db()
    assert request.agency == holder and request.forwarded_from == agency
    # The first agency no longer handles it; the holder does.
    assert not REQUEST_WORKFLOW.can(request, officer, "grant")
    assert REQUEST_WORKFLOW.can(request, holder_officer, "grant")
    client.get(reverse("ppid_request:index"))  # shows (and uses up) the success message
    listing = client.get(reverse("ppid_request:index")).content.decode()
    assert request.reference not in listing


def test_officers_of_another_agency_cannot_act(client, agency):
    request = submit(agency).request
    stranger = staff("ppid-b", AgencyFactory(name="Dinas B"))
    client.force_login(stranger)
    response = handle(client, request, action="answer", decision="granted", note="Diambil alih")
    assert response.status_code == 404
    assert (
        reverse("ppid_request:index")
        and request.reference not in client.get(reverse("ppid_request:index")).content.decode()
    )
    request.refresh_from_db()
    assert request.status == "received"


def test_objection_after_a_refusal_answered_by_the_superior_then_a_dispute(
    client, home_page, agency, officer, django_capture_on_commit_callbacks
):
    from django.core import mail

    page = make_ppid_page(home_page)
    result = submit(agency)
    request = result.request
    services.answer(request, officer, "refused", "Ditolak.", exemption_ground="17h")
    client.post(f"{page.url}lacak/", {"nomor": request.reference, "kode": result.token})
    tracking = f"{page.url}lacak/{request.reference}/"
    assert "keberatan/" in client.get(tracking).content.decode()
    response = client.post(
        f"{tracking}keberatan/", {"ground": "a", "case_position": "Data bukan rahasia pribadi."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    objection = Objection.objects.get()
    assert request.status == "objected" and objection.ground == "a"
    assert objection.reference.startswith("KEB-")
    # The officer is not the superior: only the superior officer answers.
    assert not REQUEST_WORKFLOW.can(request, officer, "answer_objection")
    superior = staff("atasan-a", agency, group=SUPERIORS)
    client_superior = client.__class__()
    client_superior.force_login(superior)
    register = client_superior.get(reverse("ppid_objection:index")).content.decode()
    assert objection.reference in register
    with django_capture_on_commit_callbacks(execute=True):
        client_superior.post(
            reverse("ppid_objection:answer", args=[objection.pk]),
            {
                "outcome": "rejected",
                "response": "Pengecualian dipertahankan.",
                "superior_position": "Sekretaris",
            },
        )
    objection.refresh_from_db()
    request.refresh_from_db()
    assert request.status == "objection_answered" and objection.outcome == "rejected"
    assert objection.superior_position == "Sekretaris" and objection.answered_by == superior
    assert any("Information Commission" in m.body or "Komisi Informasi" in m.body for m in mail.outbox)
    html = client.get(tracking).content.decode()
    assert "Pengecualian dipertahankan." in html and "sengketa/" in html
    today = timezone.localdate()
    client.post(f"{tracking}sengketa/", {"filed_on": today.isoformat(), "reference": "KI-SU/2027/001"})
    request.refresh_from_db()
    objection.refresh_from_db()
    assert request.status == "disputed" and objection.dispute_filed_on == today
    statuses = list(request.events.filter(kind="status").values_list("to_status", "by_citizen"))
    assert statuses == [
        ("refused", False),
        ("objected", True),
        ("objection_answered", False),
        ("disputed", True),
    ]


def test_objection_upheld(agency, officer):
    request = submit(agency).request
    services.answer(request, officer, "partly_granted", "Sebagian.", withheld="Lampiran B (17h).")
    services.file_objection(request, "d", "Lampiran B bukan data pribadi.")
    superior = staff("atasan-a", agency, group=SUPERIORS)
    objection = services.answer_objection(request, superior, "upheld", "Lampiran B wajib diberikan.")
    assert objection.outcome == "upheld" and objection.commission_deadline() > objection.answered_at


def test_objection_is_refused_after_thirty_working_days(agency, officer):
    request = submit(agency).request
    services.answer(request, officer, "refused", "Ditolak.", exemption_ground="17a")
    InformationRequest.objects.filter(pk=request.pk).update(
        answered_at=timezone.now() - datetime.timedelta(days=60)
    )
    request.refresh_from_db()
    assert not REQUEST_WORKFLOW.can(request, CITIZEN, "object")


def test_objection_after_a_missed_deadline_but_not_before(agency):
    request = submit(agency).request
    assert not REQUEST_WORKFLOW.can(request, CITIZEN, "object")
    past = timezone.now() - datetime.timedelta(days=20)
    InformationRequest.objects.filter(pk=request.pk).update(
        created_at=past, due_at=past + datetime.timedelta(days=14)
    )
    request.refresh_from_db()
    assert request.is_overdue()
    services.file_objection(request, "c", "Tidak ada tanggapan.")
    assert InformationRequest.objects.get(pk=request.pk).status == "objected"


def test_no_dispute_record_before_the_superior_answers(agency, officer):
    request = submit(agency).request
    services.answer(request, officer, "not_held", "Tidak dikuasai.")
    services.file_objection(request, "e", "Saya yakin dinas memilikinya.")
    assert not REQUEST_WORKFLOW.can(request, CITIZEN, "record_dispute")


def test_no_generic_edit_screen_rewrites_an_answer_or_an_objection_without_history(client, agency, officer):
    """Requests and objections change only through the workflow's screens: the index links to
    the inspect screen, and the edit URLs are refused even to a superuser."""
    from tests.factories import UserFactory

    request = submit(agency).request
    services.answer(request, officer, "refused", "Ditolak.", exemption_ground="17h")
    objection = services.file_objection(request, "a", "Bukan rahasia pribadi.")
    superior = staff("atasan-a", agency, SUPERIORS)
    root = UserFactory(username="akar", is_superuser=True, is_staff=True)
    for user in (officer, superior, root):
        client.force_login(user)
        listing = client.get(reverse("ppid_request:index")).content.decode()
        assert reverse("ppid_request:inspect", args=[request.pk]) in listing
        assert reverse("ppid_request:edit", args=[request.pk]) not in listing
        edit = client.post(reverse("ppid_request:edit", args=[request.pk]), {"answer": "Diubah diam-diam."})
        assert edit.status_code in (302, 403)
        edit = client.post(reverse("ppid_objection:edit", args=[objection.pk]), {"response": "Diubah."})
        assert edit.status_code in (302, 403)
    request.refresh_from_db()
    objection.refresh_from_db()
    assert request.answer == "Ditolak." and objection.response == ""


def test_exports_make_requesters_text_inert_in_spreadsheets(client, agency, officer):
    """The request list and the objection register carry what requesters typed: a formula in it
    must not run in the spreadsheet of the officer who opens the export."""
    import csv
    import io

    request = submit(agency, information_wanted="=IMPORTXML(A1)", purpose="+cmd|calc").request
    services.answer(request, officer, "refused", "Ditolak.", exemption_ground="17h")
    objection = services.file_objection(request, "a", "-1+1 bukan rahasia")

    def exported(user, name):
        client.force_login(user)
        response = client.get(reverse(name), {"export": "csv"})
        return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))

    row = next(r for r in exported(officer, "ppid_request:index") if request.reference in r)
    assert "'=IMPORTXML(A1)" in row and "'+cmd|calc" in row
    superior = staff("atasan-a", agency, SUPERIORS)
    register = exported(superior, "ppid_objection:index")
    # The register's request columns (they used to make the export fail), with their headings.
    assert register[0][2:5] == ["Permohonan", "Nama", "Alamat"]
    row = next(r for r in register if objection.reference in r)
    assert row[2] == request.reference
    assert dict(zip(register[0], row, strict=True))["Informasi yang diminta"] == "'=IMPORTXML(A1)"
    assert "'-1+1 bukan rahasia" in row
    xlsx = client.get(reverse("ppid_objection:index"), {"export": "xlsx"})
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]
