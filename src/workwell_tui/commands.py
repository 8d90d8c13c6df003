"""Command palette: find any participant by name or reference (ctrl+p)."""

from __future__ import annotations

from functools import partial

from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

from workwell_tui.domain.caseload import filter_rows
from workwell_tui.domain.text import clean_line
from workwell_tui.screens.navigation import OpenParticipant
from workwell_tui.widgets.user_text import user_content

MAX_HITS = 30


class ParticipantCommands(Provider):
    """Participants whose name or reference contains what was typed."""

    async def search(self, query: str) -> Hits:
        """Offer matching participants; nothing is listed until something is typed."""
        if not query.strip():
            return
        matcher = self.matcher(query)
        rows = getattr(self.app, "caseload_rows", None) or []  # the App's state, once read
        for row in filter_rows(rows, query)[:MAX_HITS]:
            label = clean_line(f"{row.name} ({row.reference})")
            yield Hit(
                max(matcher.match(label), 0.5),
                highlight_literally(matcher, label),
                partial(self.screen.post_message, OpenParticipant(row.participant_id)),
                text=label,
                help=escape(clean_line(f"Open participant · {row.district} · {row.stage_text}")),
            )


def highlight_literally(matcher: Matcher, label: str) -> Content:
    """The label with the matched letters marked; `Matcher.highlight` would read it as markup."""
    content = user_content(label)
    score, offsets = matcher.fuzzy_search.match(matcher.query, label)
    if not score:
        return content
    for offset in offsets:
        if not label[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
