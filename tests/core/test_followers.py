"""Followers of a case ("I have this problem too"): core machinery any service can key to its cases."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from smartcity.core import followers
from smartcity.core.models import CaseFollower
from tests.complaints.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


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


def _links(token):
    return f"/konfirmasi/{token}/"


def _follow(case, email="tetangga@example.com", language="id"):
    return _sent(
        followers.start_following,
        case,
        contact=email,
        language=language,
        confirm_url=_links,
        context={"reference": case.reference, "title": case.title},
    )


def _token_from_mail(message) -> str:
    line = next(line for line in message.body.splitlines() if "/konfirmasi/" in line)
    return line.strip().split("/konfirmasi/")[1].rstrip("/")


def test_a_follower_counts_only_once_confirmed_by_the_mailed_link():
    case = ComplaintFactory()
    _follow(case)
    assert followers.follower_count(case) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["tetangga@example.com"]
    assert case.reference in mail.outbox[0].subject + mail.outbox[0].body

    follower = followers.confirm_following(_token_from_mail(mail.outbox[0]))
    assert follower is not None and follower.confirmed_at is not None
    assert followers.follower_count(case) == 1


def test_one_follower_per_contact_and_case_whatever_the_spelling():
    case, other = ComplaintFactory(), ComplaintFactory()
    _follow(case, "Tetangga@Example.com ")
    _follow(case, "tetangga@example.com")
    _follow(other, "tetangga@example.com")
    assert CaseFollower.objects.count() == 2
    # Asking again re-sends the confirmation (the first may have been lost), nothing more.
    assert len(mail.outbox) == 3


def test_a_confirmed_follower_asking_again_gets_no_new_mail():
    case = ComplaintFactory()
    _follow(case)
    followers.confirm_following(_token_from_mail(mail.outbox[0]))
    _follow(case)
    assert len(mail.outbox) == 1
    assert followers.follower_count(case) == 1


def test_a_forged_or_expired_confirmation_does_nothing(monkeypatch):
    case = ComplaintFactory()
    _follow(case)
    token = _token_from_mail(mail.outbox[0])
    assert followers.confirm_following(token[:-2] + "xx") is None
    monkeypatch.setattr(followers, "CONFIRM_MAX_AGE", datetime.timedelta(seconds=-1))
    assert followers.confirm_following(token) is None
    assert followers.follower_count(case) == 0


def test_an_unfollow_token_cannot_confirm_and_vice_versa():
    case = ComplaintFactory()
    follower = _follow(case)
    assert followers.confirm_following(followers.unfollow_token(follower)) is None
    assert followers.stop_following(_token_from_mail(mail.outbox[0])) is None
    assert CaseFollower.objects.filter(pk=follower.pk).exists()


def test_followers_get_updates_each_with_their_own_unfollow_link():
    case = ComplaintFactory()
    for email in ("a@example.com", "b@example.com", "c@example.com"):
        _follow(case, email)
    for message in list(mail.outbox):
        if message.to != ["c@example.com"]:  # c never confirms
            followers.confirm_following(_token_from_mail(message))
    mail.outbox.clear()

    _sent(
        followers.notify_followers,
        case,
        "complaints/email/follower_status",
        {"reference": case.reference, "title": case.title, "status": "Selesai", "note": "", "link": "/x/"},
        unfollow_url=lambda token: f"/berhenti/{token}/",
    )
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.com", "b@example.com"]
    assert all(len(m.to) == 1 and not m.cc and not m.bcc for m in mail.outbox)  # never each other
    token = (
        next(line for line in mail.outbox[0].body.splitlines() if "/berhenti/" in line)
        .split("/berhenti/")[1]
        .rstrip("/")
    )
    assert followers.stop_following(token) is not None
    assert followers.follower_count(case) == 1
    assert followers.stop_following(token) is None  # already gone


def test_an_address_must_be_valid():
    with pytest.raises(ValidationError):
        _follow(ComplaintFactory(), "bukan-alamat")


def test_deleting_a_case_deletes_its_followers():
    case = ComplaintFactory()
    _follow(case)
    case.delete()
    assert not CaseFollower.objects.exists()


def test_followers_are_kept_apart_per_case_model():
    """The key is (content type, id): a case of another service with the same id is another case."""
    case = ComplaintFactory()
    _follow(case)
    follower = CaseFollower.objects.get()
    assert follower.case == case
    assert followers.follower_count(case) == 0


# --- Phones: a code by SMS ------------------------------------------------------------------------


def test_a_phone_is_confirmed_by_the_code_sent_to_it(settings):
    from django.utils import timezone

    from smartcity.core import sms

    case = ComplaintFactory()
    follower = _follow(case, email="0812-7777-6666")
    assert follower.channel == CaseFollower.Channel.SMS and follower.contact == "+6281277776666"
    assert not mail.outbox
    [text] = sms.outbox
    code = text.body.split()[0]
    assert len(code) == followers.CODE_LENGTH and set(code) <= set(followers.ACCESS_CODE_ALPHABET)
    assert followers.confirm_with_code(follower, "000000" if code != "000000" else "111111") is (
        followers.CodeCheck.WRONG
    )
    assert followers.follower_count(case) == 0
    assert followers.confirm_with_code(follower, code.lower()) is followers.CodeCheck.CONFIRMED
    assert followers.follower_count(case) == 1

    # Updates go by SMS (the service's "<template>_sms.txt"), never by e-mail, to that phone.
    sms.outbox.clear()
    sent = _sent(
        followers.notify_followers,
        case,
        "complaints/email/follower_status",
        {"reference": case.reference, "title": "t", "status": "Selesai", "note": "", "link": "/x/"},
        unfollow_url=lambda token: f"/berhenti/{token}/",
    )
    assert sent == 1 and not mail.outbox
    [update] = sms.outbox
    assert update.to == "+6281277776666" and "/berhenti/" in update.body
    token = update.body.split("/berhenti/")[1].split("/")[0]
    assert followers.stop_following(token) is not None and followers.follower_count(case) == 0

    # An expired code confirms nothing.
    expired = _follow(case, email="081277775555")
    code = sms.outbox[-1].body.split()[0]
    CaseFollower.objects.filter(pk=expired.pk).update(
        code_sent_at=timezone.now() - followers.CODE_MAX_AGE - datetime.timedelta(seconds=1)
    )
    assert followers.confirm_with_code(expired, code) is followers.CodeCheck.EXPIRED


def test_phones_need_an_sms_gateway_and_a_mobile_number(settings):
    case = ComplaintFactory()
    with pytest.raises(ValidationError):
        _follow(case, email="061 4567890")  # a Medan landline cannot receive SMS
    settings.SMS_BACKEND = "smartcity.core.sms.DisabledBackend"
    assert not followers.sms_available()
    with pytest.raises(ValidationError):
        _follow(case, email="081277776666")
    assert not CaseFollower.objects.exists()
