"""Workplace adjustments: the catalogue (data), how an item moves on, consent to share with the
employer, the checklist as shown, and the suggestions a finished assessment makes."""
