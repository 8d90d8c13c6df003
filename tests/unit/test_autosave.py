"""The wizard's autosave on its own (no Textual): order, versions, refusals, reapplying, discard."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import uuid
from datetime import datetime
from typing import Any

import pytest

from workwell_tui.db.errors import StaleRecordError
from workwell_tui.db.store import Store
from workwell_tui.domain.assessment.flow import step_number
from workwell_tui.domain.assessment.steps import StepKey
from workwell_tui.domain.enums import AssessmentKind
from workwell_tui.domain.records import DraftAssessment
from workwell_tui.errors import WorkwellError
from workwell_tui.screens.assessment.autosave import STALE, DraftAutosave, changed_keys

from .test_assessment_flow import full_answers
from .test_assessments_db import refer

WORK = step_number(StepKey.WORK)
HEALTH = step_number(StepKey.HEALTH)
INITIAL = AssessmentKind.INITIAL
REVIEW = AssessmentKind.REVIEW


def open_draft(store: Store, kind: AssessmentKind = INITIAL) -> tuple[str, DraftAssessment]:
    person = refer(store)
    return str(person.id), store.start_assessment(person.id, kind)


def stored(store: Store, participant_id: str, kind: AssessmentKind = INITIAL) -> DraftAssessment:
    draft = store.assessment_draft(participant_id, kind)
    assert draft is not None
    return draft


def test_an_older_write_never_lands_over_a_newer_one(store: Store) -> None:
    who, draft = open_draft(store)
    autosave = DraftAutosave(store, draft)
    older = autosave.snapshot(WORK, {**draft.answers, "job_title": "Por"})
    newer = autosave.snapshot(WORK, {**draft.answers, "job_title": "Porter"})
    assert autosave.write(newer).saved_at is not None
    late = autosave.write(older)  # the slower worker finishes last
    assert late.saved_at is None and not late.failed
    assert stored(store, who).answers["job_title"] == "Porter"
    assert not autosave.pending


def test_writes_from_many_threads_in_any_order_leave_the_newest(store: Store) -> None:
    who, draft = open_draft(store)
    autosave = DraftAutosave(store, draft)
    snapshots = [autosave.snapshot(WORK, {"job_title": f"v{n}"}) for n in range(1, 21)]
    random.Random(4).shuffle(snapshots)
    threads = [threading.Thread(target=autosave.write, args=(s,)) for s in snapshots]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert stored(store, who).answers == {"job_title": "v20"}


def test_what_is_stored_is_not_written_again(store: Store) -> None:
    _who, draft = open_draft(store)
    autosave = DraftAutosave(store, draft)
    assert autosave.flush(WORK, {"job_title": "Porter"}).saved_at is not None
    again = autosave.flush(WORK, {"job_title": "Porter"})
    assert again.saved_at is None and not again.failed
    assert autosave.flush(HEALTH, {"job_title": "Porter"}).saved_at is not None  # the step counts


def test_the_version_moves_on_with_each_save(store: Store) -> None:
    who, draft = open_draft(store)
    autosave = DraftAutosave(store, draft)
    for title in ("P", "Po", "Porter"):
        assert autosave.flush(WORK, {"job_title": title}).saved_at is not None
    assert autosave.version == stored(store, who).version == draft.version + 3


def test_a_checked_save_of_the_same_answers_in_the_same_second_still_moves_the_version(
    store: Store,
) -> None:
    who, draft = open_draft(store)  # the clock is frozen: every save is "the same second"
    same = dict(draft.answers)
    store.save_assessment(draft.id, draft.step, same, expected_version=draft.version)
    assert stored(store, who).version == draft.version + 1
    with pytest.raises(StaleRecordError):  # so a window still at the old version is refused
        store.save_assessment(draft.id, draft.step, same, expected_version=draft.version)


def test_the_store_refuses_a_save_based_on_an_old_version(store: Store) -> None:
    who, draft = open_draft(store)
    store.save_assessment(draft.id, WORK, {"job_title": "Theirs"}, expected_version=draft.version)
    with pytest.raises(StaleRecordError):
        store.save_assessment(draft.id, WORK, {"job_title": "Mine"}, expected_version=draft.version)
    assert stored(store, who).answers == {"job_title": "Theirs"}


def test_a_draft_changed_elsewhere_is_refused_and_says_what_changed(store: Store) -> None:
    who, draft = open_draft(store)
    here, there = DraftAutosave(store, draft), DraftAutosave(store, draft)  # two windows
    assert there.flush(WORK, {**draft.answers, "employer": "Ribble Care Homes"}).saved_at

    refused = here.flush(WORK, {**draft.answers, "job_title": "Porter"})
    assert refused.failed and refused.stale and refused.problem == STALE
    assert refused.conflict is not None and refused.conflict.changed == ("employer",)
    assert stored(store, who).answers["employer"] == "Ribble Care Homes"  # theirs kept
    assert "job_title" not in stored(store, who).answers
    # Nothing more is written until the coach decides (not even a different change).
    assert here.flush(WORK, {**draft.answers, "job_title": "Porter 2"}).stale
    assert "job_title" not in stored(store, who).answers


def test_reapplying_puts_my_changes_on_top_and_keeps_theirs(store: Store) -> None:
    who, draft = open_draft(store)
    here, there = DraftAutosave(store, draft), DraftAutosave(store, draft)
    base = dict(draft.answers)
    there.flush(WORK, {**base, "employer": "Ribble Care Homes", "hours": "20"})
    mine = {**base, "job_title": "Porter", "hours": "30"}
    mine.pop("date_of_birth")  # a removal is a change too
    refused = here.flush(WORK, mine)
    assert refused.conflict is not None

    merged = here.reapply(mine, refused.conflict)
    assert merged["employer"] == "Ribble Care Homes"  # only changed there: kept
    assert merged["job_title"] == "Porter" and merged["hours"] == "30"  # mine on top
    assert "date_of_birth" not in merged
    assert not here.stale
    assert here.flush(WORK, merged).saved_at is not None
    assert stored(store, who).answers == merged
    # The other window is now the one behind.
    assert there.flush(WORK, {**base, "employer": "Elsewhere"}).stale


def test_a_draft_completed_elsewhere_is_refused_as_gone(store: Store) -> None:
    _who, draft = open_draft(store)
    here = DraftAutosave(store, draft)
    store.complete_assessment(draft.id, INITIAL, full_answers())
    refused = here.flush(WORK, {"job_title": "Porter"})
    assert refused.stale and refused.conflict is not None and refused.conflict.theirs is None


class Refusing:
    """A store whose database is locked: every write fails."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def save_assessment(self, *args: Any, **kwargs: Any) -> datetime:
        raise WorkwellError("The database is busy (locked by another program).")

    def discard_untouched_draft(self, assessment_id: uuid.UUID | str) -> bool:
        raise RuntimeError("SELECT * FROM secret")

    def assessment_draft(self, *args: Any, **kwargs: Any) -> DraftAssessment | None:
        return self.store.assessment_draft(*args, **kwargs)


