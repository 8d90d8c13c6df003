"""The `workwell` command: caseload output, filters, clear errors, helpful --help."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from workwell_tui import clock
from workwell_tui.cli import main
from workwell_tui.cli.caseload import COLUMNS
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db.store import Store
from workwell_tui.domain.referral import check_referral

KEYS = {
    "reference",
    "first_name",
    "last_name",
    "district",
    "stage",
    "plan_week",
    "next_contact",
    "flags",
}


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """main() tightens the process umask; give other tests theirs back."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A database file with two participants, added through a Store."""
    url = f"sqlite:///{tmp_path / 'elsewhere' / 'cases.sqlite3'}"
    store = Store.open(resolve_paths(database_url=url), Settings())
    try:
        for first, last, dob, district in (
            ("Aisha", "Khan", "02/10/1985", "Preston"),
            ("Bo", "Brown", "01/01/2012", "Blackpool"),
        ):
            values: dict[str, str | bool | None] = {
                "first_name": first,
                "last_name": last,
                "date_of_birth": dob,
                "referral_date": "20/11/2026",
                "district": district,
                "referral_source": "gp",
                "work_situation": "off_sick",
                "consent_processing": True,
            }
            result = check_referral(
                values, clock.today(), Settings().districts, record_under_16=True
            )
            assert result.referral is not None, result.errors
            store.add_referral(result.referral)
    finally:
        store.close()
    return url


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["caseload", "--format", "json", *args]) == 0
    out = capsys.readouterr().out
    data = json.loads(out)
    assert isinstance(data, list)
    return data


def test_empty_database_prints_empty_list(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path
) -> None:
    assert main(["caseload", "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == []
    assert captured.err == ""
    # It used the data dir from the environment, not the real one.
    assert (isolated_dirs / "data" / "workwell.sqlite3").exists()


def test_json_rows(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    data = run_json(capsys, "--database-url", db_url)
    assert len(data) == 2
    for record in data:
        assert set(record) == KEYS
    by_ref = {record["reference"]: record for record in data}
    assert by_ref["WW-000001"] == {
        "reference": "WW-000001",
        "first_name": "Aisha",
        "last_name": "Khan",
        "district": "Preston",
        "stage": "referred",
        "plan_week": None,
        "next_contact": None,
        "flags": [],
    }
    assert by_ref["WW-000002"]["stage"] == "signposted"


def test_flags_before_the_command(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    assert main(["--database-url", db_url, "caseload", "--format", "json"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 2


def test_search_filters(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    data = run_json(capsys, "--database-url", db_url, "--search", "KHAN")
    assert [record["last_name"] for record in data] == ["Khan"]
    data = run_json(capsys, "--database-url", db_url, "--search", "ww-000002")
    assert [record["last_name"] for record in data] == ["Brown"]
    assert run_json(capsys, "--database-url", db_url, "--search", "nobody") == []


def test_stage_filters(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    data = run_json(capsys, "--database-url", db_url, "--stage", "signposted")
    assert [record["reference"] for record in data] == ["WW-000002"]
    data = run_json(capsys, "--database-url", db_url, "--stage", "referred")
    assert [record["reference"] for record in data] == ["WW-000001"]
    assert run_json(capsys, "--database-url", db_url, "--stage", "on_plan") == []


def test_district_filters(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    data = run_json(capsys, "--database-url", db_url, "--district", "Blackpool")
    assert [record["last_name"] for record in data] == ["Brown"]


def test_bad_stage_is_a_usage_error(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["caseload", "--database-url", db_url, "--stage", "finished"])
    assert caught.value.code == 2
    assert "--stage" in capsys.readouterr().err


def test_csv_has_header_row(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    assert main(["caseload", "--database-url", db_url, "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == ",".join(COLUMNS)
    assert set(COLUMNS) == KEYS
    rows = list(csv.DictReader(io.StringIO(out)))
    assert sorted(row["reference"] for row in rows) == ["WW-000001", "WW-000002"]


def test_table_format(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    assert main(["caseload", "--database-url", db_url]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split()[:2] == ["Ref", "Name"]
    assert "Khan, Aisha" in out
    assert "Not eligible / signposted" in out
    assert out.rstrip().endswith("2 of 2 shown")


@pytest.mark.parametrize(
    ("toml", "key"),
    [
        ("plan_length_weeks = 0", "plan_length_weeks"),
        ('area = ""', "area"),
        ("favourite = 1", "favourite"),
        ("districts = []", "districts"),
    ],
)
def test_bad_settings_file(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path, toml: str, key: str
) -> None:
    settings_file = isolated_dirs / "config" / "settings.toml"
    settings_file.parent.mkdir(parents=True)
    settings_file.write_text(toml + "\n", encoding="utf-8")
    assert main(["caseload", "--format", "json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert key in captured.err
    assert "Traceback" not in captured.err
    assert not (isolated_dirs / "data").exists()


def test_settings_written_on_first_run(
    capsys: pytest.CaptureFixture[str], isolated_dirs: Path
) -> None:
    assert main(["caseload", "--format", "json"]) == 0
    assert (isolated_dirs / "config" / "settings.toml").read_text(encoding="utf-8").startswith("#")


def test_damaged_database_is_a_clear_message(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    assert main(["caseload", "--database-url", f"sqlite:///{path}"]) == 1
    captured = capsys.readouterr()
    assert "cannot be read" in captured.err
    assert "Traceback" not in captured.err


@pytest.mark.parametrize("command", [[], ["run"], ["demo"], ["caseload"]])
def test_help_mentions_where_data_lives(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        main([*command, "--help"])
    assert caught.value.code == 0
    out = capsys.readouterr().out
    for flag in ("--data-dir", "--database-url", "--demo"):
        assert flag in out
