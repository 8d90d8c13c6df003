"""Fictional demo data; only the command line imports it."""
