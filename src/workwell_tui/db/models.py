"""SQLModel tables: the whole data model of the service.

Every table has a UUID primary key and created_at/updated_at (UTC) so that records from several
laptops can later be merged on a team server, and a `version` that SQLAlchemy checks and bumps on
every update (`version_id_col`): a save based on a stale read fails instead of overwriting.
Enumerated fields hold the string values of the enums in `workwell_tui.domain.enums`; they are
plain strings in the database so migrations stay simple.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint, event, text
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Now in UTC (aware), for record timestamps."""
    return datetime.now(UTC)


def _json_list() -> Column[Any]:
    return Column(JSON, nullable=False, server_default="[]")


class Record(SQLModel):
    """Columns every table shares."""

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow, sa_column_kwargs={"onupdate": utcnow})
    # server_default: rows written before the column existed, or by plain SQL, start at 1.
    version: int = Field(default=1, sa_column_kwargs={"server_default": "1"})

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        """Each table's own `version` column is its optimistic-concurrency counter."""
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]


class Participant(Record, table=True):
    """A person referred to WorkWell."""

    __table_args__ = (Index("ix_participant_stage_district", "stage", "district"),)

    reference: str = Field(index=True, unique=True, max_length=16)
    first_name: str = Field(max_length=100)
    last_name: str = Field(index=True, max_length=100)
    preferred_name: str = Field(default="", max_length=100)
    date_of_birth: date | None = None
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=40)
    address: str = Field(default="", max_length=400)
    postcode: str = Field(default="", max_length=10)
    district: str = Field(default="", max_length=100)
    referral_source: str = Field(default="self", max_length=20)
    referral_date: date
    work_situation: str = Field(default="other", max_length=30)
    employer_name: str = Field(default="", max_length=200)
    consent_processing: bool = False
    consent_processing_on: date | None = None
    consent_share_gp: bool = False
    consent_share_gp_on: date | None = None
    consent_contact_employer: bool = False
    consent_contact_employer_on: date | None = None
    consent_share_health_with_employer: bool = False
    consent_share_health_with_employer_on: date | None = None
    stage: str = Field(default="referred", max_length=20)
    stage_reason: str = Field(default="", max_length=1000)
    signposted_to: str = Field(default="", max_length=400)
    stage_changed_on: date | None = None
    notes: str = Field(default="")


class Assessment(Record, table=True):
    """The joined-up assessment, saved as a draft on every step until completed."""

    __table_args__ = (
        Index("ix_assessment_participant_status", "participant_id", "status"),
        # One open draft per participant and kind: two windows pressing `a` at once get the same
        # draft, never two (migration 0008).
        Index(
            "uq_assessment_one_draft",
            "participant_id",
            "kind",
            unique=True,
            sqlite_where=text("status = 'draft'"),
            postgresql_where=text("status = 'draft'"),
        ),
    )

    participant_id: uuid.UUID = Field(foreign_key="participant.id", ondelete="CASCADE")
    kind: str = Field(default="initial", max_length=10)
    status: str = Field(default="draft", max_length=10)
    step: int = 1
    answers: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    started_at: datetime = Field(default_factory=utcnow)
    saved_at: datetime = Field(default_factory=utcnow)
    completed_at: datetime | None = None


class MeasureResult(Record, table=True):
    """One completed questionnaire or scale, at baseline or a review."""

    participant_id: uuid.UUID = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    assessment_id: uuid.UUID | None = Field(
        default=None, foreign_key="assessment.id", ondelete="SET NULL"
    )
    instrument: str = Field(max_length=20)
    item_answers: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    total: int | None = None
    taken_at: datetime = Field(default_factory=utcnow)
    timepoint: str = Field(default="baseline", max_length=10)
    review_week: int | None = None


class Plan(Record, table=True):
    """An up-to-12-week plan (length is a setting) with objectives."""

    participant_id: uuid.UUID = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    assessment_id: uuid.UUID | None = Field(
        default=None, foreign_key="assessment.id", ondelete="SET NULL"
    )
    status: str = Field(default="draft", max_length=10)
    start_date: date | None = None
    length_weeks: int = 12
    review_weeks: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    goals: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    closed_on: date | None = None
    closing_note: str = ""
    # From "Agree and start": the plan is the participant's from this day (week 1 starts then).
    agreed_on: date | None = None
    # Going past the planned length needs a reason, and it shows on the plan.
    extension_reason: str = Field(default="", sa_column_kwargs={"server_default": ""})
    extended_from_weeks: int | None = None
    extended_on: date | None = None
    closure_outcome: str = Field(default="", max_length=30, sa_column_kwargs={"server_default": ""})
    overrun_reason: str = Field(default="", sa_column_kwargs={"server_default": ""})


