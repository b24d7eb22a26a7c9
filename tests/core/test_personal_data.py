"""NIK and phone validation, and masking of personal data for display."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from stdnum.id import nik as stdnum_nik

from smartcity.core.personal_data import clean_nik, clean_phone, mask_email, mask_nik, mask_phone


def make_nik(region: str = "127501", born=datetime.date(1985, 8, 17), female=False, serial="0001") -> str:
    """A structurally valid NIK: region (1275 = Kota Binjai), birth date (day + 40 for women), serial."""
    day = born.day + (40 if female else 0)
    return f"{region}{day:02d}{born:%m%y}{serial}"


VALID_NIK = make_nik()


def test_a_valid_nik_is_accepted_as_16_digits():
    assert stdnum_nik.is_valid(VALID_NIK)
    assert clean_nik(VALID_NIK) == VALID_NIK
    # Spaces, dots and dashes as people type them from the KTP are dropped.
    assert clean_nik(" 1275 0117-0885.0001 ") == VALID_NIK


def test_a_womans_nik_has_40_added_to_the_birth_day():
    nik = make_nik(female=True)
    assert nik[6:8] == "57"
    assert clean_nik(nik) == nik
    assert stdnum_nik.get_birth_date(nik) == datetime.date(1985, 8, 17)


def test_no_nik_is_fine():
    assert clean_nik("") == ""
    assert clean_nik(None) == ""


@pytest.mark.parametrize(
    "value",
    [
        VALID_NIK[:15],  # 15 digits
        VALID_NIK + "1",  # 17 digits
        "12750117O8850001",  # a letter O for a zero
        "abcdefghijklmnop",
        make_nik()[:6] + "320885" + "0001",  # day 32
        make_nik()[:6] + "171385" + "0001",  # month 13
        make_nik()[:6] + "300285" + "0001",  # 30 February
        "990101" + "170885" + "0001",  # no such province
    ],
    ids=["15-digits", "17-digits", "letter-o", "letters", "day-32", "month-13", "feb-30", "no-province"],
)
def test_invalid_niks_are_refused_with_a_clear_message(value):
    with pytest.raises(ValidationError) as caught:
        clean_nik(value)
    assert caught.value.code == "invalid_nik"
    assert "16" in caught.value.messages[0]
    assert value not in caught.value.messages[0]  # the message does not repeat the number


@pytest.mark.parametrize(
    "value",
    [
        "0812 3456 7890",
        "081234567890",
        "+62 812-3456-7890",
        "+6281234567890",
        "6281234567890",
        "62 812 3456 7890",
    ],
)
def test_indonesian_mobile_numbers_are_normalised_to_e164(value):
    assert clean_phone(value) == "+6281234567890"


def test_landlines_and_foreign_numbers_are_accepted():
    assert clean_phone("(061) 882 1234") == "+62618821234"  # Binjai/Medan area code
    assert clean_phone("+1 202 555 0123") == "+12025550123"


def test_no_phone_is_fine():
    assert clean_phone("") == ""


@pytest.mark.parametrize(
    "value", ["12345", "0812", "abc", "+62 0000 1111", "081234567890123456", "0000000000", "+", "x" * 300]
)
def test_invalid_phone_numbers_are_refused(value):
    with pytest.raises(ValidationError) as caught:
        clean_phone(value)
    assert caught.value.code == "invalid_phone"


def test_masked_nik_hides_the_birth_date_and_region_detail():
    masked = mask_nik(VALID_NIK)
    assert len(masked) == 16
    assert masked.startswith(VALID_NIK[:4]) and masked.endswith(VALID_NIK[-4:])
    assert VALID_NIK[4:12] not in masked
    assert "170885" not in masked and "0117" not in masked
    assert mask_nik("") == ""


def test_masked_phone_keeps_only_its_ends():
    masked = mask_phone("+6281234567890")
    assert len(masked) == len("+6281234567890")
    assert masked.startswith("+6281") and masked.endswith("890")
    assert "234567" not in masked
    assert masked.count("•") == len(masked) - 8
    assert mask_phone("") == ""


def test_masked_email_keeps_the_first_letter_and_the_domain():
    assert mask_email("siti.aminah@example.com") == "s•••@example.com"
    assert "aminah" not in mask_email("siti.aminah@example.com")
    assert mask_email("") == ""
    assert mask_email("bukan-alamat") == ""
