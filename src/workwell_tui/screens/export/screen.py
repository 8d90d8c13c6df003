"""Export: one participant's document for them, their employer, their GP, or everything held.

The coach picks the audience (keys 1-4 anywhere, or the arrows in the list) and whether
the participant's copy shows scores (m). The document is previewed as it will print, in
Textual's Markdown widget, before anything is written. Enter writes the Markdown into the
export folder; p writes a PDF beside it too. A copy the participant has not consented to is
refused in place of the preview, with the reason, and cannot be written. Reading and writing
run in workers; the renderers are pure and quick, so the preview follows each choice at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.markup import escape
from textual.message import Message
from textual.widgets import Checkbox, Footer, Markdown, Static
from textual.worker import Worker

from workwell_tui.config import export_folder
from workwell_tui.domain.audit import Viewed
from workwell_tui.domain.export import Audience, ExportView
from workwell_tui.errors import WorkwellError
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.styles import style
from workwell_tui.widgets.choices import Choices
from workwell_tui.widgets.tick_box import TickBox
from workwell_tui.widgets.title_bar import TitleBar
from workwell_tui.widgets.user_text import joined, user_text

AUDIENCES = tuple(Audience)


class AudienceChoices(Choices):
    """The audiences, chosen by number or arrows; letters stay the screen's keys (p, m)."""

    def _letter_index(self, letter: str) -> int | None:
        # "p" is "also PDF" here, never "participant", even when writing is refused.
        return None


