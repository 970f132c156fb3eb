"""Who wrote to whom: sender and recipient in a document's heading.

FRUS headings name a party as an office with the person in parentheses (``The Ambassador
in France (Caffery)``), an office alone (``the Department of State``), a courtesy title
and name (``Mr. Fish``) or a title and name (``President Johnson``). The editors mark the
person with ``persName type="from|to"`` when one is named, otherwise the office with
``gloss type="from|to"``; the leading article stays outside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..dates import DateValue, heading_dateline
from ..model import Party
from ..vocabulary import (
    COURTESY_RE,
    KIND_RE,
    NOBLE_TITLES,
    NOT_PERSON_WORDS,
    OFFICES_NAMED_WITH_TO,
    TITLES_PATTERN,
)

_TITLE_NAME_RE = re.compile(
    r"^(?:the\s+)?(?P<office>(?:(?!The\b)[A-Z][\w’'-]*\s+){0,2}?(?:"
    + TITLES_PATTERN
    + r"))\s+(?P<name>(?:[A-Z][\w’'.-]*|[A-Z]\.)(?:\s+(?:[A-Z][\w’'.-]*|[A-Z]\.|de|van|von|da|del|la|le)){0,3})$"
)
"""A title and a name (``President Johnson``), the title perhaps led by a country's or a
rank's word (``Soviet Chairman Khrushchev``, ``British Prime Minister Macmillan``): the
name is the person, the words before it stay outside."""
_NAME_WORD = r"(?:[A-Z][a-z][\w’'-]*|[A-Z]\.|Mc[A-Z][\w’'-]*|de|van|von|da|del|la|le)"
_PERSON_LEAD_RE = re.compile(rf"^(?P<name>[A-Z][a-z][\w’'-]*(?:\s+{_NAME_WORD}){{1,3}})(?=,\s+\S|\s+of\s+\S)")
"""A person named before the office or affiliation that describes them (``Robert W. Komer of
the National Security Council Staff``, ``John J. McCloy, Chairman of …``)."""
_AGENCY_UNIT_RE = re.compile(r"(?P<agency>.*\bAgency)\s+(?:Station|Base)\b")
"""An agency's local unit (``Central Intelligence Agency Station in Guatemala``): the
editors mark the agency."""
_NOBLE_RE = re.compile(
    r"^(?:[Tt]he\s+)?(?:" + "|".join(NOBLE_TITLES) + r")\s+"
    r"(?:of\s+)?(?P<name>(?:(?:de|di|da|von|van|d’|d')\s*)?"
    r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|di|von|van|of|la|le))*)$"
)
"""A title of nobility and a name (``Count von Quadt``, ``the Duke de Gramont``, ``Earl
Granville``): like ``Mr.``, the title stays outside the person (``Count <persName>von
Quadt</persName>``, as the 1901 volume has it)."""
_NAMEISH_RE = re.compile(
    r"(?:[A-Z][\w’'.-]*|de|van|von|da|del|la|le)(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|da|del|la|le)){0,3}"
)
"""One person's name in a list of them."""
_PAREN_RE = re.compile(r"\(\s*([^()]+?)\s*\)")


@dataclass(frozen=True, slots=True)
class NameSpan:
    """A span of the heading that a name element wraps."""

    start: int
    end: int
    kind: str
    role: str | None


@dataclass(slots=True)
class HeadingInfo:
    """What the heading says: its parties, the spans to mark, the document type."""

    spans: list[NameSpan]
    sender: Party | None
    recipient: Party | None
    doc_type: str | None
    date: DateValue | None = None
    """The date a heading ends with (``…, Washington, July 3, 1958``), marked as ``date``."""


_ABBREV_END_RE = re.compile(r"(?:\b(?:Co|Inc|Ltd|Corp|Bros|Jr|Sr|Esq)|\b[A-Z])$")
"""A name that ends in an abbreviation keeps its period (``Cook’s Linoleum Co.``)."""


def _strip(text: str, start: int, end: int, chars: str = " .,;:") -> tuple[int, int]:
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    if end < len(text) and text[end] == "." and _ABBREV_END_RE.search(text, start, end):
        end += 1
    return start, end


