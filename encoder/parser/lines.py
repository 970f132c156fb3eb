"""Numbered lines: the parser's view of a document's text.

Every later stage keeps the 1-based input line of what it builds, so diagnostics can name
``file:line`` (STYLE.md lesson 3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE_RE = re.compile(r"[ \t\u00a0]+")


@dataclass(frozen=True, slots=True)
class Line:
    """One input line, its text without the newline, and its number in the input file."""

    text: str
    no: int

    @property
    def stripped(self) -> str:
        """The text without surrounding blanks."""
        return self.text.strip()

    @property
    def blank(self) -> bool:
        """True for a line with nothing but blanks."""
        return not self.text.strip()


def split_lines(text: str, first_no: int = 1) -> list[Line]:
    """Split text into numbered lines (``\\n`` only: the reader normalized line ends)."""
    return [Line(t, first_no + i) for i, t in enumerate(text.split("\n"))]


def squash(text: str) -> str:
    """Collapse runs of blanks to one space and strip: how lines are compared."""
    return _SPACE_RE.sub(" ", text).strip()


def nonblank(lines: list[Line]) -> list[Line]:
    """The lines that carry text."""
    return [ln for ln in lines if not ln.blank]
