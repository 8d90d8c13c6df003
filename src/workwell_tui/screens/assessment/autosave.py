"""The wizard's autosave, apart from any screen: every change reaches the database, in order.

No Textual here (a test checks), so the rules can be tested on their own and reused by any screen
that edits a draft assessment:

- Each change is a `Snapshot` with a sequence number, taken on the UI thread (`snapshot`, which
  never waits). `write` stores one, from a worker thread or on the spot; a slower, older write
  never lands over a newer one, and a snapshot equal to what is stored is not written again.
- Every write names the version of the draft it was based on. When another window or laptop
  saved the draft since, the write is refused (`SaveResult.stale`) and nothing more is written
  until the coach decides: `conflict` reads what is stored now and says which answers differ;
  `reapply` puts the coach's own changes on top of it, and the next write saves that.
- `flush` writes what is on screen on the spot (leaving, quitting); `discard_if_untouched`
  throws away a draft nobody answered anything in (a review opened by mistake).
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from workwell_tui.db.errors import StaleRecordError
from workwell_tui.domain.assessment.questions import is_blank
from workwell_tui.domain.enums import AssessmentKind
from workwell_tui.domain.records import DraftAssessment
from workwell_tui.errors import coach_words

STALE = "Changed in another window or on another laptop since you opened it."


class DraftStore(Protocol):
    """What the autosave needs of the Store."""

    def save_assessment(
        self,
        assessment_id: uuid.UUID | str,
        step: int,
        answers: dict[str, Any],
        *,
        expected_version: int | None = None,
    ) -> datetime:
        """Write the draft's step and answers if it is still at `expected_version`."""
        ...

    def discard_untouched_draft(self, assessment_id: uuid.UUID | str) -> bool:
        """Delete a draft with no answers; True if it went."""
        ...

    def assessment_draft(
        self, participant_id: uuid.UUID | str, kind: AssessmentKind | None = None
    ) -> DraftAssessment | None:
        """The participant's open draft of `kind`."""
        ...


@dataclass(frozen=True)
class Snapshot:
    """The draft as it stood at one moment: the `sequence`-th change."""

    sequence: int
    step: int
    answers: dict[str, Any]


@dataclass(frozen=True)
class Conflict:
    """What is stored now, for a draft that was changed elsewhere."""

    theirs: dict[str, Any] | None  # None: completed or removed elsewhere
    version: int
    changed: tuple[str, ...]  # answer keys the other side changed


@dataclass(frozen=True)
class SaveResult:
    """What one write did."""

    saved_at: datetime | None = None  # None: nothing needed writing (or it failed)
    problem: str = ""  # coach-safe words when it was not saved
    stale: bool = False  # refused: the draft was changed elsewhere since it was read
    conflict: Conflict | None = field(default=None, compare=False)

    @property
    def failed(self) -> bool:
        """Whether what was on screen is not in the database."""
        return bool(self.problem)


def changed_keys(before: Mapping[str, Any], after: Mapping[str, Any]) -> tuple[str, ...]:
    """The answer keys whose answers differ between two versions (blank counts as absent)."""
    keys = dict.fromkeys([*before, *after])
    return tuple(
        key
        for key in keys
        if before.get(key) != after.get(key)
        and not (is_blank(before.get(key)) and is_blank(after.get(key)))
    )


