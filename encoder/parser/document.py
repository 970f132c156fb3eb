"""One document's text -> :class:`~encoder.model.Document`.

Block pass first (note list, preamble rules, body blocks, closer, attachments), then the
inline pass over every piece of running text in document order: footnote markers are
placed by :mod:`.markers`, then each piece becomes inline content.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .. import dates
from ..errors import Diagnostic
from ..model import (
    Closer,
    Dateline,
    DateSpan,
    Document,
    Footnote,
    Inline,
    LineBreak,
    ListBlock,
    ListItem,
    MarkerOnly,
    Name,
    NoteRef,
    PageBreak,
    Paragraph,
    Part,
    Seg,
    Table,
)
from . import heading as heading_mod
from . import markings
from .body import RawBlock, RawPart, cut_blocks, split_closer
from .inline import build_inline, masked_spans, page_numbers, remove_markers
from .lines import Line
from .markers import Segment, place_markers
from .notelist import find_note_list
from .preamble import DOC_KIND_RE, FILE_LINE_RE, Cursor, read_preamble

_SOURCE_RE = re.compile(r"^\[?Source:")
_LIST_TYPES = {
    "subject": "subject",
    "participants": "participants",
    "persons present": "participants",
}
"""Lists the line above names: a memorandum's subject and participants (FRUS list/@type)."""
_SERIAL_P_RE = re.compile(r"^(\d{1,7})\.\s")
_HEAD_MARKER_RE = re.compile(
    r"(?:(?<=[^\W\d_])|(?<=[)\]”’.]))(\d{1,2})\s*$|(?<=\b1[6-9]\d\d|\b20\d\d)(\d)\s*$|(?<=[^\W\d_]) (\d{1,2})\s*$"
)


@dataclass(slots=True)
class _Slot:
    """A piece of running text and the function that stores its finished content."""

    text: str
    store: Callable[[list[Inline]], None]
    line: int
    heading: bool = False
    page_before: bool = False
    no_split: bool = False
    names: Callable[[str], list[tuple[int, int, Callable[[list[Inline]], Inline]]]] | None = None


def _date_wrap(value: dates.DateValue | None, content: list[Inline]) -> Inline:
    if value is None:
        return DateSpan(content)
    return DateSpan(
        content,
        when=value.when,
        not_before=value.not_before,
        not_after=value.not_after,
        from_=value.from_,
        to=value.to,
    )


def _place_wrap(content: list[Inline]) -> Inline:
    return Name("placeName", content)


def _dateline_names(text: str) -> list[tuple[int, int, Callable[[list[Inline]], Inline]]]:
    parts = dates.parse_dateline(text)
    out: list[tuple[int, int, Callable[[list[Inline]], Inline]]] = []
    if parts.place_span:
        out.append((parts.place_span[0], parts.place_span[1], _place_wrap))
    if parts.date_span:
        out.append((parts.date_span[0], parts.date_span[1], partial(_date_wrap, parts.date)))
    return out


def _heading_names(info_box: list, text: str) -> list[tuple[int, int, Callable[[list[Inline]], Inline]]]:
    info = heading_mod.analyze(text)
    info_box.append(info)
    out: list[tuple[int, int, Callable[[list[Inline]], Inline]]] = []
    for s in sorted(info.spans, key=lambda sp: sp.start):
        if s.kind == "date":
            out.append((s.start, s.end, partial(_date_wrap, info.date)))
        else:
            out.append((s.start, s.end, partial(_name_wrap, s.kind, s.role)))
    return out


def _name_wrap(kind: str, role: str | None, content: list[Inline]) -> Inline:
    return Name(kind, content, role)


class _Builder:
    """Collects the slots of running text of one document in document order."""

    def __init__(self) -> None:
        self.slots: list[_Slot] = []
        self.pending_page = False

    def add(self, text: str, store: Callable[[list[Inline]], None], line: int, **kw: object) -> None:
        self.slots.append(_Slot(text, store, line, page_before=self.pending_page, **kw))  # type: ignore[arg-type]
        self.pending_page = False


