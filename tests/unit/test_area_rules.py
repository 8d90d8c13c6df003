"""Eligibility rules as data per area: the shipped file, the override, bad files, two areas."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from workwell_tui.config import SettingsError, load_settings, parse_settings
from workwell_tui.config_area_rules import (
    RULES_FILE,
    AreaRulesError,
    load_area_rules,
    packaged_rules_text,
)
from workwell_tui.domain.assessment.area_rules import (
    NATIONAL_RULE,
    AreaRule,
    OutOfWork,
    rule_answers,
    rule_of,
)
from workwell_tui.domain.assessment.eligibility import EligibilityAnswers, assess_eligibility
from workwell_tui.domain.assessment.flow import eligibility_of, hint_for, visible_questions
from workwell_tui.domain.assessment.steps import ELIGIBILITY, LOCAL, OUT_OF_WORK_FOR_HEALTH

from .test_assessment_flow import TODAY, eligible_answers

NCL = "North Central London"
LSC = "Lancashire and South Cumbria"


def test_the_shipped_file_has_lancashire_as_today_and_north_central_london() -> None:
    rules = load_area_rules(Path("/nonexistent"))
    lancashire = rules.for_area(LSC)
    assert (lancashire.minimum_age, lancashire.out_of_work, lancashire.local_to) == (
        16,
        OutOfWork.UNDER_6_MONTHS,
        "",
    )
    london = rules.for_area(NCL)
    assert london.out_of_work is OutOfWork.BECAUSE_OF_HEALTH
    assert london.local_to == "Barnet, Camden, Enfield, Haringey or Islington"


def test_an_unlisted_area_gets_the_national_criteria_under_its_own_name() -> None:
    rule = load_area_rules(Path("/nonexistent")).for_area("Norfolk and Waveney")
    assert rule == replace(NATIONAL_RULE, area="Norfolk and Waveney")


def test_the_shipped_file_is_in_the_package() -> None:
    assert '[areas."North Central London"]' in packaged_rules_text()


def test_a_file_in_the_config_folder_replaces_one_area(tmp_path: Path) -> None:
    (tmp_path / RULES_FILE).write_text('[areas."Lancashire and South Cumbria"]\nminimum_age = 18\n')
    rules = load_area_rules(tmp_path)
    assert rules.for_area(LSC).minimum_age == 18
    assert rules.for_area(NCL).out_of_work is OutOfWork.BECAUSE_OF_HEALTH  # untouched


def test_settings_carry_the_rule_of_their_area(tmp_path: Path) -> None:
    (tmp_path / "settings.toml").write_text(f'area = "{NCL}"\n')
    settings = load_settings(tmp_path / "settings.toml")
    assert settings.eligibility_rule.area == NCL
    assert settings.eligibility_rule.local_to.startswith("Barnet")


@pytest.mark.parametrize(
    ("text", "line", "problem"),
    [
        (
            '# rules\n\n[areas."North Central London"]\nminimum_age = 16\nout_of_work = "ever"\n',
            5,
            "'areas.North Central London.out_of_work' must be one of",
        ),
        ("[default]\nsource = 'x'\n\nminimum_age = 'sixteen'\n", 4, "16 to 25"),
        ("[default]\nminimum_age = 16\nbanana = 1\n", 3, "unknown key 'banana'"),
        ("[default]\n\n[cheese]\nx = 1\n", 3, "unknown table 'cheese'"),
        ("[default]\nminimum_age = 16\nlocal_to = \n", 3, "not valid TOML"),
    ],
)
def test_a_bad_rule_file_names_the_file_the_line_and_the_problem(
    tmp_path: Path, text: str, line: int, problem: str
) -> None:
    path = tmp_path / RULES_FILE
    path.write_text(text)
    with pytest.raises(AreaRulesError) as caught:
        load_area_rules(tmp_path)
    message = str(caught.value)
    assert message.startswith(str(path)) and problem in message
    assert f"line {line}" in message
    assert isinstance(caught.value, SettingsError)  # shown like any settings problem


def test_any_area_name_is_accepted_and_pilot_areas_stay_listed() -> None:
    settings = parse_settings({"area": "Norfolk  and Waveney"})
    assert settings.area == "Norfolk and Waveney"
    assert settings.districts == ("Norfolk and Waveney",)
    with pytest.raises(SettingsError):
        parse_settings({"area": "  "})


def test_the_rule_is_recorded_in_the_answers_and_read_back() -> None:
    rule = AreaRule(NCL, 16, OutOfWork.BECAUSE_OF_HEALTH, "Barnet or Camden")
    assert rule_of(rule_answers(rule)) == rule
    assert rule_of({}) == NATIONAL_RULE  # drafts started before rules were data


# Two areas, one person ----------------------------------------------------------------------

LONDON = rule_answers(AreaRule(NCL, 16, OutOfWork.BECAUSE_OF_HEALTH, "Barnet or Camden"))
LANCASHIRE = rule_answers(AreaRule(LSC))


def test_out_of_work_a_year_because_of_health_differs_by_area() -> None:
    answers = eligible_answers(work_situation="out_of_work_long", **{LOCAL: "yes"})
    assert eligibility_of({**answers, **LANCASHIRE}, TODAY).blockers == (
        "out of work 6 months or more",
    )
    london = {**answers, **LONDON}
    assert eligibility_of(london, TODAY).missing == ("out of work because of health",)
    assert eligibility_of({**london, OUT_OF_WORK_FOR_HEALTH: "yes"}, TODAY).eligible
    refused = eligibility_of({**london, OUT_OF_WORK_FOR_HEALTH: "no"}, TODAY)
    assert refused.blockers == ("out of work for reasons other than health",)


def test_north_central_london_asks_where_they_live_or_have_a_gp() -> None:
    london = {**eligible_answers(), **LONDON}
    keys = [question.key for question in visible_questions(ELIGIBILITY, london)]
    assert LOCAL in keys and OUT_OF_WORK_FOR_HEALTH not in keys  # in work: not asked
    [local] = [q for q in visible_questions(ELIGIBILITY, london) if q.key == LOCAL]
    assert hint_for(local, london) == "Lives in, or is registered with a GP in, Barnet or Camden"
    assert eligibility_of(london, TODAY).missing == ("lives or has a GP in the area",)
    assert eligibility_of({**london, LOCAL: "yes"}, TODAY).eligible
    away = eligibility_of({**london, LOCAL: "no"}, TODAY)
    assert away.blockers == ("does not live or have a GP in Barnet or Camden",)
    lancashire = {**eligible_answers(), **LANCASHIRE}
    assert LOCAL not in [q.key for q in visible_questions(ELIGIBILITY, lancashire)]
    assert eligibility_of(lancashire, TODAY).eligible


def test_a_higher_minimum_age_is_applied() -> None:
    answers = EligibilityAnswers(date_of_birth=date(2009, 1, 1))
    older = assess_eligibility(answers, TODAY, AreaRule("X", minimum_age=18))
    assert older.blockers == ("under 18",)
    assert "17" not in " ".join(assess_eligibility(answers, TODAY).blockers)
