"""The block rules for a document's body: paragraphs, page breaks, lists, closer, tail.

The body is cut into raw blocks (text still holding markers and ``[Page N]``); the
inline pass later turns their text into content. The closer (salutation, signature) is
found from the end: the last name-like line, with only address lines, bracketed editorial
lines or attachments after it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..vocabulary import (
    ATTACHMENT_START_RE,
    CLOSING_WORDS,
    LIST_HEAD_RE,
    OFFICE_HEADS,
    OFFICE_LINE_RE,
    SALUTE_RE,
    strip_trailing_marker,
)
from .lines import Line
from .preamble import RECEIVED_RE

PAGE_LINE_RE = re.compile(r"^\[Page ([0-9]+|[IVXLCDMivxlcdm]+)\]$")
_BULLET_RE = re.compile(r"^\s*(?:[-•▪◦*]|\u2022)\s+(?![*\s]*$)(?!\*)(.*)$")
"""A bullet item; a row of asterisks (``* * * * * * *``, an omission) is not one."""
_LABEL_ONLY_RE = re.compile(r"^(?:[-•]\s+)?(\(?(?:\d{1,3}|[A-Za-z]|[ivxlcdm]{1,5})[.)])$")
_NAME_WORD = (
    r"(?:(?:(?:Mc)?[A-Z][a-z]{0,2}\.){2,4}|[A-Z][\w’'\-]*(?:\[[a-z’'\-]+\.?\])?\.?|[A-Z]\.|Mc[A-Z][\w’']*\.?"
    r"|de|van|von|da|del|la|le|du|y)"
)
"""A word of a signature; ``C[ordell] H[ull]`` keeps the editors' completion in brackets."""
_NAME_RE = re.compile(rf"^[“\"]?{_NAME_WORD}(?:,?\s+{_NAME_WORD}){{0,5}}[.,”\"]*$")
_FOR_RE = re.compile(r"^For the [A-Z][\w .,’'\-]{2,60}:$")
"""``For the Secretary of State:`` over the name of the officer who signed for him."""
_ADDRESS_RE = re.compile(
    r"&c\.|\bEsq\.|^His Excellency|^Her Excellency|^To the\b|^Hon\.|^Honorable\b|^The Honorable\b"
)
"""Address lines that follow a signature in 19th-century despatches (a postscript)."""


@dataclass(slots=True)
class RawBlock:
    """A block before the inline pass: its kind, its raw text and its first line."""

    kind: str
    """``p``, ``pb``, ``item`` (list item), ``row`` (table row, cells split by tabs)."""
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


_LIST_ITEM_MAX = 160
"""A participant or subject line is short; a longer line is the memorandum's text."""


def is_caps_signature(text: str) -> bool:
    """True for a signature in capitals (``JOHN LOTHROP MOTLEY.``), as 19th-century print has."""
    t = strip_trailing_marker(text.strip(), "glued").strip('“”"')
    letters = re.sub(r"[^A-Za-z]", "", t)
    return is_name_line(t) and len(letters) >= 3 and letters.isupper() and " " in t.strip(". ")


_INITIALS_RE = re.compile(r"(?:(?:Mc)?[A-Z][a-z]{0,2}\.){2,4}")
"""Initials as a signature: ``H.A.K.``, ``McG.B.``."""


def is_name_line(text: str) -> bool:
    """True for a line that can be a signature: a few capitalized words, no digits.

    A single word closed by a period is a name only in capitals (``FISH.``): ``End.`` or
    ``Agreed.`` closes many a telegram.
    """
    t = strip_trailing_marker(text.strip(), "glued")
    if SALUTE_RE.match(t):
        return False  # "Faithfully Yours,": the close above a signature, not one
    if t.startswith("[") and t.endswith("]") and "[" not in t[1:]:
        t = t[1:-1]  # "[Johnson]": the editors supply a name the copy did not sign
    bare = t.strip(' .,“”"')
    if bare.lower() in CLOSING_WORDS:
        return False
    if " " not in bare and t.endswith(".") and not bare.isupper() and not _INITIALS_RE.fullmatch(t):
        return False
    if not t or len(t) > 48 or re.search(r"\d", t) or t.endswith(":"):
        return False
    if not _NAME_RE.match(t):
        return False
    words = re.findall(r"[A-Za-z’']+", t)
    return not (len(words) > 1 and all(w.lower() in {"the", "of", "and"} for w in words[1:]))


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


def _wrapped(lines: list[Line]) -> bool:
    """True when the copy hard-wrapped paragraphs (most lines 55–80 characters)."""
    long = [len(ln.stripped) for ln in lines if len(ln.stripped) > 30]
    if len(long) < 4:
        return False
    in_band = sum(1 for n in long if 50 <= n <= 82)
    return in_band / len(long) > 0.7 and max(long) <= 95