def _party(text: str, start: int, end: int, role: str) -> tuple[list[NameSpan], Party | None]:
    """The name spans and the party for ``text[start:end]``."""
    start, end = _strip(text, start, end)
    if start >= end:
        return [], None
    # "Secretary of State Dulles in Washington": where the party was is not part of it
    where = re.search(r"\s+in\s+(?:[A-Z][\w.’'-]*\s?){1,3}$", text[start:end])
    if (
        where
        and re.match(r"^(?:the\s+)?[A-Z]", text[start:end])
        and "(" not in text[start:end]
        and _TITLE_NAME_RE.match(text[start : start + where.start()])
    ):
        end = start + where.start()
    at = re.search(r",\s+(?:at|in)\s+[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,2}$", text[start:end])
    if at and "(" not in text[start:end]:
        end = start + at.start()  # "Ambassador U. Alexis Johnson, at Geneva"
    part = text[start:end]
    paren = None
    for m in _PAREN_RE.finditer(part):
        paren = m
    if paren is not None and re.search(r"[A-Z]", paren.group(1)) and paren.end() >= len(part) - 1:
        office = part[: paren.start()].strip()
        office = re.sub(r"^(the|The)\s+", "", office).strip(" ,")
        name_start = start + paren.start(1)
        spans = []
        # "(Nufer, Donnelly, and Turkel)": each is a person, the first stands for the party
        for k, m in enumerate(re.finditer(r"[^,]+?(?=,|$)", paren.group(1))):
            s, e = _strip(paren.group(1), m.start(), m.end())
            name = re.match(r"(?:and\s+)?", paren.group(1)[s:e])
            s += name.end() if name else 0
            if s < e:
                spans.append(NameSpan(name_start + s, name_start + e, "persName", role if k == 0 else None))
        if (
            len(spans) < 2
            or not all(_NAMEISH_RE.fullmatch(text[sp.start : sp.end]) for sp in spans)
            or any(text[sp.start : sp.end].rstrip(".") in {"Jr", "Sr", "II", "III", "IV"} for sp in spans)
        ):
            spans = [NameSpan(name_start, start + paren.end(1), "persName", role)]
        return spans, Party(paren.group(1), office or None)
    courtesy = COURTESY_RE.match(part)
    if courtesy:
        # most volumes mark the name after the courtesy title: Mr. <persName>Seward</persName>
        s = start + courtesy.end() - 1
        return [NameSpan(s, end, "persName", role)], Party(text[s:end], None)
    noble = _NOBLE_RE.match(part)
    if noble:
        s = start + noble.start("name")
        return [NameSpan(s, end, "persName", role)], Party(text[s:end], None)
    m = _TITLE_NAME_RE.match(part)
    if m:
        return [NameSpan(start + m.start("name"), start + m.end("name"), "persName", role)], Party(
            m.group("name"), m.group("office")
        )
    person = _PERSON_LEAD_RE.match(part)
    if person and not NOT_PERSON_WORDS & set(person.group("name").split()):
        s, e = start, start + person.end("name")
        office = part[person.end("name") :].strip(" ,")
        return [NameSpan(s, e, "persName", role)], Party(text[s:e], re.sub(r"^of\s+(?:the\s+)?", "", office))
    lead = re.match(r"^(?:the|The)\s+", part)
    s = start + (lead.end() if lead else 0)
    e = end
    tail = re.search(r"\s+in\s+\[[^\]]*\]\s*$", text[s:e])
    if tail:
        e = s + tail.start()
    s, e = _strip(text, s, e)
    if s >= e:
        return [], None
    unit = _AGENCY_UNIT_RE.match(text, s, e)
    if unit:
        e = unit.end("agency")
    return [NameSpan(s, e, "gloss", role)], Party(None, text[s:e])


def _split_to(text: str, start: int, end: int) -> int | None:
    """Where the recipient begins: after ``) to``, else after the first `` to `` that
    does not belong to an office's own name."""
    seg = text[start:end]
    m = re.search(r"\)\s+to\s+", seg)
    if m is not None:
        return start + m.start()
    found = list(re.finditer(r"\s+to\s+", seg))
    for k, m in enumerate(found):
        before = re.findall(r"[\w’'-]+", seg[: m.start()])
        if k + 1 < len(found) and before and before[-1].lower() in OFFICES_NAMED_WITH_TO:
            continue
        return start + m.start()
    return None


