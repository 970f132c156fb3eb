"""Model -> TEI P5, following the Office of the Historian's FRUS encoding.

One small writer per model class, chosen by a type-to-function table (the renderer
dispatch of markdown-it-py). The header carries what repositories harvest: correspDesc,
keywords for document type and markings, the source citation, licence and provenance.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from .model import (
    Dateline,
    DateSpan,
    Document,
    Footnote,
    Hi,
    Inline,
    LineBreak,
    ListBlock,
    MarkerOnly,
    Name,
    NoteRef,
    PageBreak,
    Paragraph,
    Part,
    Seg,
    Table,
)
from .teiheader import date_attrs, write_header
from .teixml import FRUS_NS, NSMAP, XML_NS, T, append_text, serialize
from .teixml import el as _el

__all__ = ["serialize", "to_tei"]


class _Writer:
    """Writes one document; keeps the document's id for note and page ids."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.used_notes: set[int] = set()
        self.page_ids: set[str] = set()
        self.inline: dict[type, Callable[[etree._Element, object], None]] = {
            NoteRef: self._note_ref,  # type: ignore[dict-item]
            PageBreak: self._page_break,  # type: ignore[dict-item]
            Hi: self._hi,  # type: ignore[dict-item]
            Name: self._name,  # type: ignore[dict-item]
            DateSpan: self._date,  # type: ignore[dict-item]
            LineBreak: lambda parent, _x: _el(parent, "lb"),
            MarkerOnly: lambda parent, x: _el(parent, "anchor", type="note-marker", n=x.n),
        }

    # ------------------------------------------------------------- inline
    def content(self, parent: etree._Element, items: list[Inline]) -> None:
        for item in items:
            if isinstance(item, str):
                append_text(parent, item)
            else:
                self.inline[type(item)](parent, item)

    def _note_ref(self, parent: etree._Element, ref: NoteRef) -> None:
        # FRUS: no whitespace before a note; it stands right after the word it annotates
        if len(parent) and parent[-1].tag == T + "note" and not (parent[-1].tail or "").strip():
            parent[-1].tail = " "  # two notes in a row are kept apart by a space (FRUS)
        elif len(parent):
            parent[-1].tail = (parent[-1].tail or "").rstrip() or None
        else:
            parent.text = (parent.text or "").rstrip() or None
        self.note(parent, ref.note)

    def note(self, parent: etree._Element, fn: Footnote) -> etree._Element:
        self.used_notes.add(fn.index)
        el = _el(parent, "note")
        if fn.n:
            el.set("n", fn.n)
        el.set(f"{{{XML_NS}}}id", f"{self.doc.xml_id}fn{fn.index}")
        if fn.is_source:
            el.set("type", "source")
        self.content(el, fn.content)
        return el

    def _page_break(self, parent: etree._Element, pb: PageBreak) -> None:
        el = _el(parent, "pb", n=pb.n)
        pid = "pg_" + pb.n.strip("[]")
        if pid not in self.page_ids:
            el.set(f"{{{XML_NS}}}id", pid)
            self.page_ids.add(pid)

    def _hi(self, parent: etree._Element, hi: Hi) -> None:
        self.content(_el(parent, "hi", rend=hi.rend), hi.content)

    def _name(self, parent: etree._Element, name: Name) -> None:
        el = _el(parent, name.kind)
        if name.role:
            el.set("type", name.role)
        self.content(el, name.content)

    def _date(self, parent: etree._Element, d: DateSpan) -> None:
        el = _el(parent, "date")
        date_attrs(el, d.value)
        if d.type:
            el.set("type", d.type)
        if d.dated:
            el.set("calendar", "gregorian")
        self.content(el, d.content)

    # ------------------------------------------------------------- blocks
    def blocks(self, parent: etree._Element, blocks: list) -> None:
        for blk in blocks:
            if isinstance(blk, PageBreak):
                self._page_break(parent, blk)
            elif isinstance(blk, Paragraph):
                p = _el(parent, "p")
                if blk.rend:
                    p.set("rend", blk.rend)
                self.content(p, blk.content)
            elif isinstance(blk, Table):
                cols = max((len(r) for r in blk.rows), default=0)
                table = _el(parent, "table", rows=str(len(blk.rows)), cols=str(cols))
                for r in blk.rows:
                    row = _el(table, "row")
                    for cell in r:
                        self.content(_el(row, "cell"), cell)
            elif isinstance(blk, ListBlock):
                lst = _el(parent, "list")
                if blk.type:
                    lst.set("type", blk.type)
                if blk.head is not None:
                    self.content(_el(lst, "head"), blk.head)
                for item in blk.items:
                    if item.label:
                        _el(lst, "label", item.label)
                    self.content(_el(lst, "item"), item.content)

    def opener(self, parent: etree._Element, part: Part, items: list | None = None) -> None:
        items = part.opener[part.before_head :] if items is None else items
        outside = (Dateline, PageBreak)  # modern volumes set them between head and text
        in_opener = [x for x in items if part.dateline_in_opener or not isinstance(x, outside)]
        loose = [x for x in items if not part.dateline_in_opener and isinstance(x, outside)]
        if in_opener:
            op = _el(parent, "opener")
            for item in in_opener:
                if isinstance(item, Seg):
                    seg = _el(op, "seg", rendition=f"#{item.rendition or 'left'}")
                    if item.type:
                        seg.set("type", item.type)
                    target = _el(seg, "hi", rend="smallcaps") if item.smallcaps else seg
                    self.content(target, item.content)
                elif isinstance(item, PageBreak):
                    self._page_break(op, item)
                else:
                    self.content(_el(op, "dateline", rendition="#right"), item.content)
        for item in loose:
            if isinstance(item, PageBreak):
                self._page_break(parent, item)
            else:
                self.content(_el(parent, "dateline"), item.content)

    def closer(self, parent: etree._Element, part: Part) -> None:
        if part.closer is None:
            return
        closer = _el(parent, "closer")
        if part.closer.salute:
            self.content(_el(closer, "salute"), part.closer.salute)
        if part.closer.lead:
            self.content(closer, part.closer.lead)
            _el(closer, "lb")
        if part.closer.signed:
            self.content(_el(closer, "signed"), part.closer.signed)
        if part.closer.office:
            _el(closer, "lb")
            self.content(_el(closer, "seg", type="office"), part.closer.office)
        if part.closer.dateline is not None:
            self.content(_el(closer, "dateline"), part.closer.dateline.content)

    def part(self, parent: etree._Element, part: Part, head_prefix: str | None = None) -> None:
        """Head, opener, body, closer and postscript, in FRUS order."""
        for item in part.opener[: part.before_head]:
            # over the head: a page break stands loose, a label in an opener of its own
            if isinstance(item, PageBreak):
                self._page_break(parent, item)
            else:
                self.opener(parent, part, [item])
        if part.head is not None:
            head = _el(parent, "head")
            if head_prefix:
                head.text = head_prefix
                _el(head, "lb")
            self.content(head, part.head)
        if part is self.doc and self.doc.source_after_head and self.doc.source_inline is not None:
            self.content(_el(parent, "note", rend="inline", type="source"), self.doc.source_inline)
        self.opener(parent, part)
        self.blocks(parent, part.body)
        self.closer(parent, part)
        if part.postscript:
            self.blocks(_el(parent, "postscript"), part.postscript)

    def document(self, body: etree._Element) -> etree._Element:
        doc = self.doc
        div = _el(body, "div", type="document", subtype=doc.subtype)
        div.set(f"{{{XML_NS}}}id", doc.xml_id)
        if doc.number:
            div.set("n", doc.number)
        bounds = doc.date_bounds
        if bounds:
            div.set(f"{{{FRUS_NS}}}doc-dateTime-min", bounds[0])
            div.set(f"{{{FRUS_NS}}}doc-dateTime-max", bounds[1])
        if doc.source_inline is not None and not doc.source_after_head:
            self.content(_el(div, "note", rend="inline", type="source"), doc.source_inline)
        self.part(div, doc, doc.head_prefix)
        for att in doc.attachments:
            self.part(_el(div, f"{{{FRUS_NS}}}attachment"), att)
        unplaced = [fn for fn in doc.footnotes if fn.index not in self.used_notes]
        if unplaced:
            # nothing is lost: notes whose text could not hold them end the document
            p = _el(div, "p")
            for fn in unplaced:
                self.note(p, fn)
        return div


def to_tei(doc: Document) -> etree._ElementTree:
    """The TEI document for one parsed document."""
    tei = etree.Element(T + "TEI", nsmap=NSMAP)
    tei.set(f"{{{XML_NS}}}lang", "en")
    write_header(tei, doc)
    body = _el(_el(tei, "text"), "body")
    _Writer(doc).document(body)
    return etree.ElementTree(tei)
