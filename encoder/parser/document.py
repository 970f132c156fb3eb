"""One document's text -> :class:`~encoder.model.Document`.

:func:`parse_document` only assembles: it runs the steps of :data:`STEPS` in order over one
:class:`DocState`. Block pass first (note list, preamble, opener, body, closer,
attachments), then the inline pass over every piece of running text in document order
(footnote markers placed by :mod:`.markers`, each piece made inline content), then what the
document states about itself (parties, kind, markings, place, date). A new step goes in the
table where its inputs are ready; a new rule goes in the module that owns its part.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import Diagnostic
from ..model import Document, PageBreak, Paragraph, plain_text
from . import markings
from .body import RawBlock, RawPart, cut_blocks
from .closer import split_closer
from .inline import page_numbers
from .lines import Line
from .metadata import state_metadata
from .notelist import NoteList, find_note_list
from .notes import SOURCE_RE, attach_listing_source, resolve_notes
from .opener import OpenerState, write_head, write_opener, write_source
from .parts import attachment, write_part
from .preamble import Cursor, Preamble, read_preamble
from .slots import Builder

_SENTENCE_RE = re.compile(r"^(?=.{80,})[^()]*[a-z][.!?]$")
"""A first line that reads as a sentence of running text, not a heading."""
_SERIAL_P_RE = re.compile(r"^(\d{1,7})\.\s")
"""A telegram's own number opening its first paragraph (``4774. As indicated …``)."""
_SERIAL_HEAD_RE = re.compile(r"\bTelegram\s+(\d{1,7})\s+(?:From|to)\b")
"""1969–76 e-volumes: ``104. Telegram 5332 From the Embassy in Iran …``."""


@dataclass(slots=True)
class DocState:
    """Everything the steps of one document share."""

    lines: list[Line]
    source_name: str
    index: int
    doc: Document
    b: Builder = field(default_factory=Builder)
    note_list: NoteList | None = None
    content: list[Line] = field(default_factory=list)
    pre: Preamble = field(default_factory=Preamble)
    body_at: int = 0
    """Index into ``content`` of the first line after the preamble."""
    opener: OpenerState | None = None
    raw: RawPart = field(default_factory=RawPart)
    listing_source: RawBlock | None = None

    def warn(self, message: str, line: int, code: str) -> None:
        self.doc.diagnostics.append(Diagnostic("warning", message, self.source_name, line, code))


def _note_list(st: DocState) -> None:
    """The footnote list at the end; a list with no text above it is read as text."""
    found = find_note_list(st.lines)
    if found is not None and all(ln.blank for ln in st.lines[: found.start]):
        st.warn("a footnote list without any text: read as text", found.items[0].line, "parse.footnotes")
        found = None
    st.note_list = found
    st.content = st.lines[: found.start] if found else st.lines


def _preamble(st: DocState) -> None:
    cur = Cursor(st.content)
    st.pre = read_preamble(cur)
    st.body_at = cur.pos
    heading = st.pre.heading
    if heading is not None and _SENTENCE_RE.match(heading.stripped):
        st.warn("no heading recognised: the first line stands as the heading", heading.no, "parse.heading")


def _opener(st: DocState) -> None:
    st.opener = OpenerState(st.doc, st.b, st.pre)
    write_source(st.opener)
    write_head(st.opener)
    write_opener(st.opener)


def _body(st: DocState) -> None:
    """Body blocks, closer and attachments; a chapter listing's ``Source: …`` line under
    the heading is set aside for the head's source note."""
    blocks = cut_blocks(st.content[st.body_at :])
    if (
        st.pre.heading is not None
        and st.note_list is None
        and blocks
        and blocks[0].kind == "p"
        and SOURCE_RE.match(blocks[0].text)
    ):
        st.listing_source = blocks.pop(0)
    st.raw, attachments = split_closer(blocks)
    write_part(st.raw, st.doc, st.b)
    st.doc.attachments.extend(attachment(att, st.b) for att in attachments)


def _serial(st: DocState) -> None:
    """The telegram's own number, where no opener line gave it: in a modern heading, or
    opening the first paragraph."""
    doc = st.doc
    if doc.serial is None and st.pre.heading is not None:
        m = _SERIAL_HEAD_RE.search(st.pre.heading.stripped)
        doc.serial = m.group(1) if m else None
    if doc.serial is None:
        first = next((blk for blk in st.raw.blocks if blk.kind == "p"), None)
        m = _SERIAL_P_RE.match(first.text) if first is not None else None
        doc.serial = m.group(1) if m else None


