"""Cycle rules lock once their phase opens; Bappeda reopens them with a logged reason."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from smartcity.musrenbang import services
from smartcity.musrenbang.models import Phase, PlanningCycle

from .factories import ceiling, kelurahan, make_cycle


def test_phases_must_follow_each_other(db):
    cycle = make_cycle(Phase.INTAKE)
    cycle.kecamatan_starts_on = cycle.kelurahan_starts_on
    with pytest.raises(ValidationError):
        cycle.full_clean()


def test_open_phase(db):
    cycle = make_cycle(Phase.KECAMATAN)
    assert cycle.open_phase() == Phase.KECAMATAN
    assert cycle.is_open(Phase.KECAMATAN) and not cycle.is_open(Phase.INTAKE)
    assert [row["state"] for row in cycle.phases()] == ["past", "past", "open", "future", "future"]


def test_locked_rules_follow_the_phases(db):
    cycle = make_cycle(Phase.KELURAHAN)
    locked = cycle.locked_rules()
    assert locked["kelurahan_ceilings"] == Phase.INTAKE
    assert locked["criteria"] == Phase.KELURAHAN
    assert "kecamatan_quota" not in locked


def _post_cycle(client, cycle, **changes):
    """Post the admin edit form of ``cycle`` with its current values and ``changes``."""
    url = reverse("wagtailsnippets_musrenbang_planningcycle:edit", args=[cycle.pk])
    response = client.get(url)
    assert response.status_code == 200
    form = response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            value = ""
        data[form.add_prefix(name)] = value
    for formset in form.formsets.values():
        data.update({f"{formset.prefix}-{k}": v for k, v in formset.management_form.initial.items()})
        for i, subform in enumerate(formset.forms):
            for name in subform.fields:
                value = subform[name].value()
                data[f"{formset.prefix}-{i}-{name}"] = "" if value is None else value
    data.update(changes)
    return client.post(url, {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in data.items()})


def test_admin_refuses_changing_locked_rules_until_bappeda_reopens(client, bappeda):
    cycle = make_cycle(Phase.KELURAHAN)
    client.force_login(bappeda)
    response = _post_cycle(client, cycle, kelurahan_quota=7)
    assert response.status_code == 200
    assert "locked" in response.content.decode() or "terkunci" in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.kelurahan_quota == 2
    # A rule of a phase still to come may change.
    response = _post_cycle(client, cycle, kecamatan_quota=9)
    assert response.status_code == 302
    cycle.refresh_from_db()
    assert cycle.kecamatan_quota == 9

    reopen = reverse("wagtailsnippets_musrenbang_planningcycle:reopen", args=[cycle.pk])
    assert client.post(reopen, {"phase": Phase.KELURAHAN, "reason": "Salah ketik kuota."}).status_code == 302
    assert ModelLogEntry.objects.filter(action=services.REOPEN_ACTION).exists()
    assert _post_cycle(client, cycle, kelurahan_quota=7).status_code == 302
    cycle.refresh_from_db()
    assert cycle.kelurahan_quota == 7
    # The reopening allowed one save: locked again.
    assert _post_cycle(client, cycle, kelurahan_quota=8).status_code == 200
    cycle.refresh_from_db()
    assert cycle.kelurahan_quota == 7


def test_only_bappeda_reopens(kel_facilitator):
    cycle = make_cycle(Phase.KELURAHAN)
    with pytest.raises(PermissionDenied):
        services.reopen_rules(cycle, Phase.KELURAHAN, kel_facilitator, "alasan")


def test_pagu_warning(db, kel_facilitator):
    cycle = make_cycle(Phase.INTAKE)
    kel = kelurahan(0)
    ceiling(cycle, kel, "100000000")
    assert services.pagu_warning(cycle, kel.pk, Decimal("50000000")) is None
    from .test_flow import staff_proposal

    staff_proposal(cycle, kel_facilitator, volume=Decimal("200"))  # 70,000,000
    warning = services.pagu_warning(cycle, kel.pk, Decimal("50000000"))
    assert warning.total == Decimal("70000000") and warning.excess == Decimal("20000000")
    assert PlanningCycle.objects.count() == 1
