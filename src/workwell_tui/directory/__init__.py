"""Reading Open Referral UK files into service drafts: pure parsing, no database, no Textual.

`read_services(path)` takes a JSON file of one service, a JSON page of services (`contents`, or
`content` in older ORUK APIs), a folder of such files, or a tabular package (`datapackage.json`
with one CSV a table). What is sound comes back as `ServiceDraft`s; everything else as problems
naming the file, the record and what was wrong. Storing them is `Store.import_services`.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from workwell_tui.directory.oruk import service_from_record
from workwell_tui.directory.report import ImportBatch, Problem
from workwell_tui.directory.tabular import decode, read_package
from workwell_tui.directory.values import type_name

__all__ = ["ImportBatch", "Problem", "read_services"]

# A published directory is a few MB; anything far bigger is not one, and would fill memory.
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_FILES = 10_000


def read_services(path: Path, today: date) -> ImportBatch:
    """Every service in `path` (a file or a folder), with the problems found."""
    batch = ImportBatch()
    if path.is_dir():
        if (path / "datapackage.json").is_file():
            _read_tabular(path, batch, today)
            return batch
        files = sorted(p for p in path.rglob("*") if p.is_file())
        packages = {p.parent for p in files if p.name == "datapackage.json"}
        for package in sorted(packages):
            _read_tabular(package, batch, today, name=str(package.relative_to(path)))
        json_files = [p for p in files if p.suffix.lower() == ".json" and p.parent not in packages][
            :MAX_FILES
        ]
        for file in json_files:
            _read_json(file, str(file.relative_to(path)), batch, today)
        if not packages and not json_files:
            batch.problems.append(Problem(path.name, "", "no .json files or datapackage.json here"))
        return batch
    if not path.is_file():
        batch.problems.append(Problem(path.name, "", "no such file or folder", skipped=True))
    elif path.name == "datapackage.json" or path.suffix.lower() == ".csv":
        _read_tabular(path.parent, batch, today)
    else:
        _read_json(path, path.name, batch, today)
    return batch


def _read_tabular(folder: Path, batch: ImportBatch, today: date, name: str = "") -> None:
    batch.files_read += 1
    rows, file = read_package(folder, batch.problems)
    label = f"{name}/{file}" if name else file
    for position, row in enumerate(rows, 1):
        draft, problems = service_from_record(row, label, position, today)
        batch.problems += problems
        if draft is not None:
            batch.add(draft, label)


def _read_json(path: Path, label: str, batch: ImportBatch, today: date) -> None:
    batch.files_read += 1
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            batch.problems.append(Problem(label, "", "larger than 200 MB; not read", skipped=True))
            return
        data = path.read_bytes()
    except OSError as error:
        batch.problems.append(Problem(label, "", f"could not be read ({error.strerror})", True))
        return
    try:
        document: Any = json.loads(decode(data, label, batch.problems))
    except json.JSONDecodeError as error:
        batch.problems.append(
            Problem(
                label,
                "",
                f"not valid JSON at line {error.lineno}, column {error.colno} "
                f"({error.msg}); nothing in this file was imported",
                skipped=True,
            )
        )
        return
    except RecursionError:
        batch.problems.append(Problem(label, "", "nested too deeply to read", skipped=True))
        return
    for position, record in enumerate(_records(document, label, batch), 1):
        draft, problems = service_from_record(record, label, position, today)
        batch.problems += problems
        if draft is not None:
            batch.add(draft, label)


def _records(document: Any, label: str, batch: ImportBatch) -> list[Any]:
    """The service records in a JSON document: a page, a list, or one service."""
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        for key in ("contents", "content"):
            if key in document:
                page = document[key]
                if isinstance(page, list):
                    return page
                batch.problems.append(
                    Problem(label, "", f"{key}: expected a list, found {type_name(page)}", True)
                )
                return []
        if "id" in document or "name" in document:
            return [document]
    batch.problems.append(
        Problem(label, "", "not an Open Referral service or page of services", skipped=True)
    )
    return []
