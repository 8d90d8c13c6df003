"""The adjustment catalogue: headings and the adjustments under them, checked from parsed TOML.

The catalogue is data (`catalogue.toml`, shipped in this package) so an area can add its own
without code: a file in the settings folder adds headings and items, never changes or removes the
built-in ones (stored adjustments point at item keys, so a key must keep its meaning). Reading
files happens outside `domain/` (see `config_adjustments.py`); here a parsed table is checked and
`CatalogueProblem` says which key is wrong, so the loader can name the file and line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from workwell_tui.domain.enums import AdjustmentOwner
from workwell_tui.domain.text import clean_line

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
GROUP_KEYS = ("title", "facts", "raised_word", "done_word")
ITEM_KEYS = ("key", "group", "label", "description", "who", "free_text")
MAX_LABEL = 80


@dataclass(frozen=True)
class Group:
    """One heading of the checklist, with the facts a coach needs beside it."""

    key: str
    title: str
    facts: tuple[str, ...] = ()
    raised_word: str = "raised"
    done_word: str = "in place"


@dataclass(frozen=True)
class CatalogueItem:
    """One adjustment that can be asked for."""

    key: str
    group: str
    label: str
    description: str = ""
    who: AdjustmentOwner = AdjustmentOwner.EMPLOYER
    free_text: bool = False


@dataclass(frozen=True)
class Catalogue:
    """Headings in checklist order, and the items under them in catalogue order."""

    groups: tuple[Group, ...]
    items: tuple[CatalogueItem, ...]
    _by_key: Mapping[str, CatalogueItem] = field(default_factory=dict, compare=False, repr=False)
    _groups: Mapping[str, Group] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {item.key: item for item in self.items})
        object.__setattr__(self, "_groups", {group.key: group for group in self.groups})

    def item(self, key: str) -> CatalogueItem | None:
        """The item with this key, or None (a key from an extension no longer in use)."""
        return self._by_key.get(key)

    def group(self, key: str) -> Group | None:
        """The heading with this key, or None."""
        return self._groups.get(key)

    def in_group(self, key: str) -> tuple[CatalogueItem, ...]:
        """The items under one heading, in catalogue order."""
        return tuple(item for item in self.items if item.group == key)

    def position(self, key: str) -> int:
        """Where an item comes in the catalogue (unknown keys last)."""
        item = self._by_key.get(key)
        return self.items.index(item) if item is not None else len(self.items)


class CatalogueProblem(ValueError):
    """One wrong key; `where` is its path, such as ("items", 3, "who") or ("groups", "x")."""

    def __init__(self, where: tuple[str | int, ...], problem: str) -> None:
        super().__init__(problem)
        self.where = where
        self.problem = problem


def _one_line(value: str) -> str:
    # One line on screen: no tabs, newlines or control codes (an area's file is typed text too).
    return " ".join(clean_line(value).split())


def _text(
    table: Mapping[str, Any],
    key: str,
    where: tuple[str | int, ...],
    *,
    required: bool = False,
    default: str = "",
) -> str:
    value = table.get(key, default)
    if not isinstance(value, str):
        raise CatalogueProblem((*where, key), f"'{key}' must be text in quotes, not {value!r}")
    value = _one_line(value)
    if required and not value:
        raise CatalogueProblem((*where, key), f"'{key}' is needed and cannot be empty")
    if len(value) > (MAX_LABEL if key in ("label", "title") else 300):
        raise CatalogueProblem((*where, key), f"'{key}' is too long")
    return value


def _check_keys(table: Any, known: Sequence[str], where: tuple[str | int, ...]) -> None:
    if not isinstance(table, Mapping):
        raise CatalogueProblem(where, "must be a table of keys")
    for key in table:
        if key not in known:
            raise CatalogueProblem(
                (*where, key), f"unknown key '{key}'; known keys: {', '.join(known)}"
            )


def _group(key: str, table: Any) -> Group:
    where: tuple[str | int, ...] = ("groups", key)
    if not KEY_PATTERN.match(key):
        raise CatalogueProblem(where, f"heading key '{key}' must be lower-case letters, digits, _")
    _check_keys(table, GROUP_KEYS, where)
    facts = table.get("facts", [])
    if not isinstance(facts, list) or not all(isinstance(fact, str) for fact in facts):
        raise CatalogueProblem((*where, "facts"), "'facts' must be a list of texts in quotes")
    return Group(
        key,
        _text(table, "title", where, required=True),
        tuple(_one_line(fact) for fact in facts),
        _text(table, "raised_word", where, default="raised") or "raised",
        _text(table, "done_word", where, default="in place") or "in place",
    )


def _item(index: int, table: Any, groups: Mapping[str, Group]) -> CatalogueItem:
    where: tuple[str | int, ...] = ("items", index)
    _check_keys(table, ITEM_KEYS, where)
    key = _text(table, "key", where, required=True)
    if not KEY_PATTERN.match(key):
        raise CatalogueProblem(
            (*where, "key"), f"key '{key}' must be lower-case letters, digits and _ (up to 40)"
        )
    group = _text(table, "group", where, required=True)
    if group not in groups:
        raise CatalogueProblem(
            (*where, "group"), f"there is no heading '{group}'; known: {', '.join(groups)}"
        )
    who_text = table.get("who", AdjustmentOwner.EMPLOYER.value)
    if who_text not in {owner.value for owner in AdjustmentOwner}:
        allowed = ", ".join(owner.value for owner in AdjustmentOwner)
        raise CatalogueProblem((*where, "who"), f"'who' must be one of {allowed}, not {who_text!r}")
    free_text = table.get("free_text", False)
    if not isinstance(free_text, bool):
        raise CatalogueProblem((*where, "free_text"), "'free_text' must be true or false")
    return CatalogueItem(
        key,
        group,
        _text(table, "label", where, required=True),
        _text(table, "description", where),
        AdjustmentOwner(who_text),
        free_text,
    )


def parse_catalogue(raw: Mapping[str, Any], base: Catalogue | None = None) -> Catalogue:
    """Check a parsed catalogue table; with `base`, an extension that may only add to it."""
    for key in raw:
        if key not in ("groups", "items"):
            raise CatalogueProblem((key,), f"unknown table '{key}'; use [groups.KEY] or [[items]]")
    groups_raw = raw.get("groups", {})
    if not isinstance(groups_raw, Mapping):
        raise CatalogueProblem(("groups",), "must hold tables such as [groups.local]")
    groups: dict[str, Group] = {group.key: group for group in base.groups} if base else {}
    for key, table in groups_raw.items():
        if key in groups:
            raise CatalogueProblem(
                ("groups", key), f"heading '{key}' is already in the catalogue: use a new key"
            )
        groups[key] = _group(str(key), table)
    items_raw = raw.get("items", [])
    if not isinstance(items_raw, list):
        raise CatalogueProblem(("items",), "write each item as its own [[items]] table")
    items: dict[str, CatalogueItem] = {item.key: item for item in base.items} if base else {}
    for index, table in enumerate(items_raw):
        item = _item(index, table, groups)
        if item.key in items:
            raise CatalogueProblem(
                ("items", index, "key"), f"key '{item.key}' is already used: choose another"
            )
        items[item.key] = item
    # Headings keep their order; items follow their heading, in the order they were written.
    ordered = tuple(item for group in groups for item in items.values() if item.group == group)
    return Catalogue(tuple(groups.values()), ordered)
