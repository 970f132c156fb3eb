"""The ``teiHeader``: what repositories harvest from each document.

Title, licence, the source citation (document number, file number, telegram number,
source note), provenance (input file, tool and version), ``correspDesc`` (sender and
recipient, place and date of sending) and ``textClass`` keywords for the document type
and its classification, precedence and handling markings.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from lxml import etree

from . import __version__, dates
from .model import Dateline, DateSpan, Document, Hi, Inline, LineBreak, Name
from .teixml import XML_NS
from .teixml import el as _el

LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
LICENCE_TEXT = (
    "The text is a work of the United States government and in the public domain. "
    "This encoding is dedicated to the public domain (CC0 1.0)."
)


def date_attrs(el: etree._Element, d: DateSpan) -> None:
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


def _datelines(doc: Document) -> list[Dateline]:
    """The document's datelines in order: the opener's, then one that closes the text."""
    found = [item for item in doc.opener if isinstance(item, Dateline)]
    if doc.closer is not None and doc.closer.dateline is not None:
        found.append(doc.closer.dateline)
    return found


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

    for item in _datelines(doc):
        if isinstance(item, Dateline):
            hit = find(item.content)
            if hit:
                return hit
    # a memorandum's heading may end with its place and date instead
    return find(doc.head or [])


def bounds(doc: Document) -> tuple[str, str] | None:
    d = _first_date(doc)
    if d is None:
        return None
    value = dates.DateValue(
        when=d.when, not_before=d.not_before, not_after=d.not_after, from_=d.from_, to=d.to
    )
    if not (d.when or d.not_before or d.from_):
        return None
    return dates.doc_datetime_bounds(value)


def plain_text(items: list[Inline]) -> str:
    out: list[str] = []
    for x in items:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, (Name, Hi, DateSpan)):
            out.append(plain_text(x.content))
        elif isinstance(x, LineBreak):
            out.append(" ")
    return re.sub(r"\s+", " ", "".join(out)).strip()


def _place_and_date(doc: Document) -> tuple[str | None, DateSpan | None]:
    place = None
    datelines = [item.content for item in _datelines(doc)]
    for content in datelines[:1] or [doc.head or []]:
        for x in content:
            if isinstance(x, Name) and x.kind == "placeName":
                place = plain_text(x.content)
                break
    return place, _first_date(doc)


def write_header(tei: etree._Element, doc: Document) -> None:
    name = PurePath(doc.source_name).name if doc.source_name else ""
    header = _el(tei, "teiHeader")
    fdesc = _el(header, "fileDesc")
    tstmt = _el(fdesc, "titleStmt")
    title = plain_text(doc.head or []) or name or "Untitled document"
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
        _el(bibl, "note", plain_text(doc.source_inline), type="source")
    elif source is not None:
        _el(bibl, "note", plain_text(source.content), type="source")
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
            date_attrs(_el(sent, "date", plain_text(date.content)), date)
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
