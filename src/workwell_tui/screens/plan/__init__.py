"""Screens of the plan: the plan itself, its week grid, and the forms run from it (log a
contact, a review, closure, extension, a safeguarding follow-up)."""
