"""The closer rules: where a body ends, and what closes it.

Found from the blocks :mod:`.body` cut: a dateline that ends the text (a note verbale's),
then the signature (the first name-like line with only address lines, editorial brackets
or an attachment after it), then, around the signature, the ordered table
:data:`CLOSER_RULES`: the signer's office under the name, the words over the signature
(``For the Secretary of State:``), the complimentary close. What follows the closer is
cut into attachments and a postscript.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import dates
from ..vocabulary import ATTACHMENT_START_RE, CLOSING_WORDS, OFFICE_HEADS, OFFICE_LINE_RE, SALUTE_RE
from ..vocabulary import strip_trailing_marker as _strip_marker
from .body import RawBlock, RawPart
from .preamble import RECEIVED_RE
from .shapes import ADDRESS_RE, is_caps_signature, is_heading_line, is_name_line

_FOR_RE = re.compile(r"^For the [A-Z][\w .,’'\-]{2,60}:$")
"""``For the Secretary of State:`` over the name of the officer who signed for him."""


@dataclass(slots=True)
class ClosingState:
    """A body with its signature found: the blocks, where the signature stands, the part
    being filled, the text above the closer, and the index after the closer."""

    blocks: list[RawBlock]
    sig_at: int
    part: RawPart = field(default_factory=RawPart)
    main: list[RawBlock] = field(default_factory=list)
    after: int = 0


def _office(st: ClosingState) -> None:
    """The signer's office under the name (``United States Minister.``): its own element."""
    if st.after < len(st.blocks) and _is_office_line(st.blocks, st.after):
        st.part.office = st.blocks[st.after]
        st.after += 1


def _lead(st: ClosingState) -> None:
    """``For the Secretary of State:`` over the signature."""
    if st.main and st.main[-1].kind == "p" and _FOR_RE.match(st.main[-1].text):
        st.part.lead = st.main.pop()


def _salute(st: ClosingState) -> None:
    """The complimentary close over the signature (``I have the honor to be, …``)."""
    if st.main and st.main[-1].kind == "p" and SALUTE_RE.match(st.main[-1].text):
        st.part.salute = st.main.pop()


CLOSER_RULES: list[Callable[[ClosingState], None]] = [_office, _lead, _salute]
"""The rules around a signature, in order (the lead stands between close and name)."""


def split_closer(blocks: list[RawBlock]) -> tuple[RawPart, list[list[RawBlock]]]:
    """Split a body into its own part (with closer) and the attachments that follow it."""
    cut = None
    if not any(_is_attachment_start(blocks, i) for i in range(len(blocks))):
        cut = _closing_dateline(blocks)
    if cut is None:
        return _split_signed(blocks)
    part, attachments = _split_signed(blocks[:cut])
    part.dateline = blocks[cut:]
    return part, attachments


def _split_signed(blocks: list[RawBlock]) -> tuple[RawPart, list[list[RawBlock]]]:
    """The part and its attachments, around the signature if there is one."""
    sig_at = _signature_at(blocks)
    if sig_at is None:
        part = RawPart()
        cut = _unsigned_attachment(blocks)
        if cut is None:
            part.blocks = blocks
            return part, []
        part.blocks = blocks[:cut]
        return part, _group_attachments(blocks[cut:], part)
    st = ClosingState(blocks, sig_at, main=blocks[:sig_at], after=sig_at + 1)
    st.part.signed = [blocks[sig_at]]
    for rule in CLOSER_RULES:
        rule(st)
    st.part.blocks = st.main
    rest = blocks[st.after :]
    caps_cut = is_caps_signature(blocks[sig_at].text) and bool(rest) and not all(map(_is_tail_line, rest))
    return st.part, _group_attachments(rest, st.part, caps_cut)


def _signature_at(blocks: list[RawBlock]) -> int | None:
    """The first name-like line that only a title, address lines, editorial brackets or an
    attachment follow: the signature ending the main part."""
    for i, b in enumerate(blocks):
        if b.kind != "p" or i == 0 or not (is_name_line(b.text) or _name_after_salute(blocks, i)):
            continue
        rest = blocks[i + 1 :]
        skip = 1 if rest and rest[0].kind == "p" and _title_under(rest[0].text) else 0
        tail = rest[skip:]
        while tail and tail[0].kind == "pb":
            tail = tail[1:]
        if (
            not tail
            or all(_is_tail_line(t) for t in tail)
            or _is_attachment_start(tail, 0)
            or is_caps_signature(b.text)
        ):
            return i
    return None


