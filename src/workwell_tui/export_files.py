"""Writing exports to disk: atomically, never over another file, audited, and (asked) as PDF.

The renderers in `workwell_tui.export` are pure; this is where their text meets the file
system. A file is written to a hidden temporary file in the same folder, flushed and fsynced,
then linked into place under its final name, which fails rather than replaces when the name is
taken: a crash or power cut leaves either the whole file or none, and never a half one under
the real name. A taken name gets "-2", "-3"… so nothing is overwritten silently.

The PDF is made by pandoc with WeasyPrint as its PDF engine, styled by `styles/print.css`.
Either can be missing on a coach's laptop: then the Markdown is still written and the coach is
told exactly what to install.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from workwell_tui.config import export_folder
from workwell_tui.domain.export import Audience, ExportView
from workwell_tui.errors import WorkwellError

if TYPE_CHECKING:
    from workwell_tui.db.store import Store
    from workwell_tui.export import Document

__all__ = [
    "ExportWritten",
    "PdfUnavailable",
    "export_name",
    "make_pdf",
    "pdf_tools_missing",
    "write_export",
    "write_new_file",
]

PANDOC_HELP = (
    "PDF needs pandoc: install it from your system's packages (Debian and Ubuntu: "
    "sudo apt-get install pandoc; macOS: brew install pandoc; Windows: pandoc.org)."
)
WEASYPRINT_HELP = (
    "PDF needs WeasyPrint: install it with pip install 'workwell-tui[pdf]' "
    "(see doc.courtbouillon.org/weasyprint for its system libraries)."
)
PDF_SECONDS = 120


class PdfUnavailable(WorkwellError):
    """The PDF could not be made; the message says what to install or what went wrong."""

    default_title = "No PDF"


class ExportWriteFailed(WorkwellError):
    """The export folder or file could not be written."""

    default_title = "Not written"


@dataclass(frozen=True)
class ExportWritten:
    """What an export wrote: the Markdown, the PDF if asked and made, and why not if not."""

    markdown: Path
    pdf: Path | None = None
    pdf_problem: str = ""


_SAFE = re.compile(r"[^A-Za-z0-9-]+")


def export_name(reference: str, audience: Audience, today: date) -> str:
    """ "WW-000123-participant-2026-11-22.md"; the reference kept to safe characters."""
    safe = _SAFE.sub("", reference)[:20] or "participant"
    return f"{safe}-{audience.value}-{today.isoformat()}.md"


def _fsync_dir(folder: Path) -> None:
    # The rename itself is only durable once the folder's entry is on disk (POSIX).
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _link_new(temporary: Path, wanted: Path) -> Path:
    """Put `temporary` in place under `wanted` or the first free "-N" name; never replaces."""
    stem, suffix = wanted.stem, wanted.suffix
    for number in range(1, 1000):
        target = wanted if number == 1 else wanted.with_name(f"{stem}-{number}{suffix}")
        try:
            os.link(temporary, target)
        except FileExistsError:
            continue
        except OSError:
            # A file system without hard links (some USB sticks): claim the name, then replace.
            try:
                claimed = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            os.close(claimed)
            os.replace(temporary, target)
            return target
        temporary.unlink()
        return target
    raise ExportWriteFailed(f"Too many exports named {wanted.name} in {wanted.parent}.")


def write_new_file(wanted: Path, data: bytes) -> Path:
    """Write `data` atomically as `wanted` (or a "-N" name if taken); returns the path used."""
    folder = wanted.parent
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, name = tempfile.mkstemp(dir=folder, prefix=f".{wanted.name}.", suffix=".part")
    temporary = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        final = _link_new(temporary, wanted)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _fsync_dir(folder)
    return final


def _weasyprint() -> str | None:
    # Installed in the same environment as the app (the [pdf] extra), or anywhere on PATH.
    beside = Path(sys.executable).parent / ("weasyprint.exe" if os.name == "nt" else "weasyprint")
    return str(beside) if beside.exists() else shutil.which("weasyprint")


def pdf_tools_missing() -> str:
    """What to install for PDFs, or "" when pandoc and WeasyPrint are both there."""
    if shutil.which("pandoc") is None:
        return PANDOC_HELP
    if _weasyprint() is None:
        return WEASYPRINT_HELP
    return ""


def print_stylesheet() -> Path:
    """The print stylesheet shipped with the app (A4, page numbers, tables that keep rows)."""
    from workwell_tui.styles import styles_dir

    return styles_dir() / "print.css"


def make_pdf(markdown: Path) -> Path:
    """A PDF beside the Markdown file (same name, .pdf, never replacing one); PdfUnavailable."""
    missing = pdf_tools_missing()
    if missing:
        raise PdfUnavailable(missing)
    pandoc, engine = shutil.which("pandoc"), _weasyprint()
    assert pandoc is not None and engine is not None
    # pandoc picks PDF from the ".pdf" ending, so the temporary name ends with it too.
    temporary = markdown.with_name(f".{markdown.stem}.{uuid.uuid4().hex[:8]}.part.pdf")
    command = [
        pandoc,
        str(markdown),
        # "-smart": quotes and dashes print exactly as typed.
        "--from=markdown-smart",
        "--to=html5",
        "--standalone",
        f"--css={print_stylesheet().as_uri()}",
        f"--pdf-engine={engine}",
        "--output",
        str(temporary),
    ]
    try:
        done = subprocess.run(
            command, capture_output=True, timeout=PDF_SECONDS, check=False, stdin=subprocess.DEVNULL
        )
        if done.returncode != 0 or not temporary.exists():
            # pandoc's own words can quote the document: they go nowhere near a log.
            raise PdfUnavailable(
                "pandoc could not make the PDF (the Markdown file is written). Try opening the "
                "Markdown file in pandoc yourself to see why."
            )
        with temporary.open("rb") as handle:
            os.fsync(handle.fileno())
        final = _link_new(temporary, markdown.with_suffix(".pdf"))
    except subprocess.TimeoutExpired:
        raise PdfUnavailable(
            f"pandoc took over {PDF_SECONDS} seconds and was stopped (the Markdown is written)."
        ) from None
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()
    _fsync_dir(final.parent)
    return final


def write_export(
    store: Store,
    view: ExportView,
    audience: Audience,
    document: Document,
    *,
    pdf: bool = False,
    output: Path | None = None,
) -> ExportWritten:
    """Write `document` (and its PDF when asked), then audit it; the paths written come back.

    `output` is a folder to write into, or a file name (which must not exist yet); by default
    the export folder from the settings, with the standard name.
    """
    name = export_name(view.participant.reference, audience, view.today)
    if output is None:
        wanted = export_folder(store.settings) / name
    elif output.is_dir():
        wanted = output / name
    else:
        if output.exists() or output.is_symlink():
            raise ExportWriteFailed(f"{output} already exists; nothing was overwritten.")
        wanted = output
    try:
        markdown = write_new_file(wanted, document.markdown.encode("utf-8"))
    except OSError as error:
        raise ExportWriteFailed(
            f"Could not write to {wanted.parent} ({error.strerror or 'error'})."
        ) from None
    made: Path | None = None
    problem = ""
    if pdf:
        try:
            made = make_pdf(markdown)
        except PdfUnavailable as error:
            problem = error.message
        except OSError as error:
            problem = f"The PDF could not be written ({error.strerror or 'error'})."
    store.record_export(view.participant.id, audience.value, pdf=made is not None)
    return ExportWritten(markdown, made, problem)
