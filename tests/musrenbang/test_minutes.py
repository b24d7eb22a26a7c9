"""Minutes (berita acara) PDFs of the deliberations: ranked list, forwarded, totals vs pagu."""

import io
from decimal import Decimal

from django.urls import reverse
from pypdf import PdfReader

from smartcity.musrenbang import services
from smartcity.musrenbang.models import Level, Phase

from .factories import ceiling, make_cycle, move_to
from .test_flow import staff_proposal


def test_kelurahan_minutes_hold_ranked_list_and_totals(client, kel, kel_facilitator):
    cycle = make_cycle(Phase.INTAKE)
    ceiling(cycle, kel, "50000000")
    proposals = [staff_proposal(cycle, kel_facilitator, n, volume=Decimal(10 * (n + 1))) for n in range(3)]
    for proposal in proposals:
        services.act(proposal, "verify", kel_facilitator)
    move_to(cycle, Phase.KELURAHAN)
    u, m = list(cycle.criteria.all())
    for value, proposal in zip((5, 3, 1), proposals, strict=True):
        proposal.refresh_from_db()
        services.record_scores(proposal, Level.KELURAHAN, {u.pk: value, m.pk: value}, kel_facilitator)
    services.close_deliberation(cycle, Level.KELURAHAN, kel.pk, kel_facilitator)
    client.force_login(kel_facilitator)
    url = reverse("musrenbang_proposal:minutes") + f"?cycle={cycle.pk}&level=kelurahan&region={kel.pk}"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for proposal in proposals:
        assert proposal.reference in text
    # 3.5 + 7 + 10.5 million proposed; the first two forwarded (quota 2): 10.5 million
    assert "21.000.000" in text
    assert "10.500.000" in text
    assert "50.000.000" in text
    assert "39.500.000" in text  # pagu minus forwarded
    assert "2 / 2" in text
    assert kel.name in text
