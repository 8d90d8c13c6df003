"""workwell-tui: the WorkWell Work and Health Coach's terminal app."""

from __future__ import annotations

__version__ = "0.1.0"