_SENTENCE_END_RE = re.compile(r"[.:;!?”\")\]](?:\d{1,3})?$")
"""A line that ends a sentence, a footnote marker (``important.1``) allowed after it."""


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
        or bool(_ADDRESS_RE.search(text))
        or text.startswith("[")
        or is_heading_line(text)
    )
    return not own_line


def cut_blocks(lines: list[Line]) -> list[RawBlock]:
    """Lines -> raw blocks: one per paragraph, page-break line, or list item."""
    wrapped = _wrapped(lines)
    blocks: list[RawBlock] = []
    list_id = 0
    in_list = False
    pending_label: tuple[str, int] | None = None
    prev_blank = True
    named: str | None = None
    """While a named list (``PARTICIPANTS``) runs: its kind; its items are the short lines
    after its head, up to a blank line (a subject list takes one line)."""
    for ln in lines:
        text = ln.stripped
        if not text:
            prev_blank = True
            if named and blocks[-1].kind == "item":
                named = None
            continue
        m_head = LIST_HEAD_RE.match(text) if pending_label is None else None
        if m_head:
            list_id += 1
            named = m_head.group("kind").lower().rstrip("s")
            blocks.append(RawBlock("lhead", text, ln.no, None, list_id))
            in_list = False
            prev_blank = False
            continue
        if named:
            if len(text) <= _LIST_ITEM_MAX and not PAGE_LINE_RE.match(text) and "\t" not in text:
                item_text = _BULLET_RE.match(ln.text)
                blocks.append(
                    RawBlock("item", item_text.group(1) if item_text else text, ln.no, None, list_id)
                )
                if named == "subject":
                    named = None
                prev_blank = False
                continue
            named = None
        if "\t" in text:
            cells = [c.strip() for c in text.split("\t")]
            if not (blocks and blocks[-1].kind == "row"):
                list_id += 1  # a new table
            blocks.append(RawBlock("row", "\t".join(cells), ln.no, None, list_id))
            in_list = False
            prev_blank = False
            continue
        m_page = PAGE_LINE_RE.match(text)
        if m_page:
            blocks.append(RawBlock("pb", m_page.group(1), ln.no))
            prev_blank = True
            continue
        m_label = _LABEL_ONLY_RE.match(text)
        if m_label:
            if pending_label is not None:
                blocks.append(RawBlock("p", pending_label[0], pending_label[1]))
            pending_label = (m_label.group(1), ln.no)
            continue
        m_bullet = _BULLET_RE.match(ln.text)
        if pending_label is not None or m_bullet:
            if not in_list:
                list_id += 1
                in_list = True
            label = pending_label[0] if pending_label else None
            item_text = m_bullet.group(1) if m_bullet else text
            blocks.append(
                RawBlock("item", item_text, pending_label[1] if pending_label else ln.no, label, list_id)
            )
            pending_label = None
            prev_blank = False
            continue
        in_list = False
        if (
            wrapped
            and not prev_blank
            and blocks
            and blocks[-1].kind == "p"
            and _goes_on(blocks[-1].text, text)
        ):
            blocks[-1].text += " " + text
        else:
            blocks.append(RawBlock("p", text, ln.no))
        prev_blank = False
    if pending_label is not None:
        blocks.append(RawBlock("p", pending_label[0], pending_label[1]))
    return blocks


_HEADING_SHAPE_RE = re.compile(r"^[A-Z][^\s]*\s.{2,80}\sto\s.{2,80}\.$")
_HEADING_SHAPE_LOOSE_RE = re.compile(r"^[A-Z][^\s]*\s.{2,80}\sto\s.{2,80}$")
_HEADING_SMALL = frozenset(
    {"of", "the", "to", "in", "at", "and", "for", "on", "near", "y", "ad", "interim", "d’affaires"}
    | {"de", "del", "della", "di", "du", "da", "das", "des", "la", "le", "les", "el", "van", "von"}
)


def is_heading_line(text: str, *, period: bool = True) -> bool:
    """True for an enclosure's heading (``Mr. W. Hoffman to the Duke de Gramont.``,
    ``The Secretary of State to the Minister in France.``): ``A to B.``, and every word
    capitalised but the small ones of titles. ``The President agreed to the proposal.``
    has the shape but not the words."""
    if not (_HEADING_SHAPE_RE if period else _HEADING_SHAPE_LOOSE_RE).match(text):
        return False
    words = re.findall(r"[^\W\d_][\w’'.\-]*", text)
    return all(w[0].isupper() or w.lower().rstrip(".") in _HEADING_SMALL for w in words)


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
    from .. import dates

    end = len(blocks)
    if end and blocks[end - 1].kind == "p" and RECEIVED_RE.match(blocks[end - 1].text):
        end -= 1
    for count in (1, 2, 3):
        start = end - count
        if start < 1 or any(b.kind != "p" for b in blocks[start:end]):
            return None
        joined = " ".join(b.text for b in blocks[start:end])
        if len(joined) <= 160 and dates.looks_like_dateline(strip_trailing_marker(joined, "glued")):
            return start
    return None


