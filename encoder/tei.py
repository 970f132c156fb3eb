"""Model -> TEI P5, following the Office of the Historian's FRUS encoding.

One small writer per model class, chosen by a type-to-function table (the renderer
dispatch of markdown-it-py). The header carries what repositories harvest: correspDesc,
keywords for document type and markings, the source citation, licence and provenance.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePath

from lxml import etree

from . import __version__, dates
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

TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
NSMAP = {None: TEI_NS, "frus": FRUS_NS}
T = f"{{{TEI_NS}}}"
LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
LICENCE_TEXT = (
    "The text is a work of the United States government and in the public domain. "
    "This encoding is dedicated to the public domain (CC0 1.0)."
)


def _el(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, T + tag if ":" not in tag and "{" not in tag else tag)
    for k, v in attrs.items():
        el.set(k.rstrip("_").replace("__", ":"), v)
    if text is not None:
        el.text = text
    return el


def _append_text(parent: etree._Element, text: str) -> None:
    """Append text after the last child (as its tail) or as the element's text."""
    if not text:
        return
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


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
                _append_text(parent, item)
            else:
                self.inline[type(item)](parent, item)

    def _note_ref(self, parent: etree._Element, ref: NoteRef) -> None:
        # FRUS: no whitespace before a note; it stands right after the word it annotates
        if len(parent):
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
        _date_attrs(el, d)
        if d.type:
            el.set("type", d.type)
        if d.when or d.not_before or d.from_:
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
                for item in blk.items:
                    if item.label:
                        _el(lst, "label", item.label)
                    self.content(_el(lst, "item"), item.content)

    def opener(self, parent: etree._Element, part: Part, items: list | None = None) -> None:
        items = part.opener[part.before_head :] if items is None else items
        in_opener = [x for x in items if part.dateline_in_opener or not isinstance(x, Dateline)]
        loose = [x for x in items if not part.dateline_in_opener and isinstance(x, Dateline)]
        if in_opener:
            op = _el(parent, "opener")
            for item in in_opener:
                if isinstance(item, Seg):
                    seg = _el(op, "seg", rendition=f"#{item.rendition or 'left'}")
                    if item.type:
                        seg.set("type", item.type)
                    target = _el(seg, "hi", rend="smallcaps") if item.smallcaps else seg
                    self.content(target, item.content)
                else:
                    self.content(_el(op, "dateline", rendition="#right"), item.content)
        for item in loose:
            self.content(_el(parent, "dateline"), item.content)

    def closer(self, parent: etree._Element, part: Part) -> None:
        if part.closer is None:
            return
        closer = _el(parent, "closer")
        if part.closer.salute:
            self.content(_el(closer, "salute"), part.closer.salute)
        if part.closer.signed:
            self.content(_el(closer, "signed"), part.closer.signed)

    def part(self, parent: etree._Element, part: Part, head_prefix: str | None = None) -> None:
        """Head, opener, body, closer and postscript, in FRUS order."""
        if part.before_head:
            self.opener(parent, part, part.opener[: part.before_head])
        if part.head is not None:
            head = _el(parent, "head")
            if head_prefix:
                head.text = head_prefix
                _el(head, "lb")
            self.content(head, part.head)
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
        bounds = _bounds(doc)
        if bounds:
            div.set(f"{{{FRUS_NS}}}doc-dateTime-min", bounds[0])
            div.set(f"{{{FRUS_NS}}}doc-dateTime-max", bounds[1])
        if doc.source_inline is not None:
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


def _date_attrs(el: etree._Element, d: DateSpan) -> None:
    """The ISO attributes of a date, for the text and the header alike."""
    for attr, value in (
        ("when", d.when),
        ("notBefore", d.not_before),
        ("notAfter", d.not_after),
        ("from", d.from_),
        ("to", d.to),
    ):
        if value:
            el.set(attr, value)


def _first_date(doc: Document) -> DateSpan | None:
    def find(items: list[Inline]) -> DateSpan | None:
        for x in items:
            if isinstance(x, DateSpan):
                return x
            if isinstance(x, (Name, Hi)):
                hit = find(x.content)
                if hit:
                    return hit
        return None

    for item in doc.opener:
        if isinstance(item, Dateline):
            hit = find(item.content)
            if hit:
                return hit
    # a memorandum's heading may end with its place and date instead
    return find(doc.head or [])


def _bounds(doc: Document) -> tuple[str, str] | None:
    d = _first_date(doc)
    if d is None:
        return None
    value = dates.DateValue(
        when=d.when, not_before=d.not_before, not_after=d.not_after, from_=d.from_, to=d.to
    )
    if not (d.when or d.not_before or d.from_):
        return None
    return dates.doc_datetime_bounds(value)


def _plain_text(items: list[Inline]) -> str:
    out: list[str] = []
    for x in items:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, (Name, Hi, DateSpan)):
            out.append(_plain_text(x.content))
        elif isinstance(x, LineBreak):
            out.append(" ")
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _place_and_date(doc: Document) -> tuple[str | None, DateSpan | None]:
    place = None
    datelines = [item.content for item in doc.opener if isinstance(item, Dateline)]
    for content in datelines[:1] or [doc.head or []]:
        for x in content:
            if isinstance(x, Name) and x.kind == "placeName":
                place = _plain_text(x.content)
                break
    return place, _first_date(doc)