def test_a_failed_write_says_why_in_the_coachs_words_and_is_tried_again(store: Store) -> None:
    _who, draft = open_draft(store)
    autosave = DraftAutosave(Refusing(store), draft)
    failed = autosave.flush(WORK, {"job_title": "Sensitive answer"})
    assert failed.failed and not failed.stale
    assert failed.problem == "The database is busy (locked by another program)."
    assert "Sensitive" not in failed.problem
    assert autosave.pending  # not stored: the next write tries again
    autosave.store = store
    assert autosave.flush(WORK, {"job_title": "Sensitive answer"}).saved_at is not None


def test_an_untouched_review_draft_is_discarded_and_nothing_more_is_written(store: Store) -> None:
    who, draft = open_draft(store, REVIEW)
    autosave = DraftAutosave(store, draft)
    assert not autosave.discard_if_untouched({"confidence": 4})
    assert autosave.discard_if_untouched({"confidence": None})
    assert store.assessment_draft(who, REVIEW) is None
    assert autosave.flush(0, {"confidence": 5}).saved_at is None  # queued before: dropped
    assert store.assessment_draft(who, REVIEW) is None


def test_a_failed_discard_keeps_the_draft_quietly(store: Store) -> None:
    _who, draft = open_draft(store, REVIEW)
    autosave = DraftAutosave(Refusing(store), draft)
    assert not autosave.discard_if_untouched({})
    assert not autosave.discarded


def test_changed_keys_treats_blank_as_absent() -> None:
    assert changed_keys({"a": "", "b": 1}, {"b": 1, "c": None}) == ()
    assert changed_keys({"a": "x"}, {"a": "y", "b": [1]}) == ("a", "b")


def test_the_autosave_imports_no_textual() -> None:
    check = (
        "import sys, workwell_tui.screens.assessment.autosave; "
        "sys.exit(any(m.split('.')[0] == 'textual' for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", check]).returncode == 0
