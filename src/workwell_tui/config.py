"""Settings and paths.

Settings live in `settings.toml` in the user config dir (created with commented defaults on first
run). Paths come from platformdirs; `--data-dir` / `WORKWELL_DATA_DIR`, `--database-url` /
`WORKWELL_DATABASE_URL` and `WORKWELL_CONFIG_DIR` override them. A bad settings file raises
`SettingsError` naming the key and the problem; callers show it without a traceback.
Who WorkWell is for is read from `area_rules.toml` (see `config_area_rules`) for the chosen area.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from workwell_tui.domain.areas import DEFAULT_AREA, PILOT_AREAS, default_districts
from workwell_tui.domain.assessment.area_rules import NATIONAL_RULE, AreaRule

APP_NAME = "workwell-tui"
DATABASE_FILE = "workwell.sqlite3"
DEMO_DATABASE_FILE = "demo.sqlite3"
SETTINGS_FILE = "settings.toml"
# Keeping a participant's details rests on the service's privacy notice (for an NHS service
# usually "public task" under UK GDPR, not consent), so each area words its own sentence.
DEFAULT_PRIVACY_NOTICE = (
    "WorkWell keeps their details to give them support, as the service's privacy notice explains."
)


class SettingsError(Exception):
    """The settings file cannot be used; the message says which key and why."""


@dataclass(frozen=True)
class Settings:
    """What a coach or their service can change."""

    area: str = DEFAULT_AREA
    districts: tuple[str, ...] = field(default_factory=lambda: default_districts(DEFAULT_AREA))
    plan_length_weeks: int = 12
    review_weeks: tuple[int, ...] = (6, 12)
    idle_lock_minutes: int = 10
    no_contact_days: int = 14
    coach_name: str = ""
    theme: str = "workwell"
    privacy_notice: str = DEFAULT_PRIVACY_NOTICE
    # Where exports are written; "" is "WorkWell exports" in the documents folder.
    export_dir: str = ""
    # Read from area_rules.toml for `area`, not from settings.toml.
    eligibility_rule: AreaRule = field(
        default_factory=lambda: replace(NATIONAL_RULE, area=DEFAULT_AREA)
    )


# Settings that come from elsewhere than settings.toml.
_NOT_IN_FILE = frozenset({"eligibility_rule"})


@dataclass(frozen=True)
class Paths:
    """Where this run keeps its data."""

    data_dir: Path
    config_dir: Path
    database_url: str
    demo: bool

    @property
    def settings_file(self) -> Path:
        """The TOML settings file."""
        return self.config_dir / SETTINGS_FILE

    @property
    def database_file(self) -> Path | None:
        """The SQLite file behind `database_url`, when it is a SQLite file."""
        prefix = "sqlite:///"
        if self.database_url.startswith(prefix) and self.database_url != "sqlite:///:memory:":
            return Path(self.database_url[len(prefix) :])
        return None


def resolve_paths(
    data_dir: str | None = None, database_url: str | None = None, demo: bool = False
) -> Paths:
    """Work out paths from flags, then environment, then platform defaults."""
    env = os.environ
    if data_dir is None:
        data_dir = env.get("WORKWELL_DATA_DIR")
    if data_dir is None:
        from platformdirs import user_data_dir

        data_dir = user_data_dir(APP_NAME, appauthor=False)
    config_dir = env.get("WORKWELL_CONFIG_DIR")
    if config_dir is None:
        from platformdirs import user_config_dir

        config_dir = user_config_dir(APP_NAME, appauthor=False)
    data_path = Path(data_dir).expanduser()
    if database_url is None and not demo:
        database_url = env.get("WORKWELL_DATABASE_URL")
    if database_url is None:
        name = DEMO_DATABASE_FILE if demo else DATABASE_FILE
        database_url = f"sqlite:///{data_path / name}"
    return Paths(
        data_dir=data_path,
        config_dir=Path(config_dir).expanduser(),
        database_url=database_url,
        demo=demo,
    )


EXPORT_FOLDER_NAME = "WorkWell exports"


def export_folder(settings: Settings) -> Path:
    """Where exports go: `WORKWELL_EXPORT_DIR`, else the `export_dir` setting, else a
    "WorkWell exports" folder in the user's documents folder."""
    chosen = os.environ.get("WORKWELL_EXPORT_DIR") or settings.export_dir
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_documents_dir

    return Path(user_documents_dir()) / EXPORT_FOLDER_NAME


