"""Cleaning typed text: control codes out, words (in any script) and note line breaks kept."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, select

from tests.hostile_strings import FORBIDDEN, HOSTILE
from workwell_tui.config import Settings
from workwell_tui.db.engine import memory_engine
from workwell_tui.db.models import Assessment, Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.enums import ReferralSource, WorkSituation
from workwell_tui.domain.referral import NewReferral, check_referral
from workwell_tui.domain.text import clean_line, clean_note, clean_value, spreadsheet_safe


def test_there_are_at_least_thirty_hostile_strings() -> None:
    assert len(HOSTILE) >= 30


@pytest.mark.parametrize("value", HOSTILE)
def test_clean_line_removes_every_control_code(value: str) -> None:
    cleaned = clean_line(value)
    assert not any(code in cleaned for code in FORBIDDEN)
    assert "\n" not in cleaned and "\t" not in cleaned


def test_clean_line_keeps_words_markup_and_every_script() -> None:
    for value in ("[bold red]X[/]", "Zoë Łódź", "名前", "👩\u200d👩\u200d👧", "e\u0301"):
        assert clean_line(value) == value
    assert clean_line("\x1b[2Jcleared") == "[2Jcleared"
    assert clean_line("\u202eevil\u202c") == "evil"
    assert clean_line("line\nbreak\ttab") == "line break tab"


def test_clean_note_keeps_line_breaks_and_tabs() -> None:
    assert clean_note("one\r\ntwo\tthree\x1b[5m") == "one\ntwo\tthree[5m"
    assert clean_note("a\rb\u2028c") == "a\nb\nc"


def test_clean_value_reaches_inside_answers() -> None:
    answers = {"job": "\x1bcarer", "list": ["a\x00", 3], "n": 4, "ok": True}
    assert clean_value(answers) == {"job": "carer", "list": ["a", 3], "n": 4, "ok": True}


@pytest.mark.parametrize("cell", ["=cmd|' /C calc'!A0", "+1+1", "@SUM(1+1)", "-2+3", "\t=1"])
def test_spreadsheet_safe_neutralises_formulas(cell: str) -> None:
    assert spreadsheet_safe(cell).startswith("'")


def test_spreadsheet_safe_leaves_ordinary_cells() -> None:
    assert spreadsheet_safe("Smith") == "Smith"
    assert spreadsheet_safe("WW-000001") == "WW-000001"


def _referral(first: str, employer: str = "") -> NewReferral:
    return NewReferral(
        first_name=first,
        last_name="Last\x1b]0;pwned\x07",
        preferred_name="\u202eZ",
        date_of_birth=date(1990, 1, 1),
        email="",
        phone="",
        postcode="",
        district="Preston",
        referral_source=ReferralSource.GP,
        referral_date=date(2026, 11, 1),
        work_situation=WorkSituation.OFF_SICK,
        employer_name=employer,
        consent_processing=True,
    )


def test_store_add_referral_strips_control_codes() -> None:
    store = Store(engine=memory_engine(), settings=Settings(), actor="t")
    person = store.add_referral(_referral("A\x00lex\x1b[2J", employer="Care\x1b[5m Ltd"))
    assert person.first_name == "Alex[2J"
    assert person.last_name == "Last]0;pwned"
    assert person.preferred_name == "Z"
    assert person.employer_name == "Care[5m Ltd"


def test_check_referral_strips_control_codes() -> None:
    values: dict[str, str | bool | None] = {
        "first_name": "Al\x1bex",
        "last_name": "Smith\u202e",
        "date_of_birth": "01/01/1990",
        "district": "Preston",
        "referral_source": "gp",
        "work_situation": "off_sick",
        "consent_processing": True,
    }
    result = check_referral(values, date(2026, 11, 22), ("Preston",))
    assert result.referral is not None
    assert (result.referral.first_name, result.referral.last_name) == ("Alex", "Smith")


def test_every_write_is_guarded_even_one_that_forgets_to_clean() -> None:
    engine = memory_engine()
    store = Store(engine=engine, settings=Settings(), actor="t")
    person = store.add_referral(_referral("Alex"))
    with Session(engine) as session:
        stored = session.get(Participant, person.id)
        assert stored is not None
        stored.stage_reason = "why\x1b[2J"
        session.add(stored)
        session.add(
            Assessment(participant_id=person.id, status="draft", answers={"job": "x\x9by\nz"})
        )
        session.commit()
    with Session(engine) as session:
        stored = session.get(Participant, person.id)
        assert stored is not None and stored.stage_reason == "why[2J"
        draft = session.exec(select(Assessment)).one()
        assert draft.answers == {"job": "xy\nz"}
