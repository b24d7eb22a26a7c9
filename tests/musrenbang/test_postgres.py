"""PostgreSQL only: trigram similarity and the quota under parallel forwarding."""

import threading

import pytest
from django.db import connection, connections

from smartcity.musrenbang import services
from smartcity.musrenbang.models import Phase, Proposal

from .factories import ItemFactory, kelurahan, make_cycle, move_to, proposal_data

pytestmark = pytest.mark.postgres


def staff(cycle, user, n=0, **kw):
    return services.submit_proposal(
        cycle=cycle, data=proposal_data(n, item=ItemFactory(), **kw), by_staff=user
    ).proposal


def test_trigram_finds_misspelled_titles_across_cycles(kel_facilitator):
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone()
    earlier = make_cycle(Phase.INTAKE, year=2025)
    staff(earlier, kel_facilitator, title="Pembangunan drainase Jalan Kenanga")
    cycle = make_cycle(Phase.INTAKE, year=2026)
    staff(cycle, kel_facilitator, 1, title="Pelatihan menjahit ibu rumah tangga")
    found = services_similar(kelurahan(0).pk, "pembangunan drainse jln kenanga")
    assert [p.title for p in found] == ["Pembangunan drainase Jalan Kenanga"]


def services_similar(kelurahan_id, text):
    from smartcity.musrenbang.similarity import similar_proposals

    return similar_proposals(kelurahan_id, text)


@pytest.mark.django_db(transaction=True)
def test_parallel_forwarding_never_exceeds_the_quota():
    from tests.conftest import reload_migration_data
    from tests.factories import UserFactory

    from .factories import facilitator

    reload_migration_data(
        "smartcity.core.migrations.0002_load_reference_data",
        "smartcity.musrenbang.migrations.0002_trigram_sectors_and_roles",
    )
    user = UserFactory(username="fasil-par", groups=["Musrenbang kelurahan facilitators"])
    kel = kelurahan(0)
    facilitator(user, kel)
    cycle = make_cycle(Phase.INTAKE, kelurahan_quota=2)
    proposals = [staff(cycle, user, n) for n in range(6)]
    for proposal in proposals:
        services.act(proposal, "verify", user)
    move_to(cycle, Phase.KELURAHAN)
    barrier = threading.Barrier(len(proposals))
    outcomes = []

    def forward(pk):
        try:
            barrier.wait()
            proposal = Proposal.objects.select_related("cycle").get(pk=pk)
            services.act(proposal, "forward_kecamatan", user)
            outcomes.append("ok")
        except services.QuotaUsedUp:
            outcomes.append("quota")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=forward, args=(p.pk,)) for p in proposals]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "ok", "quota", "quota", "quota", "quota"]
    assert Proposal.objects.filter(status=Proposal.Status.AT_KECAMATAN).count() == 2