def default_actor() -> str:
    """The operating-system user, for the audit log when the coach has not set a name."""
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no user name in some sandboxes
        return "coach"


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and any missing parents) readable by this user only (0700).

    A folder that already exists keeps its mode: it may be shared (a 1777 /tmp, a team folder)
    and is not ours to change.
    """
    missing: list[Path] = []
    folder = path
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    for new in reversed(missing):
        new.mkdir(mode=0o700, exist_ok=True)
        if os.name == "posix":
            os.chmod(new, 0o700)  # whatever the umask


DEFAULT_SETTINGS_TEXT = """\
# workwell-tui settings. Lines starting with # are comments; remove the # to change a value.

# The WorkWell area (Integrated Care Board) this coach works in. Any area name is accepted
# (WorkWell reaches all of England from autumn 2026); the 15 pilot areas are:
#   {areas}
# Who is eligible in each area is in area_rules.toml (copy it here to change it).
# area = "{area}"

# The districts the area delivers through (shown in the district filter and the referral form).
# districts = [{districts}]

# How many weeks a plan lasts (areas vary: 8 for people in work, 16 for job seekers).
# plan_length_weeks = 12

# The plan weeks at which a review is due.
# review_weeks = [6, 12]

# Lock the screen after this many idle minutes (0 turns the lock off).
# idle_lock_minutes = 10

# Flag a participant when nobody has been in contact for this many days.
# no_contact_days = 14

# Your name as it appears in the audit log and on exported plans.
# coach_name = ""

# Colours: "workwell" (calm, default) or "workwell-high-contrast".
# theme = "workwell"

# Where exported plans are written (default: a "WorkWell exports" folder in your Documents).
# export_dir = ""

