"""Command palette: find any participant by name or reference (ctrl+p); the database's own
commands (encrypt it, change its passphrase)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.screen import Screen

from workwell_tui.domain.caseload import filter_rows
from workwell_tui.domain.text import clean_line
from workwell_tui.screens.navigation import OpenParticipant
from workwell_tui.services import Services
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


def database_commands(app: App[Any], screen: Screen[Any]) -> Iterator[SystemCommand]:
    """ "Encrypt this caseload…" for an unencrypted database file, "Change passphrase…" for an
    encrypted one; nothing before the database is open, or on those screens themselves."""
    from workwell_tui.db.paths import file_state
    from workwell_tui.screens.passphrase import (
        ChangePassphraseScreen,
        EncryptScreen,
        PassphraseScreen,
    )

    services = getattr(app, "services", None)
    if not isinstance(services, Services) or not services.is_open:
        return
    if isinstance(screen, PassphraseScreen):
        return
    backend = services.store.backend
    path = backend.database_file
    if path is None:
        return  # memory or a server: nothing the app can encrypt
    if backend.needs_unlock:
        yield SystemCommand(
            "Change passphrase…",
            "Re-encrypt the caseload with a new passphrase (old backups keep the old one)",
            lambda: app.push_screen(ChangePassphraseScreen()),
        )
    elif file_state(path) == "plain":
        yield SystemCommand(
            "Encrypt this caseload…",
            "Encrypt the database on this laptop with a passphrase (SQLCipher)",
            lambda: app.push_screen(EncryptScreen()),
        )
