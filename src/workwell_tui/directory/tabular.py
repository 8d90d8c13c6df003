"""The tabular Open Referral form: a `datapackage.json` naming one CSV per table, joined by id.

Each service row is joined with its organisation, phones (its own and its contacts'), locations
and their addresses, areas, schedules, costs, eligibility and taxonomy terms into the JSON shape
`oruk.py` reads, so both forms import the same way. Table names are accepted singular or plural,
in the HSDS 3.0 and the older ORUK spellings.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from workwell_tui.directory.report import Problem

# Our name for a table -> the names publishers give it (resource name or file stem).
TABLES: dict[str, tuple[str, ...]] = {
    "service": ("service", "services"),
    "organization": ("organization", "organizations"),
    "phone": ("phone", "phones"),
    "contact": ("contact", "contacts"),
    "location": ("location", "locations"),
    "address": ("address", "addresses", "physical_address", "physical_addresses"),
    "service_at_location": (
        "service_at_location",
        "service_at_locations",
        "services_at_location",
    ),
    "service_area": ("service_area", "service_areas"),
    "schedule": ("schedule", "schedules", "regular_schedule", "regular_schedules"),
    "cost_option": ("cost_option", "cost_options"),
    "taxonomy_term": ("taxonomy_term", "taxonomy_terms", "taxonomy", "taxonomies"),
    "attribute": ("attribute", "attributes"),
    "service_taxonomy": (
        "service_taxonomy",
        "service_taxonomys",
        "service_taxonomies",
        "services_taxonomy",
    ),
    "eligibility": ("eligibility", "eligibilitys", "eligibilities"),
}
_ALIASES = {alias: table for table, aliases in TABLES.items() for alias in aliases}
Row = dict[str, Any]


def decode(data: bytes, file: str, problems: list[Problem]) -> str:
    """Text of a file: UTF-8 (with or without a BOM), else read as Windows-1252 with a note."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        problems.append(
            Problem(file, "", f"not UTF-8 (byte {error.start:,}); read as Windows-1252 (Latin-1)")
        )
        return data.decode("cp1252", errors="replace")


def _table_files(folder: Path, package: Any, problems: list[Problem]) -> dict[str, Path]:
    """Our table name -> its CSV file, from the package's resources, else the file names."""
    found: dict[str, Path] = {}
    resources = package.get("resources") if isinstance(package, dict) else None
    for resource in resources if isinstance(resources, list) else []:
        if not isinstance(resource, dict) or not isinstance(resource.get("path"), str):
            continue
        path = (folder / resource["path"]).resolve()
        if folder.resolve() not in path.parents:  # a resource may not point outside the folder
            problems.append(Problem("datapackage.json", "", "a resource points outside the folder"))
            continue
        name = str(resource.get("name") or path.stem).lower()
        table = _ALIASES.get(name) or _ALIASES.get(path.stem.lower())
        if table and path.is_file():
            found.setdefault(table, path)
    for path in sorted(folder.glob("*.csv")):
        table = _ALIASES.get(path.stem.lower())
        if table:
            found.setdefault(table, path)
    return found


def _rows(path: Path, problems: list[Problem]) -> list[Row]:
    text = decode(path.read_bytes(), path.name, problems)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    for row in reader:
        # Blank cells are absent values; an extra cell (no header) is dropped.
        rows.append({k.strip().lower(): v for k, v in row.items() if k and v not in (None, "")})
    return rows


def _by(rows: Iterable[Row], key: str) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        if row.get(key):
            grouped[str(row[key])].append(row)
    return grouped


def read_package(folder: Path, problems: list[Problem]) -> tuple[list[Row], str]:
    """Every service row joined into the JSON shape, and the services file's name."""
    package: Any = {}
    descriptor = folder / "datapackage.json"
    if descriptor.is_file():
        try:
            package = json.loads(decode(descriptor.read_bytes(), descriptor.name, problems))
        except json.JSONDecodeError as error:
            problems.append(Problem(descriptor.name, "", f"not valid JSON ({error.msg}); "
                                    "reading the CSV files by their names"))  # fmt: skip
    files = _table_files(folder, package, problems)
    if "service" not in files:
        problems.append(Problem(folder.name, "", "no service table (services.csv)", skipped=True))
        return [], folder.name
    tables = {table: _rows(path, problems) for table, path in files.items()}
    get = tables.get
    organisations = {row["id"]: row for row in get("organization", []) if row.get("id")}
    terms = {row["id"]: row for row in get("taxonomy_term", []) if row.get("id")}
    phones_of = {key: _by(get("phone", []), key) for key in ("service_id", "contact_id")}
    phones_of["location_id"] = _by(get("phone", []), "location_id")
    contacts = _by(get("contact", []), "service_id")
    locations = {row["id"]: row for row in get("location", []) if row.get("id")}
    addresses = _by(get("address", []), "location_id")
    links = _by(get("service_at_location", []), "service_id")
    areas = _by(get("service_area", []), "service_id")
    schedules = _by(get("schedule", []), "service_id")
    costs = _by(get("cost_option", []), "service_id")
    eligibility = _by(get("eligibility", []), "service_id")
    attributes = _by(get("attribute", []), "link_id")
    service_terms = _by(get("service_taxonomy", []), "service_id")
    joined = []
    for row in tables["service"]:
        sid = str(row.get("id", ""))
        service: Row = dict(row)
        service["organization"] = organisations.get(row.get("organization_id", ""))
        service["phones"] = phones_of["service_id"].get(sid, [])
        service["contacts"] = [
            {**contact, "phones": phones_of["contact_id"].get(contact.get("id", ""), [])}
            for contact in contacts.get(sid, [])
        ]
        service["service_at_locations"] = [
            {
                "location": {
                    **locations[link["location_id"]],
                    "addresses": addresses.get(link["location_id"], []),
                },
                "phones": phones_of["location_id"].get(link["location_id"], []),
            }
            for link in links.get(sid, [])
            if link.get("location_id") in locations
        ]
        service["service_areas"] = areas.get(sid, [])
        service["schedules"] = schedules.get(sid, [])
        service["cost_options"] = costs.get(sid, [])
        service["eligibilitys"] = eligibility.get(sid, [])
        linked = [a.get("taxonomy_term_id") for a in attributes.get(sid, [])]
        linked += [
            t.get("taxonomy_id") or t.get("taxonomy_term_id") for t in service_terms.get(sid, [])
        ]
        service["attributes"] = [{"taxonomy_term": terms[t]} for t in linked if t in terms]
        joined.append(service)
    return joined, files["service"].name
