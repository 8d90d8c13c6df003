"""UK dates, age on leap days, and checking a referral form field by field."""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime

import pytest

from workwell_tui.domain.age import age_on
from workwell_tui.domain.dates import friendly_when, parse_uk_date, uk_date, uk_short
from workwell_tui.domain.enums import ReferralSource, Stage, WorkSituation
from workwell_tui.domain.referral import (
    UNDER_16_REASON,
    UNDER_16_SIGNPOST,
    check_referral,
    normalise_postcode,
)

TODAY = date(2026, 11, 22)
DISTRICTS = ("Preston", "Blackpool")


def form(**changes: str | bool | None) -> dict[str, str | bool | None]:
    """A referral form filled in correctly, with `changes` applied."""
    values: dict[str, str | bool | None] = {
        "first_name": " Aisha ",
        "last_name": "Khan",
        "preferred_name": "",
        "date_of_birth": "02/10/1985",
        "referral_date": "20/11/2026",
        "email": "aisha@example.org",
        "phone": "07700 900123",
        "postcode": "pr1 2ab",
        "district": "Preston",
        "referral_source": "gp",
        "work_situation": "off_sick",
        "employer_name": "Preston Bakery",
        "consent_processing": True,
    }
    values.update(changes)
    return values


# --- parse_uk_date ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("02/10/1985", date(1985, 10, 2)),
        ("2/3/1985", date(1985, 3, 2)),
        ("02-10-1985", date(1985, 10, 2)),
        ("02.10.1985", date(1985, 10, 2)),
        (" 2/10/1985 ", date(1985, 10, 2)),
        ("1985-10-02", date(1985, 10, 2)),
        ("29/02/2024", date(2024, 2, 29)),
    ],
)
def test_parse_uk_date_accepts(text: str, expected: date) -> None:
    assert parse_uk_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("02/10/85", "four-digit year"),
        ("31/02/2026", "no day 31"),
        ("29/02/2025", "no day 29"),
        ("01/13/2026", "no month 13"),
        ("2026-13-01", "no month 13"),
        ("tomorrow", "day/month/year"),
        ("", "day/month/year"),
        ("10/02", "day/month/year"),
    ],
)
def test_parse_uk_date_refuses(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_uk_date(text)


# --- formatting ------------------------------------------------------------------------------


def test_uk_date_and_short() -> None:
    assert uk_date(date(2026, 11, 2)) == "2 Nov 2026"
    assert uk_date(None) == "—"
    assert uk_date(None, empty="") == ""
    assert uk_short(date(2026, 3, 2)) == "02/03/2026"
    assert uk_short(None) == "—"


def test_uk_short_round_trips_through_parse() -> None:
    assert parse_uk_date(uk_short(date(1999, 1, 9))) == date(1999, 1, 9)


def local(*parts: int) -> datetime:
    return datetime(*parts).astimezone()  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (local(2026, 11, 22, 15, 0), "Today 15:00"),
        (local(2026, 11, 23, 9, 30), "Tomorrow 09:30"),
        (local(2026, 11, 24, 10, 0), "Tue 24 Nov"),
        (local(2026, 11, 28, 10, 0), "Sat 28 Nov"),
        (local(2027, 3, 3, 10, 0), "3 Mar 2027"),
        (local(2025, 12, 1, 10, 0), "1 Dec 2025"),
        (datetime(2026, 11, 22, 8, 5), "Today 08:05"),
    ],
)
def test_friendly_when(moment: datetime, expected: str) -> None:
    assert friendly_when(moment, TODAY) == expected


def test_friendly_when_uses_local_time_of_aware_moment() -> None:
    # 23:30 UTC on 1 July is 00:30 on 2 July in London (BST).
    assert friendly_when(datetime(2026, 7, 1, 23, 30, tzinfo=UTC), date(2026, 7, 1)) == (
        "Tomorrow 00:30"
    )


def test_friendly_when_empty() -> None:
    assert friendly_when(None, TODAY) == "—"


# --- age ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "age"),
    [
        (date(2024, 2, 28), 15),
        (date(2024, 2, 29), 16),
        (date(2025, 2, 28), 16),
        (date(2025, 3, 1), 17),
        (date(2028, 2, 28), 19),
        (date(2028, 2, 29), 20),
    ],
)
def test_age_on_leap_day_birthday(on: date, age: int) -> None:
    assert age_on(date(2008, 2, 29), on) == age


# --- check_referral ------------------------------------------------------------------------------


def test_happy_path() -> None:
    result = check_referral(form(), TODAY, DISTRICTS)
    assert result.errors == {}
    assert result.ok
    referral = result.referral
    assert referral is not None
    assert referral.first_name == "Aisha"
    assert referral.last_name == "Khan"
    assert referral.date_of_birth == date(1985, 10, 2)
    assert referral.referral_date == date(2026, 11, 20)
    assert referral.email == "aisha@example.org"
    assert referral.phone == "07700 900123"
    assert referral.postcode == "PR1 2AB"
    assert referral.district == "Preston"
    assert referral.referral_source is ReferralSource.GP
    assert referral.work_situation is WorkSituation.OFF_SICK
    assert referral.employer_name == "Preston Bakery"
    assert referral.consent_processing is True
    assert referral.stage is Stage.REFERRED
    assert referral.stage_reason == ""
    assert result.under_16 is False


