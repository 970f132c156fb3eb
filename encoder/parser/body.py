"""The block rules for a document's body: paragraphs, page breaks, lists and tables.

The body is cut into raw blocks (text still holding markers and ``[Page N]``); the
inline pass later turns their text into content. Like the preamble, the cutting is an
ordered table of small rules (:data:`LINE_RULES`) over one state: each rule looks at the
current line and either takes it (adding or extending a block) and returns True, or
leaves the state alone and returns False. The last rule, the paragraph, takes any line.
Where the closer and the attachments begin is decided afterwards, in :mod:`.closer`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..vocabulary import LIST_HEAD_RE, SALUTE_RE
from .inline import PAGE_LINE_RE
from .lines import Line
from .shapes import ADDRESS_RE, is_caps_signature, is_heading_line, is_name_line

_BULLET_RE = re.compile(r"^\s*(?:[-•▪◦*]|\u2022)\s+(?![*\s]*$)(?!\*)(.*)$")
"""A bullet item; a row of asterisks (``* * * * * * *``, an omission) is not one."""
_LABEL_ONLY_RE = re.compile(r"^(?:[-•]\s+)?(\(?(?:\d{1,3}|[A-Za-z]|[ivxlcdm]{1,5})[.)])$")
"""An item's label alone on its line (``1.``, ``(a)``); the item's text is the next line."""
_LIST_ITEM_MAX = 160
"""A participant or subject line is short; a longer line is the memorandum's text."""
_MARKER_LINE_RE = re.compile(r"^\d{1,2}$")
"""A line holding nothing but a footnote marker."""
_SENTENCE_END_RE = re.compile(r"[.:;!?”\")\]](?:\d{1,3})?$")
"""A line that ends a sentence, a footnote marker (``important.1``) allowed after it."""


@dataclass(slots=True)
class RawBlock:
    """A block before the inline pass: its kind, its raw text and its first line."""

    kind: str
    """``p``, ``pb``, ``lhead`` (a list's head line), ``item`` (list item), ``row`` (table
    row, cells split by tabs)."""
    text: str
    line: int
    label: str | None = None
    list_id: int = 0
    """Items (or rows) with the same non-zero id form one list (or table)."""


@dataclass(slots=True)
class RawPart:
    """The body of a document or attachment, cut into blocks, plus its closer."""

    blocks: list[RawBlock] = field(default_factory=list)
    salute: RawBlock | None = None
    lead: RawBlock | None = None
    dateline: list[RawBlock] = field(default_factory=list)
    """A dateline that closes the part (a note verbale's ``British Embassy, / Washington,
    October 17, 1914. / [Received October 19.]``), its lines in order."""
    signed: list[RawBlock] = field(default_factory=list)
    office: RawBlock | None = None
    """The signer's office on the line under the name (``Secretary of State``)."""
    postscript: list[RawBlock] = field(default_factory=list)


@dataclass(slots=True)
class CutState:
    """What the line rules share while they cut one body."""

    wrapped: bool
    """True when the copy hard-wrapped its paragraphs (see :func:`_wrapped`)."""
    blocks: list[RawBlock] = field(default_factory=list)
    list_id: int = 0
    in_list: bool = False
    pending_label: tuple[str, int] | None = None
    """An item's label read alone on its line, waiting for the item's text."""
    prev_blank: bool = True
    named: str | None = None
    """While a named list (``PARTICIPANTS``) runs: its kind; its items are the short lines
    after its head, up to a blank line (a subject list takes one line)."""

    def add(self, kind: str, text: str, line: int, label: str | None = None, list_id: int = 0) -> None:
        self.blocks.append(RawBlock(kind, text, line, label, list_id))


def _blank(st: CutState, ln: Line) -> bool:
    if ln.stripped:
        return False
    st.prev_blank = True
    if st.named and st.blocks[-1].kind == "item":
        st.named = None
    return True


def _list_head(st: CutState, ln: Line) -> bool:
    m = LIST_HEAD_RE.match(ln.stripped) if st.pending_label is None else None
    if not m:
        return False
    st.list_id += 1
    st.named = m.group("kind").lower().rstrip("s")
    st.add("lhead", ln.stripped, ln.no, None, st.list_id)
    st.in_list = st.prev_blank = False
    return True


def _named_item(st: CutState, ln: Line) -> bool:
    """A short line under a list's head is one of its items."""
    if not st.named:
        return False
    text = ln.stripped
    if len(text) > _LIST_ITEM_MAX or PAGE_LINE_RE.match(text) or "\t" in text:
        st.named = None
        return False
    bullet = _BULLET_RE.match(ln.text)
    st.add("item", bullet.group(1) if bullet else text, ln.no, None, st.list_id)
    if st.named == "subject":
        st.named = None
    st.prev_blank = False
    return True


