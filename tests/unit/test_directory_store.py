"""The directory in the database: search (FTS5 and the LIKE fallback), order and filters,
hand-added services, referrals and the caseload's 14-day flag, and the 0004 -> 0006 upgrade."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from workwell_tui import clock
from workwell_tui.config import Settings
from workwell_tui.db import directory
from workwell_tui.db.backends.generic import SqlAlchemyBackend
from workwell_tui.db.engine import make_engine, memory_engine
from workwell_tui.db.models import Participant, Referral
from workwell_tui.db.schema import ensure_schema, upgrade
from workwell_tui.db.store import Store
from workwell_tui.domain.directory.form import check_service, form_values
from workwell_tui.domain.directory.national import NATIONAL_SERVICES
from workwell_tui.domain.directory.referrals import ReferralDraft, check_referral_change
from workwell_tui.domain.directory.search import DirectoryFilter, arrange
from workwell_tui.domain.directory.service import ServiceDraft
from workwell_tui.domain.enums import CaseloadFlag, ReferralStatus

SERVICES = [
    ServiceDraft(
        name="Community Counselling",
        categories=("counselling",),
        areas=("Preston",),
        routes=("self",),
        source_id="1",
    ),
    ServiceDraft(
        name="Pendle Hill Counselling",
        categories=("counselling",),
        areas=("Burnley",),
        routes=("gp",),
        source_id="2",
    ),
    ServiceDraft(
        name="Money Advice Line",
        organisation="Red Rose Money Advice",
        categories=("debt advice",),
        description="Budgeting and counselling about money",
        source_id="3",
    ),
    ServiceDraft(name="Sleep Well", description="Sleep habits for shift workers", source_id="4"),
]


@pytest.fixture
def store(settings: Settings) -> Iterator[Store]:
    store = Store(engine=memory_engine(), settings=settings, actor="test-coach")
    from workwell_tui.directory.report import ImportBatch

    store.import_services(ImportBatch(services=list(SERVICES)))
    yield store
    store.close()


def names(store: Store, ids: list[str] | None) -> list[str]:
    by_id = {s.id: s.name for s in store.directory()}
    return [by_id[i] for i in ids or []]


def test_fts_finds_prefixes_across_fields_best_first(store: Store) -> None:
    assert store.search_service_ids("") is None
    assert store.search_service_ids("[/]") is None  # no words: everything
    found = names(store, store.search_service_ids("couns"))
    assert found[:2] == ["Community Counselling", "Pendle Hill Counselling"]  # name beats text
    assert found[2] == "Money Advice Line"  # the word only in its description
    assert names(store, store.search_service_ids("red rose")) == ["Money Advice Line"]
    assert names(store, store.search_service_ids("debt")) == ["Money Advice Line"]
    assert names(store, store.search_service_ids('shift "workers')) == ["Sleep Well"]
    assert store.search_service_ids("nothing here") == []


def test_like_fallback_gives_the_same_matches(store: Store) -> None:
    generic = SqlAlchemyBackend("postgresql://nowhere")  # has no full-text search of its own
    with store.session() as session:
        for words in ("couns", "red rose", "debt", "shift workers", "50%_"):
            fts = store.search_service_ids(words) or []
            like = directory.search_ids(session, generic, words) or []
            assert sorted(like) == sorted(fts), words
        like = directory.search_ids(session, generic, "couns") or []
    assert names(store, like)[:2] == ["Community Counselling", "Pendle Hill Counselling"]


def test_the_index_follows_edits_and_removals(store: Store) -> None:
    sleep = next(s for s in store.directory() if s.name == "Sleep Well")
    store.edit_service(sleep.id, ServiceDraft(name="Rest and Recovery"), sleep.version)
    assert store.search_service_ids("sleep") == []
    assert names(store, store.search_service_ids("recov")) == ["Rest and Recovery"]
    with store.unit_of_work() as session:
        session.execute(text("DELETE FROM service WHERE name = 'Rest and Recovery'"))
    assert store.search_service_ids("recov") == []


def test_filters_and_the_participants_district_first(store: Store) -> None:
    everyone = store.directory()
    ranked = store.search_service_ids("counselling")
    local = arrange(everyone, ranked, DirectoryFilter(), "Burnley", "counselling")
    # The word in the name first; among those, the participant's district; the rest after.
    assert [s.name for s in local] == [
        "Pendle Hill Counselling",
        "Community Counselling",
        "Money Advice Line",
    ]
    elsewhere = arrange(everyone, ranked, DirectoryFilter(), "Preston", "counselling")
    assert [s.name for s in elsewhere][:2] == ["Community Counselling", "Pendle Hill Counselling"]
    only = arrange(everyone, None, DirectoryFilter(district="Preston"))
    # Services for Preston, and area-wide ones; not Burnley's.
    assert [s.name for s in only] == ["Community Counselling", "Money Advice Line", "Sleep Well"]
    self_ref = arrange(everyone, None, DirectoryFilter(self_referral=True))
    assert [s.name for s in self_ref] == ["Community Counselling"]
    debt = arrange(everyone, None, DirectoryFilter(category="debt advice"))
    assert [s.name for s in debt] == ["Money Advice Line"]


def test_add_by_hand_and_checked_today(store: Store) -> None:
    values = form_values(ServiceDraft(name="x"))
    values.update(
        name="Walking Group",
        postcode="pr1 2ab",
        phones="01632 960123, 07700 900123",
        route_self=True,
        last_verified="01/11/2026",
        areas="Preston",
    )
    check = check_service(values, "Weekly walks", clock.today())
    assert check.errors == {} and check.draft is not None
    added = store.add_service(check.draft)
    assert added.edited_by_hand and added.source == "local" and added.districts == ("Preston",)
    assert added.draft.postcode == "PR1 2AB" and added.draft.phones[1] == "07700 900123"
    checked = store.mark_service_checked(added.id)
    assert checked.draft.last_verified == clock.today()
    bad = check_service(
        {
            **values,
            "name": "",
            "postcode": "nowhere",
            "email": "x@",
            "min_age": "40",
            "max_age": "30",
            "last_verified": "01/01/2099",
        },
        "",
        clock.today(),
    )
    assert bad.draft is None
    assert set(bad.errors) == {"name", "postcode", "email", "max_age", "last_verified"}


def _participant(store: Store) -> str:
    with store.unit_of_work() as session:
        person = Participant(
            reference="WW-000001",
            first_name="Alex",
            last_name="Smith",
            referral_date=clock.today(),
            district="Preston",
        )
        session.add(person)
    return str(person.id)


def test_referrals_and_the_caseload_flag(store: Store) -> None:
    pid = _participant(store)
    service = store.directory()[0]
    made = store.refer(pid, service.id, ReferralDraft(ReferralStatus.MADE, clock.today()))
    assert made.status is ReferralStatus.MADE and made.service_name == service.name
    [row] = store.caseload()
    assert CaseloadFlag.REFERRAL_NO_UPDATE not in row.flags
    # Fifteen days later, with no update, it is flagged.
    with store.unit_of_work() as session:
        referral = session.get(Referral, uuid.UUID(made.id))
        assert referral is not None
        referral.last_update_on = clock.today() - timedelta(days=15)
    [row] = store.caseload()
    assert CaseloadFlag.REFERRAL_NO_UPDATE in row.flags
    [view] = store.participant_referrals(pid)
    assert view.is_stale(clock.today()) and view.quiet_days(clock.today()) == 15
    # Recording what happened clears it.
    attended = store.update_referral(
        made.id,
        ReferralDraft(ReferralStatus.ATTENDED, made.made_on, "Went to two sessions"),
        view.version,
    )
    assert attended.status_changed_on == clock.today() and attended.outcome
    [row] = store.caseload()
    assert CaseloadFlag.REFERRAL_NO_UPDATE not in row.flags


def test_referral_change_checks() -> None:
    today = clock.today()
    assert check_referral_change({"status": "made"}, today).draft == ReferralDraft(
        ReferralStatus.MADE, today
    )
    wrong = check_referral_change({"status": "bogus", "made_on": "31/02/2026"}, today)
    assert wrong.draft is None and set(wrong.errors) == {"status", "made_on"}
    future = check_referral_change({"status": "made", "made_on": "01/01/2099"}, today)
    assert "Not after today" in future.errors["made_on"]


def test_0004_upgraded_with_services_and_referrals_kept(tmp_path: Path) -> None:
    engine: Engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0004")
    pid, sid = uuid.uuid4().hex, uuid.uuid4().hex
    stamp = "2026-10-01 09:00:00.000000"
    with engine.begin() as connection:
        run = connection.execute
        run(
            text(
                "INSERT INTO participant (id, created_at, updated_at, reference, first_name, "
                "last_name, preferred_name, email, phone, address, postcode, district, "
                "referral_source, referral_date, work_situation, employer_name, "
                "consent_processing, consent_share_gp, consent_contact_employer, "
                "consent_share_health_with_employer, stage, stage_reason, signposted_to, notes) "
                "VALUES (:id, :t, :t, 'WW-000007', 'Aisha', 'Khan', '', '', '', '', '', "
                "'Preston', 'gp', '2026-09-30', 'off_sick', '', 1, 0, 0, 0, 'on_plan', '', '', "
                "'')"
            ),
            {"id": pid, "t": stamp},
        )
        run(
            text(
                "INSERT INTO service (id, created_at, updated_at, source, source_id, name, "
                "organisation, description, category, phone, email, website, address, "
                "postcode, service_area, cost, schedule, extra) VALUES (:id, :t, :t, 'oruk', "
                "'x1', 'MSK Physio', 'NHS', 'Backs', 'Physiotherapy', '01632 960000', '', '', "
                "'', '', 'Preston', '', '', '{}')"
            ),
            {"id": sid, "t": stamp},
        )
        for status, changed in (("made", "2026-10-20"), ("attended", None)):
            run(
                text(
                    "INSERT INTO referral (id, created_at, updated_at, participant_id, "
                    "service_id, service_name, status, made_on, status_changed_on, outcome, "
                    "notes) VALUES (:id, :t, :t, :pid, :sid, 'MSK Physio', :status, NULL, "
                    ":changed, '', '')"
                ),
                {
                    "id": uuid.uuid4().hex,
                    "t": stamp,
                    "pid": pid,
                    "sid": sid,
                    "status": status,
                    "changed": changed,
                },
            )

    assert ensure_schema(engine) == "upgraded from 0004"

    store = Store(Settings(), "coach", engine=engine)
    by_name = {s.name: s for s in store.directory()}
    physio = by_name["MSK Physio"]
    assert physio.draft.categories == ("physiotherapy",) and physio.draft.phones == (
        "01632 960000",
    )
    assert physio.draft.areas == ("Preston",) and not physio.edited_by_hand
    assert {d.name for d in NATIONAL_SERVICES} <= set(by_name)
    assert by_name["Samaritans"].phone == "116 123"
    assert names(store, store.search_service_ids("physio")) == ["MSK Physio"]
    views = store.participant_referrals(pid)
    assert [(v.status.value, v.last_update_on) for v in views] == [
        ("made", date(2026, 10, 20)),
        ("attended", date(2026, 10, 1)),
    ]
    [row] = store.caseload()
    assert CaseloadFlag.REFERRAL_NO_UPDATE in row.flags  # made 20 Oct, nothing since
    assert json.loads(json.dumps([v.id for v in views]))  # ids are plain strings
    engine.dispose()
