"""Alembic environment: runs on the connection the app hands over in `config.attributes`."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

from workwell_tui.db import models  # noqa: F401  (registers the tables)

config = context.config
connection = config.attributes.get("connection")
target_metadata = SQLModel.metadata

if connection is None:
    from workwell_tui.db.engine import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as connection:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
