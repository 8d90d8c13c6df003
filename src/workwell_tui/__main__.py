"""Allow `python -m workwell_tui` as well as the `workwell` command."""

from __future__ import annotations

from workwell_tui.cli import main

raise SystemExit(main())
