"""Storage backends and the registry that picks one from a database URL.

To add a backend (SQLCipher, PostgreSQL with its own backup...), write a module with a `Backend`
subclass and add one line to `_REGISTRY`. Backends are imported only when chosen, so a driver one
of them needs is never imported on the start-up path of another.
"""

from __future__ import annotations

from importlib import import_module

from workwell_tui.db.backends.base import Backend

__all__ = ["Backend", "backend_for", "url_scheme"]

# URL scheme (dialect or dialect+driver) -> "module:class". Exact schemes only: an unknown driver
# for a known dialect (say sqlite+pysqlcipher) must not be handed to a backend that cannot read it.
_REGISTRY: dict[str, str] = {
    "sqlite": "workwell_tui.db.backends.sqlite:SqliteBackend",
    "sqlite+pysqlite": "workwell_tui.db.backends.sqlite:SqliteBackend",
    "sqlite+pysqlcipher": "workwell_tui.db.backends.sqlcipher:SqlcipherBackend",
}
_GENERIC = "workwell_tui.db.backends.generic:SqlAlchemyBackend"


def url_scheme(url: str) -> str:
    """The part of a database URL before "://", lower-cased ("postgresql+psycopg")."""
    return url.split("://", 1)[0].strip().lower()


def backend_for(url: str) -> Backend:
    """The backend for a database URL; the generic SQLAlchemy one when none is registered."""
    module_name, _, class_name = _REGISTRY.get(url_scheme(url), _GENERIC).partition(":")
    backend_class: type[Backend] = getattr(import_module(module_name), class_name)
    return backend_class(url)
