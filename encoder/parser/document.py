"""One document's text -> :class:`~encoder.model.Document`.

Block pass first (note list, preamble rules, body blocks, closer, attachments), then the
inline pass over every piece of running text in document order: footnote markers are
placed by :mod:`.markers`, then each piece becomes inline content.
"""

from __future__ import annotations

import re
from functools import partial

from .. import dates
from ..errors import Diagnostic
from ..model import (
    Closer,
    Dateline,
    Document,
    Inline,
    ListBlock,
    ListItem,
    PageBreak,
    Paragraph,
    Part,
    Seg,
    Table,
)
from ..vocabulary import KIND_START_RE, LIST_HEADS, SOURCE_LABEL_RE
from . import heading as heading_mod
from . import markings
from .body import RawBlock, RawPart, cut_blocks, split_closer
from .inline import page_numbers
from .lines import Line
from .notelist import find_note_list
from .notes import SOURCE_RE, attach_listing_source, resolve_notes, text_of
from .preamble import FILE_LINE_RE, RECEIVED_RE, Cursor, read_preamble
from .slots import (
    Builder,
    append_received,
    dateline_names,
    heading_names,
    set_attr,
    set_cell,
    set_content,
    store_signed,
)

_SENTENCE_RE = re.compile(r"^(?=.{80,})[^()]*[a-z][.!?]$")
"""A first line that reads as a sentence of running text, not a heading."""
_SERIAL_P_RE = re.compile(r"^(\d{1,7})\.\s")


def _part_blocks(raw: RawPart, part: Part, b: Builder) -> None:
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
                b.add(cell_text, partial(set_cell, row, len(row) - 1), blk.line)
            continue
        if blk.kind == "lhead":
            kind = LIST_HEADS.get(blk.text.strip(" :0123456789").lower())
            lst = ListBlock([], blk.line, kind, head=[])
            lists[blk.list_id] = lst
            part.body.append(lst)
            b.add(blk.text, partial(set_attr, lst, "head"), blk.line)
            continue
        if blk.kind == "item":
            lst = lists.get(blk.list_id)
            if lst is None:
                lst = ListBlock([], blk.line, LIST_HEADS.get(before.strip(" :").lower()))
                lists[blk.list_id] = lst
                part.body.append(lst)
            item = ListItem(blk.label, [], blk.line)
            lst.items.append(item)
            b.add(blk.text, partial(set_content, item), blk.line)
            continue
        para = Paragraph([], blk.line)
        part.body.append(para)
        b.add(blk.text, partial(set_content, para), blk.line)
    if raw.signed or raw.salute or raw.dateline:
        closer = Closer(line=(raw.salute or raw.lead or [*raw.signed, *raw.dateline][0]).line)
        part.closer = closer
        if raw.salute:
            b.add(raw.salute.text, partial(set_attr, closer, "salute"), raw.salute.line)
        if raw.lead:
            b.add(raw.lead.text, partial(set_attr, closer, "lead"), raw.lead.line)
        if raw.signed:
            joined = raw.signed
            store = partial(store_signed, closer, len(joined))
            for blk in joined:
                b.add(blk.text, store, blk.line)
        if raw.office:
            b.add(raw.office.text, partial(set_attr, closer, "office"), raw.office.line)
        if raw.dateline:
            lines = raw.dateline
            received = lines[-1] if len(lines) > 1 and RECEIVED_RE.match(lines[-1].text) else None
            place_date = lines[:-1] if received else lines
            dl = Dateline([], place_date[0].line)
            closer.dateline = dl
            text = " ".join(blk.text for blk in place_date)
            lead = " ".join(blk.text for blk in place_date[:-1])
            names = partial(dateline_names, lead=lead)
            b.add(text, partial(set_content, dl), place_date[0].line, names=names, no_split=True)
            if received is not None:
                b.add(received.text, partial(append_received, dl), received.line)
    for blk in raw.postscript:
        if blk.kind == "pb":
            part.postscript.append(PageBreak(blk.text, blk.line))
            continue
        para = Paragraph([], blk.line)
        part.postscript.append(para)
        b.add(blk.text, partial(set_content, para), blk.line)


