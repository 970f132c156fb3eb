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


def dateline_names(text: str) -> Wraps:
    parts = dates.parse_dateline(text)
    out: Wraps = []
    if parts.place_span:
        out.append((parts.place_span[0], parts.place_span[1], _place_wrap))
    if parts.date_span:
        out.append((parts.date_span[0], parts.date_span[1], partial(date_wrap, parts.date)))
    return out


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
