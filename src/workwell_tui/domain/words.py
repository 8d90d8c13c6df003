"""Wording helpers: counts read as a coach would say them ("1 objective", "2 objectives")."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """`count` with the word in the right number: "1 idle minute", "3 idle minutes"."""
    word = singular if count == 1 else plural_form or f"{singular}s"
    return f"{count:,} {word}"
