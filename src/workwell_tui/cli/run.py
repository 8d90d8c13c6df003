"""`workwell` (or `workwell run`): the composition root; builds the services, opens the app."""

from __future__ import annotations

from workwell_tui.cli.common import env_passphrase, open_store
from workwell_tui.config import Paths, Settings
from workwell_tui.services import Services


def run(paths: Paths, settings: Settings) -> int:
    """Open the app; the database opens in its worker, after the first frame."""
    services = Services(settings=settings, paths=paths, passphrase=env_passphrase())
    # Before Textual is imported: the key derives on another core meanwhile (PBKDF2 releases
    # the GIL), rather than after the first frame.
    services.derive_key_early()
    from workwell_tui.app import WorkwellApp

    # The passphrase may be typed on the unlock screen after start: read it when opening.
    services.opener = lambda: open_store(paths, settings, services.passphrase, check_later=True)
    WorkwellApp(services).run()
    return 0
