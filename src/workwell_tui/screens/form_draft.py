"""Keeping a form's typing in the database as the coach types, and offering it back.

A form makes one `DraftKeeper` and calls `changed()` on every change and `left_field()` when
focus leaves a field. The values are written half a second after the typing pauses (and at once
on leaving a field), in a worker, so a killed process loses at most the last half second. When
the form opens, `offer()` looks for a draft and asks whether to carry on with it. Saving the
form takes `keeper.lock` around the save (see `saving()`), so a draft write still in flight
cannot bring back a draft the save has just deleted. `show_kept_on(screen)` is the usual
`on_kept`: when the draft was last kept, on the form's title bar.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import TYPE_CHECKING, Any

from textual.screen import Screen
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Select, TextArea
from textual.widgets.select import InvalidSelectValueError

from workwell_tui import clock
from workwell_tui.domain.dates import uk_date
from workwell_tui.domain.form_drafts import FormKind, SavedDraft, has_typing
from workwell_tui.errors import WorkwellError, in_coach_words
from workwell_tui.screens.confirm import ConfirmScreen
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from workwell_tui.screens.base import WorkwellScreen

DEBOUNCE_SECONDS = 0.5
"""Typing pauses this long before the draft is written: a few writes a sentence, not one a key."""


class DraftNotKept(WorkwellError):
    """The draft could not be written (the form itself is untouched)."""

    default_title = "Draft not kept"
    default_message = (
        "Could not keep a copy of what you typed. It is still on screen: "
        "save the form when you can."
    )


def when_saved(moment: datetime) -> str:
    """ "14:05" today, else "21 Nov 2026 14:05"."""
    local = moment.astimezone()
    if local.date() == clock.today():
        return f"{local:%H:%M}"
    return f"{uk_date(local.date())} {local:%H:%M}"


def show_kept_on(screen: Screen[Any]) -> Callable[[datetime], None]:
    """An `on_kept` for a form's keeper: "draft 14:05", quietly, on the form's title bar."""

    def kept(saved_at: datetime) -> None:
        screen.query_one(TitleBar).set_fact("draft", f"draft {when_saved(saved_at)}", "quiet")

    return kept


def restore_values(controls: Iterable[Widget], values: Mapping[str, object]) -> None:
    """Put kept values back into form controls, by id (a value of the wrong kind is left out)."""
    for control in controls:
        value = values.get(control.id or "")
        if isinstance(control, Input) and isinstance(value, str):
            control.value = value
        elif isinstance(control, TextArea) and isinstance(value, str):
            control.text = value
        elif isinstance(control, Checkbox) and isinstance(value, bool):
            control.value = value
        elif isinstance(control, Choices) and (value is None or isinstance(value, str | list)):
            options = {option for option, _ in control.options}
            if isinstance(value, list):
                control.value = [v for v in value if v in options]
            else:
                control.value = value if value in options else None
        elif isinstance(control, Select) and isinstance(value, str):
            # No longer one of the options (a district renamed in settings): left empty.
            with suppress(InvalidSelectValueError):
                control.value = value


class DraftKeeper:
    """The typing of one form for one record, kept as a draft until the form is saved."""

    def __init__(
        self,
        screen: WorkwellScreen[Any],
        form: FormKind,
        record_key: str,
        values: Callable[[], dict[str, object]],
        on_kept: Callable[[datetime], None] | None = None,
    ) -> None:
        self.screen = screen
        self.form = form
        self.record_key = record_key
        self.values = values
        self.on_kept = on_kept
        self.lock = threading.Lock()
        """Held while a draft is written and while the form itself is saved."""
        self.defaults: dict[str, object] = {}
        """What the form shows before anything is typed (set by the form once it is filled)."""
        self.pending: dict[str, object] | None = None
        self.timer: Timer | None = None
        self.ready = False
        """False until the offer of an earlier draft has been answered (nothing is written)."""
        self.closed = False
        """True once the form is saved or discarded: no more drafts."""
        self.saved_at: datetime | None = None

    # Typing -----------------------------------------------------------------------------------

    def changed(self) -> None:
        """Something was typed: write the draft when the typing pauses."""
        if self.closed:
            return
        self.pending = self.values()
        if not self.ready:
            return
        if self.timer is not None:
            self.timer.stop()
        self.timer = self.screen.set_timer(DEBOUNCE_SECONDS, self.flush)

    def left_field(self) -> None:
        """Focus left a field: write what is waiting now."""
        if self.pending is not None and self.ready:
            self.flush()

    def flush(self) -> None:
        """Write what is waiting, in a worker."""
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        if self.pending is None or self.closed or not self.ready:
            return
        self.screen.run_worker(
            self.write, thread=True, group="form-draft", exit_on_error=False, exclusive=False
        )

    def write(self) -> None:
        """Write the newest values (worker thread); the lock keeps writes in order."""
        with self.lock:
            values, self.pending = self.pending, None
            if values is None or self.closed:
                return
            store = self.screen.services.store
            with in_coach_words(DraftNotKept):
                if not has_typing(values, self.defaults):
                    # Typed and then taken back: nothing is left to keep.
                    store.discard_form_draft(self.form, self.record_key)
                    return
                saved = store.save_form_draft(self.form, self.record_key, values)
        self.saved_at = saved
        if self.on_kept is not None:
            self.screen.app.call_from_thread(self.on_kept, saved)

    # Opening: offer what was kept -------------------------------------------------------------

    def offer(self, restore: Callable[[Mapping[str, object]], None], what: str) -> None:
        """Look for a draft; when there is one, ask whether to carry on with it."""

        def look() -> None:
            draft = self.screen.services.store.form_draft(self.form, self.record_key)
            self.screen.app.call_from_thread(self.offer_found, draft, restore, what)

        self.screen.run_worker(look, thread=True, group="form-draft-offer", exit_on_error=False)

    def offer_found(
        self,
        draft: SavedDraft | None,
        restore: Callable[[Mapping[str, object]], None],
        what: str,
    ) -> None:
        """Ask about the draft found (or, with none, start keeping drafts)."""
        if draft is None or not has_typing(draft.values, self.defaults):
            self.start()
            return

        def answered(resume: bool | None) -> None:
            if resume:
                restore(draft.values)
                self.saved_at = draft.saved_at
                if self.on_kept is not None:
                    self.on_kept(draft.saved_at)
            else:
                self.discard()
            self.start()

        self.screen.app.push_screen(
            ConfirmScreen(
                f"You were typing {what} at {when_saved(draft.saved_at)} and it was not "
                "saved. Carry on from there?",
                yes="Resume",
                no="Start afresh (throw that typing away)",
            ),
            answered,
        )

    def start(self) -> None:
        """Keep drafts from now on; what the form holds now (resumed, or typed while the
        database was asked) is written at once."""
        self.ready = True
        values = self.values()
        if has_typing(values, self.defaults):
            self.pending = values
            self.flush()
        else:
            self.pending = None

    # Ending: saved or thrown away -------------------------------------------------------------

    @contextmanager
    def saving(self) -> Iterator[None]:
        """Around the form's own save (worker thread): no draft write can interleave, and none
        follows a successful save. A failed save keeps drafting."""
        with self.lock:
            self.closed = True
            try:
                yield
            except BaseException:
                self.closed = False
                raise

    def leave(self, then: Callable[[], object], *, thrown_away: bool) -> None:
        """The form is left unsaved: no more drafts. Typing thrown away on purpose, or a draft
        written of typing since taken back, is deleted before `then` runs."""
        self.closed = True
        if thrown_away or self.saved_at is not None:
            self.discard(then=then)
        else:
            then()

    def discard(self, then: Callable[[], object] | None = None) -> None:
        """Throw the draft away (the coach chose to), in a worker; `then` runs once it has
        gone (so a form leaves only after its draft is deleted)."""
        if self.timer is not None:
            self.timer.stop()
            self.timer = None
        self.pending = None

        def drop() -> None:
            with self.lock:
                self.screen.services.store.discard_form_draft(self.form, self.record_key)
            if then is not None:
                self.screen.app.call_from_thread(then)

        self.screen.run_worker(drop, thread=True, group="form-draft", exit_on_error=False)
