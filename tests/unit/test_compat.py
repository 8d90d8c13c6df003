"""Textual's private API that compat.py leans on is still there, in the shape it expects."""

from __future__ import annotations

import inspect

from textual.app import App

from workwell_tui.compat import PRIVATE_NAMES, CrashReportWithoutLocals


def test_textual_still_has_what_the_crash_report_override_uses() -> None:
    app = App[None]()
    for name in PRIVATE_NAMES:
        assert hasattr(app, name), f"Textual no longer has {name}: revisit workwell_tui.compat"
    assert isinstance(app._exit_renderables, list)
    assert list(inspect.signature(App._fatal_error).parameters) == ["self"]
    assert list(inspect.signature(App._close_messages_no_wait).parameters) == ["self"]


def test_textual_still_reports_locals_itself() -> None:
    # If Textual stops showing locals on its own, the override can go.
    assert "show_locals=True" in inspect.getsource(App._fatal_error)


def test_the_override_is_what_the_app_uses() -> None:
    from workwell_tui.app import WorkwellApp

    assert WorkwellApp._fatal_error is CrashReportWithoutLocals._fatal_error
