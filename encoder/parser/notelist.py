"""The footnote list at the end of a copied page.

history.state.gov shows a document's notes after its text, renumbered 1, 2, 3 … in
document order whatever the print's markers were. Copies give the list as indented
``  1. Not printed.`` lines or, from some browsers, as ``- Not printed.↩`` bullets. A copy
may cut the list short; the list is then taken as far as it goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lines import Line

_NUMBERED_RE = re.compile(r"^\s+(\d{1,3})\.\s+(\S.*)$")
_NUMBERED_FLUSH_RE = re.compile(r"^(\d{1,3})\.\s+(Source:.*)$")
_BULLET_RE = re.compile(r"^\s*[-•*]\s+(\S.*?)\s*↩\s*$")
_BACKREF = "↩"


@dataclass(slots=True)
class NoteItem:
    """One entry of the list: its number in the list (1-based), text and input line."""

    index: int
    text: str
    line: int


@dataclass(slots=True)
class NoteList:
    """The list found at the end of a document, and where it began."""

    items: list[NoteItem]
    start: int
    """Index (into the document's lines) of the list's first line."""


def _numbered_run(lines: list[Line]) -> NoteList | None:
    """The last run of indented ``N.`` lines counting 1, 2, 3 … up to the end."""
    end = len(lines)
    while end and lines[end - 1].blank:
        end -= 1
    i = end - 1
    items: list[NoteItem] = []
    continuation: list[str] = []
    while i >= 0:
        ln = lines[i]
        m = _NUMBERED_RE.match(ln.text) or _NUMBERED_FLUSH_RE.match(ln.text)
        if m:
            text = m.group(2).strip()
            if continuation:
                text = " ".join([text, *reversed(continuation)])
                continuation = []
            items.append(NoteItem(int(m.group(1)), text, ln.no))
            if int(m.group(1)) == 1:
                break
        elif ln.blank:
            pass
        elif ln.text.startswith(("    ", "\t")):
            continuation.append(ln.text.strip())
        else:
            return None
        i -= 1
    if not items or items[-1].index != 1:
        return None
    items.reverse()
    if [it.index for it in items] != list(range(1, len(items) + 1)):
        return None
    return NoteList(items, i)


def _bullet_run(lines: list[Line]) -> NoteList | None:
    """A run of ``- text↩`` bullets at the end (the back-link arrow marks a note)."""
    end = len(lines)
    while end and lines[end - 1].blank:
        end -= 1
    i = end - 1
    texts: list[tuple[str, int]] = []
    while i >= 0 and (lines[i].blank or _BULLET_RE.match(lines[i].text)):
        m = _BULLET_RE.match(lines[i].text)
        if m:
            texts.append((m.group(1), lines[i].no))
        i -= 1
    if not texts:
        return None
    texts.reverse()
    items = [NoteItem(k + 1, t, no) for k, (t, no) in enumerate(texts)]
    return NoteList(items, i + 1)


def find_note_list(lines: list[Line]) -> NoteList | None:
    """The document's footnote list, or None when the copy has none."""
    found = _numbered_run(lines) or _bullet_run(lines)
    if found is None:
        return None
    # the list begins at its first item line (skip blanks before it)
    start = found.start
    while start < len(lines) and lines[start].blank:
        start += 1
    found.start = start
    return found


def is_backref_bullet(text: str) -> bool:
    """True for a ``- …↩`` line: a note of the list, never body text."""
    return text.rstrip().endswith(_BACKREF)