def _title_under(text: str) -> bool:
    """A short name-like line or an office: what may stand under a signature."""
    return (is_name_line(text) and len(text) < 40) or bool(OFFICE_LINE_RE.match(text))


def _name_after_salute(blocks: list[RawBlock], i: int) -> bool:
    """``Holleben.`` under ``Be pleased, etc.,``: one word closed by a period is a name
    where a complimentary close stands right above it (elsewhere it may be ``Agreed.``)."""
    prev, text = blocks[i - 1], blocks[i].text.strip()
    return (
        prev.kind == "p"
        and bool(SALUTE_RE.match(prev.text) or prev.text.rstrip().endswith(("etc.,", "etc.", "&c.,")))
        and bool(re.fullmatch(r"[A-Z][\w’'\-]{1,30}\.", text))
        and text.strip(".").lower() not in CLOSING_WORDS
    )


def _is_office_line(blocks: list[RawBlock], k: int) -> bool:
    """True when the line under a signature names the signer's office (``Assistant
    Secretary of State``, ``Lewis Baker,`` / ``United States Minister.``)."""
    b = blocks[k]
    if b.kind != "p" or _is_attachment_start(blocks, k) or ADDRESS_RE.search(b.text):
        return False
    if OFFICE_LINE_RE.match(b.text):
        return True
    words = set(re.findall(r"[A-Za-z]+", b.text))
    return bool(
        len(b.text) <= 80
        and words & OFFICE_HEADS
        and (is_name_line(b.text) or re.fullmatch(r"[A-Z][\w ,.’'\-]{2,80}", b.text))
    )


def _is_attachment_start(blocks: list[RawBlock], i: int) -> bool:
    b = blocks[i]
    if b.kind != "p":
        return False
    if ATTACHMENT_START_RE.match(b.text):
        return True
    return is_heading_line(b.text) and len(b.text) < 120


def _closing_dateline(blocks: list[RawBlock]) -> int | None:
    """Where a dateline that ends the text begins (its place and date over one to three
    lines, a ``[Received …]`` line after it), or None. Only text with no enclosure in it:
    an enclosure's own dateline is read with the enclosure."""
    end = len(blocks)
    if end and blocks[end - 1].kind == "p" and RECEIVED_RE.match(blocks[end - 1].text):
        end -= 1
    for count in (1, 2, 3):
        start = end - count
        if start < 1 or any(b.kind != "p" for b in blocks[start:end]):
            return None
        joined = " ".join(b.text for b in blocks[start:end])
        if len(joined) <= 160 and dates.looks_like_dateline(_strip_marker(joined, "glued")):
            return start
    return None


def _group_attachments(
    rest: list[RawBlock], part: RawPart, first_is_start: bool = False
) -> list[list[RawBlock]]:
    """Cut what follows a document's own text into attachments (and its postscript)."""
    attachments: list[list[RawBlock]] = []
    current: list[RawBlock] | None = None
    for i, b in enumerate(rest):
        starts = _is_attachment_start(rest, i) or (
            first_is_start and current is None and i == 0 and not _is_tail_line(b)
        )
        if starts and (current is None or _has_body(current)):
            current = [b]
            attachments.append(current)
        elif current is None:
            part.postscript.append(b)
        else:
            current.append(b)
    return attachments


def _unsigned_attachment(blocks: list[RawBlock]) -> int | None:
    """Where an enclosure begins when the copy lost the signature before it: a heading
    line (``Mr. W. Hoffman to the Duke de Gramont.``) followed by a dateline, or a
    bracketed ``[Inclosure …]``/``[Translation.]`` label followed by such a heading."""
    for i in range(1, len(blocks) - 1):
        b, nxt = blocks[i], blocks[i + 1]
        if b.kind != "p" or nxt.kind != "p":
            continue
        if is_heading_line(b.text) and dates.looks_like_dateline(nxt.text):
            labelled = blocks[i - 1].kind == "p" and ATTACHMENT_START_RE.match(blocks[i - 1].text)
            return i - 1 if labelled else i
        if ATTACHMENT_START_RE.match(b.text) and is_heading_line(nxt.text):
            return i
    return None


def _has_body(blocks: list[RawBlock]) -> bool:
    """An attachment has begun its text once it holds more than a label and a heading."""
    return sum(1 for b in blocks if b.kind == "p") >= 3


def _is_tail_line(b: RawBlock) -> bool:
    """Lines that may follow a signature without being body: addresses, editorial notes."""
    if b.kind == "pb":
        return True
    t = b.text
    return bool(ADDRESS_RE.search(t) or (t.startswith("[") and t.endswith("]")))
