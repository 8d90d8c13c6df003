"""The `workwell` command: its arguments, and which subcommand module does the work.

Each subcommand lives in its own module (`run`, `demo`, `caseload`, `plan`, `services`,
`import_services`, `export`, `backup` (with restore), `audit`, `erase`, `encrypt`, `passphrase`);
this one only parses.

Start-up is kept light: argparse and settings only; Textual, SQLModel and Alembic are imported
when the chosen command needs them, so the first frame comes quickly.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from workwell_tui.config import SettingsError, load_settings, resolve_paths

STAGE_CHOICES = ("referred", "assessing", "on_plan", "closed", "signposted")


def _stage(text: str) -> str:
    """A stage as typed: any case, and "on plan" or "on-plan" for on_plan."""
    return "_".join(text.strip().lower().replace("-", " ").split())


def _common() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("where data lives")
    group.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="folder for the database and backups (default: the user data dir; "
        "or set WORKWELL_DATA_DIR)",
    )
    group.add_argument(
        "--database-url",
        metavar="URL",
        default=argparse.SUPPRESS,
        help="any SQLAlchemy URL, e.g. postgresql+psycopg://… (or set WORKWELL_DATABASE_URL)",
    )
    group.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="use the separate demo database (fictional people), never the real one",
    )
    return common


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for `workwell` and its subcommands."""
    common = _common()
    parser = argparse.ArgumentParser(
        prog="workwell",
        parents=[common],
        description="WorkWell coach: caseload, assessment and plans for Work and Health Coaches. "
        "With no command, opens the app.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser(
        "run", parents=[common], help="open the app (the default)", description="Open the app."
    )
    demo = commands.add_parser(
        "demo",
        parents=[common],
        help="fill a database with fictional participants",
        description="Fill a database (the demo one unless --database-url or --data-dir says "
        "otherwise) with fictional participants, plans, contacts and referrals. Repeatable: the "
        "same --seed gives the same people.",
    )
    demo.add_argument("--participants", type=int, default=40, metavar="N", help="how many (40)")
    demo.add_argument("--seed", type=int, default=2026, help="random seed (2026)")
    demo.add_argument(
        "--encrypted",
        action="store_true",
        help="make a new demo database encrypted with SQLCipher (passphrase from "
        "WORKWELL_PASSPHRASE, else asked)",
    )
    backup = commands.add_parser(
        "backup",
        parents=[common],
        help="copy the database aside, checked (encrypted stays encrypted)",
        description="Copy the database with SQLite's backup API, check the copy with "
        "integrity_check, and write it atomically (into the data folder's backups by default).",
    )
    backup.add_argument("path", nargs="?", metavar="PATH", help="a file or folder for the copy")
    restore = commands.add_parser(
        "restore",
        parents=[common],
        help="put back a backup (the newest by default), keeping the current file aside",
        description="Check a backup, then replace the database with it; the file replaced is "
        "kept beside it. Encrypted backups need WORKWELL_PASSPHRASE.",
    )
    restore.add_argument("path", nargs="?", metavar="PATH", help="the backup file")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    audit = commands.add_parser(
        "audit",
        parents=[common],
        help="check the audit log (verify) or show its newest events (list)",
        description="verify: check every link of the audit log's hash chain and its guard "
        "triggers, and report the first broken link (exit status 1). list: the newest events, "
        "newest first (who, what, which record by id; never content).",
    )
    audit.add_argument(
        "action", choices=("verify", "list"), help="verify: check the chain; list: show events"
    )
    audit.add_argument(
        "--limit", type=int, default=50, metavar="N", help="list: how many events (default 50)"
    )
    erase = commands.add_parser(
        "erase",
        parents=[common],
        help="remove a participant and everything linked, for good",
        description="Erase a participant and all their records, leaving no trace in the "
        "database file or its WAL. The audit log keeps that an erasure happened, without "
        "personal data. Backups made earlier still hold them.",
    )
    erase.add_argument("reference", metavar="REF", help="the participant's reference")
    erase.add_argument("--yes", action="store_true", help="do not ask to type REF again")
    commands.add_parser(
        "encrypt",
        parents=[common],
        help="encrypt an existing unencrypted database (SQLCipher), and its backups",
        description="Encrypt the unencrypted database with a passphrase (WORKWELL_PASSPHRASE, "
        "else asked twice). An encrypted copy is made and checked first; only then does it "
        "replace the file, and the unencrypted file is overwritten and removed. Plain backups "
        "in the backups folder are encrypted too. Close WorkWell in other windows first.",
    )
    commands.add_parser(
        "passphrase",
        parents=[common],
        help="change the passphrase of the encrypted database",
        description="Re-encrypt the database under a new passphrase. The current one comes "
        "from WORKWELL_PASSPHRASE (else asked), the new one from WORKWELL_NEW_PASSPHRASE (else "
        "asked twice). Backups made before keep the old passphrase.",
    )
    caseload = commands.add_parser(
        "caseload",
        parents=[common],
        help="print the caseload as a table, CSV or JSON",
        description="Print the caseload as the app shows it, for scripts and monthly returns.",
    )
    caseload.add_argument("--stage", type=_stage, choices=STAGE_CHOICES, help="only this stage")
    caseload.add_argument("--district", metavar="NAME", help="only this district")
    caseload.add_argument("--search", metavar="TEXT", help="name or reference contains TEXT")
    caseload.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output (table)"
    )
    plan = commands.add_parser(
        "plan",
        parents=[common],
        help="print one participant's plan as Markdown or JSON",
        description="Print a participant's plan: objectives, contacts, reviews and distance "
        "travelled. Exit status 2 for an unknown reference, 1 when they have no plan yet.",
    )
    plan.add_argument(
        "reference", metavar="REF", help="the participant's reference, like WW-000031"
    )
    plan.add_argument(
        "--format", choices=("markdown", "json"), default="markdown", help="output (markdown)"
    )
    services = commands.add_parser(
        "services", parents=[common], help="print the local-services directory",
        description="Print the directory of local services as a table, CSV or JSON.",
    )  # fmt: skip
    services.add_argument("--search", metavar="TEXT", help="name, description... contains TEXT")
    services.add_argument("--category", metavar="C", help="only this category")
    services.add_argument("--district", metavar="D", help="only services covering this district")
    services.add_argument("--format", choices=("table", "csv", "json"), default="table")
    imports = commands.add_parser(
        "import-services", parents=[common], help="import Open Referral UK files",
        description="Import services from an Open Referral UK JSON file, page, folder or "
        "datapackage. Re-importing updates by source id; hand-edited services are kept.",
    )  # fmt: skip
    imports.add_argument("path", metavar="PATH", help="a .json file, folder or datapackage.json")
    imports.add_argument("--source", default="oruk", help="name of the publisher (oruk)")
    export = commands.add_parser(
        "export",
        parents=[common],
        help="write one participant's document for them, their employer or GP, or everything held",
        description="Write a participant's document as PDF-ready Markdown (and a PDF with --pdf) "
        "into the export folder, and print the paths written. Refused (status 3, reason on "
        "stderr) without the participant's consent for that audience; status 2 for an unknown "
        "reference.",
    )
    export.add_argument(
        "reference", metavar="REF", help="the participant's reference, like WW-000031"
    )
    export.add_argument(
        "--audience",
        choices=("participant", "employer", "gp", "record"),
        required=True,
        help="who it is for (record: everything held, for a subject access request)",
    )
    export.add_argument("--output", metavar="PATH", help="a folder, or a new file name")
    export.add_argument("--pdf", action="store_true", help="also write a PDF (needs pandoc)")
    export.add_argument(
        "--include-measures",
        action="store_true",
        help="show scores in the participant's copy (left out unless asked)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `workwell` command; returns the exit status."""
    # Everything we create (database, WAL, exports) is readable by this user only.
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    demo = bool(getattr(args, "demo", False))
    command = args.command or "run"
    if command == "demo" and not hasattr(args, "database_url"):
        demo = True
    paths = resolve_paths(
        data_dir=getattr(args, "data_dir", None),
        database_url=getattr(args, "database_url", None),
        demo=demo,
    )
    try:
        settings = load_settings(paths.settings_file)
    except SettingsError as error:
        print(f"workwell: settings problem: {error}", file=sys.stderr)
        return 2
    if command == "demo":
        from workwell_tui.cli.demo import fill

        return fill(paths, settings, args.participants, args.seed, encrypted=args.encrypted)
    if command in ("backup", "restore", "audit", "erase", "encrypt", "passphrase"):
        from importlib import import_module

        module = import_module(f"workwell_tui.cli.{command if command != 'restore' else 'backup'}")
        handler = getattr(module, command)
        status: int = handler(args, paths, settings)
        return status
    if command == "caseload":
        from workwell_tui.cli.caseload import caseload

        return caseload(args, paths, settings)
    if command == "export":
        from workwell_tui.cli.export import export

        return export(args, paths, settings)
    if command == "plan":
        from workwell_tui.cli.plan import plan

        return plan(args, paths, settings)
    if command in ("services", "import-services"):
        from workwell_tui.cli import import_services, services

        if command == "services":
            return services.services(args, paths, settings)
        return import_services.import_services(args, paths, settings)
    from workwell_tui.cli.run import run

    return run(paths, settings)
