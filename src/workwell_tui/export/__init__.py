"""Exports: one participant's record as PDF-ready Markdown, one document per audience.

Pure functions from the export read model (`domain/export.py`) to text: no Textual, no
database, no files (import-linter checks). `render` applies the consent rules first
(`consent.py`), and every piece of stored text is cleaned and escaped (`escape.py`), so the
document says only what the participant agreed to, and says it exactly as it was typed.

- `participant`: their plan in plain words; measures only when the coach ticks them.
- `employer`: agreed, shared adjustments, fit-note advice, dates; health only with consent.
- `gp`: assessment summary, measures with bands and attributions, plan and outcome.
- `record`: everything held, for a subject access request.
"""

from __future__ import annotations

from workwell_tui.domain.export import Audience, ExportView
from workwell_tui.export.consent import ExportRefused, check_consent
from workwell_tui.export.document import Document

__all__ = ["Audience", "Document", "ExportRefused", "check_consent", "render"]


def render(view: ExportView, audience: Audience, include_measures: bool = False) -> Document:
    """The document for `audience`; ExportRefused (with the reason) when consent is missing."""
    from workwell_tui.export.employer import employer_document
    from workwell_tui.export.gp import gp_document
    from workwell_tui.export.participant import participant_document
    from workwell_tui.export.record import record_document

    if audience is Audience.PARTICIPANT:
        return participant_document(view, include_measures)
    if audience is Audience.EMPLOYER:
        return employer_document(view)
    if audience is Audience.GP:
        return gp_document(view)
    return record_document(view)
