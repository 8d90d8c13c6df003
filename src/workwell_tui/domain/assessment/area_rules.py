"""Who WorkWell is for differs by area, so the rule is data: one `AreaRule` per area.

The rules come from `area_rules.toml` (shipped in the package, overridable from the config
folder); `parse_area_rules` checks the parsed table and says which key is wrong, and the loader
outside `domain/` turns that into a message naming the file and line. When an assessment starts,
the area's rule is written into its answers (`rule_answers`), so a draft is always judged by the
rule it was started under, and the saved record says which rule that was.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from workwell_tui.domain.assessment.questions import Answer, Answers


class OutOfWork(StrEnum):
    """Which people out of work an area takes."""

    # National criteria and Lancashire and South Cumbria: out of work for less than six months.
    UNDER_6_MONTHS = "under_6_months"
    # North Central London: out of work because of their health, however long.
    BECAUSE_OF_HEALTH = "because_of_health"


@dataclass(frozen=True)
class AreaRule:
    """One area's eligibility rule."""

    area: str = ""
    minimum_age: int = 16
    out_of_work: OutOfWork = OutOfWork.UNDER_6_MONTHS
    # Places named in "lives in, or is registered with a GP in, …"; empty: not asked.
    local_to: str = ""
    # Where the rule is published: a citation, not part of the rule, so not compared.
    source: str = field(default="", compare=False)


# The national WorkWell criteria (DWP and DHSC, "WorkWell" prospectus and GOV.UK WorkWell
# guidance, 2024): aged 16 or over; in work and off sick or struggling because of health, or
# out of work for under six months. Used for any area the rule file does not list.
NATIONAL_RULE = AreaRule(
    source="DWP/DHSC WorkWell national criteria (GOV.UK, 2024)",
)


@dataclass(frozen=True)
class AreaRules:
    """The default rule and the areas that differ from it."""

    default: AreaRule = NATIONAL_RULE
    areas: Mapping[str, AreaRule] = field(default_factory=dict)

    def for_area(self, area: str) -> AreaRule:
        """The rule for `area`: its own when listed, else the default under the area's name."""
        return self.areas.get(area) or replace(self.default, area=area)


class RuleProblem(ValueError):
    """One wrong key in the rule table; `where` is its path, such as ("default", "minimum_age")."""

    def __init__(self, where: tuple[str, ...], problem: str) -> None:
        super().__init__(problem)
        self.where = where
        self.problem = problem


_KEYS = ("minimum_age", "out_of_work", "local_to", "source")


def _rule(table: Any, where: tuple[str, ...], area: str) -> AreaRule:
    if not isinstance(table, Mapping):
        raise RuleProblem(where, "must be a table of rule keys")
    for key in table:
        if key not in _KEYS:
            raise RuleProblem((*where, key), f"unknown key '{key}'; known: {', '.join(_KEYS)}")
    age = table.get("minimum_age", NATIONAL_RULE.minimum_age)
    if isinstance(age, bool) or not isinstance(age, int) or not 16 <= age <= 25:
        # WorkWell is for people of working age; 16 is the national floor.
        raise RuleProblem((*where, "minimum_age"), f"must be a whole number 16 to 25, not {age!r}")
    raw_out = table.get("out_of_work", NATIONAL_RULE.out_of_work.value)
    if raw_out not in {choice.value for choice in OutOfWork}:
        allowed = ", ".join(f'"{choice.value}"' for choice in OutOfWork)
        raise RuleProblem((*where, "out_of_work"), f"must be one of {allowed}, not {raw_out!r}")
    texts: dict[str, str] = {}
    for key in ("local_to", "source"):
        value = table.get(key, "")
        if not isinstance(value, str):
            raise RuleProblem((*where, key), f"must be text in quotes, not {value!r}")
        texts[key] = value.strip()
    return AreaRule(area, age, OutOfWork(raw_out), texts["local_to"], texts["source"])


def parse_area_rules(raw: Mapping[str, Any]) -> AreaRules:
    """Check a parsed rule table (`[default]`, `[areas."Name"]`); RuleProblem says what is off."""
    for key in raw:
        if key not in ("default", "areas"):
            raise RuleProblem((key,), f"unknown table '{key}'; use [default] or [areas.\"Name\"]")
    default = _rule(raw.get("default", {}), ("default",), "")
    areas_raw = raw.get("areas", {})
    if not isinstance(areas_raw, Mapping):
        raise RuleProblem(("areas",), 'must hold tables such as [areas."North Central London"]')
    areas = {
        str(name).strip(): _rule(table, ("areas", str(name)), str(name).strip())
        for name, table in areas_raw.items()
    }
    return AreaRules(default, areas)


# The rule an assessment was started under, kept in its answers. These keys are not questions,
# so nothing prunes them and the summary does not list them.
RULE_AREA = "rule.area"
RULE_MINIMUM_AGE = "rule.minimum_age"
RULE_OUT_OF_WORK = "rule.out_of_work"
RULE_LOCAL_TO = "rule.local_to"


def rule_answers(rule: AreaRule) -> dict[str, Answer]:
    """The answers that record `rule` in an assessment."""
    return {
        RULE_AREA: rule.area,
        RULE_MINIMUM_AGE: rule.minimum_age,
        RULE_OUT_OF_WORK: rule.out_of_work.value,
        RULE_LOCAL_TO: rule.local_to,
    }


def rule_of(answers: Answers) -> AreaRule:
    """The rule an assessment was started under (the national one for older drafts)."""
    area = answers.get(RULE_AREA)
    age = answers.get(RULE_MINIMUM_AGE)
    out = answers.get(RULE_OUT_OF_WORK)
    local = answers.get(RULE_LOCAL_TO)
    return AreaRule(
        area=area if isinstance(area, str) else "",
        minimum_age=age if isinstance(age, int) and not isinstance(age, bool) else 16,
        out_of_work=OutOfWork(out)
        if out in {c.value for c in OutOfWork}
        else OutOfWork.UNDER_6_MONTHS,
        local_to=local if isinstance(local, str) else "",
    )
