"""The footnote list at the end of a copied page.

history.state.gov shows a document's notes after its text, renumbered 1, 2, 3 … in
document order whatever the print's markers were. Copies give the list as indented
``  1. Not printed.`` lines or, from some browsers, as ``- Not printed.↩`` bullets. A copy
may cut the list short; the list is then taken as far as it goes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..vocabulary import SALUTE_START_RE
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


def _glued_continuation(lines: list[Line], i: int) -> bool:
    """A flush-left line that goes on with the note above it: no blank line between (a
    note of several paragraphs, or a copy that lost the indent), and neither a signature
    nor a salutation, which follow a body's own indented list in the same way."""
    from .shapes import is_name_line

    text = lines[i].stripped
    return i > 0 and not lines[i - 1].blank and not is_name_line(text) and not SALUTE_START_RE.match(text)


def _numbered_run(lines: list[Line]) -> NoteList | None:
    """The last run of ``N.`` lines counting 1, 2, 3 … (or 0, 1, 2 …) up to the end."""
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
            if int(m.group(1)) == 1 and not (i > 0 and _ZERO_ITEM_RE.match(_prev_text(lines, i))):
                break
            if int(m.group(1)) == 0:
                break
        elif ln.blank:
            pass
        elif ln.text.startswith(("    ", "\t")) or _glued_continuation(lines, i):
            continuation.append(ln.text.strip())
        else:
            return None
        i -= 1
    if not items or items[-1].index not in (0, 1) or continuation:
        return None
    items.reverse()
    first = items[0].index
    if [it.index for it in items] != list(range(first, first + len(items))):
        return None
    if first == 0:  # a list printed from 0: its notes are still the first, second …
        items = [NoteItem(it.index + 1, it.text, it.line) for it in items]
    return NoteList(items, i)


_ZERO_ITEM_RE = re.compile(r"^\s*0\.\s+\S")


def _prev_text(lines: list[Line], i: int) -> str:
    """The nearest non-blank line above line ``i`` (empty when there is none)."""
    j = i - 1
    while j >= 0 and lines[j].blank:
        j -= 1
    return lines[j].text if j >= 0 else ""


def _introduced_list(lines: list[Line], found: NoteList) -> bool:
    """True for a numbered list that is the body's own: the line above it ends with a colon
    (``You should make the following points:``), no item is a source note, and no marker is
    glued to a word anywhere above. Notes without markers would be guesses; a body list
    read as notes loses its place in the text."""
    from .markers import has_glued_marker

    if any(it.text.startswith(("Source:", "[Source:")) for it in found.items):
        return False
    above = _prev_text(lines, found.start)
    if not above.rstrip().endswith(":"):
        return False
    return not any(has_glued_marker(ln.text) for ln in lines[: found.start])


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
    if found is None or _introduced_list(lines, found):
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
