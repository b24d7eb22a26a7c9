"""Access codes that let a citizen return to a case without an account.

A code is short enough to read over the phone or copy from an SMS: ten characters of Douglas
Crockford's base-32 alphabet (no I, L, O or U, which are misread or misheard), shown in two
groups (``K7QM5-4XRTB``). Typing is forgiving: case, spaces and hyphens do not matter, and the
look-alikes O, I and L count as 0 and 1. Fifty random bits are far beyond reach of online
guessing, which the tracking page also slows down (see ``smartcity.core.lookup_limits``).

Only a SHA-256 digest of the normalised code is stored. Cases filed before short codes
(32-character, case-sensitive tokens) still open with their old token.
"""

import hashlib
import hmac
import secrets

ACCESS_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
ACCESS_CODE_LENGTH = 10
ACCESS_CODE_GROUP = 5
_LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_IGNORED = str.maketrans("", "", " -\t\u00a0")


def new_access_token() -> tuple[str, str]:
    """A fresh code (formatted, to give the citizen) and its digest (to store)."""
    code = "".join(secrets.choice(ACCESS_CODE_ALPHABET) for _ in range(ACCESS_CODE_LENGTH))
    return format_access_code(code), digest(code)


def normalise_access_code(typed: str) -> str:
    """The code as stored: upper case, without spaces and hyphens, look-alikes read as digits."""
    return typed.translate(_IGNORED).upper().translate(_LOOK_ALIKES)


def format_access_code(code: str) -> str:
    """``K7QM54XRTB`` → ``K7QM5-4XRTB``: groups are easier to read aloud and to copy."""
    code = normalise_access_code(code)
    return "-".join(code[i : i + ACCESS_CODE_GROUP] for i in range(0, len(code), ACCESS_CODE_GROUP))


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def token_matches(token: str, stored_digest: str) -> bool:
    """Constant-time comparison, so response times reveal nothing about the stored digest.

    Both readings are always computed (the short code and a legacy token), so timing does not
    tell which kind a case has either.
    """
    if not stored_digest:
        return False
    code = normalise_access_code(token or "")
    as_code = bool(code) and hmac.compare_digest(digest(code), stored_digest)
    as_legacy = bool(token) and hmac.compare_digest(digest(token), stored_digest)
    return as_code or as_legacy
