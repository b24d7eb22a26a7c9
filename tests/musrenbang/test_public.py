"""The public page at /musrenbang/: form, list, proposal page, supports, results, catalogue."""

import csv
import io
import json
import re
import time
from decimal import Decimal

import pytest
from django.core import mail
from openpyxl import load_workbook

from smartcity.core.antispam import issue_stamp
from smartcity.musrenbang import services
from smartcity.musrenbang.models import Level, MusrenbangPage, Phase, Proposal

from .factories import ItemFactory, ceiling, kelurahan, make_cycle, move_to, proposal_data


def make_page(home_page):
    page = MusrenbangPage(title="Musrenbang", slug="musrenbang", intro="Usulkan pembangunan.")
    home_page.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def page(home_page):
    return make_page(home_page)


@pytest.fixture
def cycle(db):
    return make_cycle(Phase.INTAKE)


@pytest.fixture
def item(db):
    return ItemFactory(unit_cost=Decimal("350000"))


def form_data(item, kel, **overrides):
    data = {
        "title": "Perbaikan drainase gang Melati",
        "problem": "Air tergenang setiap hujan.",
        "kelurahan": str(kel.pk),
        "rt": "001",
        "rw": "004",
        "address": "Gang Melati",
        "latitude": "",
        "longitude": "",
        "item": str(item.pk),
        "volume": "20",
        "sector": "",
        "other_cost": "",
        "other_cost_justification": "",
        "beneficiaries": "150",
        "expected_agency": "",
        "repeats_reference": "",
        "repeat_reason": "",
        "proposer_kind": "resident",
        "proposer_name": "Siti Aminah",
        "proposer_group": "",
        "contact": "siti@example.com",
        "consent": "on",
        "website": "",
        "form_started": issue_stamp(time.time() - 10),
    }
    data.update(overrides)
    return data


def staff(cycle, user, n=0, **kw):
    return services.submit_proposal(
        cycle=cycle, data=proposal_data(n, item=ItemFactory(), **kw), by_staff=user
    ).proposal


def test_seed_path_and_overview(client, page, cycle):
    response = client.get("/musrenbang/")
    assert response.status_code == 200
    assert cycle.name in response.content.decode()


