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

from . import __version__
from .dates import DateValue
from .model import Document, plain_text
from .teixml import XML_NS
from .teixml import el as _el

LICENCE_URL = "https://creativecommons.org/publicdomain/zero/1.0/"
LICENCE_TEXT = (
    "The text is a work of the United States government and in the public domain. "
    "This encoding is dedicated to the public domain (CC0 1.0)."
)


def date_attrs(el: etree._Element, value: DateValue | None) -> None:
    """The ISO attributes of a date, for the text and the header alike."""
    if value is None:
        return
    for attr, v in (
        ("when", value.when),
        ("notBefore", value.not_before),
        ("notAfter", value.not_after),
        ("from", value.from_),
        ("to", value.to),
    ):
        if v:
            el.set(attr, v)


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
    place, date = doc.place, doc.date
    if doc.sender or doc.recipient or place or date:
        corresp = _el(prof, "correspDesc")
        sent = _el(corresp, "correspAction", type="sent")
        _party(sent, doc.sender)
        if place:
            _el(sent, "placeName", place)
        if date is not None:
            date_attrs(_el(sent, "date", doc.date_text), date)
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
