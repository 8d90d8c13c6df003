"""The demo plan's extra detail: closure outcomes, review notes, reasons and follow-ups.

Kept apart from `demo_data.py` so the main generator stays readable. Nothing here draws from the
generator's random stream: extra rows get ids from their own stream (`own_id`), so adding them
leaves every other demo row, and every id, exactly as the same seed made it before.
"""

from __future__ import annotations

import random
import uuid

# Each demo closing note, and the outcome a coach would have chosen with it.
OUTCOME_OF_CLOSING = {
    "Back at work on full hours": "returned_same_employer",
    "Started a new job": "started_new_work",
    "Plan completed, managing well": "stayed_in_work",
    "Phased return complete": "returned_same_employer",
    "Stopped engaging, closing letter sent": "lost_contact",
    "Moved out of the area": "withdrew",
}
# What changed, said at a review (the first review, the second, and any after).
REVIEW_CHANGES = (
    "Sleeping a little better; first steps on the work objective taken",
    "More settled; talking to the employer about the return",
    "Kept going with the plan; agreed what happens after it ends",
)
DROP_REASON = "No longer a priority for them; agreed to focus on the others"
RISK_ACTION = "Crisis contacts shared; GP told the same day"
FOLLOW_UP = "Rang the next day: safe, seeing the GP this week"


def own_id(pid: uuid.UUID, tag: str) -> uuid.UUID:
    """A repeatable id for an extra row of one person, from its own stream."""
    return uuid.UUID(int=random.Random(f"{pid}:{tag}").getrandbits(128), version=4)


def review_change(index: int) -> str:
    """What changed at the person's `index`th review (0 is the first)."""
    return REVIEW_CHANGES[min(index, len(REVIEW_CHANGES) - 1)]
