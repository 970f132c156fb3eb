"""Raw blocks -> the model's blocks: body, closer, postscript and enclosures of a part.

The block pass (:mod:`.body`, :mod:`.closer`) cut the text into raw blocks; here each
becomes its model object, and its running text becomes a slot for the inline pass. One
small writer per raw block kind, chosen from :data:`BLOCK_WRITERS`, in the manner of the
preamble's rule table; a new kind of block gets a writer and an entry there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from .. import dates
from ..model import Closer, Dateline, Inline, ListBlock, ListItem, PageBreak, Paragraph, Part, Seg, Table
from ..vocabulary import LIST_HEADS
from .body import RawBlock, RawPart
from .closer import split_closer
from .preamble import RECEIVED_RE
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


@dataclass(slots=True)
class BodyState:
    """What the writers of one part's body share: the part, the slots, open lists and
    tables by id, and the text of the paragraph just written (a list's head word)."""

    part: Part
    b: Builder
    lists: dict[int, ListBlock] = field(default_factory=dict)
    tables: dict[int, Table] = field(default_factory=dict)
    previous: str = ""


def _page_break(st: BodyState, blk: RawBlock) -> None:
    st.part.body.append(PageBreak(blk.text, blk.line))
    st.b.pending_page = True


def _row(st: BodyState, blk: RawBlock) -> None:
    table = st.tables.get(blk.list_id)
    if table is None:
        table = Table([], blk.line)
        st.tables[blk.list_id] = table
        st.part.body.append(table)
    row: list[list[Inline]] = []
    table.rows.append(row)
    for cell_text in blk.text.split("\t"):
        row.append([])
        st.b.add(cell_text, partial(set_cell, row, len(row) - 1), blk.line)


def _list_head(st: BodyState, blk: RawBlock) -> None:
    kind = LIST_HEADS.get(blk.text.strip(" :0123456789").lower())
    lst = ListBlock([], blk.line, kind, head=[])
    st.lists[blk.list_id] = lst
    st.part.body.append(lst)
    st.b.add(blk.text, partial(set_attr, lst, "head"), blk.line)


def _item(st: BodyState, blk: RawBlock) -> None:
    lst = st.lists.get(blk.list_id)
    if lst is None:
        # "Participants:" as a paragraph of its own names the list under it
        lst = ListBlock([], blk.line, LIST_HEADS.get(st.previous.strip(" :").lower()))
        st.lists[blk.list_id] = lst
        st.part.body.append(lst)
    item = ListItem(blk.label, [], blk.line)
    lst.items.append(item)
    st.b.add(blk.text, partial(set_content, item), blk.line)


def _paragraph(st: BodyState, blk: RawBlock) -> None:
    para = Paragraph([], blk.line)
    st.part.body.append(para)
    st.b.add(blk.text, partial(set_content, para), blk.line)


BLOCK_WRITERS: dict[str, Callable[[BodyState, RawBlock], None]] = {
    "pb": _page_break,
    "row": _row,
    "lhead": _list_head,
    "item": _item,
    "p": _paragraph,
}
"""The writer of each raw block kind (see :class:`.body.RawBlock`)."""


def _dateline(dl_blocks: list[RawBlock], b: Builder) -> Dateline:
    """A closing dateline over one to three lines, and the ``[Received …]`` line after it."""
    received = dl_blocks[-1] if len(dl_blocks) > 1 and RECEIVED_RE.match(dl_blocks[-1].text) else None
    place_date = dl_blocks[:-1] if received else dl_blocks
    dl = Dateline([], place_date[0].line)
    text = " ".join(blk.text for blk in place_date)
    names = partial(dateline_names, lead=" ".join(blk.text for blk in place_date[:-1]))
    b.add(text, partial(set_content, dl), place_date[0].line, names=names, no_split=True)
    if received is not None:
        b.add(received.text, partial(append_received, dl), received.line)
    return dl


def _closer(raw: RawPart, b: Builder) -> Closer | None:
    """The closer: salutation, the words over the signature, signature, office, dateline."""
    if not (raw.signed or raw.salute or raw.dateline):
        return None
    closer = Closer(line=(raw.salute or raw.lead or [*raw.signed, *raw.dateline][0]).line)
    if raw.salute:
        b.add(raw.salute.text, partial(set_attr, closer, "salute"), raw.salute.line)
    if raw.lead:
        b.add(raw.lead.text, partial(set_attr, closer, "lead"), raw.lead.line)
    store = partial(store_signed, closer, len(raw.signed))
    for blk in raw.signed:
        b.add(blk.text, store, blk.line)
    if raw.office:
        b.add(raw.office.text, partial(set_attr, closer, "office"), raw.office.line)
    if raw.dateline:
        closer.dateline = _dateline(raw.dateline, b)
    return closer


def write_part(raw: RawPart, part: Part, b: Builder) -> None:
    """Slots for the body blocks, closer and postscript of one part."""
    st = BodyState(part, b)
    for blk in raw.blocks:
        BLOCK_WRITERS[blk.kind](st, blk)
        st.previous = blk.text if blk.kind == "p" else ""
    part.closer = _closer(raw, b)
    for blk in raw.postscript:
        if blk.kind == "pb":
            part.postscript.append(PageBreak(blk.text, blk.line))
            continue
        para = Paragraph([], blk.line)
        part.postscript.append(para)
        b.add(blk.text, partial(set_content, para), blk.line)


def _is_label(blk: RawBlock) -> bool:
    return blk.kind == "p" and blk.text.startswith("[") and blk.text.rstrip(".").endswith("]")


def attachment(blocks: list[RawBlock], b: Builder) -> Part:
    """An enclosure: optional label line(s), a heading, a dateline, its text and closer."""
    part = Part(line=blocks[0].line)
    i = 0
    while i < len(blocks) and _is_label(blocks[i]):
        seg = Seg([], "center", "label", line=blocks[i].line)
        part.opener.append(seg)
        b.add(blocks[i].text, partial(set_content, seg), blocks[i].line)
        i += 1
    part.before_head = len(part.opener)
    if i < len(blocks) and blocks[i].kind == "p":
        part.head = []
        names = partial(heading_names, [])
        b.add(blocks[i].text, partial(set_attr, part, "head"), blocks[i].line, names=names)
        i += 1
    if i < len(blocks) and blocks[i].kind == "p" and dates.looks_like_dateline(blocks[i].text):
        dl = Dateline([], blocks[i].line)
        part.opener.append(dl)
        b.add(blocks[i].text, partial(set_content, dl), blocks[i].line, names=dateline_names, no_split=True)
        i += 1
    raw, nested = split_closer(blocks[i:])
    for extra in nested:
        raw.postscript.extend(extra)
    write_part(raw, part, b)
    return part
