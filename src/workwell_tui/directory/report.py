"""What an import found: the services it could read, and each problem with file, record and words.

A problem either skipped a record (nothing of it is imported) or is a note about one field that
was left out or put right (the rest of the record imports). The coach sees both in the summary.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from workwell_tui.domain.directory.service import ServiceDraft
from workwell_tui.domain.text import clean_line


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where, which record, and what."""

    file: str
    record: str
    problem: str
    skipped: bool = False

    def line(self) -> str:
        """ "services.json, record svc-3: no name (skipped)" in one clean line."""
        where = clean_line(self.file)
        if self.record:
            where += f", record {clean_line(self.record)[:80]}"
        tail = " (skipped)" if self.skipped else ""
        return f"{where}: {clean_line(self.problem)}{tail}"


@dataclass
class ImportBatch:
    """Everything read from one path: services (first of each id), problems, files read."""

    services: list[ServiceDraft] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    files_read: int = 0
    seen: set[str] = field(default_factory=set, repr=False)

    @property
    def skipped(self) -> int:
        """How many records were skipped."""
        return sum(1 for problem in self.problems if problem.skipped)

    def add(self, draft: ServiceDraft, file: str) -> None:
        """Keep `draft` unless a service with its id came earlier in this import."""
        key = draft.source_id or ""
        if key in self.seen:
            self.problems.append(
                Problem(file, key, "the same id came earlier in this import", skipped=True)
            )
            return
        self.seen.add(key)
        self.services.append(draft)
