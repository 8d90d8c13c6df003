"""UK-style date reading and writing: coaches type 02/10/2026 and read 2 Oct 2026."""

from __future__ import annotations

import re
from datetime import date, datetime

_UK = re.compile(r"^\s*(\d{1,2})[/.\- ](\d{1,2})[/.\- ](\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def parse_uk_date(text: str) -> date:
    """Read dd/mm/yyyy (or dd-mm-yyyy, dd.mm.yyyy, yyyy-mm-dd); ValueError says what is wrong."""
    match = _UK.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
        if len(match.group(3)) == 2:
            raise ValueError("Use a four-digit year, like 02/10/1985")
    else:
        iso = _ISO.match(text)
        if not iso:
            raise ValueError("Use day/month/year, like 02/10/1985")
        year, month, day = (int(part) for part in iso.groups())
    if not 1 <= month <= 12:
        raise ValueError(f"There is no month {month}")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"There is no day {day} in that month") from None


def uk_date(value: date | None, empty: str = "—") -> str:
    """22 Nov 2026."""
    return empty if value is None else f"{value.day} {value:%b %Y}"


def uk_short(value: date | None, empty: str = "—") -> str:
    """02/10/2026, the way a coach types a date."""
    return empty if value is None else f"{value:%d/%m/%Y}"


def friendly_when(moment: datetime | None, today: date, empty: str = "—") -> str:
    """ "Today 15:00", "Tomorrow 09:30", "Tue 24 Nov", or "3 Mar 2027" further away."""
    if moment is None:
        return empty
    local = moment.astimezone() if moment.tzinfo is not None else moment
    day = local.date()
    delta = (day - today).days
    if delta == 0:
        return f"Today {local:%H:%M}"
    if delta == 1:
        return f"Tomorrow {local:%H:%M}"
    if -1 <= delta < 7 and delta != -1:
        return f"{local:%a} {day.day} {local:%b}"
    if day.year == today.year:
        return f"{local:%a} {day.day} {local:%b}"
    return uk_date(day)
