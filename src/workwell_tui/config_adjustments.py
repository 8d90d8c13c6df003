"""Reading the adjustment catalogue: the packaged file, then an area's additions.

The built-in catalogue ships in `domain/adjustments/catalogue.toml`; an area adds headings and
items with `adjustments.toml` in the settings folder. A bad addition (not TOML, an unknown key,
a key used twice) never stops the app: the built-in catalogue is used and the problem comes back
as a message naming the file, the line and what is wrong, for the screen to show.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from workwell_tui.domain.adjustments.catalogue import Catalogue, CatalogueProblem, parse_catalogue

CATALOGUE_FILE = "catalogue.toml"
EXTENSION_FILE = "adjustments.toml"
PACKAGED_LABEL = f"{CATALOGUE_FILE} (shipped with workwell)"


@dataclass(frozen=True)
class LoadedCatalogue:
    """The catalogue to use, and what was wrong with the area's additions (empty: nothing)."""

    catalogue: Catalogue
    problem: str = ""


def packaged_text() -> str:
    """The catalogue file shipped in the package."""
    package = resources.files("workwell_tui.domain.adjustments")
    return package.joinpath(CATALOGUE_FILE).read_text(encoding="utf-8")


def line_of(text: str, where: tuple[str | int, ...]) -> int:
    """The 1-based line of the table or key at `where` (the table's line, or 1, when not found)."""
    lines = text.splitlines()
    start: int | None = None
    if where[0] == "items" and len(where) > 1 and isinstance(where[1], int):
        headers = [n for n, line in enumerate(lines) if re.match(r"^\s*\[\[\s*items\s*\]\]", line)]
        start = headers[where[1]] if where[1] < len(headers) else None
        key_path = where[2:]
    elif where[0] == "groups" and len(where) > 1:
        name = re.escape(str(where[1]))
        header = re.compile(rf"^\s*\[\s*groups\s*\.\s*(\"{name}\"|'{name}'|{name})\s*\]")
        start = next((n for n, line in enumerate(lines) if header.match(line)), None)
        key_path = where[2:]
    else:
        header = re.compile(rf"^\s*\[+\s*{re.escape(str(where[0]))}\b")
        start = next((n for n, line in enumerate(lines) if header.match(line)), None)
        key_path = ()
    if start is None:
        return 1
    if not key_path:
        return start + 1
    key = re.compile(rf"^\s*[\"']?{re.escape(str(key_path[0]))}[\"']?\s*=")
    for number in range(start + 1, len(lines)):
        if lines[number].lstrip().startswith("["):
            break
        if key.match(lines[number]):
            return number + 1
    return start + 1


def _toml_line(error: tomllib.TOMLDecodeError) -> str:
    found = re.search(r"\(at line (\d+), column \d+\)", str(error))
    return f"line {found.group(1)}" if found else "somewhere"


def parse_text(text: str, label: str, base: Catalogue | None = None) -> Catalogue:
    """Check one catalogue file; CatalogueProblem's words become a ValueError naming the line."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error).split(" (at line")[0]
        raise ValueError(
            f"{label}, {_toml_line(error)}: this is not valid TOML ({message})."
        ) from None
    try:
        return parse_catalogue(raw, base)
    except CatalogueProblem as problem:
        line = line_of(text, problem.where)
        raise ValueError(f"{label}, line {line}: {problem.problem}.") from None


@cache
def built_in_catalogue() -> Catalogue:
    """The packaged catalogue (read once)."""
    return parse_text(packaged_text(), PACKAGED_LABEL)


def load_catalogue(config_dir: Path | None) -> LoadedCatalogue:
    """The built-in catalogue plus the config folder's additions, or the built-in one and why."""
    base = built_in_catalogue()
    if config_dir is None:
        return LoadedCatalogue(base)
    extension = config_dir / EXTENSION_FILE
    try:
        text = extension.read_text(encoding="utf-8")
    except FileNotFoundError:
        return LoadedCatalogue(base)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "it is not UTF-8 text"
        problem = f"{extension}: cannot be read ({reason}). Using the built-in list."
        return LoadedCatalogue(base, problem)
    try:
        return LoadedCatalogue(parse_text(text, str(extension), base))
    except ValueError as error:
        return LoadedCatalogue(base, f"{error} Using the built-in list.")
