"""Reading the per-area eligibility rules: the packaged file, then the coach's override.

Parsing lives here, not in `domain/`, because it reads files; the domain checks the parsed table
and says which key is wrong, and this module finds that key's line so the message points at it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import Any

from workwell_tui.config import SettingsError
from workwell_tui.domain.assessment.area_rules import AreaRules, RuleProblem, parse_area_rules

RULES_FILE = "area_rules.toml"
PACKAGED_LABEL = f"{RULES_FILE} (shipped with workwell)"


class AreaRulesError(SettingsError):
    """The area rules file cannot be used; the message names the file, the line and the problem."""


def packaged_rules_text() -> str:
    """The rule file shipped in the package."""
    return resources.files("workwell_tui").joinpath("data", RULES_FILE).read_text(encoding="utf-8")


def _header(where: tuple[str, ...]) -> re.Pattern[str]:
    if where[0] == "areas" and len(where) > 1:
        name = re.escape(where[1])
        return re.compile(rf"^\s*\[\s*areas\s*\.\s*(\"{name}\"|'{name}'|{name})\s*\]")
    return re.compile(rf"^\s*\[\s*{re.escape(where[0])}\s*\]")


def line_of(text: str, where: tuple[str, ...]) -> int:
    """The 1-based line of the table or key at `where` (the table's line, or 1, when not found)."""
    lines = text.splitlines()
    header = _header(where)
    start = next((n for n, line in enumerate(lines) if header.match(line)), None)
    if start is None:
        # A key outside any table, or a table written inline.
        key = re.compile(rf"^\s*{re.escape(where[-1])}\s*=")
        return next((n + 1 for n, line in enumerate(lines) if key.match(line)), 1)
    key_path = where[2:] if where[0] == "areas" else where[1:]
    if not key_path:
        return start + 1
    key = re.compile(rf"^\s*[\"']?{re.escape(key_path[0])}[\"']?\s*=")
    for number in range(start + 1, len(lines)):
        if lines[number].lstrip().startswith("["):
            break  # the next table: the key is not written here
        if key.match(lines[number]):
            return number + 1
    return start + 1


def parse_rules_text(text: str, label: str) -> tuple[dict[str, Any], AreaRules]:
    """The raw table and the checked rules of one file; AreaRulesError names file and line."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        # tomllib's own message carries "(at line N, column M)".
        raise AreaRulesError(f"{label}: this is not valid TOML ({error}).") from None
    try:
        return raw, parse_area_rules(raw)
    except RuleProblem as problem:
        where = ".".join(problem.where)
        raise AreaRulesError(
            f"{label}, line {line_of(text, problem.where)}: '{where}' {problem.problem}."
        ) from None


def load_area_rules(config_dir: Path) -> AreaRules:
    """The packaged rules, with any tables the config folder's `area_rules.toml` replaces."""
    _, rules = parse_rules_text(packaged_rules_text(), PACKAGED_LABEL)
    override = config_dir / RULES_FILE
    if not override.exists():
        return rules
    try:
        text = override.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise AreaRulesError(f"{override}: cannot be read ({error}).") from None
    raw, mine = parse_rules_text(text, str(override))
    return replace(
        rules,
        default=mine.default if "default" in raw else rules.default,
        areas={**rules.areas, **mine.areas},
    )
