"""Access codes a citizen can read over the phone: short, unambiguous, forgiving when typed."""

import re

from smartcity.core.tokens import (
    ACCESS_CODE_ALPHABET,
    digest,
    format_access_code,
    new_access_token,
    normalise_access_code,
    token_matches,
)


def test_a_new_code_is_short_grouped_and_unambiguous():
    code, stored = new_access_token()
    assert re.fullmatch(r"[0-9A-Z]{5}-[0-9A-Z]{5}", code)
    # Crockford's alphabet: no I, L, O or U to misread or mishear.
    assert not set(code.replace("-", "")) - set(ACCESS_CODE_ALPHABET)
    assert not {"I", "L", "O", "U"} & set(ACCESS_CODE_ALPHABET)
    assert len(ACCESS_CODE_ALPHABET) == 32
    assert code not in stored and len(stored) == 64  # only a digest is kept


def test_codes_differ():
    assert len({new_access_token()[0] for _ in range(200)}) == 200


def test_typed_code_is_accepted_in_any_case_with_spaces_or_hyphens():
    code, stored = new_access_token()
    bare = code.replace("-", "")
    for typed in (code, code.lower(), bare, f" {bare[:3]} {bare[3:7]} {bare[7:]} ", bare.lower()):
        assert token_matches(typed, stored), typed


def test_look_alike_letters_are_read_as_digits():
    stored = digest(normalise_access_code("10ABC-DE1FG"))
    assert token_matches("lOabc-de1fg", stored)
    assert token_matches("IOABC DEIFG", stored)
    assert normalise_access_code("k7qm-4xrt") == "K7QM4XRT"
    assert format_access_code("K7QM54XRTB") == "K7QM5-4XRTB"


def test_a_wrong_code_or_an_empty_one_is_refused():
    code, stored = new_access_token()
    assert not token_matches("", stored)
    assert not token_matches("-- --", stored)
    assert not token_matches("00000-00000", stored)
    assert not token_matches(code, "")


def test_long_tokens_from_before_still_open_their_case():
    legacy = "Qk3_x-Yz0123456789abcdefABCDEFgh"
    assert token_matches(legacy, digest(legacy))
    assert not token_matches(legacy.lower(), digest(legacy))
