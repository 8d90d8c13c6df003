"""Age from a date of birth, right on leap days: the one rule referral and assessment share."""

from __future__ import annotations

from datetime import date


def age_on(date_of_birth: date, today: date) -> int:
    """Whole years of age on `today` (a 29 Feb birthday counts from 1 Mar in common years)."""
    years = today.year - date_of_birth.year
    if (today.month, today.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years
