"""What a document states about itself: place and date of writing, and the date bounds.

Worked out here, once the inline pass has filled the model, so that the TEI writer only
writes: the header's ``correspDesc`` and the div's ``frus:doc-dateTime-min/max`` read the
fields this module sets (sender and recipient come from the heading, in
:mod:`.heading`).
"""

from __future__ import annotations

from .. import dates
from ..model import Dateline, DateSpan, Document, Hi, Inline, Name, plain_text


def datelines(doc: Document) -> list[Dateline]:
    """The document's datelines in order: the opener's, then one that closes the text."""
    found = [item for item in doc.opener if isinstance(item, Dateline)]
    if doc.closer is not None and doc.closer.dateline is not None:
        found.append(doc.closer.dateline)
    return found


def _find(items: list[Inline], kind: type) -> Inline | None:
    """The first inline element of ``kind`` (a DateSpan, or a Name) in ``items``."""
    for x in items:
        if isinstance(x, kind):
            return x
        if isinstance(x, (Name, Hi)):
            hit = _find(x.content, kind)
            if hit is not None:
                return hit
    return None


def first_date(doc: Document) -> DateSpan | None:
    """The date of the first dateline that has one; else the date a heading ends with
    (a memorandum's ``…, Washington, July 3, 1958``)."""
    for dl in datelines(doc):
        hit = _find(dl.content, DateSpan)
        if isinstance(hit, DateSpan):
            return hit
    hit = _find(doc.head or [], DateSpan)
    return hit if isinstance(hit, DateSpan) else None


def _place(items: list[Inline]) -> str | None:
    """The words of the first ``placeName`` among ``items`` (not inside other names)."""
    for x in items:
        if isinstance(x, Name) and x.kind == "placeName":
            return plain_text(x.content)
    return None


def state_metadata(doc: Document) -> None:
    """Set the document's place, date, date words and date bounds from its text."""
    lines = datelines(doc)
    doc.place = _place(lines[0].content if lines else doc.head or [])
    span = first_date(doc)
    if span is None or not span.dated or span.value is None:
        return
    doc.date = span.value
    doc.date_text = plain_text(span.content)
    doc.date_bounds = dates.doc_datetime_bounds(span.value)
