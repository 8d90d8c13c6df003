"""Find-as-you-type over the directory: the words to look for, the filters, and the order.

The database finds which services match the words, best first (SQLite's full-text index, or a
plain LIKE elsewhere); this module applies the coach's filters and puts services for the
participant's own district first among equally good matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workwell_tui.domain.directory.service import ServiceView

# Words as the full-text index splits them: letters and digits in any script.
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_WORDS = 8


def search_words(text: str) -> list[str]:
    """The words typed, lower case, at most `MAX_WORDS` (punctuation and markup ignored)."""
    return [word.lower() for word in _WORD.findall(text)][:MAX_WORDS]


@dataclass(frozen=True)
class DirectoryFilter:
    """The coach's filters: a category, a district, self-referral only."""

    category: str | None = None
    district: str | None = None
    self_referral: bool = False

    def keeps(self, service: ServiceView) -> bool:
        """Whether `service` passes every filter."""
        if self.category is not None and self.category not in service.draft.categories:
            return False
        if self.district is not None and not service.covers(self.district):
            return False
        return not self.self_referral or service.self_referral()


def nearness(service: ServiceView, home_district: str | None) -> int:
    """0 for a service named for the participant's district, 1 area-wide, 2 elsewhere."""
    if not home_district:
        return 0
    if home_district in service.districts:
        return 0
    return 1 if not service.districts else 2


def field_rank(service: ServiceView, words: Sequence[str]) -> int:
    """0 when every word starts a word of the name, 1 the organisation or categories, else 2."""
    name = search_words(service.name)
    if all(any(part.startswith(word) for part in name) for word in words):
        return 0
    draft = service.draft
    other = search_words(" ".join((draft.organisation, *draft.categories)))
    return 1 if all(any(part.startswith(word) for part in name + other) for word in words) else 2


def arrange(
    services: Sequence[ServiceView],
    ranked_ids: Sequence[str] | None,
    chosen: DirectoryFilter,
    home_district: str | None = None,
    text: str = "",
) -> list[ServiceView]:
    """The services to show, in order.

    `ranked_ids` is the database's answer to `text`, best first; None means nothing was typed,
    so every service, by name. Relevance comes first (the words in the name, then in the
    organisation or categories, then only in the description), then the participant's own
    district before area-wide services and others, then the database's own order.
    """
    # The district filter counts as home too: its own services before area-wide ones.
    home_district = home_district or chosen.district
    if ranked_ids is None:
        kept = [service for service in services if chosen.keeps(service)]
        return sorted(kept, key=lambda s: (nearness(s, home_district), s.name.lower()))
    by_id = {service.id: service for service in services}
    pool = [by_id[i] for i in ranked_ids if i in by_id]
    kept = [service for service in pool if chosen.keeps(service)]
    words = search_words(text)
    place = {service.id: index for index, service in enumerate(kept)}
    return sorted(
        kept, key=lambda s: (field_rank(s, words), nearness(s, home_district), place[s.id])
    )


def categories_of(services: Sequence[ServiceView]) -> list[str]:
    """Every category used, most used first (then by name), for the category filter."""
    counts: dict[str, int] = {}
    for service in services:
        for category in service.draft.categories:
            counts[category] = counts.get(category, 0) + 1
    return sorted(counts, key=lambda c: (-counts[c], c.lower()))
