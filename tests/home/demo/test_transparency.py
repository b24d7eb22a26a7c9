"""`seed_demo`'s PPID part: the page, the list per agency, a year of requests in every state,
and no e-mail to anybody while seeding."""

from collections import Counter

from django.core.management import call_command

from smartcity.transparency.models import InformationRequest, Objection, PublicInformation, TransparencyPage

from . import pytestmark  # noqa: F401 - pytestmark marks this module


def test_seed_demo_adds_the_ppid_quietly(seeded_city, db, client):
    # Seeding (its on-commit work included) wrote to nobody.
    assert seeded_city.sent == [], [m.subject for m in seeded_city.sent]
    assert TransparencyPage.objects.live().filter(locale__language_code="id").get().url == "/ppid/"
    states = Counter(InformationRequest.objects.values_list("status", flat=True))
    assert set(states) == set(InformationRequest.Status.values), states
    assert InformationRequest.objects.overdue().exists()
    assert Objection.objects.filter(dispute_filed_on__isnull=False).exists()
    classes = set(PublicInformation.objects.published().values_list("classification", flat=True))
    assert classes == set(PublicInformation.Classification.values)
    page = client.get("/ppid/")
    assert page.status_code == 200 and "Daftar Informasi Publik" in page.content.decode()
    english = client.get("/en/ppid/")
    assert english.status_code == 200 and "Public Information (PPID)" in english.content.decode()
    assert client.get("/en/ppid/permohonan/").status_code == 200
    # Seeding again adds nothing.
    before = (InformationRequest.objects.count(), PublicInformation.objects.count())
    call_command("seed_demo", quiet=True)
    assert (InformationRequest.objects.count(), PublicInformation.objects.count()) == before
