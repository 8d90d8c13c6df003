"""Command palette: find any participant by name or reference (ctrl+p)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider

from workwell_tui.domain.caseload import filter_rows

if TYPE_CHECKING:
    from workwell_tui.app import WorkwellApp

MAX_HITS = 30


class ParticipantCommands(Provider):
    """Participants whose name or reference contains what was typed."""

    async def search(self, query: str) -> Hits:
        """Offer matching participants; nothing is listed until something is typed."""
        app: WorkwellApp = self.app  # type: ignore[assignment]
        if not query.strip():
            return
        matcher = self.matcher(query)
        for row in filter_rows(app.caseload_rows, query)[:MAX_HITS]:
            label = f"{row.name} ({row.reference})"
            yield Hit(
                max(matcher.match(label), 0.5),
                matcher.highlight(label),
                partial(app.open_participant, row.participant_id),
                help=f"Open participant · {row.district} · {row.stage_text}",
            )
