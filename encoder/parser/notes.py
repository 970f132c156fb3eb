"""Footnotes: placing each note of the list at its marker, then filling every slot.

Runs once the block pass has laid out the slots: the markers are placed by
:mod:`.markers`, a note whose marker the copy lost is kept next to its neighbour (with a
warning), the source note of a modern document goes to the end of its heading, and each
slot then becomes inline content with its notes in place.
"""

from __future__ import annotations

import re

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


def resolve_notes(doc: Document, b: Builder, items: list, source_name: str, modern: bool) -> None:
    """Place every footnote's marker and fill every slot with its inline content."""
    segments = [Segment(s.text, masked_spans(s.text), s.page_before, s.heading, s.no_split) for s in b.slots]
    notes = [
        Footnote(
            it.index,
            str(it.index),
            [],
            it.line,
            is_source=bool(SOURCE_RE.match(it.text)) and it.index == 1,
        )
        for it in items
    ]
    picks = place_markers(segments, len(notes), [it.text for it in items])
    per_slot: dict[int, list[tuple[int, int, Footnote]]] = {}
    orphans: list[Footnote] = []
    head_slot = next((i for i, s in enumerate(b.slots) if s.heading), None)
    for note, cand in zip(notes, picks, strict=True):
        if cand is None:
            orphans.append(note)
            continue
        note.n = cand.label
        if note.is_source and head_slot is not None and cand.seg != head_slot:
            # the source note belongs in the heading; the digit found was not its marker
            orphans.append(note)
            continue
        per_slot.setdefault(cand.seg, []).append((cand.start, cand.end, note))
    placed = sorted(
        ((slot, start, note.index) for slot, spans in per_slot.items() for start, _e, note in spans),
        key=lambda t: t[2],
    )
    for note in orphans:
        if note.is_source and head_slot is not None:
            text = b.slots[head_slot].text
            per_slot.setdefault(head_slot, []).append((len(text), len(text), note))
            continue
        # keep the notes in order: stand just before the next note that was placed
        after = next(((slot, start) for slot, start, idx in placed if idx > note.index), None)
        opening = next((i for i, s in enumerate(b.slots) if s.label), head_slot)
        doc.diagnostics.append(
            Diagnostic(
                "warning",
                f"no marker found for footnote {note.index}; the note is placed next to its neighbour",
                source_name,
                note.line,
                "parse.footnote-marker",
            )
        )
        if note.index == 1 and opening is not None:
            # the first note, its marker lost: FRUS anchors a note on the document as a
            # whole ("Printed in full in vol. ii") at its opening, the label line or the head
            text = b.slots[opening].text
            per_slot.setdefault(opening, []).append((len(text), len(text), note))
            continue
        if after is not None:
            per_slot.setdefault(after[0], []).append((after[1], after[1], note))
            continue
        target = next((i for i in range(len(b.slots) - 1, -1, -1) if not b.slots[i].heading), head_slot)
        if target is not None:
            text = b.slots[target].text
            per_slot.setdefault(target, []).append((len(text), len(text), note))
    if head_slot is not None and head_slot not in per_slot and modern:
        # a modern heading ends with the source note's marker even when the copy lost the list
        text = b.slots[head_slot].text
        m = trailing_marker(text)
        if m:
            per_slot[head_slot] = [(m.start(), len(text), MarkerOnly(m.group(m.lastgroup or 0)))]
    for i, slot in enumerate(b.slots):
        clean, points = remove_markers(slot.text, per_slot.get(i, []))
        names = slot.names(clean) if slot.names else None
        slot.store(build_inline(clean, points, names))
    for note, it in zip(notes, items, strict=True):
        note.content = build_inline(it.text)
    doc.footnotes = notes
    if items and not b.slots:
        doc.diagnostics.append(
            Diagnostic(
                "warning",
                "footnote list without any text",
                source_name,
                items[0].line,
                "parse.footnotes",
            )
        )