def test_resident_submits_and_confirms(client, page, cycle, item, kel, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/musrenbang/usul/", form_data(item, kel))
    assert response.status_code == 302, response.content.decode()[:3000]
    proposal = Proposal.objects.get()
    assert proposal.status == Proposal.Status.UNCONFIRMED
    assert proposal.estimated_cost == Decimal("7000000")
    assert client.get(response["Location"]).status_code == 200
    # Not public before confirmation.
    assert client.get(f"/musrenbang/usulan/{proposal.reference}/").status_code == 404
    link = re.search(r"https?://\S+/konfirmasi/\S+/", mail.outbox[0].body)[0]
    path = link.split("testserver")[-1]
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.SUBMITTED
    html = client.get(f"/musrenbang/usulan/{proposal.reference}/").content.decode()
    assert "Siti Aminah" in html and "siti@example.com" not in html


def test_form_keeps_input_and_says_what_is_wrong(client, page, cycle, item, kel):
    response = client.post("/musrenbang/usul/", form_data(item, kel, volume="", title="Judul tetap"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Judul tetap" in html and "error-summary" in html
    assert not Proposal.objects.exists()


def test_pagu_warning_before_submission(client, page, cycle, item, kel, kel_facilitator):
    ceiling(cycle, kel, "40000000")
    staff(cycle, kel_facilitator, volume=Decimal("100"))  # 35,000,000 of this item price
    response = client.post("/musrenbang/usul/", form_data(item, kel))  # + 7,000,000 > 40,000,000
    assert response.status_code == 400
    html = response.content.decode()
    assert "40.000.000" in html and "42.000.000" in html
    response = client.post("/musrenbang/usul/", form_data(item, kel, pagu_acknowledged="on"))
    assert response.status_code == 302


def test_form_closed_outside_intake(client, page, item, kel):
    make_cycle(Phase.KELURAHAN)
    response = client.get("/musrenbang/usul/")
    assert response.status_code == 200 and 'name="title"' not in response.content.decode()


def test_unnamed_proposer_stays_unnamed(client, page, cycle, kel_facilitator):
    proposal = staff(
        cycle, kel_facilitator, stay_unnamed=True, proposer_name="Budi Rahasia", proposer_group="RT 03"
    )
    for url in (
        f"/musrenbang/usulan/{proposal.reference}/",
        "/musrenbang/usulan/",
        "/musrenbang/usulan/unduh/json/",
        "/musrenbang/usulan/unduh/csv/",
        f"/api/v1/musrenbang/proposals/{proposal.reference}/",
        "/api/v1/musrenbang/proposals/",
    ):
        body = client.get(url).content.decode()
        assert "Budi Rahasia" not in body and "RT 03" not in body and "warga0@example.com" not in body, url


def test_similar_proposals_of_the_same_kelurahan(client, page, cycle, kel_facilitator):
    staff(cycle, kel_facilitator, title="Perbaikan drainase Jalan Kenanga")
    staff(cycle, kel_facilitator, 1, title="Pelatihan menjahit ibu rumah tangga")
    response = client.get("/musrenbang/mirip/", {"kelurahan": kelurahan(0).pk, "q": "drainase kenanga rusak"})
    titles = [p["title"] for p in response.json()["proposals"]]
    assert titles == ["Perbaikan drainase Jalan Kenanga"]
    other = client.get("/musrenbang/mirip/", {"kelurahan": kelurahan(5).pk, "q": "drainase kenanga"})
    assert other.json()["proposals"] == []


def test_support_once_per_confirmed_contact(
    client, page, cycle, kel_facilitator, django_capture_on_commit_callbacks
):
    proposal = staff(cycle, kel_facilitator)
    url = f"/musrenbang/usulan/{proposal.reference}/dukung/"
    from django.test import Client

    for browser in (client, Client()):  # the same contact from two browsers
        with django_capture_on_commit_callbacks(execute=True):
            response = browser.post(
                url,
                {
                    "contact": "Tetangga@Example.com",
                    "website": "",
                    "form_started": issue_stamp(time.time() - 10),
                },
            )
        assert response.status_code == 302
    links = [re.search(r"/musrenbang/konfirmasi/\S+/", m.body)[0] for m in mail.outbox]
    assert len(links) == 2
    html = client.get(f"/musrenbang/usulan/{proposal.reference}/").content.decode()
    assert re.search(r'class="supporters">0<', html)
    for link in links:
        client.post(link)
    html = client.get(f"/musrenbang/usulan/{proposal.reference}/").content.decode()
    assert re.search(r'class="supporters">1<', html)


def test_support_is_rate_limited(client, page, cycle, kel_facilitator):
    proposal = staff(cycle, kel_facilitator)
    url = f"/musrenbang/usulan/{proposal.reference}/dukung/"
    statuses = [
        client.post(
            url,
            {"contact": f"w{n}@example.com", "website": "", "form_started": issue_stamp(time.time() - 10)},
        ).status_code
        for n in range(22)
    ]
    assert statuses[:20] == [302] * 20
    assert 429 in statuses[20:]


def _journey(cycle, kel_facilitator, kec_facilitator, bappeda, n=3):
    proposals = [staff(cycle, kel_facilitator, i) for i in range(n)]
    for p in proposals:
        services.act(p, "verify", kel_facilitator)
    move_to(cycle, Phase.KELURAHAN)
    u, m = list(cycle.criteria.all())
    for value, p in enumerate(proposals):
        p.refresh_from_db()
        services.record_scores(p, Level.KELURAHAN, {u.pk: value % 6, m.pk: 3}, kel_facilitator)
    services.close_deliberation(cycle, Level.KELURAHAN, proposals[0].kelurahan_id, kel_facilitator)
    move_to(cycle, Phase.KECAMATAN)
    services.close_deliberation(cycle, Level.KECAMATAN, proposals[0].kecamatan_id, kec_facilitator)
    move_to(cycle, Phase.CITY)
    accepted = Proposal.objects.filter(status=Proposal.Status.AT_CITY).order_by("pk")
    for p in accepted:
        services.act(p, "accept", bappeda, agreed_volume=Decimal("50"), agreed_cost=Decimal("17500000"))
    return proposals


def test_public_page_shows_the_journey_and_the_plan_line(
    client, page, cycle, kel_facilitator, kec_facilitator, bappeda
):
    _journey(cycle, kel_facilitator, kec_facilitator, bappeda)
    accepted = Proposal.objects.filter(status=Proposal.Status.ACCEPTED).first()
    html = client.get(f"/musrenbang/usulan/{accepted.reference}/").content.decode()
    assert "journey__step--passed" in html and "17.500.000" in html and "plan-line" in html
    held = Proposal.objects.get(status=Proposal.Status.KELURAHAN_HELD)
    html = client.get(f"/musrenbang/usulan/{held.reference}/").content.decode()
    assert "journey__step--stopped" in html


def test_list_filters(client, page, cycle, kel_facilitator, bappeda):
    staff(cycle, bappeda, 0, proposer_kind="pokir", title="Aspirasi pokir lampu jalan")
    staff(cycle, kel_facilitator, 1, title="Usulan warga taman bermain")
    html = client.get("/musrenbang/usulan/", {"pokir": "ya"}).content.decode()
    assert "Aspirasi pokir" in html and "taman bermain" not in html
    html = client.get("/musrenbang/usulan/", {"tahap": "intake", "tahun": cycle.year}).content.decode()
    assert "taman bermain" in html
    assert client.get("/musrenbang/usulan/", {"tampilan": "peta"}).status_code == 200


def test_downloads_parse_back_to_the_same_numbers(
    client, page, cycle, kel_facilitator, kec_facilitator, bappeda
):
    _journey(cycle, kel_facilitator, kec_facilitator, bappeda, n=4)
    page_html = client.get("/musrenbang/hasil/").content.decode()
    total = sum(p.estimated_cost for p in Proposal.objects.public())
    accepted = sum(p.agreed_cost for p in Proposal.objects.filter(status="accepted"))
    assert f"{int(total):,}".replace(",", ".") in page_html
    as_json = client.get("/musrenbang/hasil/unduh/json/").json()
    total_row = next(r for r in as_json if r["table"] == "total")
    assert total_row["estimated_cost"] == total and total_row["accepted_cost"] == accepted
    rows = list(csv.DictReader(io.StringIO(client.get("/musrenbang/hasil/unduh/csv/").content.decode())))
    assert Decimal(next(r for r in rows if r["table"] == "total")["estimated_cost"]) == total
    book = load_workbook(io.BytesIO(client.get("/musrenbang/hasil/unduh/xlsx/").content))
    sheet = list(book.active.iter_rows(values_only=True))
    header = sheet[0]
    total_xlsx = next(r for r in sheet[1:] if r[0] == "total")
    assert total_xlsx[header.index("estimated_cost")] == total
    listing = client.get("/musrenbang/usulan/unduh/json/").json()
    assert sum(Decimal(str(r["estimated_cost"])) for r in listing) == total
    listing_csv = list(
        csv.DictReader(io.StringIO(client.get("/musrenbang/usulan/unduh/csv/").content.decode()))
    )
    assert sum(Decimal(r["estimated_cost"]) for r in listing_csv) == total


def test_catalogue_public_and_downloadable(client, page, item):
    html = client.get("/musrenbang/kamus/").content.decode()
    assert item.name in html and "350.000" in html
    rows = list(csv.DictReader(io.StringIO(client.get("/musrenbang/kamus/unduh/csv/").content.decode())))
    assert any(r["code"] == item.code and Decimal(r["unit_cost"]) == item.unit_cost for r in rows)
    book = load_workbook(io.BytesIO(client.get("/musrenbang/kamus/unduh/xlsx/").content))
    assert any(row[0] == item.code for row in book.active.iter_rows(values_only=True))


def test_formula_cells_are_escaped(client, page, cycle, kel_facilitator):
    staff(cycle, kel_facilitator, title='=HYPERLINK("http://x")')
    rows = list(csv.DictReader(io.StringIO(client.get("/musrenbang/usulan/unduh/csv/").content.decode())))
    assert rows[0]["title"].startswith("'=")
    assert json.loads(client.get("/musrenbang/usulan/unduh/json/").content)[0]["title"].startswith("=")


def _many(cycle, user, count, start=0):
    for n in range(start, start + count):
        staff(cycle, user, n, kel=kelurahan(n % 3))


def test_query_counts_stay_constant_as_proposals_grow(
    client, page, cycle, kel_facilitator, django_assert_max_num_queries
):
    from smartcity.musrenbang.models import Facilitator

    for i in (1, 2):
        Facilitator.objects.create(user=kel_facilitator, level="kelurahan", kelurahan=kelurahan(i))
    _many(cycle, kel_facilitator, 3)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    urls = ("/musrenbang/usulan/", "/musrenbang/hasil/", "/musrenbang/usulan/?tampilan=peta")
    for url in urls:  # warm the site's caches (menus, settings)
        client.get(url)
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx)
    _many(cycle, kel_facilitator, 25, start=3)
    for url in urls:
        client.get(url)
    for url, count in counts.items():
        with django_assert_max_num_queries(count):
            assert client.get(url).status_code == 200


def test_cost_and_pagu_while_typing(client, page, cycle, item, kel, kel_facilitator):
    ceiling(cycle, kel, "40000000")
    staff(cycle, kel_facilitator, 0)  # 100 × Rp 350.000 = Rp 35.000.000
    url = "/musrenbang/pagu/"
    within = client.get(url, {"kelurahan": kel.pk, "item": item.pk, "volume": "10"}).json()
    assert within["cost"] == "3500000" and within["total"] == "35000000" and within["pagu"] == "40000000"
    assert within["exceeds"] is False and "3.500.000" in within["message"]
    over = client.get(url, {"kelurahan": kel.pk, "item": item.pk, "volume": "20"}).json()
    assert over["exceeds"] is True and "2.000.000" in over["message"]  # 35 + 7 - 40 million
    other = client.get(url, {"kelurahan": kel.pk, "item": "", "other_cost": "6000000"}).json()
    assert other["cost"] == "6000000" and other["exceeds"] is True
    assert client.get(url, {"kelurahan": kel.pk, "item": item.pk, "volume": "abc"}).json()["message"] == ""
    form = client.get("/musrenbang/usul/").content.decode()
    assert "data-pagu-url" in form and "data-pagu-live" in form