def _table_row(st: CutState, ln: Line) -> bool:
    """A line whose copy kept the table's columns as tabs."""
    if "\t" not in ln.stripped:
        return False
    if not (st.blocks and st.blocks[-1].kind == "row"):
        st.list_id += 1  # a new table
    st.add("row", "\t".join(c.strip() for c in ln.stripped.split("\t")), ln.no, None, st.list_id)
    st.in_list = st.prev_blank = False
    return True


def _signature_marker(st: CutState, ln: Line) -> bool:
    """A footnote marker the page set on the line under a signature (``N. Khrushchev`` /
    ``2``): it goes with the name, glued as the copy glues every other marker."""
    last = st.blocks[-1] if st.blocks else None
    if st.prev_blank or last is None or last.kind != "p" or not _MARKER_LINE_RE.match(ln.stripped):
        return False
    if not is_name_line(last.text):
        return False
    last.text += ln.stripped
    return True


def _page_line(st: CutState, ln: Line) -> bool:
    m = PAGE_LINE_RE.match(ln.stripped)
    if not m:
        return False
    st.add("pb", m.group(1), ln.no)
    st.prev_blank = True
    return True


def _label_only(st: CutState, ln: Line) -> bool:
    m = _LABEL_ONLY_RE.match(ln.stripped)
    if not m:
        return False
    if st.pending_label is not None:
        st.add("p", *st.pending_label)
    st.pending_label = (m.group(1), ln.no)
    return True


def _item(st: CutState, ln: Line) -> bool:
    """A bullet line, or the text under a label read alone."""
    bullet = _BULLET_RE.match(ln.text)
    if st.pending_label is None and not bullet:
        return False
    if not st.in_list:
        st.list_id += 1
        st.in_list = True
    label, line = st.pending_label if st.pending_label else (None, ln.no)
    st.add("item", bullet.group(1) if bullet else ln.stripped, line, label, st.list_id)
    st.pending_label = None
    st.prev_blank = False
    return True


def _paragraph(st: CutState, ln: Line) -> bool:
    """Any other line: a paragraph, or the rest of the one above in a hard-wrapped copy."""
    st.in_list = False
    last = st.blocks[-1] if st.blocks else None
    if (
        st.wrapped
        and not st.prev_blank
        and last is not None
        and last.kind == "p"
        and _goes_on(last.text, ln.stripped)
    ):
        last.text += " " + ln.stripped
    else:
        st.add("p", ln.stripped, ln.no)
    st.prev_blank = False
    return True


LINE_RULES: list[Callable[[CutState, Line], bool]] = [
    _blank,
    _list_head,
    _named_item,
    _table_row,
    _signature_marker,
    _page_line,
    _label_only,
    _item,
    _paragraph,
]
"""The body's line rules in order; the first that takes a line wins."""


def cut_blocks(lines: list[Line]) -> list[RawBlock]:
    """Lines -> raw blocks: one per paragraph, page-break line, list item or table row."""
    st = CutState(_wrapped(lines))
    for ln in lines:
        any(rule(st, ln) for rule in LINE_RULES)
    if st.pending_label is not None:
        st.add("p", *st.pending_label)
    return st.blocks


def _wrapped(lines: list[Line]) -> bool:
    """True when the copy hard-wrapped paragraphs (most lines 55–80 characters)."""
    long = [len(ln.stripped) for ln in lines if len(ln.stripped) > 30]
    if len(long) < 4:
        return False
    in_band = sum(1 for n in long if 50 <= n <= 82)
    return in_band / len(long) > 0.7 and max(long) <= 95


def _goes_on(previous: str, text: str) -> bool:
    """In a hard-wrapped copy, True when ``text`` continues the paragraph above: it begins
    in lower case, or the line above stops mid-sentence and ``text`` is not a line of its
    own kind (a signature, a salutation, an address, an editorial bracket, a heading)."""
    if text[:1].islower():
        return True
    if _SENTENCE_END_RE.search(previous):
        return False
    own_line = (
        is_name_line(text)
        or is_caps_signature(text)
        or bool(SALUTE_RE.match(previous) or SALUTE_RE.match(text))
        or bool(ADDRESS_RE.search(text))
        or text.startswith("[")
        or is_heading_line(text)
    )
    return not own_line
