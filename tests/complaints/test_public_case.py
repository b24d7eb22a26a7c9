"""The public page of one complaint (/layanan/pengaduan/daftar/<reference>/) and following it."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from smartcity.complaints.models import Complaint, ComplaintEvent, ComplaintQuerySet
from smartcity.complaints.notifications import notify_status_change
from smartcity.core import followers, sms
from smartcity.core.models import CaseFollower
from tests.complaints.factories import PublicComplaintFactory, make_complaint_page

BASE = "/layanan/pengaduan/"


@pytest.fixture
def complaint_page(home_page):
    return make_complaint_page(home_page)


@pytest.fixture
def complaint(complaint_page):
    complaint = PublicComplaintFactory(
        title="Drainase tersumbat di Jl. Kenanga",
        reporter_name="Budi Santosowijoyo",
        reporter_email="budi.rahasia@example.com",
        reporter_phone="+6281299998888",
        reporter_nik="3171011708450001",
        address="Jl. Melati Rahasia No. 7",
        latitude=Decimal("3.601234"),
        longitude=Decimal("98.481234"),
        status=Complaint.Status.IN_PROGRESS,
        first_responded_at=timezone.now(),
    )
    complaint.events.create(
        kind=ComplaintEvent.Kind.CREATED, to_status="received", is_public=True, by_citizen=True
    )
    complaint.events.create(
        kind=ComplaintEvent.Kind.STATUS,
        from_status="received",
        to_status="verified",
        note="Laporan lengkap.",
        is_public=True,
    )
    complaint.events.create(
        kind=ComplaintEvent.Kind.REPLY, note="Petugas akan datang hari Kamis.", is_public=True
    )
    complaint.events.create(kind=ComplaintEvent.Kind.NOTE, note="Catatan internal rahasia.", is_public=False)
    complaint.events.create(
        kind=ComplaintEvent.Kind.CITIZEN,
        note="Rumah saya nomor 7, hubungi 0812999.",
        is_public=True,
        by_citizen=True,
    )
    return complaint


@pytest.fixture(autouse=True)
def _mail_after_commit(django_capture_on_commit_callbacks, monkeypatch):
    """E-mail leaves once the transaction commits; tests run inside one, so actions that send
    go through ``_sent``, which runs the commit callbacks they registered."""

    def sent(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    monkeypatch.setitem(globals(), "_sent", sent)


def _sent(action, *args, **kwargs):  # replaced for each test by _mail_after_commit
    raise AssertionError("the _mail_after_commit fixture is missing")


def _url(complaint):
    return f"{BASE}daftar/{complaint.reference}/"


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_public_page_shows_the_case_without_personal_data(english_complaint_page, client, complaint):
    response = client.get("/en" + _url(complaint))
    assert response.status_code == 200
    html = response.content.decode()
    text = _text(html)
    assert complaint.reference in text and complaint.title in text
    assert "In progress" in text  # status
    assert complaint.category.name in text and complaint.kelurahan.name in text
    assert complaint.agency.name in text
    assert "Resolution due" in text
    assert "Petugas akan datang hari Kamis." in text  # public reply
    assert "Laporan lengkap." in text  # public status note
    assert "Catatan internal rahasia." not in text  # internal note
    assert "Rumah saya nomor 7" not in text  # the reporter's messages are between them and staff
    for secret in ("budi.rahasia", "6281299998888", "3171011708450001", "Melati Rahasia", "Santosowijoyo"):
        assert secret not in html
    assert "3.601234" not in html and "3.601" in html  # the point, rounded


@pytest.mark.parametrize(
    "overrides",
    [
        {"is_private": True},
        {"status": Complaint.Status.REJECTED, "rejection_reason": Complaint.RejectionReason.SPAM},
    ],
    ids=["private", "spam"],
)
def test_private_and_spam_complaints_are_not_found(client, complaint_page, overrides):
    hidden = PublicComplaintFactory(**overrides)
    assert client.get(_url(hidden)).status_code == 404
    assert client.get(f"{BASE}daftar/ADU-2099-999999/").status_code == 404


def test_the_page_follows_the_named_public_queryset(client, complaint, monkeypatch):
    """Whatever "public" comes to mean (verified first, ...), the page asks public()."""
    monkeypatch.setattr(ComplaintQuerySet, "public", lambda self: self.none())
    assert client.get(_url(complaint)).status_code == 404


def test_the_list_and_map_link_to_the_public_page(client, complaint):
    html = client.get(f"{BASE}daftar/").content.decode()
    assert f'href="{_url(complaint)}"' in html
    html = client.get(f"{BASE}daftar/", {"tampilan": "peta"}).content.decode()
    assert f'"url": "{_url(complaint)}"' in html


# --- Following ----------------------------------------------------------------------------------


def _follow_data(**overrides):
    import time

    from smartcity.core.antispam import issue_stamp

    data = {
        "contact": "tetangga@example.com",
        "website": "",
        "form_started": issue_stamp(time.time() - 10),
    }
    data.update(overrides)
    return data


def _confirm_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/\S+/ikuti/konfirmasi/\S+/)", message.body).group(1)


def test_following_by_e_mail_end_to_end(english_complaint_page, client, complaint):
    response = _sent(client.post, _url(complaint) + "ikuti/", _follow_data())
    assert response.status_code == 302 and response["Location"] == _url(complaint)
    assert [m.to for m in mail.outbox] == [["tetangga@example.com"]]
    assert complaint.reference in mail.outbox[0].subject
    assert CaseFollower.objects.get().confirmed_at is None

    # A GET (a mail scanner following the link) confirms nothing; the button does.
    confirm = _confirm_path(mail.outbox[0])
    shown = client.get(confirm)
    assert shown.status_code == 200
    assert CaseFollower.objects.get().confirmed_at is None
    response = client.post(confirm)
    assert response.status_code == 302
    assert CaseFollower.objects.get().confirmed_at is not None

    html = client.get("/en" + _url(complaint)).content.decode()
    assert "1 person is following this complaint" in _text(html)
    list_html = client.get("/en" + f"{BASE}daftar/").content.decode()
    row = re.search(rf"<tr>\s*<td[^>]*><a href=\"/en{_url(complaint)}\".*?</tr>", list_html, re.S).group(0)
    assert "1" in _text(row).split(complaint.title)[1]

    # The follower hears about the next public status change, with an unfollow link.
    mail.outbox.clear()
    event = complaint.events.create(
        kind=ComplaintEvent.Kind.STATUS,
        from_status="in_progress",
        to_status="resolved",
        note="Saluran sudah dibersihkan.",
        is_public=True,
    )
    _sent(notify_status_change, complaint, event)
    to_follower = [m for m in mail.outbox if m.to == ["tetangga@example.com"]]
    assert len(to_follower) == 1
    body = to_follower[0].body
    assert "Saluran sudah dibersihkan." in body and complaint.reference in body
    assert "budi.rahasia" not in body
    unfollow = re.search(r"https?://[^/\s]+(/\S+/ikuti/berhenti/\S+/)", body).group(1)
    assert client.get(unfollow).status_code == 200
    assert client.post(unfollow).status_code == 302
    assert not CaseFollower.objects.exists()


def _sms_code(message) -> str:
    return re.match(r"([0-9A-Z]{6}) ", message.body).group(1)


def test_following_by_phone_end_to_end(english_complaint_page, client, complaint):
    response = _sent(client.post, _url(complaint) + "ikuti/", _follow_data(contact="0812-7777 6666"))
    assert response.status_code == 302 and response["Location"] == _url(complaint) + "#kode-ikuti"
    assert not mail.outbox
    [text] = sms.outbox
    assert text.to == "+6281277776666" and complaint.reference in text.body
    follower = CaseFollower.objects.get()
    assert follower.channel == "sms" and follower.confirmed_at is None
    code = _sms_code(text)
    assert code not in follower.code_digest and len(follower.code_digest) == 64

    # The complaint's page asks this browser for the code, naming the phone only masked.
    page = _text(client.get("/en" + _url(complaint)).content.decode())
    assert "Enter the code we sent by SMS to +6281•••" in page and "77776666" not in page
    # Typing is forgiving: lower case and spaces.
    response = client.post(_url(complaint) + "ikuti/kode/", {"code": f" {code[:3].lower()} {code[3:]}"})
    assert response.status_code == 302
    follower.refresh_from_db()
    assert follower.confirmed_at is not None and not follower.code_digest
    page = _text(client.get("/en" + _url(complaint)).content.decode())
    assert "1 person is following this complaint" in page and "Enter the code" not in page

    # Status updates arrive by SMS, short, with a link to stop them.
    sms.outbox.clear()
    event = complaint.events.create(
        kind=ComplaintEvent.Kind.STATUS, from_status="in_progress", to_status="resolved", is_public=True
    )
    _sent(notify_status_change, complaint, event)
    to_follower = [t for t in sms.outbox if t.to == "+6281277776666"]
    assert len(to_follower) == 1
    assert complaint.reference in to_follower[0].body and len(to_follower[0].body) <= 320
    assert "budi.rahasia" not in to_follower[0].body
    assert not [m for m in mail.outbox if "+6281277776666" in m.to]
    unfollow = re.search(r"https?://[^/\s]+(/\S+/ikuti/berhenti/\S+/)", to_follower[0].body).group(1)
    assert client.post(unfollow).status_code == 302
    assert not CaseFollower.objects.exists()


def test_a_wrong_phone_code_is_refused_and_attempts_are_limited(english_complaint_page, client, complaint):
    _sent(client.post, _url(complaint) + "ikuti/", _follow_data(contact="081277776666"))
    code = _sms_code(sms.outbox[0])
    wrong = "ZZZZZZ" if code != "ZZZZZZ" else "YYYYYY"
    response = client.post("/en" + _url(complaint) + "ikuti/kode/", {"code": wrong})
    assert response.status_code == 400
    page = _text(response.content.decode())
    assert "This code is not right" in page and wrong in response.content.decode()
    assert CaseFollower.objects.get().confirmed_at is None
    for _ in range(followers.CODE_MAX_ATTEMPTS - 1):
        client.post(_url(complaint) + "ikuti/kode/", {"code": wrong})
    # Used up: even the right code no longer works; asking again sends a new one.
    response = client.post(_url(complaint) + "ikuti/kode/", {"code": code})
    assert response.status_code == 302
    assert CaseFollower.objects.get().confirmed_at is None
    _sent(client.post, _url(complaint) + "ikuti/", _follow_data(contact="081277776666"))
    new_code = _sms_code(sms.outbox[-1])
    assert client.post(_url(complaint) + "ikuti/kode/", {"code": new_code}).status_code == 302
    assert CaseFollower.objects.get().confirmed_at is not None


def test_an_expired_phone_code_is_refused(english_complaint_page, client, complaint):
    _sent(client.post, _url(complaint) + "ikuti/", _follow_data(contact="081277776666"))
    code = _sms_code(sms.outbox[0])
    CaseFollower.objects.update(
        code_sent_at=timezone.now() - followers.CODE_MAX_AGE - datetime.timedelta(minutes=1)
    )
    response = client.post("/en" + _url(complaint) + "ikuti/kode/", {"code": code}, follow=True)
    assert "This code has expired" in _text(response.content.decode())
    assert CaseFollower.objects.get().confirmed_at is None


def test_a_code_works_only_in_the_browser_that_asked(client, complaint):
    _sent(client.post, _url(complaint) + "ikuti/", _follow_data(contact="081277776666"))
    code = _sms_code(sms.outbox[0])
    from django.test import Client

    other = Client()
    assert other.post(_url(complaint) + "ikuti/kode/", {"code": code}).status_code == 302
    assert CaseFollower.objects.get().confirmed_at is None


def test_one_follower_per_phone_and_a_landline_is_refused(english_complaint_page, client, complaint):
    _sent(client.post, _url(complaint) + "ikuti/", _follow_data(contact="081277776666"))
    _sent(client.post, _url(complaint) + "ikuti/", _follow_data(contact="+62 812-7777-6666"))
    assert CaseFollower.objects.count() == 1 and len(sms.outbox) == 2
    response = client.post("/en" + _url(complaint) + "ikuti/", _follow_data(contact="061 4567890"))
    assert response.status_code == 400
    assert "This is not a mobile number" in _text(response.content.decode())
    assert 'value="061 4567890"' in response.content.decode()


def test_phones_are_refused_without_an_sms_gateway(english_complaint_page, client, complaint, settings):
    settings.SMS_BACKEND = "smartcity.core.sms.DisabledBackend"
    response = client.post("/en" + _url(complaint) + "ikuti/", _follow_data(contact="081277776666"))
    assert response.status_code == 400 and not CaseFollower.objects.exists()
    assert "Your e-mail address" in _text(response.content.decode())


def test_following_is_rate_limited_per_phone(complaint):
    from django.test import Client

    # Other browsers (one browser sending the same again only gets its first answer back).
    statuses = [
        _sent(Client().post, _url(complaint) + "ikuti/", _follow_data(contact="081277776666")).status_code
        for _ in range(7)
    ]
    assert statuses[0] == 302 and statuses[-1] == 429
    assert len(sms.outbox) == 5


def test_a_follow_form_is_stored_once(client, complaint):
    data = _follow_data(contact="081277776666")
    first = _sent(client.post, _url(complaint) + "ikuti/", data)
    again = _sent(client.post, _url(complaint) + "ikuti/", data)
    assert first.status_code == again.status_code == 302
    assert len(sms.outbox) == 1


def test_followers_hear_no_internal_notes_and_nothing_of_private_cases(client, complaint):
    CaseFollower.objects.create(case=complaint, contact="t@example.com", confirmed_at=timezone.now())
    internal = complaint.events.create(
        kind=ComplaintEvent.Kind.STATUS, to_status="resolved", note="Catatan antarpetugas", is_public=False
    )
    _sent(notify_status_change, complaint, internal)
    # The status itself is public (the public page shows it); a note between staff is not.
    [to_follower] = [m for m in mail.outbox if m.to == ["t@example.com"]]
    assert "Catatan antarpetugas" not in to_follower.body
    mail.outbox.clear()
    Complaint.objects.filter(pk=complaint.pk).update(is_private=True)
    complaint.refresh_from_db()
    public = complaint.events.create(kind=ComplaintEvent.Kind.STATUS, to_status="resolved", is_public=True)
    _sent(notify_status_change, complaint, public)
    assert not [m for m in mail.outbox if m.to == ["t@example.com"]]


def test_a_bad_address_keeps_what_was_typed_and_says_why(english_complaint_page, client, complaint):
    response = client.post("/en" + _url(complaint) + "ikuti/", _follow_data(contact="tetangga@"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="tetangga@"' in html and "valid email address" in html
    assert not CaseFollower.objects.exists() and not mail.outbox


def test_the_honeypot_and_fill_time_apply(client, complaint, settings):
    assert client.post(_url(complaint) + "ikuti/", _follow_data(website="http://spam")).status_code == 400
    assert client.post(_url(complaint) + "ikuti/", _follow_data(form_started="")).status_code == 400
    assert not CaseFollower.objects.exists()


def test_following_is_rate_limited(client, complaint):
    statuses = [
        client.post(_url(complaint) + "ikuti/", _follow_data(contact=f"t{i}@example.com")).status_code
        for i in range(12)
    ]
    assert statuses[0] == 302 and statuses[-1] == 429
    assert CaseFollower.objects.count() < 12


def test_private_complaints_cannot_be_followed(client, complaint_page):
    private = PublicComplaintFactory(is_private=True)
    assert client.post(_url(private) + "ikuti/", _follow_data()).status_code == 404
    assert not CaseFollower.objects.exists()


# --- Open public complaints nearby, for the form ---------------------------------------------------


def _nearby(client, **params):
    response = client.get(f"{BASE}sekitar/", params)
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    return response.json()["complaints"]


def test_nearby_open_public_complaints_of_the_category(client, complaint):
    category, point = complaint.category, {"lat": "3.6015", "lng": "98.4815"}
    far = PublicComplaintFactory(
        category=category, latitude=Decimal("3.700000"), longitude=Decimal("98.600000")
    )
    PublicComplaintFactory(
        category=category, latitude=Decimal("3.601300"), longitude=Decimal("98.481300"), is_private=True
    )
    PublicComplaintFactory(
        category=category,
        latitude=Decimal("3.601300"),
        longitude=Decimal("98.481300"),
        status=Complaint.Status.RESOLVED,
        resolved_at=timezone.now(),
    )
    other_category = type(category).objects.exclude(pk=category.pk).first()
    PublicComplaintFactory(
        category=other_category, latitude=Decimal("3.601300"), longitude=Decimal("98.481300")
    )

    found = _nearby(client, kategori=category.pk, **point)
    assert [c["reference"] for c in found] == [complaint.reference]
    item = found[0]
    assert item["url"] == _url(complaint) and item["lat"] == 3.601 and item["lng"] == 98.481
    assert set(item) == {
        "reference",
        "title",
        "status",
        "kelurahan",
        "date",
        "lat",
        "lng",
        "distance_m",
        "url",
        "followers",
    }
    assert far.reference not in str(found)


def test_nearby_by_kelurahan_when_no_point_is_placed(client, complaint):
    found = _nearby(client, kategori=complaint.category.pk, kelurahan=complaint.kelurahan.pk)
    assert [c["reference"] for c in found] == [complaint.reference]


def test_nearby_without_a_category_or_place_is_empty_not_an_error(client, complaint):
    assert _nearby(client) == []
    assert _nearby(client, kategori="x", lat="utara", lng="9e999") == []
    assert _nearby(client, kategori=complaint.category.pk, lat="91", lng="98.4") == []


def test_the_form_offers_the_nearby_list_to_scripts_only(client, complaint_page):
    html = client.get(BASE).content.decode()
    assert f'data-nearby-url="{BASE}sekitar/"' in html


def test_nearby_lists_newest_first_and_at_most_five(client, complaint_page):
    old = timezone.now() - datetime.timedelta(days=3)
    made = [
        PublicComplaintFactory(
            latitude=Decimal("3.6"), longitude=Decimal("98.48"), created_at=old + datetime.timedelta(hours=i)
        )
        for i in range(7)
    ]
    found = _nearby(client, kategori=made[0].category.pk, lat="3.6", lng="98.48")
    assert [c["reference"] for c in found] == [c.reference for c in reversed(made)][:5]


def test_a_finished_complaint_offers_no_following(client, complaint):
    Complaint.objects.filter(pk=complaint.pk).update(
        status=Complaint.Status.RESOLVED, resolved_at=timezone.now()
    )
    html = client.get(_url(complaint)).content.decode()
    assert "/ikuti/" not in html
    assert client.post(_url(complaint) + "ikuti/", _follow_data()).status_code == 302
    assert not CaseFollower.objects.exists()


def test_the_public_page_query_count_does_not_grow_with_the_history(
    client, complaint, django_assert_max_num_queries, settings
):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(_url(complaint))
    with django_assert_max_num_queries(40) as captured:
        client.get(_url(complaint))
    before = len(captured)
    for i in range(10):
        complaint.events.create(kind=ComplaintEvent.Kind.REPLY, note=f"Balasan {i}", is_public=True)
    with django_assert_max_num_queries(before):
        assert client.get(_url(complaint)).status_code == 200
