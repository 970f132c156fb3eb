"""Cutting a file that holds several documents (a chapter copied whole) into documents.

A new document begins, after a blank line, at a line that can only open a document: a
modern heading whose number is followed by a document kind (``87. Telegram From …``,
``215. Editorial Note``), or a legacy file-number line (``761.94/7–2145: Telegram``,
``File No. 861.77/267``). A telegram's own number (``4774. As indicated …``) is not
followed by a document kind, so it does not split.
"""

from __future__ import annotations

import re

from ..vocabulary import KIND_PATTERN
from .inline import PAGE_LINE_RE
from .lines import Line
from .preamble import FILE_LINE_RE, NO_LINE_RE
from .shapes import is_heading_line

_MODERN_START_RE = re.compile(rf"^\d{{1,4}}[A-Z]?\.\s+{KIND_PATTERN}\b")


def _starts_document(lines: list[Line], i: int) -> bool:
    if lines[i].text[:1].isspace():
        return False  # an indented line is a footnote of the list, never a new heading
    text = lines[i].stripped
    m = _MODERN_START_RE.match(text)
    if m:
        # a heading is a title, not a sentence: "1. Summary: The Shah …." is a paragraph
        bare = text.rstrip("0123456789 ")
        return not bare.endswith((".", ":", ";", "?", "!")) and text[m.end() : m.end() + 1] != ":"

    if FILE_LINE_RE.match(text) and (":" in text or text.startswith("File No.")):
        return True
    if NO_LINE_RE.match(text):
        nxt = next((ln.stripped for ln in lines[i + 1 :] if not ln.blank), "")
        return is_heading_line(nxt, period=False)
    return False


_NOTE_ITEM_RE = re.compile(r"^\s+\d{1,3}\.\s+\S|^\s*[-•*]\s.*↩\s*$")


def _after_break(lines: list[Line], i: int) -> bool:
    """A document starts after a blank line; a copy that dropped the blank lines still
    shows where one document ends: after the last item of its footnote list, or, in the
    old volumes, where a ``No. 40.`` line stands over an ``A to B.`` heading."""
    if lines[i - 1].blank or _NOTE_ITEM_RE.match(lines[i - 1].text):
        return True
    nxt = lines[i + 1].stripped if i + 1 < len(lines) else ""
    return bool(NO_LINE_RE.match(lines[i].stripped)) and is_heading_line(nxt)


def split_documents(lines: list[Line]) -> list[list[Line]]:
    """The file's lines cut into one list per document (never an empty list)."""
    starts = [0]
    seen_text = False
    for i, ln in enumerate(lines):
        if ln.blank:
            continue
        if seen_text and i > 0 and _after_break(lines, i) and _starts_document(lines, i):
            # a heading directly under a file line or "No." line belongs to it, and so does
            # the page break of a document that begins a printed page
            at = next((j for j in range(i - 1, -1, -1) if not lines[j].blank), None)
            prev = lines[at].stripped if at is not None else ""
            if at is None or not (FILE_LINE_RE.match(prev) or NO_LINE_RE.match(prev)):
                starts.append(at if at is not None and PAGE_LINE_RE.match(prev) and at > 0 else i)
        seen_text = seen_text or not PAGE_LINE_RE.match(ln.stripped)
    starts = sorted(set(starts))
    chunks = [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)]
    return [c for c in chunks if any(not ln.blank for ln in c)] or [lines]
