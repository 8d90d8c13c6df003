"""Settings and paths: precedence of flags, environment and defaults; clear errors per key."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from workwell_tui.config import (
    DATABASE_FILE,
    DEMO_DATABASE_FILE,
    Settings,
    SettingsError,
    default_settings_text,
    load_settings,
    parse_settings,
    resolve_paths,
)
from workwell_tui.domain.areas import KNOWN_DISTRICTS, PILOT_AREAS

LANCASHIRE = (
    "Barrow-in-Furness",
    "Blackburn",
    "Blackpool",
    "Burnley",
    "Lancaster",
    "Preston",
    "West Lancashire",
)


# --- resolve_paths ---------------------------------------------------------------------------


def test_env_data_dir_used_when_no_flag(isolated_dirs: Path) -> None:
    paths = resolve_paths()
    assert paths.data_dir == isolated_dirs / "data"
    assert paths.config_dir == isolated_dirs / "config"
    assert paths.database_url == f"sqlite:///{isolated_dirs / 'data' / DATABASE_FILE}"
    assert paths.database_file == isolated_dirs / "data" / DATABASE_FILE
    assert paths.settings_file == isolated_dirs / "config" / "settings.toml"
    assert paths.demo is False


def test_data_dir_flag_beats_env(tmp_path: Path) -> None:
    paths = resolve_paths(data_dir=str(tmp_path / "flag"))
    assert paths.data_dir == tmp_path / "flag"
    assert paths.database_url == f"sqlite:///{tmp_path / 'flag' / DATABASE_FILE}"


def test_platform_default_when_no_flag_or_env(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("WORKWELL_DATA_DIR")
    monkeypatch.delenv("WORKWELL_CONFIG_DIR")
    import platformdirs

    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: str(tmp_path / "pd-data"))
    monkeypatch.setattr(platformdirs, "user_config_dir", lambda *a, **k: str(tmp_path / "pd-cfg"))
    paths = resolve_paths()
    assert paths.data_dir == tmp_path / "pd-data"
    assert paths.config_dir == tmp_path / "pd-cfg"
    assert paths.database_url.endswith(f"pd-data/{DATABASE_FILE}")


def test_database_url_env_beats_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKWELL_DATABASE_URL", "sqlite:////tmp/from-env.sqlite3")
    assert resolve_paths().database_url == "sqlite:////tmp/from-env.sqlite3"


def test_database_url_flag_beats_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WORKWELL_DATABASE_URL", "sqlite:////tmp/from-env.sqlite3")
    paths = resolve_paths(database_url="sqlite:////tmp/from-flag.sqlite3")
    assert paths.database_url == "sqlite:////tmp/from-flag.sqlite3"


def test_demo_uses_demo_file_and_ignores_env_url(
    monkeypatch: pytest.MonkeyPatch, isolated_dirs: Path
) -> None:
    monkeypatch.setenv("WORKWELL_DATABASE_URL", "sqlite:////tmp/real-people.sqlite3")
    paths = resolve_paths(demo=True)
    assert paths.demo is True
    assert paths.database_url == f"sqlite:///{isolated_dirs / 'data' / DEMO_DATABASE_FILE}"
    assert "real-people" not in paths.database_url


def test_memory_url_has_no_database_file() -> None:
    assert resolve_paths(database_url="sqlite:///:memory:").database_file is None
    assert resolve_paths(database_url="postgresql+psycopg://h/db").database_file is None


# --- the settings file -----------------------------------------------------------------------


def test_first_run_writes_commented_defaults(isolated_dirs: Path) -> None:
    path = isolated_dirs / "config" / "settings.toml"
    assert not path.exists()
    assert load_settings(path) == Settings()
    text = path.read_text(encoding="utf-8")
    assert text == default_settings_text()
    for line in text.splitlines():
        assert line == "" or line.startswith("#"), line
    assert tomllib.loads(text) == {}
    # A second load reads the file it wrote and gets the same settings.
    assert load_settings(path) == Settings()


def test_load_without_create_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cfg" / "settings.toml"
    assert load_settings(path, create=False) == Settings()
    assert not path.exists()


def test_uncommented_defaults_parse_back_to_defaults() -> None:
    """Each commented `# key = value` line, uncommented, gives exactly the default value."""
    lines = []
    for line in default_settings_text().splitlines():
        body = line.removeprefix("# ")
        if line.startswith("# ") and " = " in body and body.split(" = ")[0].isidentifier():
            lines.append(body)
    raw = tomllib.loads("\n".join(lines))
    assert set(raw) == set(Settings.__dataclass_fields__) - {"eligibility_rule"}
    assert parse_settings(raw) == Settings()


def test_defaults_are_lancashire() -> None:
    settings = Settings()
    assert settings.area == "Lancashire and South Cumbria"
    assert settings.districts == LANCASHIRE
    assert settings.plan_length_weeks == 12
    assert settings.review_weeks == (6, 12)
    assert len(PILOT_AREAS) == 15


def test_good_file_is_read(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(
        'area = "Greater Manchester"\ndistricts = [" Bolton ", "Wigan"]\n'
        'plan_length_weeks = 16\nreview_weeks = [12, 8, 8]\ncoach_name = " Sam "\n'
        'theme = "workwell-high-contrast"\nidle_lock_minutes = 0\n',
        encoding="utf-8",
    )
    settings = load_settings(path)
    assert settings.area == "Greater Manchester"
    assert settings.districts == ("Bolton", "Wigan")
    assert settings.plan_length_weeks == 16
    assert settings.review_weeks == (8, 12)
    assert settings.coach_name == "Sam"
    assert settings.theme == "workwell-high-contrast"
    assert settings.idle_lock_minutes == 0


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ('colour = "blue"', "colour"),
        ('area = ""', "area"),
        ("area = 3", "area"),
        ("area = 3", "area"),
        ("districts = []", "districts"),
        ('districts = "Preston"', "districts"),
        ('districts = ["Preston", ""]', "districts"),
        ('districts = ["Preston", "Preston "]', "districts"),
        ("plan_length_weeks = 0", "plan_length_weeks"),
        ('plan_length_weeks = "twelve"', "plan_length_weeks"),
        ("plan_length_weeks = true", "plan_length_weeks"),
        ("plan_length_weeks = 12.0", "plan_length_weeks"),
        ("plan_length_weeks = 53", "plan_length_weeks"),
        ("review_weeks = [6, 14]", "review_weeks"),
        ("plan_length_weeks = 8\nreview_weeks = [6, 12]", "review_weeks"),
        ("review_weeks = [0]", "review_weeks"),
        ('review_weeks = ["6"]', "review_weeks"),
        ("review_weeks = 6", "review_weeks"),
        ("idle_lock_minutes = -1", "idle_lock_minutes"),
        ("no_contact_days = 0", "no_contact_days"),
        ("coach_name = 7", "coach_name"),
        ('theme = "dark"', "theme"),
    ],
)
def test_bad_key_named_in_error(tmp_path: Path, toml: str, key: str) -> None:
    path = tmp_path / "settings.toml"
    path.write_text(toml + "\n", encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load_settings(path)
    assert f"'{key}'" in str(caught.value)
    assert str(path) in str(caught.value)


def test_duplicate_district_says_twice() -> None:
    with pytest.raises(SettingsError, match="twice"):
        parse_settings({"districts": ["Preston", "Preston"]})


def test_invalid_toml_is_a_settings_error(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_text('area = "Frimley\n', encoding="utf-8")
    with pytest.raises(SettingsError, match="not valid TOML") as caught:
        load_settings(path)
    assert caught.value.__cause__ is None


def test_unreadable_bytes_are_a_settings_error(tmp_path: Path) -> None:
    path = tmp_path / "settings.toml"
    path.write_bytes(b'area = "\xff\xfe"\n')
    with pytest.raises(SettingsError):
        load_settings(path)


def test_default_review_weeks_trimmed_to_short_plan() -> None:
    settings = parse_settings({"plan_length_weeks": 8})
    assert settings.plan_length_weeks == 8
    assert settings.review_weeks == (6,)


def test_default_review_weeks_fall_back_to_last_week_of_very_short_plan() -> None:
    assert parse_settings({"plan_length_weeks": 4}).review_weeks == (4,)


def test_districts_default_to_area_name_for_other_areas() -> None:
    assert "Frimley" not in KNOWN_DISTRICTS
    assert parse_settings({"area": "Frimley"}).districts == ("Frimley",)


def test_lancashire_area_gets_its_seven_districts() -> None:
    settings = parse_settings({"area": "Lancashire and South Cumbria"})
    assert settings.districts == LANCASHIRE
