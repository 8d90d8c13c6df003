"""Reading Open Referral UK files (written here): one service, a page, a folder, a tabular
package with phones in their own CSV; hostile files; and importing them again changes nothing."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from workwell_tui.config import Settings
from workwell_tui.db.engine import memory_engine
from workwell_tui.db.store import Store
from workwell_tui.directory import read_services
from workwell_tui.domain.directory.service import ServiceDraft

TODAY = date(2026, 11, 22)
FORBIDDEN = ("\x1b", "\x00", "\x07", "\x9b", "\u202e")


def service(
    sid: str = "svc-1", name: Any = "Community Counselling", **extra: Any
) -> dict[str, Any]:
    """An HSDS 3.0 UK service with the usual sections (as examples/service_full.json has)."""
    record: dict[str, Any] = {
        "id": sid,
        "name": name,
        "description": "Free short-term counselling for adults.",
        "url": "https://example.org/counselling",
        "email": "hello@example.org",
        "status": "active",
        "application_process": "Self-refer online, or ask your GP.",
        "eligibility_description": "Adults living in Preston",
        "minimum_age": 18,
        "assured_date": "2026-11-03",
        "organization": {"id": "org-1", "name": "Red Rose Counselling CIC"},
        "phones": [{"id": "ph-1", "number": "01632 960001"}],
        "service_areas": [{"id": "sa-1", "name": "Preston"}],
        "schedules": [
            {
                "id": "sc-1",
                "byday": "MO,TU,WE,TH,FR",
                "opens_at": "09:00:00",
                "closes_at": "17:00:00",
            }
        ],
        "cost_options": [{"id": "co-1", "option": "Sessions", "amount": 0}],
        "attributes": [{"id": "at-1", "taxonomy_term": {"id": "tt-1", "name": "Counselling"}}],
        "service_at_locations": [
            {
                "id": "sal-1",
                "location": {
                    "id": "loc-1",
                    "latitude": 53.7596,
                    "longitude": -2.7032,
                    "addresses": [
                        {"address_1": "12 Fishergate", "city": "Preston", "postal_code": "pr1 2ab"}
                    ],
                },
            }
        ],
    }
    record.update(extra)
    return record


def write(path: Path, data: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    store = Store(engine=memory_engine(), settings=settings, actor="test-coach")
    yield store
    store.close()


def test_one_service_with_every_section(tmp_path: Path) -> None:
    batch = read_services(write(tmp_path / "one.json", service()), TODAY)
    assert batch.problems == [] and batch.files_read == 1
    [draft] = batch.services
    assert draft == ServiceDraft(
        source_id="svc-1",
        name="Community Counselling",
        organisation="Red Rose Counselling CIC",
        description="Free short-term counselling for adults.",
        categories=("counselling",),
        areas=("Preston",),
        address="12 Fishergate, Preston",
        postcode="PR1 2AB",
        latitude=53.7596,
        longitude=-2.7032,
        phones=("01632 960001",),
        email="hello@example.org",
        website="https://example.org/counselling",
        schedule="MO,TU,WE,TH,FR 09:00–17:00",
        routes=("self", "gp"),
        how_to_refer="Self-refer online, or ask your GP.",
        eligibility="Adults living in Preston",
        min_age=18,
        cost="Sessions Free",
        last_verified=date(2026, 11, 3),
    )


def test_older_oruk_profile_shape(tmp_path: Path) -> None:
    record = {
        "id": "old-1",
        "name": "Talking Therapies",
        "organization": {"name": "Ribble NHS"},
        "service_taxonomys": [{"taxonomy": {"name": "Talking therapies"}}],
        "eligibilitys": [{"eligibility": "16 and over", "minimum_age": "16"}],
        "contacts": [{"name": "Reception", "phones": [{"number": "01632 960002"}]}],
        "regular_schedules": [{"description": "Mon to Fri 9 to 5"}],
        "service_areas": [{"service_area": "Blackpool"}],
        "attending_access": "referral",
        "service_at_locations": [
            {
                "location": {
                    "physical_addresses": [{"address_1": "1 Talbot Road", "postal_code": "FY1 1AA"}]
                }
            }
        ],
    }
    [draft] = read_services(write(tmp_path / "old.json", record), TODAY).services
    assert draft.categories == ("talking therapies",)
    assert (draft.min_age, draft.eligibility) == (16, "16 and over")
    assert draft.phones == ("01632 960002",) and draft.schedule == "Mon to Fri 9 to 5"
    assert draft.areas == ("Blackpool",) and draft.postcode == "FY1 1AA"


def test_a_page_of_services_with_bad_records_among_good(tmp_path: Path) -> None:
    page = {
        "total_items": 5,
        "page_number": 1,
        "contents": [
            service("a"),
            service("b", name=""),  # no name
            {"name": "No id"},
            42,
            service("c", name=["a", "list"]),  # wrong type for a required field
            service("d", status="defunct"),
            service("a", name="Same id again"),
        ],
    }
    batch = read_services(write(tmp_path / "page.json", page), TODAY)
    assert [d.source_id for d in batch.services] == ["a"]
    lines = [p.line() for p in batch.problems if p.skipped]
    assert lines == [
        "page.json, record b: no name (skipped)",
        "page.json, record #3: no id, so a later import could not update it (skipped)",
        "page.json, record #4: expected a service object, found a number (skipped)",
        "page.json, record c: no name (skipped)",
        "page.json, record d: marked defunct by the publisher (skipped)",
        "page.json, record a: the same id came earlier in this import (skipped)",
    ]
    assert "page.json, record c: name: expected text, found a list; left out" in [
        p.line() for p in batch.problems
    ]
    assert batch.skipped == 6


def test_a_folder_of_files_reports_the_broken_one_and_reads_the_rest(tmp_path: Path) -> None:
    folder = tmp_path / "published"
    write(folder / "a.json", service("a"))
    write(folder / "more" / "b.json", {"contents": [service("b"), service("c")]})
    (folder / "broken.json").write_text('{"contents": [{"id": "x", "name": "Trunc', "utf-8")
    (folder / "notes.txt").write_text("not a service", "utf-8")
    batch = read_services(folder, TODAY)
    assert sorted(d.source_id or "" for d in batch.services) == ["a", "b", "c"]
    [broken] = batch.problems
    assert broken.file == "broken.json" and broken.skipped
    assert "not valid JSON at line 1" in broken.problem


def test_tabular_package_joins_phones_contacts_and_terms_by_id(tmp_path: Path) -> None:
    folder = tmp_path / "tabular"
    folder.mkdir()
    resources = [
        "services",
        "organizations",
        "phones",
        "contacts",
        "locations",
        "addresses",
        "service_at_locations",
        "service_areas",
        "taxonomy_terms",
        "attributes",
    ]
    package = {"name": "oruk", "resources": [{"name": n, "path": f"{n}.csv"} for n in resources]}
    write(folder / "datapackage.json", package)
    files = {
        "services": "id,organization_id,name,description,url,assured_date,extra_column\n"
        's1,o1,"Money Advice Line","Debt advice, free",https://example.org/m,2026-10-01,x\n'
        "s2,o1,Sleep Well Workshop,Two sessions,,,\n",
        "organizations": "id,name\no1,Red Rose Money Advice\n",
        # Phones in their own file: one on the service, one on a contact of the service.
        "phones": "id,service_id,contact_id,number\n"
        'p1,s1,,"""01632 960100"""\np2,,c1,01632 960101\n',
        "contacts": "id,service_id,name\nc1,s2,Reception\n",
        "locations": "id,name,latitude,longitude\nl1,Hub,0,0\n",
        "addresses": "id,location_id,address_1,city,postal_code\n"
        "a1,l1,3 Church St,Preston,PR1 3BQ\n",
        "service_at_locations": "id,service_id,location_id\nsl1,s1,l1\n",
        "service_areas": "id,service_id,name\nsa1,s1,Preston\nsa2,s1,Blackpool\n",
        "taxonomy_terms": "id,name\nt1,Debt advice\nt2,Sleep\n",
        "attributes": "id,link_id,taxonomy_term_id,link_type\n"
        "at1,s1,t1,service\nat2,s2,t2,service\n",
    }
    for name, text in files.items():
        (folder / f"{name}.csv").write_text(text, "utf-8")
    batch = read_services(folder / "datapackage.json", TODAY)
    money, sleep = batch.services
    assert money.name == "Money Advice Line" and money.organisation == "Red Rose Money Advice"
    assert money.phones == ("01632 960100",)  # the extra quotes some exports add are gone
    assert money.address == "3 Church St, Preston" and money.postcode == "PR1 3BQ"
    assert (money.latitude, money.longitude) == (None, None)  # 0,0 is a placeholder
    assert money.areas == ("Preston", "Blackpool") and money.categories == ("debt advice",)
    assert money.last_verified == date(2026, 10, 1)
    assert sleep.phones == ("01632 960101",) and sleep.categories == ("sleep",)
    assert [p.line() for p in batch.problems] == [
        "services.csv, record s1: coordinates 0, 0 are a placeholder; left out"
    ]


def test_hostile_files(tmp_path: Path) -> None:
    huge = "counselling " * 900_000  # about 10 MB
    record = service(
        "h1",
        name="Smith [/] [bold]x\x1b]0;owned\x07 \u202eevil",
        description=huge,
        minimum_age="sixteen",
        maximum_age=12.5,
        phones={"number": 1234},
        service_areas="Preston",
        url=["not", "text"],
        assured_date="2099-01-01",
    )
    record["service_at_locations"][0]["location"].update(
        latitude=100, longitude=101, addresses=[{"postal_code": "ABC 1234", "city": "Preston"}]
    )
    batch = read_services(write(tmp_path / "hostile.json", record), TODAY)
    [draft] = batch.services
    assert draft.name == "Smith [/] [bold]x]0;owned evil"  # control codes gone, markup literal
    assert len(draft.description) == 20_000
    assert (draft.min_age, draft.max_age, draft.website) == (None, None, "")
    assert draft.phones == ("1234",) and draft.areas == () and draft.last_verified is None
    assert draft.postcode == "" and draft.address == "Preston, ABC 1234"
    notes = " | ".join(p.problem for p in batch.problems)
    for expected in (
        "cut to 20,000",
        "not an age",
        "out of range",
        "not a UK postcode",
        "url: expected text",
        "in the future",
    ):
        assert expected in notes
    assert not any(code in repr(batch.services) for code in FORBIDDEN)


def test_truncated_and_wrong_shape_files(tmp_path: Path) -> None:
    truncated = tmp_path / "cut.json"
    truncated.write_text(json.dumps({"contents": [service()]})[:-40], "utf-8")
    batch = read_services(truncated, TODAY)
    assert batch.services == [] and batch.skipped == 1
    assert batch.problems[0].problem.startswith("not valid JSON")
    for data, words in (
        ({"contents": "nope"}, "contents: expected a list"),
        ({"something": "else"}, "not an Open Referral service"),
        ("just text", "not an Open Referral service"),
    ):
        batch = read_services(write(tmp_path / "odd.json", data), TODAY)
        assert batch.services == [] and words in batch.problems[0].problem


def test_latin1_bytes_are_read_and_reported(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(
        json.dumps(service(name="Café Counselling"), ensure_ascii=False).encode("latin-1")
    )
    batch = read_services(path, TODAY)
    assert batch.services[0].name == "Café Counselling"
    assert "not UTF-8" in batch.problems[0].problem and not batch.problems[0].skipped


def test_reimport_is_idempotent_and_updates_by_source_id(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "page.json", {"contents": [service("a"), service("b", name="B")]})
    first = store.import_services(read_services(path, TODAY))
    assert (first.created, first.updated, first.unchanged) == (2, 0, 0)
    again = store.import_services(read_services(path, TODAY))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert len(store.directory()) == 2
    write(path, {"contents": [service("a", name="A renamed"), service("b", name="B")]})
    changed = store.import_services(read_services(path, TODAY))
    assert (changed.created, changed.updated, changed.unchanged) == (0, 1, 1)
    assert sorted(s.name for s in store.directory()) == ["A renamed", "B"]
    assert store.directory()[0].districts == ("Preston",)


def test_hand_edited_services_are_never_overwritten(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path / "one.json", service("a"))
    store.import_services(read_services(path, TODAY))
    [imported] = store.directory()
    mine = ServiceDraft(name="Counselling (coach's notes)", phones=("01632 960999",))
    store.edit_service(imported.id, mine, imported.version)
    write(path, service("a", name="Publisher's new name"))
    summary = store.import_services(read_services(path, TODAY))
    assert (summary.kept, summary.updated) == (1, 0)
    [kept] = store.directory()
    assert kept.name == "Counselling (coach's notes)" and kept.edited_by_hand
    assert kept.draft.source_id == "a"


def test_a_file_that_fails_whole_leaves_the_directory_as_it_was(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.import_services(read_services(write(tmp_path / "a.json", service("a")), TODAY))
    batch = read_services(
        write(tmp_path / "b.json", {"contents": [service("b"), service("c")]}), TODAY
    )
    from workwell_tui.db import directory

    def fail(*_args: object, **_kw: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(directory, "record_event", fail)  # fails after the rows are flushed
    with pytest.raises(RuntimeError):
        store.import_services(batch)
    assert [s.draft.source_id for s in store.directory()] == ["a"]
