"""Form drafts, editing details and consents, closing without a plan, the safeguarding flag,
and the 0004 → 0007 upgrade with data kept."""

from __future__ import annotations

import uuid
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import select

from workwell_tui import clock
from workwell_tui.config import Settings
from workwell_tui.db.audit import recent_events
from workwell_tui.db.engine import make_engine
from workwell_tui.db.errors import StaleRecordError
from workwell_tui.db.models import Assessment, Contact, FormDraft, SafeguardingRecord
from workwell_tui.db.plans import PlanError
from workwell_tui.db.safeguarding import record_risk_from_assessment
from workwell_tui.db.schema import HEAD_REVISION, ensure_schema, upgrade
from workwell_tui.db.store import Store
from workwell_tui.domain.enums import CaseloadFlag, ContactStatus, Stage
from workwell_tui.domain.form_drafts import NEW_RECORD, FormKind, draft_values, has_typing
from workwell_tui.domain.participant_details import check_details, consent_changes
from workwell_tui.domain.plan.closure import check_closure
from workwell_tui.domain.plan.vocabulary import SuggestionChoice

from .test_plans_db import draft_plan

DETAILS: dict[str, object] = {
    "first_name": "Aisha",
    "last_name": "Khan",
    "preferred_name": "",
    "date_of_birth": "02/10/1985",
    "phone": "07700 900123",
    "email": "aisha@example.org",
    "address": "1 Fishergate",
    "postcode": "pr1 2ab",
    "district": "Preston",
    "work_situation": "off_sick",
    "employer_name": "Ribble Care",
    "consent_processing": True,
    "consent_share_gp": False,
    "consent_contact_employer": False,
    "consent_share_health_with_employer": False,
}
DISTRICTS = ("Preston", "Blackpool")


# Drafts ---------------------------------------------------------------------------------------


def test_a_draft_is_kept_replaced_read_back_and_discarded(store: Store) -> None:
    key = str(uuid.uuid4())
    assert store.form_draft(FormKind.PARTICIPANT_DETAILS, key) is None
    saved = store.save_form_draft(FormKind.PARTICIPANT_DETAILS, key, {"first_name": "Ai"})
    store.save_form_draft(FormKind.PARTICIPANT_DETAILS, key, {"first_name": "Aisha"})
    draft = store.form_draft(FormKind.PARTICIPANT_DETAILS, key)
    assert draft is not None and draft.values == {"first_name": "Aisha"}
    assert draft.saved_at >= saved and draft.saved_at.tzinfo is not None
    # One row per form and record: a second form for the same record is its own draft.
    store.save_form_draft(FormKind.CLOSURE, key, {"summary": "Back at work"})
    with store.session() as session:
        assert len(session.exec(select(FormDraft)).all()) == 2
    assert store.discard_form_draft(FormKind.PARTICIPANT_DETAILS, key)
    assert not store.discard_form_draft(FormKind.PARTICIPANT_DETAILS, key)
    assert store.form_draft(FormKind.PARTICIPANT_DETAILS, key) is None
    assert store.form_draft(FormKind.CLOSURE, key) is not None


def test_a_new_referral_draft_has_its_own_key(store: Store) -> None:
    store.save_form_draft(FormKind.REFERRAL, NEW_RECORD, {"first_name": "Dana", "consent": True})
    draft = store.form_draft(FormKind.REFERRAL, NEW_RECORD)
    assert draft is not None and draft.values == {"first_name": "Dana", "consent": True}


def test_draft_values_are_plain_json_without_control_codes() -> None:
    kept = draft_values(
        {
            "name": "Smith\x1b[2J [bold]x",
            "ticked": True,
            "objectives": ("a", "b", object()),
            "nothing": None,
            "odd": object(),
        }
    )
    assert kept == {
        "name": "Smith[2J [bold]x",
        "ticked": True,
        "objectives": ["a", "b"],
        "nothing": None,
    }


def test_a_runaway_paste_is_cut_down_not_refused(store: Store) -> None:
    store.save_form_draft(FormKind.CONTACT, "x", {"notes": "a" * 100_000, "date": "22/11/2026"})
    draft = store.form_draft(FormKind.CONTACT, "x")
    assert draft is not None and draft.values["date"] == "22/11/2026"
    assert len(str(draft.values["notes"])) == 4000


def test_typing_is_what_differs_from_the_defaults() -> None:
    defaults = {"date": "22/11/2026", "notes": "", "mode": None}
    assert not has_typing(dict(defaults), defaults)
    assert has_typing({**defaults, "notes": "Talked about hours"}, defaults)
    assert has_typing({**defaults, "mode": "phone"}, defaults)


# Details and consents -------------------------------------------------------------------------


