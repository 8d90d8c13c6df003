"""One base for the errors a coach may see: each carries a message that is safe to show.

Screens show `error.title` and `error.message` as they are; they never need the class name or a
traceback, and the message never contains health details or SQL. Work that can fail in ways of
its own (a database refusing) runs inside `in_coach_words`, so what reaches the screen is always
one of these.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["NotSaved", "WorkwellError", "coach_words", "in_coach_words"]


class WorkwellError(Exception):
    """Something the coach needs to know about, in words they can act on."""

    default_title = "Something went wrong"
    default_message = "That did not work. Nothing you saved before has changed."

    def __init__(self, message: str | None = None, title: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)
        self.title = title or self.default_title

    def __str__(self) -> str:
        return self.message


def coach_words(error: BaseException | None) -> str:
    """What to tell a coach about `error`: its own words if it is ours, else a safe general line.

    Never the class name or the exception's text: those can carry SQL or what was typed.
    """
    if isinstance(error, WorkwellError):
        return error.message
    return WorkwellError.default_message


class NotSaved(WorkwellError):
    """The database would not take a form; what was typed is still on screen."""

    default_title = "Not saved"
    default_message = "Could not save: the database refused. Everything typed is still here."


@contextmanager
def in_coach_words(error: type[WorkwellError]) -> Iterator[None]:
    """Let our own errors through as they are; any other failure becomes `error()`, in its
    default words (the original, which may carry SQL or what was typed, is kept only as the
    cause)."""
    try:
        yield
    except WorkwellError:
        raise
    except Exception as cause:
        raise error() from cause
