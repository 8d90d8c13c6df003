"""The first frame needs little: starting the app leaves the database and the table for later.

Importing SQLAlchemy, the caseload table or the other screens before the first frame would make
the app appear later (see benchmarks/startup.py); this catches an import that drags them in.
"""

from __future__ import annotations

import subprocess
import sys

CHECK = (
    "import sys\nimport workwell_tui.cli, workwell_tui.app\nprint(' '.join(sorted(sys.modules)))\n"
)

LATER = (
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "workwell_tui.db.store",
    "workwell_tui.db.backends",
    "workwell_tui.domain.caseload",
    "workwell_tui.widgets.caseload_table",
    "workwell_tui.screens.cover",
    "workwell_tui.screens.problem",
    "workwell_tui.screens.participant",
    "workwell_tui.screens.referral_form",
    "workwell_tui.screens.assessment.screen",
)


def test_starting_the_app_imports_only_what_the_first_frame_needs() -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    loaded = set(result.stdout.split())
    # The check sees what it should: the first screen itself is loaded.
    assert {"workwell_tui.app", "workwell_tui.screens.caseload", "textual.app"} <= loaded
    early = [name for name in LATER if name in loaded]
    assert early == [], f"imported before the first frame: {early}"
