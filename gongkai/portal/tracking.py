"""Private tracking codes: generated once, stored only as a salted keyed hash, checked in
constant time, and unknown receipt numbers answered exactly like wrong codes."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings

from gongkai.portal.models import OnlineSubmission

# No 0/O, 1/I/L: the applicant copies the code from the screen or reads it over the phone.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
GROUPS, GROUP_LENGTH = 3, 4  # 12 characters, about 59 bits: no guessing within the rate limit
SESSION_KEY = "portal_tracked_application"


def new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(GROUPS * GROUP_LENGTH))
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, len(raw), GROUP_LENGTH))


def normalize_code(code: str) -> str:
    """What the applicant typed, without spaces and dashes, in capitals (full-width folded)."""
    import unicodedata

    folded = unicodedata.normalize("NFKC", code or "").upper()
    return "".join(ch for ch in folded if ch.isalnum())


def _digest(salt: str, code: str) -> str:
    # A keyed hash is enough for a random 59-bit code (no dictionary to try), and fast enough
    # that the tracking page needs no slow password hashing.
    key = f"gongkai.portal.tracking:{settings.SECRET_KEY}".encode()
    return hmac.new(key, f"{salt}:{normalize_code(code)}".encode(), hashlib.sha256).hexdigest()


def hash_code(code: str) -> str:
    salt = secrets.token_hex(8)
    return f"hmac-sha256${salt}${_digest(salt, code)}"


def check_code(code: str, stored: str) -> bool:
    try:
        _scheme, salt, expected = stored.split("$", 2)
    except ValueError:
        return False
    return hmac.compare_digest(_digest(salt, code), expected)


_DUMMY = hash_code("dummy-code-never-issued")


def find_submission(receipt_number: str, code: str) -> OnlineSubmission | None:
    """The submission with this receipt number and code, or None.

    An unknown number still costs one hash comparison, so the answer (and its timing) does not
    tell whether the number exists. Receipt numbers are unique per agency, not globally (the
    format is a setting), hence the loop over candidates.
    """
    number = (receipt_number or "").strip()
    candidates = list(
        OnlineSubmission.objects.select_related("application", "application__agency").filter(
            application__receipt_number=number
        )
    ) if number else []
    found = None
    for submission in candidates:
        if check_code(code, submission.tracking_code_hash) and found is None:
            found = submission
    if not candidates:
        check_code(code, _DUMMY)
    return found
