"""`workwell caseload` prints hostile names literally in every format, with no control codes."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import insert

from tests.hostile_strings import FORBIDDEN, HOSTILE
from workwell_tui.cli import main
from workwell_tui.config import Settings, resolve_paths
from workwell_tui.db.models import Participant
from workwell_tui.db.store import Store
from workwell_tui.domain.text import FORMULA_STARTS, clean_line


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """main() tightens the process umask; give other tests theirs back."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


@pytest.fixture
def hostile_url(tmp_path: Path) -> str:
    """A database file holding one participant per hostile string, written raw with SQL."""
    url = f"sqlite:///{tmp_path / 'hostile.sqlite3'}"
    store = Store.open(resolve_paths(database_url=url), Settings())
    rows = [
        {
            "reference": f"WW-{number + 1:06d}",
            "first_name": value,
            "last_name": value,
            "date_of_birth": date(1980, 1, 1),
            "district": "Preston",
            "stage": "referred",
            "referral_date": date(2026, 11, 1),
            "referral_source": "gp",
            "work_situation": "off_sick",
            "consent_processing": True,
            "stage_changed_on": date(2026, 11, 1),
        }
        for number, value in enumerate(HOSTILE)
    ]
    try:
        with store.engine.begin() as connection:
            connection.execute(insert(Participant), rows)
    finally:
        store.close()
    return url


def printed(capsys: pytest.CaptureFixture[str], url: str, output_format: str) -> str:
    assert main(["caseload", "--database-url", url, "--format", output_format]) == 0
    out = capsys.readouterr().out
    assert not any(code in out for code in FORBIDDEN), output_format
    return out


def test_table_prints_names_literally(capsys: pytest.CaptureFixture[str], hostile_url: str) -> None:
    out = printed(capsys, hostile_url, "table")
    for value in HOSTILE:
        assert clean_line(value).strip()[:20] in out, value[:40]
    assert out.endswith(f"{len(HOSTILE)} of {len(HOSTILE)} shown\n")


def test_json_holds_the_cleaned_names(capsys: pytest.CaptureFixture[str], hostile_url: str) -> None:
    records = json.loads(printed(capsys, hostile_url, "json"))
    assert sorted(record["first_name"] for record in records) == sorted(
        clean_line(value) for value in HOSTILE
    )


def test_csv_never_starts_a_cell_with_a_formula(
    capsys: pytest.CaptureFixture[str], hostile_url: str
) -> None:
    records = list(csv.DictReader(io.StringIO(printed(capsys, hostile_url, "csv"))))
    assert len(records) == len(HOSTILE)
    names = set()
    for record in records:
        for cell in record.values():
            assert not cell.lstrip().startswith(FORMULA_STARTS), cell[:40]
        names.add(record["first_name"])
    assert "'=cmd|' /C calc'!A0" in names
    assert {"'+1+1", "'@SUM(1+1)", "'-2+3", "[bold red]X[/]", "名前"} <= names
