"""Slots: the pieces of running text the inline pass fills, and how each is stored.

The block pass records, for every piece of text in document order (source line, heading,
opener lines, paragraphs, list items, table cells, signature, enclosures), a slot: its raw
text and a function that stores the finished inline content where it belongs in the model.
Some slots also say which spans to wrap in elements (a heading's parties, a dateline's
place and date).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from .. import dates
from ..model import Closer, Dateline, DateSpan, Inline, LineBreak, ListItem, Name, Paragraph, Seg
from ..vocabulary import INSTITUTION_RE
from . import heading as heading_mod

Wraps = list[tuple[int, int, Callable[[list[Inline]], Inline]]]
"""Spans of a slot's text and the element each becomes."""


@dataclass(slots=True)
class Slot:
    """A piece of running text and the function that stores its finished content."""

    text: str
    store: Callable[[list[Inline]], None]
    line: int
    heading: bool = False
    label: bool = False
    """True for an opener label line (``[Telegram—Extract]``)."""
    page_before: bool = False
    no_split: bool = False
    names: Callable[[str], Wraps] | None = None


def date_wrap(value: dates.DateValue | None, content: list[Inline]) -> Inline:
    return DateSpan(content, value)


def _place_wrap(content: list[Inline]) -> Inline:
    return Name("placeName", content)


def dateline_names(text: str, lead: str = "") -> Wraps:
    """The place and date spans of a dateline; ``lead`` is the text of its lines above the
    one that holds the date, as joined into ``text``."""
    parts = dates.parse_dateline(text)
    out: Wraps = []
    place = parts.place_span
    if place and lead:
        place = after_institution(text, place, lead)
    if place:
        out.append((place[0], place[1], _place_wrap))
    if parts.date_span:
        out.append((parts.date_span[0], parts.date_span[1], partial(date_wrap, parts.date)))
    return out


def after_institution(text: str, place: tuple[int, int], lead: str) -> tuple[int, int]:
    """The place of a dateline whose first line names an institution (``Legation of the
    United States,`` / ``Madrid, July 22, 1861.``): the city on the date's line. The
    institution stays in the dateline, outside ``placeName``, as the 1861 and 1914 volumes
    encode it; a place that is all on the institution's line is left as it is."""
    lead = lead.rstrip()
    cut = len(lead)
    if not (text.startswith(lead) and place[0] < cut < place[1] and INSTITUTION_RE.search(lead)):
        return place
    if dates.looks_like_dateline(lead):
        return place
    start = cut
    while start < place[1] and text[start] in " ,;":
        start += 1
    return (start, place[1]) if start < place[1] else place


def heading_names(info_box: list, text: str) -> Wraps:
    info = heading_mod.analyze(text)
    info_box.append(info)
    out: Wraps = []
    for s in sorted(info.spans, key=lambda sp: sp.start):
        if s.kind == "date":
            out.append((s.start, s.end, partial(date_wrap, info.date)))
        else:
            out.append((s.start, s.end, partial(_name_wrap, s.kind, s.role)))
    return out


def _name_wrap(kind: str, role: str | None, content: list[Inline]) -> Inline:
    return Name(kind, content, role)


class Builder:
    """Collects the slots of running text of one document in document order."""

    def __init__(self) -> None:
        self.slots: list[Slot] = []
        self.pending_page = False

    def add(self, text: str, store: Callable[[list[Inline]], None], line: int, **kw: object) -> None:
        self.slots.append(Slot(text, store, line, page_before=self.pending_page, **kw))  # type: ignore[arg-type]
        self.pending_page = False


def set_content(obj: Paragraph | ListItem | Seg | Dateline, content: list[Inline]) -> None:
    obj.content = content


def set_cell(row: list[list[Inline]], index: int, content: list[Inline]) -> None:
    row[index] = content


def set_attr(obj: object, attr: str, content: list[Inline]) -> None:
    setattr(obj, attr, content)


def store_signed(closer: Closer, count: int, content: list[Inline]) -> None:
    if closer.signed is None:
        closer.signed = content
    else:
        closer.signed = [*closer.signed, LineBreak(), *content]


def append_received(dl: Dateline, content: list[Inline]) -> None:
    dl.content = [*dl.content, LineBreak(), *content]
