"""Permit types as data: the demo catalogue, requirements, extra questions and fees."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from smartcity.permits.catalogue import PERMIT_TYPES
from smartcity.permits.demo import seed_catalogue
from smartcity.permits.models import PermitType
from smartcity.permits.models.permit_type import ExtraFieldBlock

pytestmark = pytest.mark.django_db


def test_demo_catalogue_has_the_six_types_with_requirements_and_is_idempotent(catalogue):
    assert set(catalogue) == {
        "pbg",
        "reklame",
        "izin-praktik-kesehatan",
        "usaha-perdagangan",
        "izin-penelitian",
        "izin-keramaian",
    }
    pbg = catalogue["pbg"]
    labels = [r.label for r in pbg.requirements.all()]
    assert labels[0] == "KTP-el pemohon" and "Gambar teknis bangunan" in labels
    assert [r.mandatory for r in pbg.requirements.all()] == [True, True, True, False]
    assert pbg.requirements.first().reusable is True
    assert pbg.risk_level == "high" and pbg.service_level_days == 28
    assert catalogue["usaha-perdagangan"].service_level_days == 1
    assert seed_catalogue() == 0
    assert PermitType.objects.count() == len(PERMIT_TYPES)


def test_fee_is_computed_from_the_fee_basis_question(catalogue):
    pbg = catalogue["pbg"]
    assert [f["name"] for f in pbg.field_definitions()] == ["lokasi", "fungsi", "luas_lantai"]
    assert pbg.compute_fee({"luas_lantai": "120"}) == Decimal(1_200_000)
    assert pbg.compute_fee({}) == Decimal(0)
    assert catalogue["izin-keramaian"].compute_fee({}) == Decimal(250_000)
    assert catalogue["izin-penelitian"].compute_fee({"x": 1}) == Decimal(0)


def test_extra_question_definitions_are_validated_without_code():
    block = ExtraFieldBlock()
    value = block.to_python(
        {"name": "pilihan", "label": "Pilih", "kind": "choice", "required": True, "choices": ""}
    )
    with pytest.raises(ValidationError):
        block.clean(value)
    value = block.to_python({"name": "luas", "label": "Luas", "kind": "text", "is_fee_basis": True})
    with pytest.raises(ValidationError):
        block.clean(value)
    value = block.to_python({"name": "Bad Key", "label": "x", "kind": "text"})
    with pytest.raises(ValidationError):
        block.clean(value)


def test_who_may_apply(catalogue):
    assert catalogue["izin-penelitian"].accepts("person")
    assert not catalogue["izin-penelitian"].accepts("company")
    assert catalogue["pbg"].accepts("company")


def test_permit_type_admin_lists_and_edits_types(client, superuser, catalogue):
    client.force_login(superuser)
    listing = client.get("/admin/snippets/permits/permittype/")
    assert listing.status_code == 200
    assert "Persetujuan Bangunan Gedung (PBG)" in listing.content.decode()
    edit = client.get(f"/admin/snippets/permits/permittype/edit/{catalogue['pbg'].pk}/")
    assert edit.status_code == 200
    assert "Gambar teknis bangunan" in edit.content.decode()
