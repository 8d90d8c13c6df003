"""Find the shipped `.tcss` files: inside the wheel, or the repo's top-level `styles/` in editable
installs and checkouts."""

from __future__ import annotations

from functools import cache
from pathlib import Path


@cache
def styles_dir() -> Path:
    """The folder holding the app's .tcss files."""
    packaged = Path(__file__).parent / "styles"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2] / "styles"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError("workwell-tui styles folder is missing from the installation")


def style(name: str) -> str:
    """The path of one stylesheet, for a screen's CSS_PATH."""
    return str(styles_dir() / name)