class DraftAutosave:
    """Saves one draft assessment as it changes; safe to call from worker threads."""

    def __init__(self, store: DraftStore, draft: DraftAssessment) -> None:
        self.store = store
        self.assessment_id = str(draft.id)
        self.participant_id = str(draft.participant_id)
        self.kind = AssessmentKind(draft.kind)
        self.version = draft.version
        # The answers as last read or written: "my changes" are measured from these.
        self.base: dict[str, Any] = dict(draft.answers)
        self.stale = False
        self.discarded = False
        self._lock = threading.Lock()  # one write at a time, in any thread
        self._sequence = itertools.count(1)  # taken on the UI thread, never waits
        self._queued = 0
        self._written = 0
        self._last_written: tuple[int, dict[str, Any]] = (draft.step, dict(draft.answers))

    @property
    def pending(self) -> bool:
        """Whether a change has been taken that is not yet known to be stored."""
        return self._queued > self._written

    def snapshot(self, step: int, answers: Mapping[str, Any]) -> Snapshot:
        """Take the draft as it stands now (a copy), numbered after every earlier one."""
        sequence = next(self._sequence)
        self._queued = sequence
        return Snapshot(sequence, step, dict(answers))

    def write(self, snapshot: Snapshot) -> SaveResult:
        """Store `snapshot` unless a newer one went in first (or it is what is stored)."""
        with self._lock:
            if self.discarded or snapshot.sequence <= self._written:
                return SaveResult()
            if self.stale:
                return SaveResult(problem=STALE, stale=True)
            if (snapshot.step, snapshot.answers) == self._last_written:
                self._written = snapshot.sequence
                return SaveResult()
            try:
                saved = self.store.save_assessment(
                    self.assessment_id,
                    snapshot.step,
                    snapshot.answers,
                    expected_version=self.version,
                )
            except StaleRecordError:
                self.stale = True
                return SaveResult(problem=STALE, stale=True, conflict=self._read_conflict())
            except Exception as error:  # the coach-safe words only: never the answers
                return SaveResult(problem=coach_words(error))
            # SQLAlchemy's version counter moves on by one with each update of the row.
            self.version += 1
            self._written = snapshot.sequence
            self._last_written = (snapshot.step, snapshot.answers)
            self.base = dict(snapshot.answers)
            return SaveResult(saved_at=saved)

    def flush(self, step: int, answers: Mapping[str, Any]) -> SaveResult:
        """Write what is on screen now, on this thread (leaving, finishing, quitting)."""
        return self.write(self.snapshot(step, answers))

    def conflict(self) -> Conflict:
        """What is stored now and which answers the other side changed (reads the database)."""
        with self._lock:
            return self._read_conflict()

    def _read_conflict(self) -> Conflict:
        try:
            stored = self.store.assessment_draft(self.participant_id, self.kind)
        except Exception:  # reading it again can fail too; say so as "gone" is not known
            return Conflict(theirs=self.base, version=self.version, changed=())
        if stored is None or str(stored.id) != self.assessment_id:
            return Conflict(theirs=None, version=self.version, changed=())
        theirs = dict(stored.answers)
        return Conflict(theirs, stored.version, changed_keys(self.base, theirs))

    def reapply(self, mine: Mapping[str, Any], conflict: Conflict) -> dict[str, Any]:
        """The stored answers with this side's own changes put back on top (to show and save).

        Only what this side changed since its last read or save is carried over, so answers
        the other side added or changed elsewhere are kept. The next write is based on the
        stored version.
        """
        with self._lock:
            theirs = dict(conflict.theirs or {})
            for key in changed_keys(self.base, mine):
                if key in mine:
                    theirs[key] = mine[key]
                else:
                    theirs.pop(key, None)
            self.version = conflict.version
            self.base = dict(conflict.theirs or {})
            self._last_written = (-1, {})  # the next snapshot is written whatever it holds
            self.stale = False
            return theirs

    def discard_if_untouched(self, answers: Mapping[str, Any]) -> bool:
        """Throw the draft away when nothing has been answered; True if it went.

        Opening the review measures and leaving at once must not leave a "draft saved" flag
        on the caseload for a draft that holds nothing.
        """
        if any(not is_blank(value) for value in answers.values()):
            return False
        with self._lock:
            try:
                gone = self.store.discard_untouched_draft(self.assessment_id)
            except Exception:  # keeping an empty draft is harmless; say nothing
                return False
            self.discarded = gone
            return gone