def _memo_trailer(text: str, start: int, end: int) -> int:
    """Cut ``, Department of State, Washington, July 3, 1958`` off a memorandum's party."""
    seg = text[start:end]
    close = seg.find(")")
    if close >= 0:
        return start + close + 1
    m = re.search(r",\s|\s+in\s+[A-Z]", seg)
    return start + m.start() if m else end


def analyze(text: str) -> HeadingInfo:
    """Parties, name spans and document type of a heading (markers already removed)."""
    m_num = re.match(r"^\s*(?:No\.\s*)?\d+[A-Z]?\.\s+", text)
    body_start = m_num.end() if m_num else 0
    doc_type = None
    tm = KIND_RE.search(text, body_start)
    if tm and tm.start() - body_start < 40:
        doc_type = tm.group(1)
    if doc_type == "Memorandum":
        mm = re.search(r"Memorandum(?: of (?:a )?(?:Telephone )?Conversation| for the Record)?", text)
        doc_type = mm.group(0) if mm else doc_type
    end = len(text)
    spans: list[NameSpan] = []
    sender = recipient = None
    trailer = heading_dateline(text) if re.search(r"\d", text[body_start:]) else None
    if trailer is not None and trailer.date_span is not None:
        lead = trailer.place_span[0] if trailer.place_span else trailer.date_span[0]
        comma = max(text.rfind(",", body_start, lead), text.rfind(" in ", body_start, lead))
        if trailer.place_span is not None:
            spans.append(NameSpan(*trailer.place_span, "placeName", None))
        spans.append(NameSpan(*trailer.date_span, "date", None))
        if comma > body_start:
            end = comma

    def add(s: int, e: int, role: str) -> Party | None:
        found, party = _party(text, s, e, role)
        spans.extend(found)
        return party

    m_from = re.search(r"\bFrom\s+", text[body_start:])
    m_between = re.search(r"\bBetween\s+", text[body_start:])
    m_by = re.search(r"\bby\s+", text[body_start:])
    if m_from:
        s = body_start + m_from.end()
        cut = _split_to(text, s, end)
        if cut is None:
            sender = add(s, end, "from")
        else:
            close = text.find(")", s, cut + 2)
            sender = add(s, cut + (1 if close >= 0 and close <= cut else 0), "from")
            r0 = re.search(r"to\s+", text[cut:]).end() + cut  # type: ignore[union-attr]
            recipient = add(r0, end, "to")
    elif m_between:
        s = body_start + m_between.end()
        m_and = re.search(r"\)\s+and\s+", text[s:]) or re.search(r"\s+and\s+", text[s:])
        if m_and:
            a_end = s + m_and.start() + (1 if text[s + m_and.start()] == ")" else 0)
            sender = add(s, a_end, "from")
            r0 = s + m_and.end()
            recipient = add(r0, _memo_trailer(text, r0, end), "to")
    elif m_by:
        s = body_start + m_by.end()
        # "by the Secretary of State of a Conversation With the British Ambassador (Halifax)":
        # the one he spoke with is neither sender nor recipient
        talk = re.search(r"\s+of (?:a )?(?:Telephone )?Conversation\b", text[s:end])
        if talk:
            end = s + talk.start()
        cut = _split_to(text, s, end)
        if cut is None:
            sender = add(s, _memo_trailer(text, s, end), "from")
        else:
            close = text.find(")", s, cut + 2)
            sender = add(s, cut + (1 if close >= 0 and close <= cut else 0), "from")
            r0 = re.search(r"to\s+", text[cut:]).end() + cut  # type: ignore[union-attr]
            recipient = add(r0, end, "to")
    else:
        cut = _split_to(text, body_start, end)
        if cut is not None:
            head_words = text[body_start:cut].strip()
            if not KIND_RE.fullmatch(head_words):
                close = text.find(")", body_start, cut + 2)
                sender = add(body_start, cut + (1 if close >= 0 and close <= cut else 0), "from")
            r0 = re.search(r"to\s+", text[cut:]).end() + cut  # type: ignore[union-attr]
            recipient = add(r0, end, "to")
    return HeadingInfo(spans, sender, recipient, doc_type, trailer.date if trailer else None)