# The sentence read to the participant about keeping their details (the lawful basis in
# your service's privacy notice).
# privacy_notice = "{privacy_notice}"
"""


def default_settings_text() -> str:
    """The commented settings file written on first run."""
    defaults = Settings()
    return DEFAULT_SETTINGS_TEXT.format(
        areas="\n#   ".join(PILOT_AREAS),
        area=defaults.area,
        districts=", ".join(f'"{d}"' for d in defaults.districts),
        privacy_notice=defaults.privacy_notice,
    )


def load_settings(path: Path, create: bool = True) -> Settings:
    """Read settings from `path` (writing a commented default file first if there is none),
    with the eligibility rule of the area from `area_rules.toml`."""
    from workwell_tui.config_area_rules import load_area_rules

    settings = _read_settings(path, create)
    rule = load_area_rules(path.parent).for_area(settings.area)
    return replace(settings, eligibility_rule=rule)


def _read_settings(path: Path, create: bool) -> Settings:
    if not path.exists():
        if create:
            ensure_private_dir(path.parent)
            path.write_text(default_settings_text(), encoding="utf-8")
        return Settings()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsError(f"{path}: cannot be read ({error}).") from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line, problem = toml_problem(text, error)
        raise SettingsError(f"{path}, line {line}: this is not valid TOML ({problem}).") from None
    return parse_settings(raw, source=str(path))


_WHERE = re.compile(r"\s*\((?:at line (\d+), column \d+|at end of document)\)\s*$")


def toml_problem(text: str, error: tomllib.TOMLDecodeError) -> tuple[int, str]:
    """The line where the faulty setting starts, and the parser's problem without its place.

    The parser reports where it gave up, which for an unclosed list or string is a later
    setting (or the end of the file), not the line the coach got wrong. The setting at fault
    starts on the line after the longest run of lines, ending before that place, that reads
    as valid TOML on its own.
    """
    message = str(error)
    match = _WHERE.search(message)
    lines = text.splitlines()
    reported = int(match.group(1)) if match and match.group(1) else max(len(lines), 1)
    problem = message[: match.start()] if match else message
    start = reported
    # Each try parses the file so far: fine for a settings file, not for a huge one.
    for end in range(reported - 1, 0, -1) if reported <= 2000 else ():
        try:
            tomllib.loads("\n".join(lines[:end]))
        except tomllib.TOMLDecodeError:
            continue
        start = end + 1
        break
    else:
        start = 1 if reported <= 2000 else reported
    # Blank and comment lines before the setting are not where the mistake is.
    while start < reported and _blank_or_comment(lines[start - 1]):
        start += 1
    return start, problem


def _blank_or_comment(line: str) -> bool:
    stripped = line.strip()
    return not stripped or stripped.startswith("#")


def parse_settings(raw: dict[str, Any], source: str = "settings") -> Settings:
    """Check every key of a parsed settings table and build `Settings`."""
    known = set(Settings.__dataclass_fields__) - _NOT_IN_FILE
    for key in raw:
        if key not in known:
            raise SettingsError(
                f"{source}: unknown key '{key}'. Known keys: {', '.join(sorted(known))}."
            )
    defaults = Settings()

    def bad(key: str, problem: str) -> SettingsError:
        return SettingsError(f"{source}: '{key}' {problem} (found {raw[key]!r}).")

    area = raw.get("area", defaults.area)
    if not isinstance(area, str) or not area.strip():
        raise bad("area", f'must be an area name in quotes, for example "{DEFAULT_AREA}"')
    area = " ".join(area.split())
    districts: tuple[str, ...] = default_districts(area)
    if "districts" in raw:
        value = raw["districts"]
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(d, str) and d.strip() for d in value)
        ):
            raise bad("districts", "must be a list of district names, at least one")
        districts = tuple(d.strip() for d in value)
        if len(set(districts)) != len(districts):
            raise bad("districts", "lists a district twice")

    def whole(key: str, low: int, high: int) -> int:
        value = raw.get(key, getattr(defaults, key))
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise bad(key, f"must be a whole number from {low} to {high}")
        return value

    plan_length = whole("plan_length_weeks", 1, 52)
    idle = whole("idle_lock_minutes", 0, 240)
    no_contact = whole("no_contact_days", 1, 365)
    review_raw = raw.get("review_weeks", list(defaults.review_weeks))
    if (
        not isinstance(review_raw, list)
        or not all(isinstance(w, int) and not isinstance(w, bool) for w in review_raw)
        or not all(1 <= w <= plan_length for w in review_raw)
    ):
        if "review_weeks" not in raw:
            review_raw = [w for w in defaults.review_weeks if w <= plan_length] or [plan_length]
        else:
            raise bad("review_weeks", f"must be a list of week numbers from 1 to {plan_length}")
    coach = raw.get("coach_name", defaults.coach_name)
    if not isinstance(coach, str):
        raise bad("coach_name", "must be text in quotes")
    notice = raw.get("privacy_notice", defaults.privacy_notice)
    if not isinstance(notice, str) or not notice.strip():
        raise bad("privacy_notice", "must be a sentence in quotes")
    export_dir = raw.get("export_dir", defaults.export_dir)
    if not isinstance(export_dir, str):
        raise bad("export_dir", 'must be a folder in quotes, for example "~/Documents/Exports"')
    theme = raw.get("theme", defaults.theme)
    if theme not in ("workwell", "workwell-high-contrast"):
        raise bad("theme", 'must be "workwell" or "workwell-high-contrast"')
    return Settings(
        area=area,
        districts=districts,
        plan_length_weeks=plan_length,
        review_weeks=tuple(sorted(set(review_raw))),
        idle_lock_minutes=idle,
        no_contact_days=no_contact,
        coach_name=coach.strip(),
        theme=theme,
        privacy_notice=" ".join(notice.split()),
        export_dir=export_dir.strip(),
        eligibility_rule=replace(defaults.eligibility_rule, area=area),
    )
