"""The plan screen: a draft's suggestions, agree and start, objectives by domain on a week grid,
and the small forms (objective, progress note, agree and start) it opens."""
