"""Storage: SQLModel tables, the engine, migrations and the queries screens need.

Nothing in this package may import textual.
"""
