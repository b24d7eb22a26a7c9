"""Citizens' personal data: validation of NIK, phone and e-mail, and masking for display.

NIK (Nomor Induk Kependudukan) is the 16-digit national identity number; it is validated with
python-stdnum (region code and birth date checked) and never shown in full outside the
handling agency.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.id import nik as stdnum_nik


def clean_nik(value: str) -> str:
    """The NIK as 16 digits, or a ValidationError in the user's language."""
    if not value:
        return ""
    try:
        return stdnum_nik.validate(value)
    except StdnumError:
        raise ValidationError(
            _("This NIK is not valid. A NIK has 16 digits, as printed on your KTP."), code="invalid_nik"
        ) from None


def clean_phone(value: str) -> str:
    """An Indonesian or international phone number in E.164 form (e.g. +6281234567890)."""
    if not value:
        return ""
    try:
        number = phonenumbers.parse(value, "ID")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise ValidationError(
            _("This phone number is not valid. Example: 0812 3456 7890."), code="invalid_phone"
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def clean_mobile_phone(value: str) -> str:
    """A mobile number (one that can receive SMS) in E.164 form; Indonesian unless +country."""
    phone = clean_phone(value)
    number = phonenumbers.parse(phone)
    if phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise ValidationError(_("This is not a mobile number. Example: 0812 3456 7890."), code="not_mobile")
    return phone


def mask_nik(value: str) -> str:
    return f"{value[:4]}{'•' * 8}{value[-4:]}" if value else ""


def mask_phone(value: str) -> str:
    return f"{value[:5]}{'•' * max(len(value) - 8, 3)}{value[-3:]}" if value else ""


def mask_email(value: str) -> str:
    if "@" not in value:
        return ""
    local, domain = value.split("@", 1)
    return f"{local[:1]}{'•' * 3}@{domain}"
