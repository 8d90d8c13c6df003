"""The app's two colour themes: calm by default, and high contrast."""

from __future__ import annotations

from textual.theme import Theme

WORKWELL = Theme(
    name="workwell",
    primary="#5B8DB8",
    secondary="#7A9E7E",
    accent="#E0A030",
    warning="#E0A030",
    error="#D9534F",
    success="#6BAF6B",
    foreground="#E4E7EB",
    background="#1B2128",
    surface="#222A33",
    panel="#2C3540",
    dark=True,
)

HIGH_CONTRAST = Theme(
    name="workwell-high-contrast",
    primary="#FFFFFF",
    secondary="#FFFF00",
    accent="#FFFF00",
    warning="#FFFF00",
    error="#FF5555",
    success="#00FF00",
    foreground="#FFFFFF",
    background="#000000",
    surface="#000000",
    panel="#1A1A1A",
    boost="#333333",
    dark=True,
    variables={
        "input-selection-background": "#FFFF00 60%",
        "block-cursor-background": "#FFFF00",
        "block-cursor-foreground": "#000000",
        "footer-key-foreground": "#FFFF00",
    },
)

THEMES = (WORKWELL, HIGH_CONTRAST)
