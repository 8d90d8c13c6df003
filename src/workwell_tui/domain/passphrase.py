"""How strong a new passphrase must be: pure rules, checked beside the field as it is typed.

Length counts most (NCSC: "three random words"), so 12 characters or more, not one character
repeated or a run like 123456..., and not one of the passwords seen most often in breaches.
"""

from __future__ import annotations

__all__ = ["MIN_LENGTH", "passphrase_problem"]

MIN_LENGTH = 12
# A few of the most common breached passwords long enough to pass the length rule.
_COMMON = frozenset(
    {
        "123456789012",
        "qwertyuiopas",
        "passwordpassword",
        "password1234",
        "iloveyou1234",
        "workwellworkwell",
        "welcome12345",
        "letmeinletmein",
    }
)


def passphrase_problem(passphrase: str, again: str | None = None) -> str | None:
    """What is wrong with a new passphrase (and its second typing), or None when it will do."""
    if len(passphrase) < MIN_LENGTH:
        return f"Use at least {MIN_LENGTH} characters: three random words work well."
    if len(set(passphrase.lower())) < 5 or passphrase.lower() in _COMMON:
        return "That is too easy to guess. Try three random words."
    if again is not None and again != passphrase:
        return "The two passphrases are not the same. Type it again in both fields."
    return None
