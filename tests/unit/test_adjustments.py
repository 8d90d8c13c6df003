"""Adjustments: the catalogue and its extension files, statuses, consent, checks, suggestions."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.hostile_strings import HOSTILE
from workwell_tui.config_adjustments import (
    EXTENSION_FILE,
    built_in_catalogue,
    load_catalogue,
)
from workwell_tui.domain.adjustments.consent import (
    NO_EMPLOYER_CONSENT,
    NO_HEALTH_CONSENT,
    Consents,
    Shareable,
    employer_lines,
    share_problem,
    share_word,
)
from workwell_tui.domain.adjustments.details import check_details, check_fit_note
from workwell_tui.domain.adjustments.records import summarise
from workwell_tui.domain.adjustments.status import (
    PATH,
    StatusDates,
    dates_after,
    next_status,
    previous_status,
    status_of,
    waiting_too_long,
)
from workwell_tui.domain.adjustments.suggested import reason_for, suggestions_from_assessment
from workwell_tui.domain.assessment.adjustment_items import ADJUSTMENTS
from workwell_tui.domain.assessment.suggestions import suggest_adjustments
from workwell_tui.domain.enums import AdjustmentOwner
from workwell_tui.domain.enums import AdjustmentStatus as S

TODAY = date(2026, 11, 22)


# The catalogue -------------------------------------------------------------------------------


def test_built_in_catalogue_has_the_five_headings_and_every_suggested_key() -> None:
    catalogue = built_in_catalogue()
    assert [group.title for group in catalogue.groups] == [
        "Fit note advice",
        "Flexible working",
        "Adaptive technology and equipment",
        "Access to Work",
        "Employer conversations",
    ]
    # Every adjustment the assessment can suggest has a place on the checklist.
    assert all(catalogue.item(item.key) is not None for item in ADJUSTMENTS)
    for key in ("phased_return", "altered_hours", "amended_duties", "workplace_adaptations"):
        assert catalogue.item(key).group == "fit_note"  # type: ignore[union-attr]
    labels = {item.label for item in catalogue.items}
    assert {
        "Sit-stand desk",
        "Speech-to-text",
        "Mental Health Support Service",
        "Reasonable adjustments (Equality Act 2010)",
        "Wellness action plan",
    } <= labels
    assert catalogue.item("other_equipment").free_text  # type: ignore[union-attr]
    facts = " ".join(fact for group in catalogue.groups for fact in group.facts)
    assert "0800 121 7479" in facts and "first day" in facts and "two months" in facts
    assert "pharmacists and physiotherapists" in facts and "self-employed" in facts
    assert catalogue.group("access_to_work").raised_word == "applied"  # type: ignore[union-attr]


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / EXTENSION_FILE
    path.write_text(text, encoding="utf-8")
    return path


def test_an_area_adds_a_heading_and_items(tmp_path: Path) -> None:
    write(
        tmp_path,
        '[groups.local]\ntitle = "Local schemes"\n\n'
        '[[items]]\nkey = "bike_scheme"\ngroup = "local"\nlabel = "Cycle to work scheme"\n'
        'who = "employer"\n\n'
        '[[items]]\nkey = "braille_display"\ngroup = "technology"\nlabel = "Braille display"\n',
    )
    loaded = load_catalogue(tmp_path)
    assert loaded.problem == ""
    catalogue = loaded.catalogue
    assert catalogue.groups[-1].title == "Local schemes"
    assert catalogue.item("bike_scheme").who is AdjustmentOwner.EMPLOYER  # type: ignore[union-attr]
    tech = [item.key for item in catalogue.in_group("technology")]
    assert tech[-1] == "braille_display" and "sit_stand_desk" in tech
    assert len(catalogue.items) == len(built_in_catalogue().items) + 2


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            '[[items]]\nkey = "x"\ngroup = "fit_note"\nlabel = "X"\nlabell = "typo"\n',
            5,
            "unknown key 'labell'",
        ),
        (
            '[[items]]\nkey = "x"\ngroup = "fit_note"\nlabel = "X"\n\n'
            '[[items]]\nkey = "x"\ngroup = "fit_note"\nlabel = "Again"\n',
            7,
            "already used",
        ),
        (
            '[[items]]\nkey = "altered_hours"\ngroup = "fit_note"\nlabel = "Mine"\n',
            2,
            "already used",
        ),
        ('[[items]]\nkey = "x"\ngroup = "nowhere"\nlabel = "X"\n', 3, "no heading 'nowhere'"),
        (
            '[[items]]\nkey = "x"\ngroup = "fit_note"\nlabel = "X"\nwho = "boss"\n',
            5,
            "'who' must be one of",
        ),
        ('[groups.fit_note]\ntitle = "Mine"\n', 1, "already in the catalogue"),
        ('\n\n[[items]\nkey = "x"\n', 3, "not valid TOML"),
        ('[[items]]\nkey = "Bad Key"\ngroup = "fit_note"\nlabel = "X"\n', 2, "lower-case"),
        ('[[items]]\nkey = "x"\ngroup = "fit_note"\n', 1, "'label' is needed"),
        ("surprise = 1\n", 1, "unknown table 'surprise'"),
    ],
)
def test_a_bad_extension_names_file_line_and_problem_and_the_built_in_list_stays(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    path = write(tmp_path, text)
    loaded = load_catalogue(tmp_path)
    assert loaded.catalogue == built_in_catalogue()
    assert str(path) in loaded.problem
    assert f"line {line}" in loaded.problem
    assert words in loaded.problem
    assert "built-in list" in loaded.problem


def test_an_unreadable_extension_is_a_message_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / EXTENSION_FILE).mkdir(parents=True)  # a folder where the file should be
    loaded = load_catalogue(tmp_path)
    assert loaded.catalogue == built_in_catalogue()
    assert "cannot be read" in loaded.problem
    write(tmp_path / "latin", "")
    (tmp_path / "latin" / EXTENSION_FILE).write_bytes(b'label = "caf\xe9"\n')
    assert "not UTF-8" in load_catalogue(tmp_path / "latin").problem


def test_no_config_folder_or_no_file_is_the_built_in_list(tmp_path: Path) -> None:
    assert load_catalogue(None).catalogue == built_in_catalogue()
    assert load_catalogue(tmp_path / "missing") == load_catalogue(None)


def test_hostile_text_in_an_extension_is_one_plain_line(tmp_path: Path) -> None:
    write(tmp_path, '[[items]]\nkey = "x"\ngroup = "fit_note"\nlabel = "A\\u001b[2Jb\\tc\\nd"\n')
    item = load_catalogue(tmp_path).catalogue.item("x")
    assert item is not None and "\x1b" not in item.label and "\n" not in item.label


# Statuses -------------------------------------------------------------------------------------


def test_space_moves_along_the_path_and_stops_at_in_place() -> None:
    assert PATH == (S.SUGGESTED, S.DISCUSSED, S.AGREED, S.RAISED, S.IN_PLACE)
    seen = [S.SUGGESTED]
    while (step := next_status(seen[-1])) is not None:
        seen.append(step)
    assert tuple(seen) == PATH
    assert next_status(S.DECLINED) is None and next_status(S.NOT_APPLICABLE) is None
    assert previous_status(S.IN_PLACE) is S.RAISED
    assert previous_status(S.SUGGESTED) is None
    assert previous_status(S.DECLINED) is S.SUGGESTED
    assert status_of("requested") is S.SUGGESTED  # an unknown value reads safely


def test_moving_on_fills_the_date_reached_and_keeps_typed_dates() -> None:
    empty = StatusDates(None, None, None)
    assert dates_after(S.AGREED, empty, TODAY).agreed_on == TODAY
    assert dates_after(S.RAISED, empty, TODAY).raised_on == TODAY
    assert dates_after(S.IN_PLACE, empty, TODAY).in_place_on == TODAY
    typed = StatusDates(None, date(2026, 11, 1), None)
    assert dates_after(S.RAISED, typed, TODAY).raised_on == date(2026, 11, 1)
    assert dates_after(S.DISCUSSED, empty, TODAY) == empty


def test_raised_and_quiet_for_21_days_is_flagged() -> None:
    assert waiting_too_long(S.RAISED, TODAY - timedelta(days=21), TODAY)
    assert not waiting_too_long(S.RAISED, TODAY - timedelta(days=20), TODAY)
    assert not waiting_too_long(S.IN_PLACE, TODAY - timedelta(days=60), TODAY)


def test_summary_line() -> None:
    old = TODAY - timedelta(days=30)
    summary = summarise(
        [("in_place", TODAY), ("in_place", TODAY), ("raised", old), ("raised", TODAY),
         ("raised", TODAY), ("suggested", TODAY), ("not_applicable", TODAY)],
        TODAY,
    )  # fmt: skip
    assert summary.line == (
        "6 adjustments: 2 in place, 3 waiting on employer, 1 with no update for 21 days"
    )
    assert summary.open == 4
    assert summarise([], TODAY).line == "No adjustments yet"


# Consent --------------------------------------------------------------------------------------


def test_sharing_needs_employer_consent_and_health_notes_need_health_consent() -> None:
    none, employer, both = Consents(), Consents(True, False), Consents(True, True)
    assert share_problem(none, note_has_health=False) == NO_EMPLOYER_CONSENT
    assert share_problem(employer, note_has_health=False) is None
    assert share_problem(employer, note_has_health=True) == NO_HEALTH_CONSENT
    assert share_problem(both, note_has_health=True) is None
    assert share_word(True, none) == "no consent"
    assert share_word(True, employer) == "shared"
    assert share_word(False, both) == "not shared"


def item(label: str, *, shared: bool, health: bool = False) -> Shareable:
    return Shareable(label, "raised", "employer", TODAY, None, None, "note: back pain",
                     health, "low mood (severe)", shared)  # fmt: skip


def test_employer_copy_carries_only_what_was_consented() -> None:
    items = [item("A", shared=True), item("B", shared=False), item("C", shared=True, health=True)]
    assert employer_lines(items, Consents()) == []  # consent withdrawn: nothing at all
    lines = employer_lines(items, Consents(True, False))
    assert [line.label for line in lines] == ["A", "C"]
    assert lines[0].note == "note: back pain" and lines[1].note == ""  # health note held back
    assert all(line.reason == "" for line in lines)  # the assessment's reasons are health detail
    full = employer_lines(items, Consents(True, True))
    assert full[1].note == "note: back pain" and full[0].reason == "low mood (severe)"


# The details form ---------------------------------------------------------------------------


def form(**changes: str | bool | None) -> dict[str, str | bool | None]:
    values: dict[str, str | bool | None] = {
        "status": "raised", "owner": "employer", "raised_on": "10/11/2026", "due_on": "",
        "in_place_on": "", "notes": "", "employer_note": "", "employer_note_health": False,
        "share": False, "objective_id": None, "referral_id": None,
    }  # fmt: skip
    values.update(changes)
    return values


def test_details_problems_are_by_field() -> None:
    result = check_details(
        form(raised_on="31/02/2026", due_on="soon", in_place_on="01/12/2026", status="nope"),
        Consents(True),
        TODAY,
    )
    assert result.draft is None
    assert set(result.errors) == {"raised_on", "due_on", "in_place_on", "status"}
    assert "no day 31" in result.errors["raised_on"]
    assert "still to come" in result.errors["in_place_on"]
    result = check_details(form(in_place_on="01/11/2026"), Consents(True), TODAY)
    assert "before it was raised" in result.errors["in_place_on"]
    assert "label" in check_details(form(), Consents(True), TODAY, free_text=True).errors


def test_details_share_follows_consent() -> None:
    assert check_details(form(share=True), Consents(), TODAY).errors["share"] == (
        NO_EMPLOYER_CONSENT
    )
    health = form(share=True, employer_note_health=True, employer_note="Back pain")
    assert check_details(health, Consents(True), TODAY).errors["share"] == NO_HEALTH_CONSENT
    draft = check_details(health, Consents(True, True), TODAY).draft
    assert draft is not None and draft.share and draft.employer_note_health
    assert check_details(form(share=False), Consents(), TODAY).draft is not None


@pytest.mark.parametrize("hostile", HOSTILE[:20])
def test_details_keep_hostile_text_as_plain_words(hostile: str) -> None:
    result = check_details(
        form(notes=hostile, employer_note=hostile, label=hostile), Consents(True), TODAY,
        free_text=True,
    )  # fmt: skip
    draft = result.draft
    if draft is not None:
        for text in (draft.notes, draft.employer_note, draft.label):
            assert "\x1b" not in text and "\x07" not in text


def test_fit_note_checks() -> None:
    good = {"issued_by": "pharmacist", "issued_on": "02/11/2026", "review_on": "30/11/2026",
            "comments": "Cannot sit for long"}  # fmt: skip
    result = check_fit_note(good, ("altered_hours", "made_up"), TODAY)
    assert result.draft is not None and result.draft.advice == ("altered_hours",)
    bad = {**good, "issued_by": "manager", "review_on": "01/11/2026"}
    assert set(check_fit_note(bad, (), TODAY).errors) == {"issued_by", "review_on"}


# Suggestions from the assessment --------------------------------------------------------------


def test_suggestions_say_why_fit_note_first() -> None:
    severities = {"physical.pain": 3, "psychological.stress": 2}
    advice = ["altered_hours", "phased_return"]
    chosen = suggest_adjustments(severities, fit_note_advice=advice, in_work=True)
    suggestions = suggestions_from_assessment(chosen, severities, advice, "off_sick")
    reasons = {s.key: s.reason for s in suggestions}
    assert [s.key for s in suggestions][:2] == ["altered_hours", "phased_return"]
    assert reasons["altered_hours"] == "fit note: altered hours"
    assert reasons["access_to_work"].startswith("severe physical barrier")
    assert reasons["amended_duties"] == "pain (severe)"
    assert reasons["flexible_working"] == "stress (moderate)"
    assert suggestions[-1].key == "return_to_work_meeting"
    assert suggestions[-1].reason == "work: off sick"
    assert reason_for("quiet_space", {}, []) == "assessment"
    struggling = suggestions_from_assessment([], {}, [], "struggling")
    assert [s.key for s in struggling] == ["line_manager_conversation"]
    assert suggestions_from_assessment([], {}, [], "out_of_work_short") == []
