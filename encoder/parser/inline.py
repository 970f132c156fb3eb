"""The inline pass: raw text of a block -> text, page breaks, withheld text, note refs.

Runs after the markers are placed (``markers.place_markers``), so that every block knows
which of its character spans are footnote markers.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..model import Footnote, Hi, Inline, MarkerOnly, NoteRef, PageBreak

PAGE_RE = re.compile(r"\[Page ([0-9]+|[IVXLCDMivxlcdm]+)\]")
"""``[Page 875]``, ``[Page XIV]``: a printed page begins."""
PAGE_LINE_RE = re.compile(rf"^{PAGE_RE.pattern}$")
"""A page marker alone on its line."""

WITHHELD_RE = re.compile(r"\[([^\[\]]{0,120}?not declassified)\]")
"""``[less than 1 line of source text not declassified]`` and its kin."""

Wrap = Callable[[list[Inline]], Inline]
"""Makes an element (a Name, a DateSpan) around a span's content."""

_SPECIAL_RE = re.compile(PAGE_RE.pattern + "|" + WITHHELD_RE.pattern)


def masked_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Spans of page markers and withheld-text brackets: digits there are no markers."""
    return tuple((m.start(), m.end()) for m in _SPECIAL_RE.finditer(text))


def _plain(text: str, out: list[Inline]) -> None:
    """Append text, splitting out page breaks and withheld-text brackets."""
    pos = 0
    for m in _SPECIAL_RE.finditer(text):
        if m.start() > pos:
            out.append(text[pos : m.start()])
        if m.group(1) is not None:
            out.append(PageBreak(m.group(1)))
        else:
            out.append("[")
            out.append(Hi("italic", [m.group(2)]))
            out.append("]")
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:])


def remove_markers(
    text: str, spans: list[tuple[int, int, Footnote | MarkerOnly]]
) -> tuple[str, list[tuple[int, Footnote | MarkerOnly]]]:
    """The text without its marker digits, and where each note now stands in it.

    The digits are not lost: they survive as the note's ``@n``.
    """
    out: list[str] = []
    points: list[tuple[int, Footnote]] = []
    pos = 0
    length = 0
    for start, end, note in sorted(spans, key=lambda t: (t[0], t[1])):
        out.append(text[pos:start])
        length += start - pos
        points.append((length, note))
        pos = end
    out.append(text[pos:])
    return "".join(out), points


def build_inline(
    text: str,
    notes: list[tuple[int, Footnote | MarkerOnly]] | None = None,
    names: list[tuple[int, int, Wrap]] | None = None,
) -> list[Inline]:
    """The inline content of ``text`` with notes inserted at their offsets.

    ``names`` are ``(start, end, wrap)`` spans whose content ``wrap`` turns into an element
    (heading parties, dateline place and date); a note inside such a span goes after it.
    """
    events: list[tuple[int, int, object]] = []
    for start, end, name in names or []:
        events.append((start, 0, (end, name)))
    for pos, note in notes or []:
        events.append((pos, 1, note))
    events.sort(key=lambda e: (e[0], e[1]))
    out: list[Inline] = []
    pos = 0
    for at, kind, item in events:
        if at < pos:
            at = pos
        _plain(text[pos:at], out)
        pos = at
        if kind == 1:
            out.append(item if isinstance(item, MarkerOnly) else NoteRef(item))  # type: ignore[arg-type]
        else:
            end, wrap = item  # type: ignore[misc]
            content: list[Inline] = []
            _plain(text[at:end], content)
            out.append(wrap(content))
            pos = end
    _plain(text[pos:], out)
    return [x for x in out if x != ""]


def page_numbers(text: str) -> list[str]:
    """The page numbers of the ``[Page N]`` markers in ``text``, in order."""
    return [m.group(1) for m in PAGE_RE.finditer(text)]