def _header(tei: etree._Element, doc: Document) -> None:
    name = PurePath(doc.source_name).name if doc.source_name else ""
    header = _el(tei, "teiHeader")
    fdesc = _el(header, "fileDesc")
    tstmt = _el(fdesc, "titleStmt")
    title = _plain_text(doc.head or []) or name or "Untitled document"
    title = re.sub(r"\(\s+", "(", re.sub(r"\s+\)", ")", title))
    _el(tstmt, "title", title, type="complete")
    resp = _el(tstmt, "respStmt")
    _el(resp, "resp", "TEI encoding")
    _el(resp, "name", f"telegram-tei {__version__}")
    pstmt = _el(fdesc, "publicationStmt")
    _el(pstmt, "authority", "telegram-tei")
    avail = _el(pstmt, "availability", status="free")
    _el(avail, "licence", LICENCE_TEXT, target=LICENCE_URL)
    sdesc = _el(fdesc, "sourceDesc")
    bibl = _el(sdesc, "bibl", type="source")
    if doc.number:
        _el(bibl, "biblScope", doc.head_prefix or f"No. {doc.number}", unit="document", n=doc.number)
    if doc.file_number:
        _el(bibl, "idno", doc.file_number, type="file-number")
    if doc.serial:
        _el(bibl, "idno", doc.serial, type="telegram-number")
    source = next((fn for fn in doc.footnotes if fn.is_source), None)
    if doc.source_inline is not None:
        _el(bibl, "note", _plain_text(doc.source_inline), type="source")
    elif source is not None:
        _el(bibl, "note", _plain_text(source.content), type="source")
    if len(bibl) == 0:
        _el(bibl, "note", f"Transcribed from {name or 'plain text'}.", type="source")

    edesc = _el(header, "encodingDesc")
    app = _el(_el(edesc, "appInfo"), "application", ident="telegram-tei", version=__version__)
    _el(app, "label", "telegram-tei")
    _el(
        app,
        "desc",
        f"Encoded from the plain text of {name or 'standard input'} (read as {doc.encoding}).",
    )
    tags = _el(edesc, "tagsDecl")
    for rid, css in (
        ("left", "text-align: left;"),
        ("right", "text-align: right;"),
        ("center", "text-align: center;"),
    ):
        r = _el(tags, "rendition", css, scheme="css")
        r.set(f"{{{XML_NS}}}id", rid)

    prof = _el(header, "profileDesc")
    lang = _el(_el(prof, "langUsage"), "language", "English", ident="en")
    del lang
    place, date = _place_and_date(doc)
    if doc.sender or doc.recipient or place or date:
        corresp = _el(prof, "correspDesc")
        sent = _el(corresp, "correspAction", type="sent")
        _party(sent, doc.sender)
        if place:
            _el(sent, "placeName", place)
        if date is not None and (date.when or date.not_before or date.from_):
            _date_attrs(_el(sent, "date", _plain_text(date.content)), date)
        if len(sent) == 0:
            corresp.remove(sent)
        if doc.recipient:
            _party(_el(corresp, "correspAction", type="received"), doc.recipient)
        if len(corresp) == 0:
            prof.remove(corresp)
    tclass = _el(prof, "textClass")
    if doc.doc_type:
        _el(_el(tclass, "keywords", scheme="#telegram-tei-document-type"), "term", doc.doc_type)
    if doc.markings:
        kw = _el(tclass, "keywords", scheme="#telegram-tei-markings")
        for mk in doc.markings:
            _el(kw, "term", mk.text, type=mk.kind)
    if len(tclass) == 0:
        prof.remove(tclass)
    rev = _el(header, "revisionDesc")
    _el(rev, "change", f"Encoded by telegram-tei {__version__} from {name or 'standard input'}.")


def _party(action: etree._Element, party: object) -> None:
    if party is None:
        return
    person = getattr(party, "person", None)
    office = getattr(party, "office", None)
    if person:
        _el(action, "persName", person)
    if office:
        _el(action, "name", office, type="office")


def to_tei(doc: Document) -> etree._ElementTree:
    """The TEI document for one parsed document."""
    tei = etree.Element(T + "TEI", nsmap=NSMAP)
    tei.set(f"{{{XML_NS}}}lang", "en")
    _header(tei, doc)
    body = _el(_el(tei, "text"), "body")
    _Writer(doc).document(body)
    return etree.ElementTree(tei)


def serialize(tree: etree._ElementTree) -> bytes:
    """UTF-8 bytes with an XML declaration, indented where whitespace is not content."""
    _indent(tree.getroot(), 0)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(tree, encoding="UTF-8") + b"\n"


_STRUCTURAL = {
    T + name
    for name in [
        "TEI",
        "teiHeader",
        "fileDesc",
        "titleStmt",
        "respStmt",
        "publicationStmt",
        "availability",
        "sourceDesc",
        "bibl",
        "encodingDesc",
        "appInfo",
        "application",
        "tagsDecl",
        "profileDesc",
        "langUsage",
        "correspDesc",
        "correspAction",
        "textClass",
        "keywords",
        "revisionDesc",
        "text",
        "body",
        "div",
        "opener",
        "closer",
        "postscript",
        "list",
        "table",
        "row",
    ]
} | {f"{{{FRUS_NS}}}attachment"}


def _element_only(el: etree._Element) -> bool:
    if el.tag not in _STRUCTURAL or (el.text or "").strip():
        return False
    return len(el) > 0 and all(not (c.tail or "").strip() and isinstance(c.tag, str) for c in el)


def _indent(el: etree._Element, level: int) -> None:
    """Indent elements that hold only elements; mixed content (p, head, note) is left as
    parsed, since there whitespace is text."""
    if not _element_only(el):
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in el:
        child.tail = pad
        _indent(child, level + 1)
    el[-1].tail = "\n" + "  " * level