def _part_blocks(raw: RawPart, part: Part, b: _Builder) -> None:
    """Slots for the body blocks, closer and postscript of one part."""
    lists: dict[int, ListBlock] = {}
    tables: dict[int, Table] = {}
    previous = ""
    for blk in raw.blocks:
        before, previous = previous, blk.text if blk.kind == "p" else ""
        if blk.kind == "pb":
            part.body.append(PageBreak(blk.text, blk.line))
            b.pending_page = True
            continue
        if blk.kind == "row":
            table = tables.get(blk.list_id)
            if table is None:
                table = Table([], blk.line)
                tables[blk.list_id] = table
                part.body.append(table)
            row: list[list[Inline]] = []
            table.rows.append(row)
            for cell_text in blk.text.split("\t"):
                row.append([])
                b.add(cell_text, partial(_set_cell, row, len(row) - 1), blk.line)
            continue
        if blk.kind == "item":
            lst = lists.get(blk.list_id)
            if lst is None:
                lst = ListBlock([], blk.line, _LIST_TYPES.get(before.strip(" :").lower()))
                lists[blk.list_id] = lst
                part.body.append(lst)
            item = ListItem(blk.label, [], blk.line)
            lst.items.append(item)
            b.add(blk.text, partial(_set_content, item), blk.line)
            continue
        para = Paragraph([], blk.line)
        part.body.append(para)
        b.add(blk.text, partial(_set_content, para), blk.line)
    if raw.signed or raw.salute:
        closer = Closer(line=(raw.salute or raw.signed[0]).line)
        part.closer = closer
        if raw.salute:
            b.add(raw.salute.text, partial(_set_attr, closer, "salute"), raw.salute.line)
        if raw.signed:
            joined = raw.signed
            store = partial(_store_signed, closer, len(joined))
            for blk in joined:
                b.add(blk.text, store, blk.line)
    for blk in raw.postscript:
        if blk.kind == "pb":
            part.postscript.append(PageBreak(blk.text, blk.line))
            continue
        para = Paragraph([], blk.line)
        part.postscript.append(para)
        b.add(blk.text, partial(_set_content, para), blk.line)


def _set_content(obj: Paragraph | ListItem | Seg | Dateline, content: list[Inline]) -> None:
    obj.content = content


def _set_cell(row: list[list[Inline]], index: int, content: list[Inline]) -> None:
    row[index] = content


def _set_attr(obj: object, attr: str, content: list[Inline]) -> None:
    setattr(obj, attr, content)


def _store_signed(closer: Closer, count: int, content: list[Inline]) -> None:
    if closer.signed is None:
        closer.signed = content
    else:
        closer.signed = [*closer.signed, LineBreak(), *content]


def _attachment(blocks: list[RawBlock], b: _Builder) -> Part:
    """An enclosure: optional label line(s), a heading, a dateline, its text and closer."""
    part = Part(line=blocks[0].line)
    i = 0
    while (
        i < len(blocks)
        and blocks[i].kind == "p"
        and blocks[i].text.startswith("[")
        and blocks[i].text.rstrip(".").endswith("]")
    ):
        seg = Seg([], "center", "label", line=blocks[i].line)
        part.opener.append(seg)
        b.add(blocks[i].text, partial(_set_content, seg), blocks[i].line)
        i += 1
    part.before_head = len(part.opener)
    if i < len(blocks) and blocks[i].kind == "p":
        head_box: list = []
        part.head = []
        b.add(
            blocks[i].text,
            partial(_set_attr, part, "head"),
            blocks[i].line,
            names=partial(_heading_names, head_box),
        )
        i += 1
    if i < len(blocks) and blocks[i].kind == "p" and dates.looks_like_dateline(blocks[i].text):
        dl = Dateline([], blocks[i].line)
        part.opener.append(dl)
        b.add(
            blocks[i].text,
            partial(_set_content, dl),
            blocks[i].line,
            names=_dateline_names,
            no_split=True,
        )
        i += 1
    raw, _nested = split_closer(blocks[i:])
    for extra in _nested:
        raw.postscript.extend(extra)
    _part_blocks(raw, part, b)
    return part


