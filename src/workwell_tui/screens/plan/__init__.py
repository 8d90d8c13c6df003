"""The plan: its screen (suggestions, agree and start, objectives on a week grid) and the forms
run from it (objective, progress note, contact, review, closure, extension, safeguarding)."""