class Objective(Record, table=True):
    """One objective of a plan, for a physical, psychological, social or work need."""

    plan_id: uuid.UUID = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    domain: str = Field(max_length=20)
    what: str = Field(max_length=500)
    steps: str = ""
    target_week: int | None = None
    status: str = Field(default="not_started", max_length=20)
    progress_notes: str = ""
    position: int = 0
    # Why it was dropped, or what it changed to (statuses dropped and changed).
    status_reason: str = Field(default="", sa_column_kwargs={"server_default": ""})
    status_changed_on: date | None = None
    # None while it is still a suggestion from the assessment; set when accepted or reworded.
    accepted_on: date | None = None


class Contact(Record, table=True):
    """A contact between coach and participant, booked or held."""

    # The caseload reads last held, last review and next booked from this index alone (0009).
    __table_args__ = (
        Index(
            "ix_contact_participant_status_at_purpose", "participant_id", "status", "at", "purpose"
        ),
    )

    participant_id: uuid.UUID = Field(foreign_key="participant.id", ondelete="CASCADE")
    at: datetime
    mode: str = Field(default="in_person", max_length=20)
    duration_minutes: int | None = None
    status: str = Field(default="held", max_length=20)
    purpose: str = Field(default="check_in", max_length=20)
    notes: str = ""
    # Ids of the plan objectives talked about (the week grid marks them).
    objectives_discussed: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )


class PlanReview(Record, table=True):
    """A review held in a review week: what changed; its measures come from the review
    assessment (`MeasureResult` rows with timepoint review)."""

    plan_id: uuid.UUID = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    participant_id: uuid.UUID = Field(foreign_key="participant.id", ondelete="CASCADE")
    contact_id: uuid.UUID | None = Field(
        default=None, foreign_key="contact.id", ondelete="SET NULL"
    )
    assessment_id: uuid.UUID | None = Field(
        default=None, foreign_key="assessment.id", ondelete="SET NULL"
    )
    week: int
    held_on: date
    what_changed: str = ""


class ProgressNote(Record, table=True):
    """A dated note of progress on one objective."""

    objective_id: uuid.UUID = Field(foreign_key="objective.id", ondelete="CASCADE", index=True)
    written_on: date
    note: str


class SafeguardingRecord(Record, table=True):
    """A risk recorded in an assessment (PHQ-9 item 9 above 0) and what the coach did.

    Never deleted or overwritten by later answers or reviews; open until a follow-up is recorded.
    """

    __table_args__ = (
        UniqueConstraint("assessment_id", "source", name="uq_safeguarding_assessment_source"),
    )

    participant_id: uuid.UUID = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    assessment_id: uuid.UUID | None = Field(
        default=None, foreign_key="assessment.id", ondelete="SET NULL"
    )
    raised_on: date
    source: str = Field(default="phq9_item9", max_length=20)
    action_taken: str = ""
    status: str = Field(default="open", max_length=20)
    follow_up: str = ""
    followed_up_on: date | None = None


class Adjustment(Record, table=True):
    """A workplace adjustment from the catalogue, agreed and tracked with the employer.

    Not shared with the employer unless the coach turns sharing on, which needs the participant's
    consent to employer contact (and, for a note with health detail, to health details too).
    """

    participant_id: uuid.UUID = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    plan_id: uuid.UUID | None = Field(default=None, foreign_key="plan.id", ondelete="SET NULL")
    catalogue_key: str = Field(max_length=40)
    # What the coach named a free-text item ("other equipment"); empty: the catalogue's label.
    label: str = Field(default="", max_length=80, sa_column_kwargs={"server_default": ""})
    status: str = Field(default="suggested", max_length=20)
    owner: str = Field(default="participant", max_length=20)
    # Why the assessment suggested it ("fit note: altered hours"): health detail, never shared
    # without the health-detail consent.
    reason: str = Field(default="", max_length=200, sa_column_kwargs={"server_default": ""})
    raised_on: date | None = None
    agreed_on: date | None = None
    due_on: date | None = None
    in_place_on: date | None = None
    notes: str = ""
    employer_note: str = Field(default="", sa_column_kwargs={"server_default": ""})
    employer_note_health: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    employer_shareable: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})
    objective_id: uuid.UUID | None = Field(
        default=None, foreign_key="objective.id", ondelete="SET NULL"
    )
    referral_id: uuid.UUID | None = Field(
        default=None, foreign_key="referral.id", ondelete="SET NULL"
    )
    # The last day anything about it was recorded: raised and quiet for 21 days is flagged.
    last_update_on: date | None = None


class FitNote(Record, table=True):
    """The participant's fit note ("statement of fitness for work"): who issued it, its advice,
    the comments on functional effects, and when it is reviewed. Health detail throughout."""

    participant_id: uuid.UUID = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    issued_by: str = Field(default="gp", max_length=30)
    issued_on: date | None = None
    review_on: date | None = None
    advice: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    comments: str = ""


