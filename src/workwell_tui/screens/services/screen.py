"""The services directory: find as you type, filter, read the details, refer in two keys.

Opened from a participant (`OpenServices(participant_id)`), Enter refers them to the highlighted
service; opened on its own, it is the directory to look things up and keep up to date (add, edit,
"checked today", import). Each keystroke asks the database for the matching ids in a worker (the
full-text index answers in a few milliseconds); the filters and the participant's district order
are applied here from the services read once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Footer, Input, OptionList, Select

from workwell_tui.domain.directory.referrals import ReferralDraft, ReferralView
from workwell_tui.domain.directory.search import DirectoryFilter, arrange, categories_of
from workwell_tui.domain.directory.service import ServiceDraft, ServiceView, area_short
from workwell_tui.domain.records import ParticipantRecord
from workwell_tui.domain.text import clean_line
from workwell_tui.screens.base import WorkwellScreen
from workwell_tui.screens.navigation import CaseloadStale
from workwell_tui.widgets.service_details import ServiceDetails
from workwell_tui.widgets.service_list import ServiceList
from workwell_tui.widgets.tick_box import TickBox
from workwell_tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from workwell_tui.screens.form_draft import DraftKeeper

ALL = "all"


class ServicesScreen(WorkwellScreen[None]):
    """Find a local service, see everything about it, refer the participant."""

    DEFAULT_CSS = """
    ServicesScreen #filters {
        height: 1;
        margin: 0 0 1 0;
    }
    ServicesScreen #find {
        width: 1fr;
        min-width: 12;
        background: $panel;
    }
    ServicesScreen #find:focus {
        background: $primary 30%;
    }
    ServicesScreen #filters Select {
        width: 22;
        margin-left: 1;
    }
    ServicesScreen #self-only {
        width: auto;
        margin-left: 1;
    }
    """
    BINDINGS = [
        Binding("enter", "refer", "Refer", id="services.refer"),
        Binding("slash", "find", "Find", id="services.find"),
        Binding("c", "category", "Category", id="services.category"),
        Binding("d", "district", "District", id="services.district"),
        Binding("s", "self_only", "Self-ref", id="services.self"),
        Binding("v", "their_referrals", "Referrals", id="services.referrals"),
        Binding("escape", "back", "Back", id="services.back"),
        # Keeping the directory up to date: after Back, so a narrow footer keeps the above.
        Binding("i", "import", "Import", id="services.import"),
        Binding("a", "add", "Add", id="services.add"),
        Binding("e", "edit", "Edit", id="services.edit"),
        Binding("t", "checked_today", "Checked", id="services.checked"),
    ]

    @dataclass
    class Loaded(Message):
        """The directory (and the participant, if any) was read."""

        services: list[ServiceView]
        person: ParticipantRecord | None

    @dataclass
    class Searched(Message):
        """The database answered the words typed (ids best first; None: nothing typed)."""

        text: str
        ids: list[str] | None

    @dataclass
    class Referred(Message):
        """A referral was stored."""

        referral: ReferralView

    @dataclass
    class Saved(Message):
        """A service was added, edited or marked checked."""

        service: ServiceView

    def __init__(self, participant_id: str | None = None) -> None:
        super().__init__()
        self.participant_id = participant_id
        self.person: ParticipantRecord | None = None
        self.all_services: list[ServiceView] = []
        self.ranked: list[str] | None = None
        self.loaded = False
        # After a save the directory is read again: the saved service stays highlighted.
        self.keep_highlight = False

    # Building and reading --------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Title, find box and filters, the results, the details."""
        settings = self.services.settings
        yield TitleBar("Services")
        with Horizontal(id="filters"):
            yield Input(placeholder="Find a service", compact=True,
                        id="find")  # fmt: skip
            yield Select([], prompt="Category: all", compact=True, id="category")
            districts = [(f"District: {d}", d) for d in settings.districts]
            yield Select(districts, prompt="District: all", compact=True, id="district")
            yield TickBox("Self-referral", compact=True, id="self-only")
        yield ServiceList(area_short(settings.area), id="results")
        yield ServiceDetails(id="details")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        """Read the directory in the background; typing can start at once."""
        self.query_one("#find", Input).focus()
        self.load()

    @work(thread=True, exclusive=True, group="directory", exit_on_error=False)
    def load(self) -> None:
        """Read every service (and the participant) off the UI thread."""
        store = self.services.store
        person = store.participant(self.participant_id) if self.participant_id else None
        self.post_message(self.Loaded(store.directory(), person))

    def on_services_screen_loaded(self, message: Loaded) -> None:
        """Fill the filters and the list."""
        first_load = not self.loaded
        self.loaded = True
        self.all_services = message.services
        self.person = message.person
        category = self.query_one("#category", Select)
        chosen = category.value
        names = categories_of(self.all_services)
        category.set_options([(f"Category: {name}", name) for name in names[:60]])
        if isinstance(chosen, str) and chosen in names:
            category.value = chosen
        if first_load and self.person is not None:
            title = Text("Services · refer ")
            title.append_text(_person_text(self.person))
            self.query_one(TitleBar).title = title
            if self.person.district in self.services.settings.districts:
                self.query_one("#district", Select).value = self.person.district
        self.refresh_bindings()
        self.search(self.query_one("#find", Input).value)

    @on(Input.Changed, "#find")
    def _typed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search(self, text: str) -> None:
        """Ask the database which services match (the last keystroke wins)."""
        self.post_message(self.Searched(text, self.services.store.search_service_ids(text)))

    def on_services_screen_searched(self, message: Searched) -> None:
        """Show the answer, if it is still the answer to what is typed."""
        if message.text != self.query_one("#find", Input).value:
            return
        self.ranked = message.ids
        self.show_results(keep_highlight=self.keep_highlight)
        self.keep_highlight = False

    @on(Select.Changed)
    @on(TickBox.Changed)
    def _filtered(self) -> None:
        if self.loaded:
            self.show_results()

    def current_filter(self) -> DirectoryFilter:
        """The filters as chosen."""
        category = self.query_one("#category", Select).value
        district = self.query_one("#district", Select).value
        return DirectoryFilter(
            category=category if isinstance(category, str) else None,
            district=district if isinstance(district, str) else None,
            self_referral=self.query_one("#self-only", TickBox).value,
        )

    def show_results(self, keep_highlight: bool = False) -> None:
        """List what matches, best first, the participant's district first among equals."""
        home = self.person.district if self.person else None
        text = self.query_one("#find", Input).value
        shown = arrange(self.all_services, self.ranked, self.current_filter(), home, text)
        results = self.query_one(ServiceList)
        results.show(shown, keep_highlight)
        self.query_one(ServiceDetails).service = results.highlighted_service
        self.query_one(TitleBar).set_fact("count", f"{len(shown):,} of {len(self.all_services):,}")
        self.refresh_bindings()

    @on(OptionList.OptionHighlighted, "#results")
    def _highlighted(self) -> None:
        self.query_one(ServiceDetails).service = self.query_one(ServiceList).highlighted_service
        self.refresh_bindings()

    # Keys ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Refer only with a participant; service actions only on a service."""
        if action in ("refer", "their_referrals"):
            return self.participant_id is not None and self.person is not None
        if action in ("edit", "checked_today"):
            return self.query_one(ServiceDetails).service is not None
        return True

    def on_key(self, event: events.Key) -> None:
        """Down from the find box goes into the results."""
        if event.key == "down" and self.focused is self.query_one("#find"):
            self.query_one(ServiceList).focus()
            event.stop()

    @on(Input.Submitted, "#find")
    def _find_done(self) -> None:
        if self.participant_id is not None:
            self.action_refer()
        else:
            self.query_one(ServiceList).focus()

    def action_back(self) -> None:
        """Back where the coach came from."""
        self.dismiss(None)

    def action_find(self) -> None:
        """Into the find box."""
        self.query_one("#find", Input).focus()

    def action_category(self) -> None:
        """Choose a category."""
        self.query_one("#category", Select).action_show_overlay()

    def action_district(self) -> None:
        """Choose a district."""
        self.query_one("#district", Select).action_show_overlay()

    def action_self_only(self) -> None:
        """Only self-referral services, or all again."""
        self.query_one("#self-only", TickBox).toggle()

    # Referring ---------------------------------------------------------------------------------

    def action_refer(self) -> None:
        """Refer the participant to the highlighted service."""
        service = self.query_one(ServiceDetails).service
        if service is None or self.person is None or self.participant_id is None:
            return
        from workwell_tui.screens.services.referral import ReferralScreen, new_referral_key

        person = _person_text(self.person).plain
        participant_id = self.participant_id
        key = new_referral_key(participant_id, service.id)
        form = ReferralScreen(service.name, person, draft_key=key)

        def chosen(draft: ReferralDraft | None) -> None:
            if draft is not None:
                self.refer(participant_id, service, draft, form.keeper)

        self.app.push_screen(form, chosen)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def refer(
        self, participant_id: str, service: ServiceView, draft: ReferralDraft, keeper: DraftKeeper
    ) -> None:
        """Store the referral off the UI thread (dropping its draft)."""
        from workwell_tui.screens.services.referral import saved_with_draft_dropped

        store = self.services.store
        referral = saved_with_draft_dropped(
            keeper, store, lambda: store.refer(participant_id, service.id, draft)
        )
        self.post_message(self.Referred(referral))

    def on_services_screen_referred(self, message: Referred) -> None:
        """Stored: say so, and let the caseload read its flags again."""
        referral = message.referral
        said = f"{clean_line(referral.service_name)}: {referral.status.label.lower()}"
        self.notify(said, title="Referral saved", timeout=4, markup=False)
        self.post_message(CaseloadStale())

    def action_their_referrals(self) -> None:
        """The participant's referrals, to record what happened."""
        if self.person is None or self.participant_id is None:
            return
        from workwell_tui.screens.services.referrals import ReferralsScreen

        person = _person_text(self.person).plain
        self.app.push_screen(ReferralsScreen(self.services, self.participant_id, person))

    # Keeping the directory up to date ------------------------------------------------------------

    def action_checked_today(self) -> None:
        """Record that the highlighted service's details were checked today."""
        service = self.query_one(ServiceDetails).service
        if service is not None:
            self.save_service(service.id, None, None)

    def action_add(self) -> None:
        """Add a service by hand."""
        from workwell_tui.screens.services.service_form import ServiceFormScreen

        def added(draft: ServiceDraft | None) -> None:
            if draft is not None:
                self.save_service(None, draft, None)

        self.app.push_screen(ServiceFormScreen(), added)

    def action_edit(self) -> None:
        """Edit the highlighted service (an import will then leave it alone)."""
        service = self.query_one(ServiceDetails).service
        if service is None:
            return
        from workwell_tui.screens.services.service_form import ServiceFormScreen

        def edited(draft: ServiceDraft | None) -> None:
            if draft is not None:
                self.save_service(service.id, draft, service.version)

        self.app.push_screen(ServiceFormScreen(service.draft), edited)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save_service(
        self, service_id: str | None, draft: ServiceDraft | None, version: int | None
    ) -> None:
        """Add (no id), edit (a draft) or mark checked (neither), off the UI thread."""
        store = self.services.store
        if service_id is None and draft is not None:
            saved = store.add_service(draft)
        elif service_id is not None and draft is not None:
            saved = store.edit_service(service_id, draft, version)
        elif service_id is not None:
            saved = store.mark_service_checked(service_id)
        else:
            return
        self.post_message(self.Saved(saved))

    def on_services_screen_saved(self, message: Saved) -> None:
        """Saved: say so and read the directory again (the saved service stays highlighted)."""
        self.notify(f"Saved: {clean_line(message.service.name)}", timeout=3, markup=False)
        self.keep_highlight = True
        self.load()

    def action_import(self) -> None:
        """Import Open Referral UK files."""
        from workwell_tui.screens.services.importing import ImportScreen

        def closed(summary: object) -> None:
            if summary is not None:
                self.load()

        self.app.push_screen(ImportScreen(self.services), closed)


def _person_text(person: ParticipantRecord) -> Text:
    """ "Alex Smith (WW-000031)", literally."""
    from workwell_tui.widgets.user_text import user_text

    name = person.preferred_name or person.first_name
    text = user_text(f"{name} {person.last_name}")
    text.append(f" ({person.reference})")
    return text