class ExportScreen(WorkwellScreen[None]):
    """Preview and write one participant's export."""

    CSS_PATH = style("export.tcss")
    BINDINGS = [
        # Enter writes from anywhere on this screen (the audience list would take it otherwise).
        Binding("enter", "write(False)", "Write", priority=True, id="export.write"),
        Binding("p", "write(True)", "Also PDF", id="export.pdf"),
        Binding("m", "toggle_measures", "Measures", id="export.measures"),
        Binding("1", "audience(0)", "Participant", show=False, id="export.participant"),
        Binding("2", "audience(1)", "Employer", show=False, id="export.employer"),
        Binding("3", "audience(2)", "GP", show=False, id="export.gp"),
        Binding("4", "audience(3)", "Full record", show=False, id="export.record"),
        Binding("escape", "app.pop_screen", "Back", id="export.back"),
    ]

    @dataclass
    class Loaded(Message):
        """The participant's record was read."""

        view: ExportView | None

    @dataclass
    class Written(Message):
        """The export was written: the Markdown, the PDF if made, and why not if not."""

        markdown: str
        pdf: str | None
        pdf_problem: str

    def __init__(self, participant_id: str) -> None:
        super().__init__()
        self.participant_id = participant_id
        self.view: ExportView | None = None
        self.audience = Audience.PARTICIPANT
        self.include_measures = False
        self.refusal = ""
        self.writing = False

    def compose(self) -> ComposeResult:
        """Title, the choices on one line, the preview, where it will be written."""
        yield TitleBar("Export")
        with Horizontal(id="choices"):
            yield Static("For:", id="for-label")
            yield AudienceChoices(
                tuple((audience.value, audience.label) for audience in AUDIENCES),
                value=self.audience.value,
                id="audience",
            )
            yield TickBox("Measures (m)", id="measures", value=False)
        with VerticalScroll(id="preview"):
            yield Static("Reading…", id="refusal", markup=False)
            yield Markdown(id="document")
        yield Static("", id="destination", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Read the record in the background."""
        self.query_one("#preview").border_title = "Preview"
        self.load()

    @work(thread=True, exclusive=True, group="export-read", exit_on_error=False)
    def load(self) -> None:
        """Read everything the export may show, off the UI thread."""
        self.post_message(self.Loaded(self.services.store.export_view(self.participant_id)))

    def on_export_screen_loaded(self, message: Loaded) -> None:
        """Show the title and the first preview."""
        self.view = message.view
        if message.view is None:
            self.show_refusal("This participant is no longer here.")
            return
        person = message.view.participant
        self.query_one(TitleBar).title = joined(
            "Export", f"{person.last_name}, {person.first_name}", person.reference
        )
        self.show_preview()
        # The preview shows the record: audited once, whichever audiences are looked at.
        self.audit_view(Viewed.EXPORT_PREVIEW, person.id)

    def worker_failed(self, worker: Worker[object]) -> None:
        """Reading or writing failed (the message is shown); writing may be tried again."""
        self.writing = False
        self.refresh_bindings()
        if self.view is None:
            self.show_refusal("Could not read this record.")

    # Choices --------------------------------------------------------------------------------

    @on(Choices.Changed, "#audience")
    def audience_chosen(self, event: Choices.Changed) -> None:
        """Another audience: preview its document."""
        if isinstance(event.value, str):
            self.audience = Audience(event.value)
            self.show_preview()

    @on(Checkbox.Changed, "#measures")
    def measures_ticked(self, event: Checkbox.Changed) -> None:
        """Scores in the participant's copy, or not."""
        self.include_measures = event.value
        self.show_preview()

    def action_audience(self, index: int) -> None:
        """Choose an audience by its number (from anywhere on the screen)."""
        self.audience = AUDIENCES[index]
        self.query_one("#audience", Choices).value = self.audience.value
        self.show_preview()

    def action_toggle_measures(self) -> None:
        """Tick or untick "include measures"."""
        self.query_one("#measures", Checkbox).toggle()

    # The preview ----------------------------------------------------------------------------

    def show_refusal(self, reason: str) -> None:
        """Say why there is nothing to write, where the document would be."""
        self.refusal = reason
        refusal = self.query_one("#refusal", Static)
        refusal.update(user_text(reason))
        refusal.display = True
        self.query_one("#document", Markdown).display = False
        self.query_one("#destination", Static).update("Nothing will be written.")
        self.refresh_bindings()

    def show_preview(self) -> None:
        """Render the chosen document (pure and quick) and show it as it will print."""
        from workwell_tui.export import render
        from workwell_tui.export_files import export_name, pdf_tools_missing

        view = self.view
        if view is None:
            return
        measures = self.query_one("#measures", Checkbox)
        measures.disabled = self.audience is not Audience.PARTICIPANT
        try:
            document = render(view, self.audience, include_measures=self.include_measures)
        except WorkwellError as refused:
            self.show_refusal(refused.message)
            return
        self.refusal = ""
        self.query_one("#refusal", Static).display = False
        markdown = self.query_one("#document", Markdown)
        markdown.display = True
        markdown.update(document.preview)
        self.query_one("#preview", VerticalScroll).scroll_home(animate=False)
        folder = export_folder(self.services.settings)
        name = export_name(view.participant.reference, self.audience, view.today)
        pdf = "needs pandoc and WeasyPrint" if pdf_tools_missing() else "p"
        self.query_one("#destination", Static).update(
            Text.assemble("Will write: ", user_text(f"{folder.name}/{name}"), f"  (+ PDF: {pdf})")
        )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Writing only when there is a document to write and nothing is being written."""
        if action == "write":
            return self.view is not None and not self.refusal and not self.writing
        if action == "toggle_measures":
            return self.audience is Audience.PARTICIPANT
        return True

    # Writing --------------------------------------------------------------------------------

    def action_write(self, pdf: bool) -> None:
        """Write the Markdown (and the PDF with p) into the export folder."""
        if self.view is None or self.refusal or self.writing:
            return
        self.writing = True
        self.refresh_bindings()
        self.notify("Writing…" if not pdf else "Writing, and making the PDF…", timeout=3)
        self.write(self.view, self.audience, self.include_measures, pdf)

    @work(thread=True, exclusive=True, group="export-write", exit_on_error=False)
    def write(self, view: ExportView, audience: Audience, measures: bool, pdf: bool) -> None:
        """Render, write atomically, audit; off the UI thread (a PDF takes a few seconds)."""
        from workwell_tui.export import render
        from workwell_tui.export_files import write_export

        document = render(view, audience, include_measures=measures)
        written = write_export(self.services.store, view, audience, document, pdf=pdf)
        self.post_message(
            self.Written(
                str(written.markdown),
                str(written.pdf) if written.pdf else None,
                written.pdf_problem,
            )
        )

    def on_export_screen_written(self, message: Written) -> None:
        """Say where it went; the PDF's problem, if any, in its own words."""
        self.writing = False
        self.refresh_bindings()
        paths = message.markdown + (f"\n{message.pdf}" if message.pdf else "")
        # A path is shown as text, never read as markup.
        self.notify(escape(paths), title="Written", timeout=10)
        shown = user_text(paths.replace("\n", "  "))
        self.query_one("#destination", Static).update(Text.assemble("Written: ", shown))
        if message.pdf_problem:
            self.notify(escape(message.pdf_problem), title="No PDF", severity="warning", timeout=12)