def _attachment(blocks: list[RawBlock], b: Builder) -> Part:
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
        b.add(blocks[i].text, partial(set_content, seg), blocks[i].line)
        i += 1
    part.before_head = len(part.opener)
    if i < len(blocks) and blocks[i].kind == "p":
        head_box: list = []
        part.head = []
        b.add(
            blocks[i].text,
            partial(set_attr, part, "head"),
            blocks[i].line,
            names=partial(heading_names, head_box),
        )
        i += 1
    if i < len(blocks) and blocks[i].kind == "p" and dates.looks_like_dateline(blocks[i].text):
        dl = Dateline([], blocks[i].line)
        part.opener.append(dl)
        b.add(
            blocks[i].text,
            partial(set_content, dl),
            blocks[i].line,
            names=dateline_names,
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
    if note_list is not None and all(ln.blank for ln in lines[: note_list.start]):
        # a note list with no text above it: keep its lines as the text itself
        doc.diagnostics.append(
            Diagnostic(
                "warning",
                "a footnote list without any text: read as text",
                source_name,
                note_list.items[0].line,
                "parse.footnotes",
            )
        )
        note_list = None
    content = lines[: note_list.start] if note_list else lines
    cur = Cursor(content)
    pre = read_preamble(cur)
    if pre.heading is not None and _SENTENCE_RE.match(pre.heading.stripped):
        doc.diagnostics.append(
            Diagnostic(
                "warning",
                "no heading recognised: the first line stands as the heading",
                source_name,
                pre.heading.no,
                "parse.heading",
            )
        )
    b = Builder()
    info_box: list[heading_mod.HeadingInfo] = []

    if pre.source_line is not None:
        text = pre.source_line.stripped
        m = FILE_LINE_RE.match(text)
        if m:
            doc.file_number = text.split(":")[0].replace("File No.", "").strip()
            if m.group("kind"):
                doc.doc_type = m.group("kind").strip()
        doc.source_inline = []
        b.add(text, partial(set_attr, doc, "source_inline"), pre.source_line.no, no_split=True)
    doc.number = pre.number
    if pre.number_line is not None:
        if pre.source_line is None:
            doc.source_inline = []
            b.add(
                pre.number_line.stripped,
                partial(set_attr, doc, "source_inline"),
                pre.number_line.no,
            )
        else:
            doc.head_prefix = pre.number_line.stripped
    if pre.heading is not None:
        doc.head = []
        b.add(
            pre.heading.stripped,
            partial(set_attr, doc, "head"),
            pre.heading.no,
            heading=True,
            names=partial(heading_names, info_box),
        )
    doc.dateline_in_opener = not pre.modern
    doc.before_head = pre.before_head
    for at, (kind, item_lines) in enumerate(pre.opener):
        text = " ".join(ln.stripped for ln in item_lines)
        line_no = item_lines[0].no
        if kind == "dateline":
            dl = Dateline([], line_no)
            doc.opener.append(dl)
            lead = " ".join(ln.stripped for ln in item_lines[:-1])
            names = partial(dateline_names, lead=lead)
            b.add(text, partial(set_content, dl), line_no, names=names, no_split=True)
            continue
        if kind == "label" and doc.source_inline is None and SOURCE_LABEL_RE.match(text):
            # early volumes encode a lone [Extract.] / [Translation.] as the source note
            doc.source_inline = []
            doc.source_after_head = at >= pre.before_head
            if not doc.source_after_head:
                doc.before_head -= 1
            b.add(text, partial(set_attr, doc, "source_inline"), line_no, no_split=True)
            continue
        if kind == "received" and doc.opener and isinstance(doc.opener[-1], Dateline):
            dl = doc.opener[-1]
            b.add(text, partial(append_received, dl), line_no)
            continue
        rendition = {"label": "center", "marking": "left", "serial": "left", "received": "right"}[kind]
        seg = Seg([], rendition, kind, smallcaps=(kind == "marking"), line=line_no)
        doc.opener.append(seg)
        b.add(text, partial(set_content, seg), line_no, label=(kind == "label"))
        if kind == "marking":
            doc.markings.extend(markings.from_line(text))
        elif kind == "label" and doc.doc_type is None:
            m = KIND_START_RE.match(text.strip("["))
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
        and SOURCE_RE.match(blocks[0].text)
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

    resolve_notes(doc, b, note_list.items if note_list else [], source_name, pre.modern)
    if listing_source is not None and doc.head is not None:
        attach_listing_source(doc, listing_source)

    if info_box:
        info = info_box[0]
        doc.sender, doc.recipient = info.sender, info.recipient
        if info.doc_type and (doc.doc_type is None or pre.modern):
            doc.doc_type = info.doc_type
    if doc.doc_type and doc.doc_type.lower() == "editorial note":
        doc.subtype = "editorial-note"
    for fn in doc.footnotes:
        if fn.is_source:
            for mk in markings.from_source_note(text_of(fn.content)):
                if mk.text.lower() not in {m.text.lower() for m in doc.markings}:
                    doc.markings.append(mk)
    doc.xml_id = f"d{doc.number}" if doc.number and re.fullmatch(r"\d+[A-Z]?", doc.number) else f"d{index}"
    for part in [doc, *doc.attachments]:
        part.body = _lift_page_breaks(part.body)
    doc.pages = _pages(doc, b)
    return doc


def _lift_page_breaks(blocks: list) -> list:
    """A page break that opens or closes a paragraph stands between paragraphs (FRUS:
    a ``pb`` is never the first or last thing in its ``p``)."""
    out: list = []
    for blk in blocks:
        if not isinstance(blk, Paragraph):
            out.append(blk)
            continue
        items = list(blk.content)
        head: list = []
        tail: list = []
        while items and (
            isinstance(items[0], PageBreak) or (isinstance(items[0], str) and not items[0].strip())
        ):
            x = items.pop(0)
            if isinstance(x, PageBreak):
                head.append(x)
        while items and (
            isinstance(items[-1], PageBreak) or (isinstance(items[-1], str) and not items[-1].strip())
        ):
            x = items.pop()
            if isinstance(x, PageBreak):
                tail.insert(0, x)
        if not items:
            out.extend(head + tail)
            continue
        if isinstance(items[0], str):
            items[0] = items[0].lstrip()
        blk.content = items
        out.extend([*head, blk, *tail])
    return out


def _pages(doc: Document, b: Builder) -> list[str]:
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
    seen: set[str] = set()
    for line, n in marks:
        if n in seen:
            doc.diagnostics.append(
                Diagnostic(
                    "warning", f"page {n} is marked twice ([Page {n}])", doc.source_name, line, "parse.page"
                )
            )
        seen.add(n)
    return [n for _, n in marks]
