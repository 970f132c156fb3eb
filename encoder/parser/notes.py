"""Footnotes: placing each note of the list at its marker, then filling every slot.

Runs once the block pass has laid out the slots: the markers are placed by
:mod:`.markers`, a note whose marker the copy lost is kept next to its neighbour (with a
warning), the source note of a modern document goes to the end of its heading, and each
slot then becomes inline content with its notes in place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import Diagnostic
from ..model import Document, Footnote, MarkerOnly, NoteRef
from ..vocabulary import trailing_marker
from .body import RawBlock
from .inline import build_inline, masked_spans, remove_markers
from .markers import Segment, place_markers
from .slots import Builder

SOURCE_RE = re.compile(r"^\[?Source:")
"""A note that is the document's source note (modern volumes: ``1. Source: …``)."""


def attach_listing_source(doc: Document, blk: RawBlock) -> None:
    """Make a ``Source: …`` line under the heading the head's source note.

    Its marker is the one the heading ends with, if the copy kept it; else it has none.
    """
    assert doc.head is not None
    marker = doc.head[-1] if doc.head and isinstance(doc.head[-1], MarkerOnly) else None
    fn = Footnote(1, marker.n if marker else "", build_inline(blk.text), blk.line, is_source=True)
    if marker is not None:
        doc.head.pop()
    doc.head.append(NoteRef(fn))
    doc.footnotes = [fn]


Spans = dict[int, list[tuple[int, int, Footnote | MarkerOnly]]]
"""Per slot: the character spans that hold a note's marker, and the note."""


@dataclass(slots=True)
class NoteState:
    """The slots, the notes, where each found marker stands, and the notes without one."""

    b: Builder
    notes: list[Footnote]
    per_slot: Spans = field(default_factory=dict)
    orphans: list[Footnote] = field(default_factory=list)
    head_slot: int | None = None

    def at_end(self, slot: int, note: Footnote | MarkerOnly) -> None:
        """Anchor ``note`` at the end of slot ``slot``."""
        n = len(self.b.slots[slot].text)
        self.per_slot.setdefault(slot, []).append((n, n, note))


def _place(st: NoteState, items: list) -> None:
    """Every note whose marker was found, at its marker; the rest are orphans."""
    segments = [
        Segment(s.text, masked_spans(s.text), s.page_before, s.heading, s.no_split) for s in st.b.slots
    ]
    picks = place_markers(segments, len(st.notes), [it.text for it in items])
    for note, cand in zip(st.notes, picks, strict=True):
        if cand is not None:
            note.n = cand.label
        if cand is None or (note.is_source and st.head_slot is not None and cand.seg != st.head_slot):
            # a source note belongs in the heading; a digit found elsewhere was not its marker
            st.orphans.append(note)
            continue
        st.per_slot.setdefault(cand.seg, []).append((cand.start, cand.end, note))


def _place_orphan(st: NoteState, note: Footnote, placed: list[tuple[int, int, int]]) -> None:
    """A note whose marker the copy lost: the first at the document's opening (its label
    line, else the head), where FRUS anchors a note on the document as a whole; a later
    one just before the next note that was placed; else at the end of the text."""
    slots = st.b.slots
    opening = next((i for i, s in enumerate(slots) if s.label), st.head_slot)
    if note.index == 1 and opening is not None:
        st.at_end(opening, note)
        return
    after = next(((slot, start) for slot, start, idx in placed if idx > note.index), None)
    if after is not None:
        st.per_slot.setdefault(after[0], []).append((after[1], after[1], note))
        return
    target = next((i for i in range(len(slots) - 1, -1, -1) if not slots[i].heading), st.head_slot)
    if target is not None:
        st.at_end(target, note)


def _orphans(st: NoteState, doc: Document, source_name: str) -> None:
    placed = sorted(
        (
            (slot, start, note.index)
            for slot, spans in st.per_slot.items()
            for start, _e, note in spans
            if isinstance(note, Footnote)
        ),
        key=lambda t: t[2],
    )
    for note in st.orphans:
        if note.is_source and st.head_slot is not None:
            st.at_end(st.head_slot, note)
            continue
        message = f"no marker found for footnote {note.index}; the note is placed next to its neighbour"
        doc.diagnostics.append(
            Diagnostic("warning", message, source_name, note.line, "parse.footnote-marker")
        )
        _place_orphan(st, note, placed)


def _head_marker(st: NoteState) -> None:
    """A modern heading ends with the source note's marker even when the copy lost the
    list: the digits are kept as a marker without a note."""
    if st.head_slot is None or st.head_slot in st.per_slot:
        return
    text = st.b.slots[st.head_slot].text
    m = trailing_marker(text)
    if m:
        st.per_slot[st.head_slot] = [(m.start(), len(text), MarkerOnly(m.group(m.lastgroup or 0)))]


def resolve_notes(doc: Document, b: Builder, items: list, source_name: str, modern: bool) -> None:
    """Place every footnote's marker and fill every slot with its inline content."""
    notes = [
        Footnote(
            it.index, str(it.index), [], it.line, is_source=bool(SOURCE_RE.match(it.text)) and it.index == 1
        )
        for it in items
    ]
    st = NoteState(b, notes, head_slot=next((i for i, s in enumerate(b.slots) if s.heading), None))
    _place(st, items)
    _orphans(st, doc, source_name)
    if modern:
        _head_marker(st)
    for i, slot in enumerate(b.slots):
        clean, points = remove_markers(slot.text, st.per_slot.get(i, []))
        names = slot.names(clean) if slot.names else None
        slot.store(build_inline(clean, points, names))
    for note, it in zip(notes, items, strict=True):
        note.content = build_inline(it.text)
    doc.footnotes = notes
    if items and not b.slots:
        doc.diagnostics.append(
            Diagnostic(
                "warning", "footnote list without any text", source_name, items[0].line, "parse.footnotes"
            )
        )
