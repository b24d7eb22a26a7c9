"""Honeypot, minimum fill time and rate limits on public forms."""

import os
import re
import time

import pytest
from django import forms
from django.core import signing
from django.core.cache import caches
from django.test import RequestFactory

from smartcity.core.antispam import (
    SALT,
    SpamProtectedForm,
    contact_key,
    issue_stamp,
    read_stamp,
    submission_limited,
)


class MessageForm(SpamProtectedForm):
    name = forms.CharField()
    email = forms.EmailField()
    message = forms.CharField(widget=forms.Textarea)


def stamp(seconds_ago: float) -> str:
    return issue_stamp(time.time() - seconds_ago)


def post(**overrides) -> dict:
    data = {
        "name": "Siti Aminah",
        "email": "siti@example.com",
        "message": "Lampu jalan <b>mati</b> di Jl. Sudirman",
        "website": "",
        "form_started": stamp(10),
    }
    data.update(overrides)
    return data


def error_codes(form) -> set[str]:
    return {error.code for error in form.errors.as_data().get("__all__", [])}


def rendered_stamp(form) -> str:
    match = re.search(r'name="form_started" value="([^"]+)"', str(form))
    assert match, "the form renders its stamp"
    return match[1]


def test_a_person_who_took_their_time_passes():
    form = MessageForm(post())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "Siti Aminah"
    assert form.spam_field_names == ("website", "form_started")


def test_an_unbound_form_carries_a_fresh_signed_stamp_and_a_hidden_honeypot():
    html = str(MessageForm())
    started = read_stamp(rendered_stamp(MessageForm())).started_at
    assert abs(started - time.time()) < 5
    # Each rendering has its own one-time part.
    assert read_stamp(rendered_stamp(MessageForm())).nonce != read_stamp(rendered_stamp(MessageForm())).nonce
    assert re.search(r'<input type="text" name="website"[^>]*tabindex="-1"', html)
    assert 'autocomplete="off"' in html


def test_a_filled_honeypot_is_refused():
    form = MessageForm(post(website="http://spam.example"))
    assert not form.is_valid()
    assert error_codes(form) == {"honeypot"}


def test_a_form_sent_too_quickly_is_refused(settings):
    form = MessageForm(post(form_started=stamp(settings.FORM_MIN_FILL_SECONDS - 1)))
    assert not form.is_valid()
    assert error_codes(form) == {"too_fast"}
    assert MessageForm(post(form_started=stamp(settings.FORM_MIN_FILL_SECONDS + 1))).is_valid()


@pytest.mark.parametrize(
    "started",
    [
        pytest.param(lambda s: stamp(s.FORM_MAX_AGE_SECONDS + 5), id="expired"),
        pytest.param(lambda s: "", id="missing"),
        pytest.param(lambda s: str(time.time() - 10), id="unsigned"),
        pytest.param(
            lambda s: signing.dumps({"t": time.time() - 10, "n": "x"}, salt="another-salt"), id="wrong-salt"
        ),
        pytest.param(
            lambda s: signing.dumps({"t": time.time() - 10, "n": "x"}, key="x" * 50, salt=SALT), id="forged"
        ),
        pytest.param(lambda s: signing.dumps({"t": "yesterday", "n": "x"}, salt=SALT), id="not-a-number"),
        # The stamps of before: a bare time, without a one-time part, can be replayed.
        pytest.param(lambda s: signing.dumps(time.time() - 10, salt=SALT), id="without-one-time-part"),
    ],
)
def test_an_expired_missing_or_forged_stamp_is_refused(started, settings):
    form = MessageForm(post(form_started=started(settings)))
    assert not form.is_valid()
    assert error_codes(form) == {"expired"}