def split_closer(blocks: list[RawBlock]) -> tuple[RawPart, list[list[RawBlock]]]:
    """Split a body into its own part (with closer) and the attachments that follow it."""
    cut = None
    if not any(_is_attachment_start(blocks, i) for i in range(len(blocks))):
        cut = _closing_dateline(blocks)
    if cut is None:
        return _split_closer(blocks)
    part, attachments = _split_closer(blocks[:cut])
    part.dateline = blocks[cut:]
    return part, attachments


def _split_closer(blocks: list[RawBlock]) -> tuple[RawPart, list[list[RawBlock]]]:
    # the first signature followed by an attachment start ends the main part
    sig_at = None
    for i, b in enumerate(blocks):
        if b.kind == "p" and i > 0 and (is_name_line(b.text) or _name_after_salute(blocks, i)):
            rest = blocks[i + 1 :]
            if not rest:
                sig_at = i
                break
            j = 0
            while (
                j < len(rest)
                and rest[j].kind == "p"
                and j == 0
                and (
                    (is_name_line(rest[j].text) and len(rest[j].text) < 40)
                    or OFFICE_LINE_RE.match(rest[j].text)
                )
            ):
                j += 1
            tail = rest[j:]
            while tail and tail[0].kind == "pb":
                tail = tail[1:]
            if (
                not tail
                or all(_is_tail_line(t) for t in tail)
                or _is_attachment_start(tail, 0)
                or is_caps_signature(b.text)
            ):
                sig_at = i
                break
    part = RawPart()
    if sig_at is None:
        cut = _unsigned_attachment(blocks)
        if cut is None:
            part.blocks = blocks
            return part, []
        part.blocks = blocks[:cut]
        return part, _group_attachments(blocks[cut:], part)
    main = blocks[:sig_at]
    signed = [blocks[sig_at]]
    k = sig_at + 1
    # the signer's office under the name ("United States Minister."): its own element
    if k < len(blocks) and _is_office_line(blocks, sig_at, k):
        part.office = blocks[k]
        k += 1
    if main and main[-1].kind == "p" and _FOR_RE.match(main[-1].text):
        part.lead = main.pop()
    if main and main[-1].kind == "p" and SALUTE_RE.match(main[-1].text):
        part.salute = main.pop()
    part.blocks = main
    part.signed = signed
    rest = blocks[k:]
    caps_cut = (
        is_caps_signature(blocks[sig_at].text) and bool(rest) and not all(_is_tail_line(t) for t in rest)
    )
    return part, _group_attachments(rest, part, caps_cut)


def _is_office_line(blocks: list[RawBlock], sig_at: int, k: int) -> bool:
    """True when the line under a signature names the signer's office (``Assistant
    Secretary of State``, ``Lewis Baker,`` / ``United States Minister.``)."""
    b = blocks[k]
    if b.kind != "p" or _is_attachment_start(blocks, k) or _ADDRESS_RE.search(b.text):
        return False
    if OFFICE_LINE_RE.match(b.text):
        return True
    words = set(re.findall(r"[A-Za-z]+", b.text))
    return bool(
        len(b.text) <= 80
        and (blocks[sig_at].text.endswith(",") or words & OFFICE_HEADS)
        and (is_name_line(b.text) or re.fullmatch(r"[A-Z][\w ,.’'\-]{2,80}", b.text))
        and words & OFFICE_HEADS
    )


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
        if starts and (current is None or current_has_body(current)):
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
    from .. import dates

    for i in range(1, len(blocks) - 1):
        b, nxt = blocks[i], blocks[i + 1]
        if b.kind != "p" or nxt.kind != "p":
            continue
        if is_heading_line(b.text) and dates.looks_like_dateline(nxt.text):
            j = i - 1 if blocks[i - 1].kind == "p" and ATTACHMENT_START_RE.match(blocks[i - 1].text) else i
            return j
        if ATTACHMENT_START_RE.match(b.text) and is_heading_line(nxt.text):
            return i
    return None


def current_has_body(blocks: list[RawBlock]) -> bool:
    """An attachment has begun its text once it holds more than a label and a heading."""
    return sum(1 for b in blocks if b.kind == "p") >= 3


def _is_tail_line(b: RawBlock) -> bool:
    """Lines that may follow a signature without being body: addresses, editorial notes."""
    if b.kind == "pb":
        return True
    t = b.text
    return bool(_ADDRESS_RE.search(t) or (t.startswith("[") and t.endswith("]")))
