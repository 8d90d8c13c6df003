"""`workwell caseload`: the caseload as a table, CSV or JSON, the same rows the screen shows."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import TextIO

from rich.cells import cell_len, set_cell_size

from workwell_tui import clock
from workwell_tui.cli.common import quiet_on_closed_pipe, with_store
from workwell_tui.config import Paths, Settings
from workwell_tui.db.store import Store
from workwell_tui.domain.caseload import CaseloadRow, filter_rows
from workwell_tui.domain.dates import friendly_when
from workwell_tui.domain.enums import Stage
from workwell_tui.domain.text import clean_line, spreadsheet_safe

COLUMNS = (
    "reference",
    "first_name",
    "last_name",
    "district",
    "stage",
    "plan_week",
    "next_contact",
    "flags",
)


def row_record(row: CaseloadRow) -> dict[str, object]:
    """One participant as plain values (JSON and CSV)."""
    return {
        "reference": clean_line(row.reference),
        "first_name": clean_line(row.first_name),
        "last_name": clean_line(row.last_name),
        "district": clean_line(row.district),
        "stage": row.stage.value,
        "plan_week": row.plan_week,
        "next_contact": row.next_contact.astimezone().isoformat(timespec="minutes")
        if row.next_contact
        else None,
        "flags": [flag.value for flag in row.flags],
    }


def print_caseload(
    store: Store,
    stage: str | None,
    district: str | None,
    search: str | None,
    output_format: str,
    out: TextIO,
) -> int:
    """Print the filtered caseload; returns the exit status."""
    everyone = store.caseload()
    rows = filter_rows(everyone, search or "", Stage(stage) if stage else None, district or None)
    if output_format == "json":
        json.dump([row_record(row) for row in rows], out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif output_format == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for row in rows:
            record = row_record(row)
            record["flags"] = ";".join(record["flags"])  # type: ignore[arg-type]
            writer.writerow(
                {key: spreadsheet_safe(v) if isinstance(v, str) else v for key, v in record.items()}
            )
    else:
        today = clock.today()
        table = [("Ref", "Name", "District", "Stage", "Next contact", "Flags")]
        for row in rows:
            table.append(
                (
                    clean_line(row.reference),
                    clean_line(row.name),
                    clean_line(row.district),
                    row.stage_text,
                    friendly_when(row.next_contact, today),
                    ", ".join(flag.label for flag in row.flags),
                )
            )
        widths = [max(cell_len(line[i]) for line in table) for i in range(len(table[0]))]
        for line in table:
            out.write(
                "  ".join(
                    set_cell_size(cell, width) for cell, width in zip(line, widths, strict=True)
                ).rstrip()
            )
            out.write("\n")
        out.write(f"{len(rows)} of {len(everyone)} shown\n")
    return 0


def caseload(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """The `caseload` subcommand; an unknown district is an error that lists the valid ones."""
    district = find_district(args.district, settings) if args.district else None
    if args.district and district is None:
        valid = ", ".join(settings.districts)
        print(
            f"workwell: no district called {args.district!r} in {settings.area}. "
            f"Districts: {valid}.",
            file=sys.stderr,
        )
        return 2
    return quiet_on_closed_pipe(
        lambda: with_store(
            paths,
            settings,
            lambda store: print_caseload(
                store, args.stage, district, args.search, args.format, sys.stdout
            ),
        )
    )


def find_district(name: str, settings: Settings) -> str | None:
    """The settings' spelling of a district typed in any case; None when there is no such one."""
    wanted = " ".join(name.split()).casefold()
    return next((d for d in settings.districts if d.casefold() == wanted), None)
