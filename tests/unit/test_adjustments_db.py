"""Adjustments in the database: Store methods, consent re-checked, the 0004 -> 0005 upgrade
(not shared by default for existing rows), and the caseload flag for a quiet employer."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from tests.app.adjustments_data import add_checklist
from tests.app.conftest import add_caseload
from workwell_tui import clock
from workwell_tui.config import Settings
from workwell_tui.db.adjustments import AdjustmentError
from workwell_tui.db.engine import make_engine
from workwell_tui.db.errors import StaleRecordError
from workwell_tui.db.models import Adjustment, AuditEvent, Participant
from workwell_tui.db.schema import HEAD_REVISION, ensure_schema, upgrade
from workwell_tui.db.store import Store
from workwell_tui.domain.adjustments.details import AdjustmentDraft, FitNoteDraft
from workwell_tui.domain.enums import AdjustmentOwner, AdjustmentStatus, CaseloadFlag


def alex(
    store: Store, employer_consent: bool = True, health_consent: bool = False
) -> tuple[Participant, dict[str, uuid.UUID]]:
    people = add_caseload(store)
    return people["alex"], add_checklist(
        store, people["alex"], employer_consent=employer_consent, health_consent=health_consent
    )


def test_checklist_read_model_has_items_consents_links_and_fit_note(store: Store) -> None:
    person, ids = alex(store)
    data = store.adjustment_checklist(person.id)
    assert data is not None
    assert data.name == "Smith, Alex" and data.consents.contact_employer
    assert not data.consents.share_health
    assert {item.id for item in data.items} == set(ids.values())
    assert [link.text for link in data.objectives] == ["Back to work three days a week"]
    assert [link.text for link in data.referrals] == ["Access to Work"]
    assert data.fit_note is not None and data.fit_note.advice == ("altered_hours", "phased_return")
    assert store.adjustment_checklist(uuid.uuid4()) is None


def test_status_moves_fill_dates_and_are_audited_without_words(store: Store) -> None:
    _person, ids = alex(store)
    key = ids["stress_risk_assessment"]
    data = store.set_adjustment_status(key, AdjustmentStatus.RAISED, version=1)
    record = data.record(key)
    assert record is not None
    assert (record.status, record.raised_on, record.last_update_on) == (
        "raised", clock.today(), clock.today(),
    )  # fmt: skip
    assert record.version == 2
    with pytest.raises(StaleRecordError):  # read before that change: refused, not overwritten
        store.set_adjustment_status(key, AdjustmentStatus.IN_PLACE, version=1)
    with Session(store.engine) as session:
        actions = [e.action for e in session.exec(select(AuditEvent))]
    assert "adjustment.status.raised" in actions


def test_sharing_is_refused_without_consent_even_if_the_screen_thought_otherwise(
    store: Store,
) -> None:
    person, ids = alex(store, employer_consent=False)
    key = ids["time_off_for_appointments"]
    with pytest.raises(AdjustmentError, match="not consented to contact with their employer"):
        store.share_adjustment(key, True)
    record = store.adjustment_checklist(person.id).record(key)  # type: ignore[union-attr]
    assert record is not None and not record.employer_shareable
    # Unsharing is always allowed.
    assert store.share_adjustment(key, False).record(key) is not None


def draft(**changes: object) -> AdjustmentDraft:
    values: dict[str, object] = {
        "status": AdjustmentStatus.AGREED, "owner": AdjustmentOwner.EMPLOYER, "raised_on": None,
        "due_on": None, "in_place_on": None, "notes": "Talked it over", "employer_note": "",
        "employer_note_health": False, "share": False,
    }  # fmt: skip
    values.update(changes)
    return AdjustmentDraft(**values)  # type: ignore[arg-type]


def test_details_save_links_and_recheck_health_consent(store: Store) -> None:
    person, ids = alex(store)
    data = store.adjustment_checklist(person.id)
    assert data is not None
    key = ids["time_off_for_appointments"]
    objective, referral = data.objectives[0].id, data.referrals[0].id
    with pytest.raises(AdjustmentError, match="health detail"):
        store.save_adjustment(
            key, draft(share=True, employer_note="Back pain", employer_note_health=True)
        )
    saved = store.save_adjustment(
        key, draft(share=True, employer_note="Mondays off", objective_id=objective,
                   referral_id=referral),
    )  # fmt: skip
    record = saved.record(key)
    assert record is not None
    assert record.employer_shareable and record.agreed_on == clock.today()
    assert (record.objective_id, record.referral_id) == (objective, referral)
    with pytest.raises(AdjustmentError, match="no longer in their plan"):
        store.save_adjustment(key, draft(objective_id=uuid.uuid4()))


def test_add_an_item_and_the_fit_note(store: Store) -> None:
    person, _ = alex(store)
    data = store.add_adjustment(person.id, "other_equipment", AdjustmentOwner.EMPLOYER, "Braille")
    added = [item for item in data.items if item.catalogue_key == "other_equipment"]
    assert len(added) == 1
    assert (added[0].label, added[0].status, added[0].employer_shareable) == (
        "Braille", "suggested", False,
    )  # fmt: skip
    note = FitNoteDraft("physiotherapist", None, clock.today() + timedelta(days=14),
                        ("amended_duties",), "Avoid lifting")  # fmt: skip
    saved = store.save_fit_note(person.id, note, version=1)
    assert saved.fit_note is not None
    assert (saved.fit_note.issued_by, saved.fit_note.advice) == (
        "physiotherapist", ("amended_duties",),
    )  # fmt: skip


def test_summary_for_the_participant_screen(store: Store) -> None:
    person, _ = alex(store)
    summary = store.adjustment_summary(person.id)
    assert summary.line == (
        "7 adjustments: 2 in place, 2 waiting on employer, 1 with no update for 21 days"
    )


def test_caseload_flags_an_employer_quiet_for_21_days(store: Store) -> None:
    _person, ids = alex(store)
    rows = {row.reference: row for row in store.caseload()}
    assert CaseloadFlag.EMPLOYER_NO_UPDATE in rows["WW-000001"].flags
    store.set_adjustment_status(ids["sit_stand_desk"], AdjustmentStatus.IN_PLACE)
    rows = {row.reference: row for row in store.caseload()}
    assert CaseloadFlag.EMPLOYER_NO_UPDATE not in rows["WW-000001"].flags


def test_new_suggestions_are_not_shared_by_default() -> None:
    assert Adjustment(participant_id=uuid.uuid4(), catalogue_key="x").employer_shareable is False


def test_0004_upgraded_shares_only_what_was_consented(tmp_path: Path) -> None:
    engine: Engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    upgrade(engine, "0004")
    stamp = "2026-10-01 09:00:00.000000"
    consented, not_consented = uuid.uuid4().hex, uuid.uuid4().hex
    rows = {
        # name: (participant, status, requested_on, agreed_on, shared)
        "asked": (consented, "requested", "2026-10-05", None, 1),
        "suggested": (consented, "suggested", None, None, 1),
        "in_place": (consented, "in_place", "2026-10-03", "2026-10-10", 1),
        "no_consent": (not_consented, "requested", "2026-10-05", None, 1),
    }
    ids = {name: uuid.uuid4().hex for name in rows}
    with engine.begin() as connection:
        for number, (pid, employer) in enumerate(((consented, 1), (not_consented, 0)), 1):
            connection.execute(
                text(
                    "INSERT INTO participant (id, created_at, updated_at, reference, first_name, "
                    "last_name, preferred_name, email, phone, address, postcode, district, "
                    "referral_source, referral_date, work_situation, employer_name, "
                    "consent_processing, consent_share_gp, consent_contact_employer, "
                    "consent_share_health_with_employer, stage, stage_reason, signposted_to, "
                    "notes) VALUES (:id, :t, :t, :ref, 'A', 'B', '', '', '', '', '', 'Preston', "
                    "'gp', '2026-09-30', 'off_sick', '', 1, 0, :e, 0, 'on_plan', '', '', '')"
                ),
                {"id": pid, "t": stamp, "ref": f"WW-00000{number}", "e": employer},
            )
        for name, (pid, status, requested, agreed, shared) in rows.items():
            connection.execute(
                text(
                    "INSERT INTO adjustment (id, created_at, updated_at, participant_id, "
                    "catalogue_key, status, owner, requested_on, agreed_on, review_on, notes, "
                    "employer_shareable) VALUES (:id, :t, :t, :pid, 'altered_hours', :s, "
                    "'employer', :r, :a, '2026-12-01', 'kept note', :sh)"
                ),
                {"id": ids[name], "t": stamp, "pid": pid, "s": status, "r": requested,
                 "a": agreed, "sh": shared},
            )  # fmt: skip

    assert ensure_schema(engine) == "upgraded from 0004"

    with engine.connect() as connection:
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
            HEAD_REVISION
        )
        found = {
            row[0]: row[1:]
            for row in connection.execute(
                text(
                    "SELECT id, status, employer_shareable, raised_on, due_on, in_place_on, "
                    "last_update_on, notes FROM adjustment"
                )
            )
        }
    by_name = {name: found[ids[name]] for name in rows}
    assert by_name["asked"][:3] == ("raised", 1, "2026-10-05")
    assert by_name["asked"][3] == "2026-12-01"  # review_on is now due_on
    assert by_name["suggested"][1] == 0  # never agreed: not shared any more
    assert by_name["no_consent"][:2] == ("raised", 0)  # no consent: not shared any more
    assert by_name["in_place"][4] == "2026-10-10"  # in place since it was agreed
    # The last update is the latest date known of each.
    assert {name: row[5] for name, row in by_name.items()} == {
        "asked": "2026-10-05", "suggested": "2026-10-01", "in_place": "2026-10-10",
        "no_consent": "2026-10-05",
    }  # fmt: skip
    assert all(row[6] == "kept note" for row in by_name.values())
    # The upgraded database works through the Store.
    store = Store(Settings(), "t", engine=engine)
    assert store.adjustment_summary(uuid.UUID(consented)).with_employer == 1
    engine.dispose()
