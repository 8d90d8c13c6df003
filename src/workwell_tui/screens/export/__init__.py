"""The export screen: choose who a document is for, preview it, write it (and a PDF)."""

from __future__ import annotations

from workwell_tui.screens.export.screen import ExportScreen

__all__ = ["ExportScreen"]
