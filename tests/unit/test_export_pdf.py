"""Every audience's export prints: pandoc with WeasyPrint makes a PDF of the expected length.

Page counts were checked by eye (each page turned into a PNG with `pdftoppm -png -r 60` and
looked at). This needs pandoc from the OS packages and WeasyPrint (the [pdf] and [test]
extras); .ci/run installs pandoc and poppler-utils when they are missing, so the test is only
skipped, with the reason shown, where pandoc cannot be had.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.unit.export_sample import sample_view, without_consent
from workwell_tui.domain.export import Audience
from workwell_tui.export import render
from workwell_tui.export_files import make_pdf, pdf_tools_missing

pytestmark = pytest.mark.skipif(
    bool(pdf_tools_missing()), reason=f"no PDF tools here: {pdf_tools_missing()}"
)

EXPECTED_PAGES = {
    "participant": (Audience.PARTICIPANT, False, 2),
    "participant-with-measures": (Audience.PARTICIPANT, True, 3),
    "employer": (Audience.EMPLOYER, False, 1),
    "gp": (Audience.GP, False, 3),
    "record": (Audience.RECORD, False, 7),
}


def page_count(pdf: Path) -> int:
    """Pages in a PDF: poppler's pdfinfo when installed, else the page objects counted."""
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        match = re.search(r"^Pages:\s+(\d+)", info.stdout, re.MULTILINE)
        assert match, info.stdout
        return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


@pytest.mark.parametrize("name", EXPECTED_PAGES)
def test_every_audience_prints_with_the_expected_pages(name: str, tmp_path: Path) -> None:
    audience, measures, pages = EXPECTED_PAGES[name]
    view = sample_view()
    if audience is Audience.EMPLOYER:
        view = without_consent(view, consent_share_health_with_employer=False)
    markdown = tmp_path / f"{name}.md"
    markdown.write_text(render(view, audience, include_measures=measures).markdown)
    pdf = make_pdf(markdown)
    assert pdf == markdown.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    assert page_count(pdf) == pages
    assert sorted(p.name for p in tmp_path.iterdir()) == [markdown.name, pdf.name]


def test_hostile_text_prints(tmp_path: Path) -> None:
    markdown = tmp_path / "hostile.md"
    hostile = "Smith [/] [bold]x *y* <script>alert(1)</script> `z` | @cite $m$ \x1b[2J"
    markdown.write_text(render(sample_view(hostile), Audience.RECORD).markdown)
    pdf = make_pdf(markdown)
    assert page_count(pdf) >= 1
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        # Printed as typed: no bold, no link, no maths, no citation; the ESC code gone.
        assert "Smith [/] [bold]x *y* <script>alert(1)</script> `z` | @cite $m$ [2J" in text


def test_a_second_pdf_never_replaces_the_first(tmp_path: Path) -> None:
    markdown = tmp_path / "a.md"
    markdown.write_text(render(sample_view(), Audience.EMPLOYER).markdown)
    first = make_pdf(markdown)
    second = make_pdf(markdown)
    assert (first.name, second.name) == ("a.pdf", "a-2.pdf")
