"""Add an adjustment from the catalogue: pick one under its heading, name it if it is "other".

Items already on the checklist are marked and cannot be added twice (free-text items can, since
each names a different thing). The new item arrives suggested and not shared.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from workwell_tui.domain.adjustments.catalogue import Catalogue, CatalogueItem
from workwell_tui.domain.adjustments.details import MAX_LABEL
from workwell_tui.domain.adjustments.records import ChecklistData
from workwell_tui.domain.text import clean_line
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.widgets.form_field import FormField
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.user_text import joined


class CatalogueList(OptionList):
    """The catalogue to choose from; ⏎ adds the highlighted item."""

    BINDINGS = [Binding("enter", "select", "Add", id="add-adjustment.choose")]


class AddAdjustmentScreen(WorkwellScreen[ChecklistData | None]):
    """Choose an adjustment to add to the checklist."""

    DEFAULT_CSS = """
    AddAdjustmentScreen #catalogue { height: 1fr; border: none; }
    AddAdjustmentScreen #catalogue > .option-list--option-disabled {
        color: $primary; text-style: bold;
    }
    AddAdjustmentScreen #description { height: auto; padding: 0 1; color: $foreground-muted; }
    AddAdjustmentScreen .form-field { height: auto; padding: 0 1; }
    AddAdjustmentScreen .form-field--row { height: auto; }
    AddAdjustmentScreen .form-field--label { width: 8; }
    AddAdjustmentScreen #name { width: 1fr; }
    AddAdjustmentScreen .form-field.-invalid .form-field--message { color: $error; }
    """
    BINDINGS = [Binding("escape", "cancel", "Back", id="add-adjustment.cancel")]

    @dataclass
    class Added(Message):
        """The item is stored; `data` is the checklist as it now is."""

        data: ChecklistData

    def __init__(self, data: ChecklistData, catalogue: Catalogue) -> None:
        super().__init__()
        self.data = data
        self.catalogue = catalogue
        self.present = {item.catalogue_key for item in data.items}
        self.saving = False

    def options(self) -> list[Option]:
        """Headings, then their items; those already on the list cannot be chosen again."""
        options = []
        for group in self.catalogue.groups:
            options.append(Option(Text(group.title), id=f"heading-{group.key}", disabled=True))
            for item in self.catalogue.in_group(group.key):
                line = Text(f"  {item.label}")
                if self.taken(item):
                    line.append("  (on the checklist)", style="dim")
                options.append(Option(line, id=item.key))
        return options

    def taken(self, item: CatalogueItem | None) -> bool:
        """Already on the checklist (free-text items can be added again: each names a thing)."""
        return item is not None and item.key in self.present and not item.free_text

    def compose(self) -> ComposeResult:
        """The catalogue, a line about the highlighted item, and a name for "other" items."""
        who = f"{self.data.last_name}, {self.data.first_name}"
        yield TitleBar(joined("Add an adjustment", who))
        yield CatalogueList(*self.options(), id="catalogue", compact=True)
        yield Static("", id="description", markup=False)
        name = FormField(
            "Name",
            Input(
                placeholder="such as 'Braille display'",
                id="name",
                compact=True,
                max_length=MAX_LABEL,
            ),
        )
        name.display = False
        yield name
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Start on the first item that can be added."""
        catalogue = self.query_one("#catalogue", OptionList)
        catalogue.focus()
        addable = [
            index
            for index, option in enumerate(catalogue.options)
            if not option.disabled and not self.taken(self.catalogue.item(option.id or ""))
        ]
        catalogue.highlighted = addable[0] if addable else None

    def current(self) -> CatalogueItem | None:
        """The highlighted catalogue item."""
        option = self.query_one("#catalogue", OptionList).highlighted_option
        if option is None or option.id is None or option.disabled:
            return None
        return self.catalogue.item(option.id)

    @on(OptionList.OptionHighlighted, "#catalogue")
    def _highlighted(self) -> None:
        item = self.current()
        self.query_one("#description", Static).update(item.description if item else "")
        self.query_one("#field-name").display = bool(item and item.free_text)

    @on(OptionList.OptionSelected, "#catalogue")
    def _selected(self) -> None:
        self.action_choose()

    @on(Input.Submitted, "#name")
    def _named(self) -> None:
        self.action_choose()

    def action_choose(self) -> None:
        """Add the highlighted item (a free-text one needs its name first)."""
        item = self.current()
        if item is None or self.saving:
            return
        if self.taken(item):
            self.notify(f"{item.label} is already on the checklist.", timeout=4, markup=False)
            return
        label = ""
        if item.free_text:
            field = self.query_one("#field-name", FormField)
            label = clean_line(self.query_one("#name", Input).value).strip()
            if not label:
                field.set_message("Say what it is, then press ⏎")
                self.query_one("#name", Input).focus()
                return
            field.set_message(None)
        self.saving = True
        self.add(item, label)

    @work(thread=True, exclusive=True, exit_on_error=False)
    def add(self, item: CatalogueItem, label: str) -> None:
        """Store the new item off the UI thread."""
        data = self.services.store.add_adjustment(
            self.data.participant_id, item.key, item.who, label
        )
        self.post_message(self.Added(data))

    def on_add_adjustment_screen_added(self, message: Added) -> None:
        """Stored: back to the checklist."""
        self.dismiss(message.data)

    def worker_failed(self, worker: Worker[object]) -> None:
        """Not added (the message is shown): the choice stays."""
        self.saving = False

    def action_cancel(self) -> None:
        """Back to the checklist without adding."""
        self.dismiss(None)
