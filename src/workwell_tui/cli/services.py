"""`workwell services`: the directory as a table, CSV or JSON, filtered as the screen filters.

Service text came from published files or was typed: every piece is cleaned of control codes,
and CSV cells that a spreadsheet would run as a formula are made text.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import TextIO

from rich.cells import cell_len, set_cell_size

from workwell_tui.cli.common import quiet_on_closed_pipe, with_store
from workwell_tui.config import Paths, Settings
from workwell_tui.db.store import Store
from workwell_tui.domain.directory.search import DirectoryFilter, arrange
from workwell_tui.domain.directory.service import (
    ServiceView,
    area_short,
    checked_text,
    districts_text,
    routes_text,
)
from workwell_tui.domain.text import clean_line, spreadsheet_safe

COLUMNS = (
    "id",
    "source_id",
    "name",
    "organization",
    "categories",
    "phone",
    "email",
    "url",
    "districts",
    "last_verified",
)


def service_record(service: ServiceView) -> dict[str, object]:
    """One service as plain values (the JSON keys scripts rely on)."""
    draft = service.draft
    return {
        "id": service.id,
        "source_id": clean_line(draft.source_id) if draft.source_id else None,
        "name": clean_line(draft.name),
        "organization": clean_line(draft.organisation),
        "categories": [clean_line(category) for category in draft.categories],
        "phone": clean_line(service.phone),
        "email": clean_line(draft.email),
        "url": clean_line(draft.website),
        "districts": [clean_line(district) for district in service.districts],
        "last_verified": draft.last_verified.isoformat() if draft.last_verified else None,
    }


def print_services(store: Store, args: argparse.Namespace, out: TextIO) -> int:
    """Print the filtered directory; returns the exit status."""
    everyone = store.directory()
    chosen = DirectoryFilter(category=args.category, district=args.district)
    ranked = store.search_service_ids(args.search or "")
    services = arrange(everyone, ranked, chosen, text=args.search or "")
    if args.format == "json":
        json.dump([service_record(s) for s in services], out, indent=2, ensure_ascii=False)
        out.write("\n")
    elif args.format == "csv":
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for service in services:
            record = service_record(service)
            for key in ("categories", "districts"):
                record[key] = ";".join(record[key])  # type: ignore[arg-type]
            writer.writerow(
                {key: spreadsheet_safe(v) if isinstance(v, str) else v for key, v in record.items()}
            )
    else:
        short = area_short(store.settings.area)
        table = [("Name", "Phone", "Districts", "Referral", "Checked")]
        for service in services:
            table.append(
                (
                    clean_line(service.name)[:40],
                    clean_line(service.phone),
                    clean_line(districts_text(service, short))[:30],
                    routes_text(service.draft.routes),
                    checked_text(service.draft.last_verified),
                )
            )
        widths = [max(cell_len(line[i]) for line in table) for i in range(len(table[0]))]
        for line in table:
            cells = (set_cell_size(c, w) for c, w in zip(line, widths, strict=True))
            out.write("  ".join(cells).rstrip() + "\n")
        out.write(f"{len(services)} of {len(everyone)} shown\n")
    return 0


def services(args: argparse.Namespace, paths: Paths, settings: Settings) -> int:
    """The `services` subcommand; an unknown district is an error that lists the valid ones."""
    if args.district:
        found = next((d for d in settings.districts if d.lower() == args.district.lower()), None)
        if found is None:
            print(
                f"workwell: no district called {args.district!r} in {settings.area}. "
                f"Districts: {', '.join(settings.districts)}.",
                file=sys.stderr,
            )
            return 2
        args.district = found
    if args.category:
        args.category = args.category.strip().lower()
    return quiet_on_closed_pipe(
        lambda: with_store(paths, settings, lambda store: print_services(store, args, sys.stdout))
    )
