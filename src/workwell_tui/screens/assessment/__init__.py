"""The assessment wizard: its screen, step pages, summary, autosave, risk prompt."""
