"""Writing exports: atomic, never over another file, named by reference, audience and day;
the export folder from the settings; a clear message when the PDF tools are missing."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

from tests.unit.export_sample import TODAY
from workwell_tui import export_files
from workwell_tui.config import Settings, export_folder
from workwell_tui.domain.export import Audience
from workwell_tui.export_files import (
    PdfUnavailable,
    export_name,
    make_pdf,
    pdf_tools_missing,
    write_new_file,
)


def test_names_say_reference_audience_and_day() -> None:
    assert export_name("WW-000123", Audience.GP, TODAY) == "WW-000123-gp-2026-11-22.md"
    # A damaged reference can never reach outside the folder.
    assert export_name("../../etc/x", Audience.RECORD, TODAY) == "etcx-record-2026-11-22.md"


def test_write_is_whole_and_private(tmp_path: Path) -> None:
    path = write_new_file(tmp_path / "new" / "a.md", b"hello")
    assert path.read_bytes() == b"hello"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in path.parent.iterdir()] == ["a.md"]  # no temporary left


def test_a_taken_name_is_never_overwritten(tmp_path: Path) -> None:
    first = write_new_file(tmp_path / "a.md", b"one")
    second = write_new_file(tmp_path / "a.md", b"two")
    third = write_new_file(tmp_path / "a.md", b"three")
    assert (first.name, second.name, third.name) == ("a.md", "a-2.md", "a-3.md")
    assert first.read_bytes() == b"one"


def test_a_crash_before_the_rename_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def power_cut(*_args: object) -> None:
        raise KeyboardInterrupt  # as abrupt as it gets inside Python

    monkeypatch.setattr(os, "link", power_cut)
    with pytest.raises(KeyboardInterrupt):
        write_new_file(tmp_path / "a.md", b"x" * 100_000)
    assert list(tmp_path.iterdir()) == []


def test_a_failed_write_leaves_neither_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    with pytest.raises(OSError):
        write_new_file(tmp_path / "a.md", b"x")
    assert list(tmp_path.iterdir()) == []


def test_without_hard_links_the_name_is_claimed_then_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*_args: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    write_new_file(tmp_path / "a.md", b"one")
    second = write_new_file(tmp_path / "a.md", b"two")
    assert second.name == "a-2.md" and (tmp_path / "a.md").read_bytes() == b"one"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-2.md", "a.md"]


def test_export_folder_setting_then_documents(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("WORKWELL_EXPORT_DIR")
    assert export_folder(Settings(export_dir=str(tmp_path / "x"))) == tmp_path / "x"
    from platformdirs import user_documents_dir

    assert export_folder(Settings()) == Path(user_documents_dir()) / "WorkWell exports"
    monkeypatch.setenv("WORKWELL_EXPORT_DIR", str(tmp_path / "env"))
    assert export_folder(Settings(export_dir="elsewhere")) == tmp_path / "env"


def test_missing_pandoc_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda _name: None)
    assert "apt-get install pandoc" in pdf_tools_missing()
    markdown = tmp_path / "a.md"
    markdown.write_text("# x\n")
    with pytest.raises(PdfUnavailable, match="PDF needs pandoc"):
        make_pdf(markdown)
    assert [p.name for p in tmp_path.iterdir()] == ["a.md"]


def test_missing_weasyprint_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        shutil, "which", lambda name: "/usr/bin/pandoc" if name == "pandoc" else None
    )
    monkeypatch.setattr(sys, "executable", "/nowhere/python")
    assert "workwell-tui[pdf]" in pdf_tools_missing()


def test_the_print_stylesheet_ships_with_the_app() -> None:
    css = export_files.print_stylesheet().read_text()
    assert "size: A4" in css and "counter(pages)" in css and "break-inside: avoid" in css


def test_export_dir_setting_is_checked() -> None:
    from workwell_tui.config import SettingsError, parse_settings

    assert parse_settings({"export_dir": " ~/Exports "}).export_dir == "~/Exports"
    with pytest.raises(SettingsError, match="'export_dir' must be a folder in quotes"):
        parse_settings({"export_dir": 3})
