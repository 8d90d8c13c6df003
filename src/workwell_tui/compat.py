"""The one place that leans on Textual's private API, so an upgrade breaks here and nowhere else.

Textual is pinned (8.2.8); `tests/unit/test_compat.py` fails on an upgrade that changes what this
module relies on, so the reason it exists gets looked at again rather than silently lost.
"""

from __future__ import annotations

from textual.app import App


class CrashReportWithoutLocals(App[None]):
    """An app whose crash report leaves out local variables.

    Textual's own report shows them (`show_locals=True`), and a local can hold what a participant
    said; Textual has no public switch for it, so this overrides its private `_fatal_error`.
    """

    def _fatal_error(self) -> None:
        # Imported here: rich.traceback brings in pygments, too slow for start-up.
        import rich
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        report = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(Segments(self.console.render(report, self.console.options)))
        self._close_messages_no_wait()


PRIVATE_NAMES = ("_fatal_error", "_exit_renderables", "_close_messages_no_wait")
"""What the override above uses of Textual's private API (checked by the compat test)."""
