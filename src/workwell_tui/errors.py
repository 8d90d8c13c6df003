"""One base for the errors a coach may see: each carries a message that is safe to show.

Screens show `error.title` and `error.message` as they are; they never need the class name or a
traceback, and the message never contains health details or SQL.
"""

from __future__ import annotations

__all__ = ["WorkwellError"]


class WorkwellError(Exception):
    """Something the coach needs to know about, in words they can act on."""

    default_title = "Something went wrong"

    def __init__(self, message: str, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.title = title or self.default_title

    def __str__(self) -> str:
        return self.message
