"""`workwell services` and `workwell import-services`: outputs, filters, hostile text, exits."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.hostile_strings import HOSTILE
from workwell_tui.cli import main
from workwell_tui.db.engine import make_engine
from workwell_tui.db.schema import ensure_schema

KEYS = {
    "id",
    "source_id",
    "name",
    "organization",
    "categories",
    "phone",
    "email",
    "url",
    "districts",
    "last_verified",
}
FORBIDDEN = ("\x1b", "\x00", "\x07", "\x9b", "\u202e")


@pytest.fixture(autouse=True)
def keep_umask() -> Iterator[None]:
    """main() tightens the process umask; give other tests theirs back."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'directory.sqlite3'}"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def page(tmp_path: Path, *names: str) -> Path:
    records = [
        {
            "id": f"s{n}",
            "name": name,
            "service_areas": [{"name": "Preston"}],
            "phones": [{"number": "01632 960001"}],
            "attributes": [{"taxonomy_term": {"name": "Counselling"}}],
            "application_process": "Self-refer by phone",
        }
        for n, name in enumerate(names)
    ]
    path = tmp_path / "page.json"
    path.write_text(json.dumps({"contents": records}), "utf-8")
    return path


def test_import_then_list_in_every_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, url: str
) -> None:
    path = page(tmp_path, "Community Counselling", "Talking Space")
    status, out, err = run(capsys, "--database-url", url, "import-services", str(path))
    assert status == 0 and err == ""
    assert out == "Imported from 1 file(s): 2 created, 0 updated, 0 unchanged, 0 skipped\n"
    status, out, _ = run(capsys, "--database-url", url, "import-services", str(path))
    assert "0 created, 0 updated, 2 unchanged" in out

    status, out, _ = run(
        capsys,
        "--database-url",
        url,
        "services",
        "--format",
        "json",
        "--search",
        "commun",
        "--district",
        "preston",
    )
    records = json.loads(out)
    assert status == 0 and [r["name"] for r in records] == ["Community Counselling"]
    assert set(records[0]) == KEYS and records[0]["districts"] == ["Preston"]
    # The national contacts are in every directory, with their real numbers.
    _, out, _ = run(capsys, "--database-url", url, "services", "--format", "json")
    phones = {r["name"]: r["phone"] for r in json.loads(out)}
    assert phones["Access to Work"] == "0800 121 7479" and phones["Samaritans"] == "116 123"
    assert phones["Shelter"] == ""  # no number confirmed: the website only
    _, out, _ = run(
        capsys, "--database-url", url, "services", "--format", "csv", "--category", "Counselling"
    )
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["name"] for r in rows] == ["Community Counselling", "Talking Space"]
    _, out, _ = run(capsys, "--database-url", url, "services", "--search", "talk")
    assert out.splitlines()[1].startswith("Talking Space")  # Samaritans: "talk" in its text
    assert out.endswith("2 of 10 shown\n")


def test_empty_directory_prints_an_empty_list(capsys: pytest.CaptureFixture[str], url: str) -> None:
    engine = make_engine(url)
    ensure_schema(engine)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM service"))
    engine.dispose()
    status, out, _ = run(capsys, "--database-url", url, "services", "--format", "json")
    assert (status, out) == (0, "[]\n")


def test_problems_and_exit_statuses(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, url: str
) -> None:
    status, _, err = run(capsys, "--database-url", url, "import-services", "/no/such/place")
    assert status == 2 and "no file or folder" in err
    broken = tmp_path / "broken.json"
    broken.write_text('{"contents": [', "utf-8")
    status, out, err = run(capsys, "--database-url", url, "import-services", str(broken))
    assert status == 1 and "broken.json: not valid JSON" in err and "1 skipped" in out
    status, _, err = run(capsys, "--database-url", url, "services", "--district", "Atlantis")
    assert status == 2 and "Preston" in err


def test_hostile_text_prints_as_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, url: str
) -> None:
    path = page(tmp_path, *HOSTILE)
    status, _, err = run(capsys, "--database-url", url, "import-services", str(path))
    assert status == 0
    for output in ("table", "csv", "json"):
        _, out, _ = run(capsys, "--database-url", url, "services", "--format", output)
        assert not any(code in out + err for code in FORBIDDEN), output
    _, out, _ = run(capsys, "--database-url", url, "services", "--format", "csv")
    for row in csv.DictReader(io.StringIO(out)):
        assert not row["name"].startswith(("=", "+", "-", "@")), row["name"]