def test_the_refused_form_keeps_what_was_typed_and_can_be_sent_again(settings):
    old = stamp(settings.FORM_MAX_AGE_SECONDS + 5)
    form = MessageForm(post(form_started=old))
    assert not form.is_valid()
    html = str(form)
    assert 'value="Siti Aminah"' in html
    assert 'value="siti@example.com"' in html
    assert "Lampu jalan &lt;b&gt;mati&lt;/b&gt; di Jl. Sudirman</textarea>" in html  # escaped, kept
    # The re-shown form carries a new stamp, so sending it again (after a moment) is accepted.
    fresh = rendered_stamp(form)
    assert fresh != old
    assert abs(read_stamp(fresh).started_at - time.time()) < 5
    settings.FORM_MIN_FILL_SECONDS = 0
    assert MessageForm(post(form_started=fresh)).is_valid()


def test_prefixed_forms_read_their_own_stamp():
    form = MessageForm({f"c-{k}": v for k, v in post().items()}, prefix="c")
    assert form.is_valid(), form.errors


# --- Rate limits ----------------------------------------------------------------------------


def request_from(ip: str):
    return RequestFactory().post("/layanan/pengaduan/", REMOTE_ADDR=ip)


CACHE_BACKENDS = [
    pytest.param(
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "limits"}, id="locmem"
    ),
    pytest.param(
        {
            "BACKEND": "cms.redis_cache.PrefixedRedisCache",
            "LOCATION": os.environ.get("REDIS_URL", ""),
            "KEY_PREFIX": "binjai-test-antispam",
        },
        id="redis",
        marks=pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs Redis (set REDIS_URL)"),
    ),
]


@pytest.fixture(params=CACHE_BACKENDS)
def limit_cache(request, settings):
    backend = dict(request.param)
    if "KEY_PREFIX" in backend:  # each test process its own keys: clear() here spares the others'
        backend["KEY_PREFIX"] += f"-{os.getpid()}"
    settings.CACHES = {**settings.CACHES, "limits": backend}
    settings.RATELIMIT_USE_CACHE = "limits"
    cache = caches["limits"]
    cache.clear()
    yield cache
    cache.clear()


def test_submissions_are_limited_per_ip(limit_cache):
    outcomes = [submission_limited(request_from("10.0.0.1"), "aduan", [], per_ip="3/d", per_contact="99/d")]
    outcomes += [
        submission_limited(request_from("10.0.0.1"), "aduan", [], per_ip="3/d", per_contact="99/d")
        for _ in range(3)
    ]
    assert outcomes == [False, False, False, True]
    # Another address is counted separately, and so is another form.
    assert not submission_limited(request_from("10.0.0.2"), "aduan", [], per_ip="3/d", per_contact="99/d")
    assert not submission_limited(request_from("10.0.0.1"), "lain", [], per_ip="3/d", per_contact="99/d")


def test_submissions_are_limited_per_contact_across_addresses(limit_cache):
    def send(ip, *contacts):
        return submission_limited(request_from(ip), "aduan", list(contacts), per_ip="99/d", per_contact="2/d")

    assert not send("10.0.0.1", "siti@example.com", "+6281234567890")
    assert not send("10.0.0.2", " Siti@Example.com ")  # the same person, written differently
    assert send("10.0.0.3", "siti@example.com")  # a third address does not help
    assert not send("10.0.0.4", "+6281234567890", "")  # the phone's second time, within its limit
    assert send("10.0.0.6", "+6281234567890")  # its third time is one too many
    assert not send("10.0.0.5", "budi@example.com", None)  # someone else is fine


def test_contacts_are_not_kept_in_clear_in_the_cache(limit_cache):
    submission_limited(
        request_from("10.0.0.1"), "aduan", ["siti@example.com"], per_ip="9/d", per_contact="9/d"
    )
    key = contact_key("siti@example.com")
    assert "siti" not in key and len(key) == 32
    if hasattr(limit_cache, "_cache") and isinstance(limit_cache._cache, dict):  # locmem: look inside
        assert limit_cache._cache
        assert not any("siti" in k for k in limit_cache._cache)