def test_details_are_checked_field_by_field() -> None:
    today = clock.today()
    assert check_details(DETAILS, today, DISTRICTS).ok
    wrong = {
        **DETAILS,
        "first_name": " ",
        "date_of_birth": "31/02/1990",
        "phone": "12345",
        "email": "not-an-email",
        "postcode": "nowhere",
        "district": "Narnia",
        "work_situation": "astronaut",
        "consent_share_health_with_employer": True,
    }
    errors = check_details(wrong, today, DISTRICTS).errors
    assert set(errors) == {
        "first_name",
        "date_of_birth",
        "phone",
        "email",
        "postcode",
        "district",
        "work_situation",
        "consent_share_health_with_employer",
    }
    assert errors["date_of_birth"] == "There is no day 31 in that month"
    details = check_details(DETAILS, today, DISTRICTS).details
    assert details is not None and details.postcode == "PR1 2AB"


def test_consent_changes_name_what_was_given_or_taken_back() -> None:
    before = {"consent_processing": True, "consent_share_gp": False}
    after = {"consent_processing": False, "consent_share_gp": True}
    changes = consent_changes(before, after)
    assert [(c.name, c.given) for c in changes] == [
        ("consent_processing", False),
        ("consent_share_gp", True),
    ]
    assert changes[0].text == "Keep details: withdrawn"


def _edited(**changes: object):  # type: ignore[no-untyped-def]
    details = check_details({**DETAILS, **changes}, clock.today(), DISTRICTS).details
    assert details is not None
    return details


def test_an_edit_is_saved_with_consents_dated_and_audited_without_values(store: Store) -> None:
    pid, *_ = draft_plan(store)
    person = store.participant(pid)
    assert person is not None
    store.save_form_draft(FormKind.PARTICIPANT_DETAILS, str(pid), {"phone": "0770"})
    updated, changes = store.update_participant(
        pid,
        _edited(phone="07700 900999", consent_share_gp=True),
        version=person.version,
        draft=(FormKind.PARTICIPANT_DETAILS, str(pid)),
    )
    assert updated.phone == "07700 900999"
    assert updated.consent_share_gp and updated.consent_share_gp_on == clock.today()
    assert [(c.name, c.given) for c in changes] == [("consent_share_gp", True)]
    # The draft went in the same transaction as the save.
    assert store.form_draft(FormKind.PARTICIPANT_DETAILS, str(pid)) is None
    events = recent_events(store.session())
    given = [e for e in events if e.action == "consent.given"]
    assert [(e.record_id, e.detail) for e in given] == [(str(pid), "consent_share_gp")]
    edit = next(e for e in events if e.action == "participant.edit")
    assert "phone" in edit.detail.split(",")
    for event in events:  # names of fields, never what was typed
        assert "900999" not in event.detail and "Khan" not in event.detail

    # Taken back later: dated that day, audited as withdrawn.
    clock.freeze(clock.now() + timedelta(days=3))
    updated, changes = store.update_participant(
        pid, _edited(phone="07700 900999"), version=updated.version
    )
    assert not updated.consent_share_gp
    assert updated.consent_share_gp_on == clock.today()
    assert [e.detail for e in recent_events(store.session()) if e.action == "consent.withdrawn"]


def test_an_edit_from_a_stale_copy_is_refused(store: Store) -> None:
    pid, *_ = draft_plan(store)
    person = store.participant(pid)
    assert person is not None
    store.update_participant(pid, _edited(phone="07700 900111"), version=person.version)
    with pytest.raises(StaleRecordError):
        store.update_participant(pid, _edited(phone="07700 900222"), version=person.version)
    again = store.participant(pid)
    assert again is not None and again.phone == "07700 900111"


def test_a_case_without_a_plan_under_way_is_closed_with_bookings_cancelled(store: Store) -> None:
    pid, _plan_id, _, _ = draft_plan(store)
    with store.unit_of_work() as session:
        session.add(
            Contact(
                participant_id=pid,
                at=(clock.now() + timedelta(days=2)).astimezone(UTC),
                status=ContactStatus.BOOKED.value,
            )
        )
    closure = check_closure(
        {"outcome": "withdrew", "summary": "Asked us to stop"},
        clock.today(),
        start=None,
        length_weeks=0,
    )
    person = store.close_without_plan(pid, closure)
    assert person is not None and person.stage == Stage.CLOSED.value
    assert person.stage_reason == "Withdrew: Asked us to stop"
    view = store.plan_view(pid)
    assert view is not None and view.read_only  # the draft plan closed with them
    assert view.next_contact is None
    with pytest.raises(PlanError, match="already closed"):
        store.close_without_plan(pid, closure)
    actions = [e.action for e in recent_events(store.session())]
    assert "participant.close" in actions and "contact.cancel" in actions


