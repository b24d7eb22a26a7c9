"""`seed_demo`'s e-musrenbang part: the page, the catalogue, two cycles of proposals."""

from collections import Counter

from django.core.management import call_command

from smartcity.core.models import Kelurahan
from smartcity.musrenbang.models import ActivityItem, MusrenbangPage, Phase, PlanningCycle, Proposal

from . import pytestmark  # noqa: F401 - pytestmark marks this module


def test_seed_demo_adds_catalogue_and_two_cycles_across_kelurahan_and_stages(seeded, client):
    assert MusrenbangPage.current().url == "/musrenbang/"
    assert ActivityItem.objects.count() == 60
    earlier, current = PlanningCycle.objects.order_by("year")
    assert current.open_phase() == Phase.INTAKE and earlier.open_phase() is None
    assert 250 <= Proposal.objects.count() <= 450
    assert set(Proposal.objects.values_list("kelurahan", flat=True)) == set(
        Kelurahan.objects.values_list("pk", flat=True)
    )
    stages = Counter(Proposal.objects.values_list("status", flat=True))
    for status in (
        "submitted",
        "returned",
        "rejected",
        "verified",
        "kel_held",
        "kec_held",
        "accepted",
        "deferred",
        "declined",
    ):
        assert stages[status], (status, stages)
    carried = Proposal.objects.filter(cycle=current, repeats__cycle=earlier)
    assert carried.count() >= 10
    assert all(p.repeat_reason for p in carried)
    # Quotas held at each level.
    for kelurahan_id in Kelurahan.objects.values_list("pk", flat=True):
        forwarded = Proposal.objects.filter(
            cycle=earlier, kelurahan_id=kelurahan_id, kelurahan_rank__isnull=False
        )
        assert forwarded.exclude(status="kel_held").count() <= earlier.kelurahan_quota
    assert client.get("/musrenbang/").status_code == 200
    assert client.get("/musrenbang/hasil/").status_code == 200
    # The English page, a translation of the Indonesian one, with the same routes.
    english = client.get("/en/musrenbang/")
    assert english.status_code == 200 and "Development planning (Musrenbang)" in english.content.decode()
    indonesian, translated = (MusrenbangPage.objects.get(locale__language_code=code) for code in ("id", "en"))
    assert translated.translation_key == indonesian.translation_key
    assert client.get("/en/musrenbang/usulan/").status_code == 200
    before = Proposal.objects.count()
    call_command("seed_demo", quiet=True)
    assert Proposal.objects.count() == before
