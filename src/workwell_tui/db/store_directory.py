"""The Store's directory and referral methods (kept apart so `store.py` stays readable).

Each method is one unit of work and returns read models from `domain/directory`; an imported
file is stored in one transaction, so a failure leaves the directory as it was.
"""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workwell_tui import clock

if TYPE_CHECKING:
    from sqlmodel import Session

    from workwell_tui.config import Settings
    from workwell_tui.db.backends import Backend
    from workwell_tui.directory.report import ImportBatch, Problem
    from workwell_tui.domain.directory.referrals import ReferralDraft, ReferralView
    from workwell_tui.domain.directory.service import ServiceDraft, ServiceView

__all__ = ["DirectoryMethods", "ImportSummary"]


@dataclass(frozen=True)
class ImportSummary:
    """What an import did: counts, and every problem with file, record and words."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0
    skipped: int = 0
    files: int = 0
    problems: tuple[Problem, ...] = field(default=())

    def line(self) -> str:
        """ "3 created, 1 updated, 0 unchanged, 1 skipped (2 kept as edited by hand)"."""
        text = (
            f"{self.created:,} created, {self.updated:,} updated, "
            f"{self.unchanged:,} unchanged, {self.skipped:,} skipped"
        )
        return text + (f" ({self.kept:,} kept as edited by hand)" if self.kept else "")


class DirectoryMethods:
    """Directory and referral actions of the Store."""

    settings: Settings
    actor: str
    backend: Backend

    if TYPE_CHECKING:

        def session(self) -> Session: ...

        def unit_of_work(self) -> AbstractContextManager[Session]: ...

    def directory(self) -> list[ServiceView]:
        """Every service in the directory, by name."""
        from workwell_tui.db.directory import all_services

        with self.session() as session:
            return all_services(session)

    def service(self, service_id: uuid.UUID | str) -> ServiceView:
        """One service (ServiceGone if it was removed)."""
        from workwell_tui.db.directory import get_service, service_view

        with self.session() as session:
            return service_view(get_service(session, service_id))

    def search_service_ids(self, text: str) -> list[str] | None:
        """Ids of services matching the words typed, best first; None when nothing was typed."""
        from workwell_tui.db.directory import search_ids

        with self.session() as session:
            return search_ids(session, self.backend, text)

    def import_services(self, batch: ImportBatch, source: str = "oruk") -> ImportSummary:
        """Store what was read from one path, in one transaction."""
        from workwell_tui.db.directory import import_drafts

        with self.unit_of_work() as session:
            counts = import_drafts(
                session, batch.services, source, self.settings.districts, self.actor
            )
        return ImportSummary(
            created=counts.created,
            updated=counts.updated,
            unchanged=counts.unchanged,
            kept=counts.kept,
            skipped=batch.skipped,
            files=batch.files_read,
            problems=tuple(batch.problems),
        )

    def add_service(self, draft: ServiceDraft) -> ServiceView:
        """Add a service typed by the coach."""
        from workwell_tui.db.directory import add_service, service_view

        with self.unit_of_work() as session:
            row = add_service(session, draft, self.settings.districts, self.actor)
            return service_view(row)

    def edit_service(
        self, service_id: uuid.UUID | str, draft: ServiceDraft, version: int | None = None
    ) -> ServiceView:
        """Save the coach's edit (refused if it changed since `version` was read)."""
        from workwell_tui.db.directory import edit_service, service_view

        with self.unit_of_work() as session:
            row = edit_service(
                session, service_id, draft, self.settings.districts, self.actor, version
            )
            return service_view(row)

    def mark_service_checked(self, service_id: uuid.UUID | str) -> ServiceView:
        """Record that the service's details were checked today."""
        from workwell_tui.db.directory import mark_checked, service_view

        with self.unit_of_work() as session:
            return service_view(mark_checked(session, service_id, clock.today(), self.actor))

    def refer(
        self, participant_id: uuid.UUID | str, service_id: uuid.UUID | str, draft: ReferralDraft
    ) -> ReferralView:
        """Refer a participant to a service."""
        from workwell_tui.db.referrals import refer, referral_view

        with self.unit_of_work() as session:
            row = refer(session, participant_id, service_id, draft, self.actor, clock.today())
            return referral_view(row)

    def update_referral(
        self, referral_id: uuid.UUID | str, draft: ReferralDraft, version: int | None = None
    ) -> ReferralView:
        """Record a referral's new status, date made or outcome notes."""
        from workwell_tui.db.referrals import referral_view, update_referral

        with self.unit_of_work() as session:
            row = update_referral(session, referral_id, draft, self.actor, clock.today(), version)
            return referral_view(row)

    def participant_referrals(self, participant_id: uuid.UUID | str) -> list[ReferralView]:
        """The participant's referrals to services (open first), for their panel."""
        from workwell_tui.db.referrals import participant_referrals

        with self.session() as session:
            return participant_referrals(session, participant_id)