def test_close_without_plan_refuses_a_plan_under_way(store: Store) -> None:
    pid, plan_id, ids, _ = draft_plan(store)
    for oid in ids:
        store.decide_suggestion(oid, SuggestionChoice.ACCEPT)
    store.agree_and_start(plan_id, clock.today())
    closure = check_closure(
        {"outcome": "withdrew", "summary": "x"}, clock.today(), start=None, length_weeks=0
    )
    with pytest.raises(PlanError, match="Close the plan itself"):
        store.close_without_plan(pid, closure)


# Caseload flags -------------------------------------------------------------------------------


def test_an_open_safeguarding_record_flags_the_caseload_until_followed_up(store: Store) -> None:
    pid, *_ = draft_plan(store, risk=2)
    other, *_ = draft_plan(store)
    with store.unit_of_work() as session:
        [aid] = session.exec(select(Assessment.id).where(Assessment.participant_id == pid)).all()
        record_risk_from_assessment(session, aid, actor="test-coach", today=clock.today())
    person, someone_else = store.participant(pid), store.participant(other)
    assert person is not None and someone_else is not None
    rows = {row.reference: row for row in store.caseload()}
    assert rows[person.reference].flags[0] is CaseloadFlag.SAFEGUARDING
    assert CaseloadFlag.SAFEGUARDING not in rows[someone_else.reference].flags
    assert store.caseload()[0].reference == person.reference  # needs the coach first
    [record] = store.safeguarding_records(pid)
    assert record.open
    store.follow_up_safeguarding(record.id, "Rang them; GP appointment made", clock.today())
    rows = {row.reference: row for row in store.caseload()}
    assert CaseloadFlag.SAFEGUARDING not in rows[person.reference].flags
    [record] = store.safeguarding_records(pid)
    assert not record.open and record.follow_up == "Rang them; GP appointment made"


def test_review_due_shows_for_an_agreed_plan_at_a_review_week(store: Store) -> None:
    _pid, plan_id, ids, _ = draft_plan(store)
    for oid in ids:
        store.decide_suggestion(oid, SuggestionChoice.ACCEPT)
    view = store.agree_and_start(plan_id, clock.today() - timedelta(weeks=5, days=1))
    assert view.current_week == 6 and view.review_due_week == 6
    [row] = store.caseload()
    assert CaseloadFlag.REVIEW_DUE in row.flags and row.stage_text == "Week 6 of 12"


# The upgrade ----------------------------------------------------------------------------------


def test_0004_upgraded_to_form_drafts_with_data_kept(tmp_path: Path, settings: Settings) -> None:
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine, "0004")
    pid = uuid.uuid4()
    stamp = "2026-10-01 09:00:00.000000"
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO participant (id, created_at, updated_at, reference, first_name, "
                "last_name, preferred_name, email, phone, address, postcode, district, "
                "referral_source, referral_date, work_situation, employer_name, "
                "consent_processing, consent_share_gp, consent_contact_employer, "
                "consent_share_health_with_employer, stage, stage_reason, signposted_to, notes) "
                "VALUES (:id, :t, :t, 'WW-000007', 'Aisha', 'Khan', '', '', '', '', '', "
                "'Preston', 'gp', '2026-09-30', 'off_sick', '', 1, 0, 0, 0, 'assessing', '', "
                "'', '')"
            ),
            {"id": pid.hex, "t": stamp},
        )
        connection.execute(
            text(
                "INSERT INTO safeguardingrecord (id, created_at, updated_at, participant_id, "
                "raised_on, source, action_taken, status, follow_up) VALUES (:id, :t, :t, :pid, "
                "'2026-10-01', 'phq9_item9', 'Crisis contacts shared', 'open', '')"
            ),
            {"id": uuid.uuid4().hex, "t": stamp, "pid": pid.hex},
        )
    assert ensure_schema(engine) == "upgraded from 0004"
    engine.dispose()

    store = Store(settings, "test-coach", url=f"sqlite:///{path}")
    try:
        [row] = store.caseload()  # the fast read, straight from the file
        assert row.reference == "WW-000007" and row.flags[0] is CaseloadFlag.SAFEGUARDING
        store.save_form_draft(FormKind.PARTICIPANT_DETAILS, str(pid), {"phone": "0770"})
        draft = store.form_draft(FormKind.PARTICIPANT_DETAILS, str(pid))
        assert draft is not None and draft.values == {"phone": "0770"}
        with store.session() as session:
            assert session.exec(select(SafeguardingRecord)).one().participant_id == pid
        with store.engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            assert version.scalar() == HEAD_REVISION
    finally:
        store.close()