def test_referral_date_defaults_to_today() -> None:
    result = check_referral(form(referral_date=""), TODAY, DISTRICTS)
    assert result.referral is not None
    assert result.referral.referral_date == TODAY


@pytest.mark.parametrize(
    "key",
    [
        "first_name",
        "last_name",
        "date_of_birth",
        "district",
        "referral_source",
        "work_situation",
    ],
)
@pytest.mark.parametrize("missing", ["", "   ", None])
def test_each_required_field_has_its_own_message(key: str, missing: str | None) -> None:
    result = check_referral(form(**{key: missing}), TODAY, DISTRICTS)
    assert not result.ok
    assert set(result.errors) == {key}
    assert result.errors[key]


def test_required_messages_all_at_once_and_distinct() -> None:
    result = check_referral({}, TODAY, DISTRICTS)
    for key in ("first_name", "last_name", "date_of_birth", "district", "consent_processing"):
        assert key in result.errors
    assert len(set(result.errors.values())) == len(result.errors)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("email", "aisha@example"),
        ("email", "aisha example.org"),
        ("email", "@example.org"),
        ("phone", "07700 9001"),
        ("phone", "call me"),
        ("phone", "17700 900123"),
        ("postcode", "PR1"),
        ("postcode", "12345"),
        ("date_of_birth", "31/02/1990"),
        ("date_of_birth", "02/10/85"),
        ("referral_date", "2026-02-30"),
        ("referral_source", "neighbour"),
        ("work_situation", "retired"),
        ("first_name", "x" * 101),
        ("employer_name", "x" * 201),
    ],
)
def test_bad_value_gives_message_keyed_by_field(key: str, value: str) -> None:
    result = check_referral(form(**{key: value}), TODAY, DISTRICTS)
    assert not result.ok
    assert set(result.errors) == {key}


@pytest.mark.parametrize("phone", ["+44 7700 900123", "(01772) 123456", "01772-123-456"])
def test_phone_shapes_accepted(phone: str) -> None:
    assert check_referral(form(phone=phone), TODAY, DISTRICTS).ok


def test_optional_contact_details_may_be_blank() -> None:
    result = check_referral(form(email="", phone="", postcode=""), TODAY, DISTRICTS)
    assert result.ok


def test_future_date_of_birth() -> None:
    result = check_referral(form(date_of_birth="23/11/2026"), TODAY, DISTRICTS)
    assert "future" in result.errors["date_of_birth"]
    assert not result.ok


def test_referral_date_in_future() -> None:
    result = check_referral(form(referral_date="23/11/2026"), TODAY, DISTRICTS)
    assert set(result.errors) == {"referral_date"}
    assert "future" in result.errors["referral_date"]


def test_under_16_refused_with_message() -> None:
    result = check_referral(form(date_of_birth="23/11/2010"), TODAY, DISTRICTS)
    assert not result.ok
    assert result.under_16 is True
    assert "under 16" in result.errors["date_of_birth"]
    assert "15" in result.errors["date_of_birth"]


def test_under_16_recorded_as_signposted_when_chosen() -> None:
    result = check_referral(
        form(date_of_birth="23/11/2010"), TODAY, DISTRICTS, record_under_16=True
    )
    assert result.errors == {}
    assert result.referral is not None
    assert result.referral.stage is Stage.SIGNPOSTED
    assert result.referral.stage_reason == UNDER_16_REASON
    assert result.referral.signposted_to == UNDER_16_SIGNPOST


def test_record_under_16_does_not_change_an_adult() -> None:
    result = check_referral(form(), TODAY, DISTRICTS, record_under_16=True)
    assert result.referral is not None
    assert result.referral.stage is Stage.REFERRED


def test_exactly_16_today_is_accepted() -> None:
    result = check_referral(form(date_of_birth="22/11/2010"), TODAY, DISTRICTS)
    assert result.ok
    assert result.under_16 is False
    assert result.referral is not None
    assert result.referral.stage is Stage.REFERRED


@pytest.mark.parametrize("consent", [False, None, "yes", "true"])
def test_consent_missing_refused(consent: bool | str | None) -> None:
    result = check_referral(form(consent_processing=consent), TODAY, DISTRICTS)
    assert not result.ok
    assert set(result.errors) == {"consent_processing"}


def test_input_not_mutated() -> None:
    values = form(date_of_birth="23/11/2010", email="bad")
    before = copy.deepcopy(values)
    check_referral(values, TODAY, DISTRICTS)
    check_referral(form(), TODAY, DISTRICTS)
    assert values == before


def test_postcode_normalised() -> None:
    assert normalise_postcode("pr12ab") == "PR1 2AB"
    assert normalise_postcode(" sw1a  1aa ") == "SW1A 1AA"
    assert normalise_postcode("M1 1AE") == "M1 1AE"
    result = check_referral(form(postcode="pr12ab"), TODAY, DISTRICTS)
    assert result.referral is not None
    assert result.referral.postcode == "PR1 2AB"


def test_district_not_in_settings_refused() -> None:
    result = check_referral(form(district="Burnley"), TODAY, DISTRICTS)
    assert set(result.errors) == {"district"}
