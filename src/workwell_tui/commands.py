"""Command palette: find any participant by name or reference (ctrl+p); the app's own actions;
the database's own commands (encrypt it, change its passphrase)."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.screen import Screen

from workwell_tui.domain.caseload import filter_rows
from workwell_tui.domain.text import clean_line
from workwell_tui.screens.navigation import (
    ClosePlan,
    EditParticipant,
    ExportPlan,
    ExtendPlan,
    FollowUpSafeguarding,
    LogContact,
    OpenDirectory,
    OpenParticipant,
    OpenServices,
    StartReview,
)
from workwell_tui.services import Services
from workwell_tui.widgets.user_text import user_content

if TYPE_CHECKING:
    from workwell_tui.app import WorkwellApp

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


def app_commands(app: WorkwellApp, screen: Screen[Any]) -> Iterator[SystemCommand]:
    """The app's own actions: a new referral, the forms about the participant on screen, the
    directory, export, crisis contacts, the covers, the database's passphrase, colours, quit."""
    from workwell_tui.screens.cover import LockScreen, PrivacyScreen
    from workwell_tui.screens.export import ExportScreen

    if isinstance(screen, PrivacyScreen | LockScreen):
        return
    yield SystemCommand("New referral", "Add a new participant", app.new_referral)
    participant_id = getattr(screen, "participant_id", None)
    if isinstance(participant_id, str):
        # The forms about the participant on screen (their screen binds keys for them too).
        for title, help_text, message in (
            ("Log a contact", "Log a contact held and book the next", LogContact),
            ("Review", "Distance travelled and what changed", StartReview),
            ("Edit details", "Their details and consents", EditParticipant),
            ("Extend the plan", "A longer plan, with the reason", ExtendPlan),
            ("Close", "Close the plan: outcome and summary", ClosePlan),
            ("Safeguarding follow-up", "Record the follow-up of a risk", FollowUpSafeguarding),
        ):
            yield SystemCommand(
                title, help_text, partial(app.post_message, message(participant_id))
            )
    # The directory; from a participant's record, to refer them (their screen's key f).
    person = participant_id if isinstance(participant_id, str) else None
    yield SystemCommand(
        "Services directory" if person is None else "Refer to a local service",
        "Find local services, import Open Referral UK files",
        lambda: app.post_message(OpenDirectory() if person is None else OpenServices(person)),
    )
    # On a participant's own screen: export their plan or record (also x there, when bound).
    if person is not None and not isinstance(screen, ExportScreen):
        yield SystemCommand(
            "Export",
            "Write this participant's plan for them, their employer or GP, or everything held",
            lambda: app.post_message(ExportPlan(person)),
        )

    yield SystemCommand(
        "Crisis contacts",
        "999, NHS 111 option 2, Samaritans, Shout, Childline for under-19s (!)",
        app.action_crisis_contacts,
    )
    yield SystemCommand("Hide screen", "Cover all participant data (h)", app.action_privacy)
    yield SystemCommand("Lock now", "Lock the screen: the passphrase opens it (ctrl+l)",
                        app.action_lock)  # fmt: skip
    yield from database_commands(app, screen)
    yield SystemCommand(
        "High-contrast colours",
        "Switch between the calm and the high-contrast theme",
        app.action_toggle_high_contrast,
    )
    yield SystemCommand("Quit", "Close WorkWell (everything is saved)", app.exit)