def parse_document(lines: list[Line], source_name: str, index: int) -> Document:
    """Parse one document's lines (already split from the file) into the model."""
    doc = Document(source_name=source_name, line=lines[0].no if lines else 1)
    doc.first_line = lines[0].no if lines else 1
    doc.last_line = lines[-1].no if lines else 1
    note_list = find_note_list(lines)
    content = lines[: note_list.start] if note_list else lines
    cur = Cursor(content)
    pre = read_preamble(cur)
    b = _Builder()
    info_box: list[heading_mod.HeadingInfo] = []

    if pre.source_line is not None:
        text = pre.source_line.stripped
        m = FILE_LINE_RE.match(text)
        if m:
            doc.file_number = text.split(":")[0].replace("File No.", "").strip()
            if m.group("kind"):
                doc.doc_type = m.group("kind").strip()
        doc.source_inline = []
        b.add(text, partial(_set_attr, doc, "source_inline"), pre.source_line.no, no_split=True)
    doc.number = pre.number
    if pre.number_line is not None:
        if pre.source_line is None:
            doc.source_inline = []
            b.add(
                pre.number_line.stripped,
                partial(_set_attr, doc, "source_inline"),
                pre.number_line.no,
            )
        else:
            doc.head_prefix = pre.number_line.stripped
    if pre.heading is not None:
        doc.head = []
        b.add(
            pre.heading.stripped,
            partial(_set_attr, doc, "head"),
            pre.heading.no,
            heading=True,
            names=partial(_heading_names, info_box),
        )
    doc.dateline_in_opener = not pre.modern
    for kind, item_lines in pre.opener:
        text = " ".join(ln.stripped for ln in item_lines)
        line_no = item_lines[0].no
        if kind == "dateline":
            dl = Dateline([], line_no)
            doc.opener.append(dl)
            b.add(text, partial(_set_content, dl), line_no, names=_dateline_names, no_split=True)
            continue
        if kind == "received" and doc.opener and isinstance(doc.opener[-1], Dateline):
            dl = doc.opener[-1]
            b.add(text, partial(_append_received, dl), line_no)
            continue
        rendition = {"label": "center", "marking": "left", "serial": "left", "received": "right"}[kind]
        seg = Seg([], rendition, kind, smallcaps=(kind == "marking"), line=line_no)
        doc.opener.append(seg)
        b.add(text, partial(_set_content, seg), line_no)
        if kind == "marking":
            doc.markings.extend(markings.from_line(text))
        elif kind == "label" and doc.doc_type is None:
            m = DOC_KIND_RE.match(text.strip("["))
            if m:
                doc.doc_type = m.group(1).capitalize()
        elif kind == "serial":
            doc.serial = re.sub(r"\D", "", text)

    blocks = cut_blocks(content[cur.pos :])
    listing_source = None
    if (
        pre.heading is not None
        and note_list is None
        and blocks
        and blocks[0].kind == "p"
        and _SOURCE_RE.match(blocks[0].text)
    ):
        # a chapter listing shows each heading with its "Source: …" line instead of a note list
        listing_source = blocks.pop(0)
    raw, attachments = split_closer(blocks)
    _part_blocks(raw, doc, b)
    for att in attachments:
        doc.attachments.append(_attachment(att, b))
    if doc.serial is None and pre.heading is not None:
        # 1969–76 e-volumes: "104. Telegram 5332 From the Embassy in Iran …"
        m = re.search(r"\bTelegram\s+(\d{1,7})\s+(?:From|to)\b", pre.heading.stripped)
        if m:
            doc.serial = m.group(1)
    if doc.serial is None:
        first = next((blk for blk in raw.blocks if blk.kind == "p"), None)
        if first is not None:
            m = _SERIAL_P_RE.match(first.text)
            if m:
                doc.serial = m.group(1)

    _resolve_notes(doc, b, note_list.items if note_list else [], source_name, pre.modern)
    if listing_source is not None and doc.head is not None:
        _attach_listing_source(doc, listing_source)

    if info_box:
        info = info_box[0]
        doc.sender, doc.recipient = info.sender, info.recipient
        if info.doc_type and (doc.doc_type is None or pre.modern):
            doc.doc_type = info.doc_type
    if doc.doc_type and doc.doc_type.lower() == "editorial note":
        doc.subtype = "editorial-note"
    for fn in doc.footnotes:
        if fn.is_source:
            for mk in markings.from_source_note(_text_of(fn.content)):
                if mk.text.lower() not in {m.text.lower() for m in doc.markings}:
                    doc.markings.append(mk)
    doc.xml_id = f"d{doc.number}" if doc.number and re.fullmatch(r"\d+[A-Z]?", doc.number) else f"d{index}"
    doc.pages = _pages(doc, b)
    return doc


def _attach_listing_source(doc: Document, blk: RawBlock) -> None:
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


def _pages(doc: Document, b: _Builder) -> list[str]:
    """Printed page numbers of every page break, in document order."""
    marks: list[tuple[int, str]] = []
    for s in b.slots:
        for n in page_numbers(s.text):
            marks.append((s.line, n))

    def walk(blocks: list) -> None:
        for blk in blocks:
            if isinstance(blk, PageBreak):
                marks.append((blk.line, blk.n))

    for part in [doc, *doc.attachments]:
        walk(part.body)
        walk(part.postscript)
    marks.sort(key=lambda t: t[0])
    return [n for _, n in marks]


def _append_received(dl: Dateline, content: list[Inline]) -> None:
    dl.content = [*dl.content, LineBreak(), *content]


def _text_of(content: list[Inline]) -> str:
    out: list[str] = []
    for x in content:
        if isinstance(x, str):
            out.append(x)
        elif hasattr(x, "content"):
            out.append(_text_of(x.content))  # type: ignore[attr-defined]
    return "".join(out)


def _resolve_notes(doc: Document, b: _Builder, items: list, source_name: str, modern: bool) -> None:
    """Place every footnote's marker and fill every slot with its inline content."""
    segments = [Segment(s.text, masked_spans(s.text), s.page_before, s.heading, s.no_split) for s in b.slots]
    notes = [
        Footnote(
            it.index,
            str(it.index),
            [],
            it.line,
            is_source=bool(_SOURCE_RE.match(it.text)) and it.index == 1,
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
        note.n = str(cand.value)
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
        doc.diagnostics.append(
            Diagnostic(
                "warning",
                f"no marker found for footnote {note.index}; the note is placed next to its neighbour",
                source_name,
                note.line,
                "parse.footnote-marker",
            )
        )
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
        m = _HEAD_MARKER_RE.search(text)
        if m:
            per_slot[head_slot] = [(m.start(), len(text), MarkerOnly(m.group(m.lastindex or 1)))]
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