class Service(Record, table=True):
    """A local service in the directory (imported from Open Referral UK, or added by hand)."""

    __table_args__ = (UniqueConstraint("source", "source_id", name="uq_service_source"),)

    source: str = Field(default="local", max_length=40)
    source_id: str | None = Field(default=None, max_length=200)
    name: str = Field(index=True, max_length=300)
    organisation: str = Field(default="", max_length=300)
    description: str = ""
    category: str = Field(default="", max_length=100)
    phone: str = Field(default="", max_length=60)
    email: str = Field(default="", max_length=254)
    website: str = Field(default="", max_length=500)
    address: str = Field(default="", max_length=500)
    postcode: str = Field(default="", max_length=10)
    service_area: str = Field(default="", max_length=300)
    cost: str = Field(default="", max_length=300)
    schedule: str = Field(default="", max_length=500)
    extra: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # From 0006: lists for what a service may have several of (`category` and `phone` hold the
    # first, for older readers), where it is, who can refer, who it is for, when last checked.
    categories: list[str] = Field(default_factory=list, sa_column=_json_list())
    areas: list[str] = Field(default_factory=list, sa_column=_json_list())
    districts: list[str] = Field(default_factory=list, sa_column=_json_list())
    phones: list[str] = Field(default_factory=list, sa_column=_json_list())
    latitude: float | None = None
    longitude: float | None = None
    referral_routes: list[str] = Field(default_factory=list, sa_column=_json_list())
    how_to_refer: str = Field(default="", sa_column_kwargs={"server_default": ""})
    eligibility: str = Field(default="", sa_column_kwargs={"server_default": ""})
    min_age: int | None = None
    max_age: int | None = None
    last_verified: date | None = None
    # Set when the coach adds or edits it: an import then never overwrites it.
    edited_by_hand: bool = Field(default=False, sa_column_kwargs={"server_default": "0"})


class Referral(Record, table=True):
    """A referral of a participant to a local service."""

    participant_id: uuid.UUID = Field(foreign_key="participant.id", ondelete="CASCADE", index=True)
    service_id: uuid.UUID | None = Field(
        default=None, foreign_key="service.id", ondelete="SET NULL"
    )
    service_name: str = Field(default="", max_length=300)
    status: str = Field(default="suggested", max_length=20)
    made_on: date | None = None
    status_changed_on: date | None = None
    outcome: str = ""
    notes: str = ""
    # The day the coach last recorded anything on it (0006): 14 quiet days flag the caseload.
    last_update_on: date | None = None


class AuditEvent(Record, table=True):
    """Append-only: who did what to which record, and when. Never health content."""

    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(max_length=100)
    action: str = Field(max_length=60)
    record_type: str = Field(max_length=40)
    record_id: str = Field(default="", max_length=40)
    detail: str = Field(default="", max_length=200)
    # The hash chain (db/audit_chain.py): each row's place, and its link to the row before it,
    # so an edited, deleted or replaced row is found by `workwell audit verify`.
    seq: int | None = Field(default=None, index=True, unique=True)
    prev_hash: str = Field(default="", max_length=64)
    row_hash: str = Field(default="", max_length=64)


class ReferenceCounter(Record, table=True):
    """The last number given out for a kind of reference (WW-000123): taken and bumped inside
    the transaction that stores the record, so two writers can never get the same number."""

    name: str = Field(unique=True, max_length=40)
    value: int = 0


class FormDraft(Record, table=True):
    """What was typed into a form and not saved yet (one per form kind and record), so a crash
    or a closed lid loses nothing; deleted when the form is saved or discarded."""

    __table_args__ = (UniqueConstraint("form", "record_key", name="uq_formdraft_form_record"),)

    form: str = Field(max_length=40)
    # The participant's or plan's id, or "new" for a record not stored yet (a referral).
    record_key: str = Field(max_length=40)
    values: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    saved_at: datetime = Field(default_factory=utcnow)


ALL_TABLES = (
    Participant,
    Assessment,
    MeasureResult,
    Plan,
    Objective,
    Contact,
    Adjustment,
    Service,
    Referral,
    AuditEvent,
    ReferenceCounter,
    PlanReview,
    ProgressNote,
    SafeguardingRecord,
    FormDraft,
    FitNote,
)

# Whoever loads the tables also gets the guard that keeps control codes out of them.
from workwell_tui.db import text_guard  # noqa: E402, F401


@event.listens_for(Service.__table__, "after_create")  # type: ignore[attr-defined]
def _search_index(_table: Any, connection: Any, **_kw: Any) -> None:
    """`create_all` (tests, benchmarks) gets the directory's search index too, as 0006 does."""
    if connection.dialect.name == "sqlite":
        from workwell_tui.db.backends.sqlite_search import install_search_index

        install_search_index(connection.connection.dbapi_connection)