def _notes(st: DocState) -> None:
    """The inline pass: markers placed, every slot filled."""
    items = st.note_list.items if st.note_list else []
    resolve_notes(st.doc, st.b, items, st.source_name, st.pre.modern)
    if st.listing_source is not None and st.doc.head is not None:
        attach_listing_source(st.doc, st.listing_source)


def _parties(st: DocState) -> None:
    """Sender, recipient and document kind as the heading states them."""
    doc = st.doc
    info_box = st.opener.info_box if st.opener else []
    if info_box:
        info = info_box[0]
        doc.sender, doc.recipient = info.sender, info.recipient
        if info.doc_type and (doc.doc_type is None or st.pre.modern):
            doc.doc_type = info.doc_type
    if doc.doc_type and doc.doc_type.lower() == "editorial note":
        doc.subtype = "editorial-note"


def _source_markings(st: DocState) -> None:
    """Markings a modern source note names, after those of the marking lines."""
    doc = st.doc
    for fn in doc.footnotes:
        if not fn.is_source:
            continue
        for mk in markings.from_source_note(plain_text(fn.content)):
            if mk.text.lower() not in {m.text.lower() for m in doc.markings}:
                doc.markings.append(mk)


def _xml_id(st: DocState) -> None:
    number = st.doc.number
    st.doc.xml_id = f"d{number}" if number and re.fullmatch(r"\d+[A-Z]?", number) else f"d{st.index}"


def _page_breaks(st: DocState) -> None:
    for part in [st.doc, *st.doc.attachments]:
        part.body = lift_page_breaks(part.body)
    st.doc.pages = _pages(st)


def _metadata(st: DocState) -> None:
    state_metadata(st.doc)


STEPS: list[Callable[[DocState], None]] = [
    _note_list,
    _preamble,
    _opener,
    _body,
    _serial,
    _notes,
    _parties,
    _source_markings,
    _xml_id,
    _page_breaks,
    _metadata,
]
"""The steps of one document, in order."""


def parse_document(lines: list[Line], source_name: str, index: int) -> Document:
    """Parse one document's lines (already split from the file) into the model."""
    first = lines[0].no if lines else 1
    doc = Document(source_name=source_name, line=first, first_line=first)
    doc.last_line = lines[-1].no if lines else 1
    st = DocState(lines, source_name, index, doc)
    for step in STEPS:
        step(st)
    return doc


def _strip_ends(items: list) -> tuple[list, list, list]:
    """Page breaks (and blanks) at the start and end of a paragraph's content, apart."""

    def loose(x: object) -> bool:
        return isinstance(x, PageBreak) or (isinstance(x, str) and not x.strip())

    items = list(items)
    head: list = []
    tail: list = []
    while items and loose(items[0]):
        x = items.pop(0)
        if isinstance(x, PageBreak):
            head.append(x)
    while items and loose(items[-1]):
        x = items.pop()
        if isinstance(x, PageBreak):
            tail.insert(0, x)
    return head, items, tail


def lift_page_breaks(blocks: list) -> list:
    """A page break that opens or closes a paragraph stands between paragraphs (FRUS:
    a ``pb`` is never the first or last thing in its ``p``)."""
    out: list = []
    for blk in blocks:
        if not isinstance(blk, Paragraph):
            out.append(blk)
            continue
        head, items, tail = _strip_ends(blk.content)
        if not items:
            out.extend(head + tail)
            continue
        if isinstance(items[0], str):
            items[0] = items[0].lstrip()
        blk.content = items
        out.extend([*head, blk, *tail])
    return out


def _pages(st: DocState) -> list[str]:
    """Printed page numbers of every page break, in document order."""
    marks: list[tuple[int, str]] = [(s.line, n) for s in st.b.slots for n in page_numbers(s.text)]
    for part in [st.doc, *st.doc.attachments]:
        for blk in [*part.opener, *part.body, *part.postscript]:
            if isinstance(blk, PageBreak):
                marks.append((blk.line, blk.n))
    marks.sort(key=lambda t: t[0])
    seen: set[str] = set()
    for line, n in marks:
        if n in seen:
            st.warn(f"page {n} is marked twice ([Page {n}])", line, "parse.page")
        seen.add(n)
    return [n for _, n in marks]
