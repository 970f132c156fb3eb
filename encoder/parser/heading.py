"""Who wrote to whom: sender and recipient in a document's heading.

FRUS headings name a party as an office with the person in parentheses (``The Ambassador
in France (Caffery)``), an office alone (``the Department of State``), a courtesy title
and name (``Mr. Fish``) or a title and name (``President Johnson``). The editors mark the
person with ``persName type="from|to"`` when one is named, otherwise the office with
``gloss type="from|to"``; the leading article stays outside.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..dates import DatelineParts, DateValue, heading_dateline
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


PartyFound = tuple[list[NameSpan], Party | None]
"""The name spans a party's words give, and the party."""


def _bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The party's own words: where it was (``… Dulles in Washington``, ``…, at Geneva``)
    is not part of it."""
    start, end = _strip(text, start, end)
    words = text[start:end]
    where = re.search(r"\s+in\s+(?:[A-Z][\w.’'-]*\s?){1,3}$", words)
    if (
        where
        and re.match(r"^(?:the\s+)?[A-Z]", words)
        and "(" not in words
        and _TITLE_NAME_RE.match(text[start : start + where.start()])
    ):
        end = start + where.start()
    at = re.search(r",\s+(?:at|in)\s+[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,2}$", text[start:end])
    if at and "(" not in words:
        end = start + at.start()  # "Ambassador U. Alexis Johnson, at Geneva"
    return start, end


def _paren_people(text: str, name_start: int, names: str, role: str) -> list[NameSpan]:
    """``(Nufer, Donnelly, and Turkel)``: each is a person, the first stands for the party;
    one span for the whole when the words are not a list of names."""
    spans = []
    for k, m in enumerate(re.finditer(r"[^,]+?(?=,|$)", names)):
        s, e = _strip(names, m.start(), m.end())
        lead = re.match(r"(?:and\s+)?", names[s:e])
        s += lead.end() if lead else 0
        if s < e:
            spans.append(NameSpan(name_start + s, name_start + e, "persName", role if k == 0 else None))
    if (
        len(spans) < 2
        or not all(_NAMEISH_RE.fullmatch(text[sp.start : sp.end]) for sp in spans)
        or any(text[sp.start : sp.end].rstrip(".") in {"Jr", "Sr", "II", "III", "IV"} for sp in spans)
    ):
        spans = [NameSpan(name_start, name_start + len(names), "persName", role)]
    return spans


def _parenthesized(text: str, start: int, end: int, role: str) -> PartyFound | None:
    """An office with the person in parentheses: ``the Ambassador in France (Caffery)``."""
    part = text[start:end]
    paren = None
    for m in _PAREN_RE.finditer(part):
        paren = m
    if paren is None or not re.search(r"[A-Z]", paren.group(1)) or paren.end() < len(part) - 1:
        return None
    office = re.sub(r"^(the|The)\s+", "", part[: paren.start()].strip()).strip(" ,")
    spans = _paren_people(text, start + paren.start(1), paren.group(1), role)
    return spans, Party(paren.group(1), office or None)


def _courtesy(text: str, start: int, end: int, role: str) -> PartyFound | None:
    """Most volumes mark the name after the courtesy title: ``Mr. <persName>Seward``."""
    m = COURTESY_RE.match(text[start:end])
    if not m:
        return None
    s = start + m.end() - 1
    return [NameSpan(s, end, "persName", role)], Party(text[s:end], None)


def _noble(text: str, start: int, end: int, role: str) -> PartyFound | None:
    m = _NOBLE_RE.match(text[start:end])
    if not m:
        return None
    s = start + m.start("name")
    return [NameSpan(s, end, "persName", role)], Party(text[s:end], None)


def _title_name(text: str, start: int, end: int, role: str) -> PartyFound | None:
    m = _TITLE_NAME_RE.match(text[start:end])
    if not m:
        return None
    span = NameSpan(start + m.start("name"), start + m.end("name"), "persName", role)
    return [span], Party(m.group("name"), m.group("office"))


def _person_lead(text: str, start: int, end: int, role: str) -> PartyFound | None:
    """``Robert W. Komer of the National Security Council Staff``: the person ends where
    the office or affiliation after him begins."""
    part = text[start:end]
    m = _PERSON_LEAD_RE.match(part)
    if not m or NOT_PERSON_WORDS & set(m.group("name").split()):
        return None
    e = start + m.end("name")
    office = re.sub(r"^of\s+(?:the\s+)?", "", part[m.end("name") :].strip(" ,"))
    return [NameSpan(start, e, "persName", role)], Party(text[start:e], office)


def _office(text: str, start: int, end: int, role: str) -> PartyFound | None:
    """An office alone (``the Department of State``), the article left outside; a
    withheld place after it (``… in [place not declassified]``) and an agency's station
    (``… Agency Station in Guatemala``: the editors mark the agency) are left out."""
    lead = re.match(r"(?:the|The)\s+", text[start:end])
    s = start + (lead.end() if lead else 0)
    tail = re.search(r"\s+in\s+\[[^\]]*\]\s*$", text[s:end])
    s, e = _strip(text, s, s + tail.start() if tail else end)
    if s >= e:
        return [], None
    unit = _AGENCY_UNIT_RE.match(text, s, e)
    if unit:
        e = unit.end("agency")
    return [NameSpan(s, e, "gloss", role)], Party(None, text[s:e])


PARTY_RULES: list[Callable[[str, int, int, str], PartyFound | None]] = [
    _parenthesized,
    _courtesy,
    _noble,
    _title_name,
    _person_lead,
    _office,
]
"""The forms a party takes, tried in order; the office alone takes whatever is left."""


def _party(text: str, start: int, end: int, role: str) -> PartyFound:
    """The name spans and the party for ``text[start:end]``."""
    start, end = _bounds(text, start, end)
    if start >= end:
        return [], None
    for rule in PARTY_RULES:
        found = rule(text, start, end, role)
        if found is not None:
            return found
    return [], None


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


@dataclass(slots=True)
class HeadState:
    """A heading being read: its text, where the parties' words begin and end, and what
    was found so far."""

    text: str
    start: int
    end: int
    spans: list[NameSpan]
    sender: Party | None = None
    recipient: Party | None = None

    def add(self, s: int, e: int, role: str) -> Party | None:
        found, party = _party(self.text, s, e, role)
        self.spans.extend(found)
        return party

    def pair(self, s: int, end: int, *, sender: bool = True) -> None:
        """``A to B`` in ``text[s:end]``; A alone when no ``to`` splits it."""
        cut = _split_to(self.text, s, end)
        if cut is None:
            if sender:
                self.sender = self.add(s, _memo_trailer(self.text, s, end), "from")
            return
        if sender:
            close = self.text.find(")", s, cut + 2)
            self.sender = self.add(s, cut + (1 if 0 <= close <= cut else 0), "from")
        r0 = re.search(r"to\s+", self.text[cut:]).end() + cut  # type: ignore[union-attr]
        self.recipient = self.add(r0, end, "to")


def _from_form(st: HeadState) -> bool:
    """``Telegram From the Embassy in France to the Department of State``."""
    m = re.search(r"\bFrom\s+", st.text[st.start :])
    if not m:
        return False
    s = st.start + m.end()
    if _split_to(st.text, s, st.end) is None:
        st.sender = st.add(s, st.end, "from")
    else:
        st.pair(s, st.end)
    return True


def _between_form(st: HeadState) -> bool:
    """``Memorandum of Conversation Between A and B``."""
    m = re.search(r"\bBetween\s+", st.text[st.start :])
    if not m:
        return False
    s = st.start + m.end()
    m_and = re.search(r"\)\s+and\s+", st.text[s:]) or re.search(r"\s+and\s+", st.text[s:])
    if m_and:
        a_end = s + m_and.start() + (1 if st.text[s + m_and.start()] == ")" else 0)
        st.sender = st.add(s, a_end, "from")
        r0 = s + m_and.end()
        st.recipient = st.add(r0, _memo_trailer(st.text, r0, st.end), "to")
    return True


def _by_form(st: HeadState) -> bool:
    """``Memorandum by A to B``; in ``by the Secretary of State of a Conversation With the
    British Ambassador (Halifax)`` the one he spoke with is neither sender nor recipient."""
    m = re.search(r"\bby\s+", st.text[st.start :])
    if not m:
        return False
    s = st.start + m.end()
    talk = re.search(r"\s+of (?:a )?(?:Telephone )?Conversation\b", st.text[s : st.end])
    st.pair(s, s + talk.start() if talk else st.end)
    return True


def _plain_form(st: HeadState) -> bool:
    """``Mr. Fish to Mr. Washburne``; ``Telegram to the Embassy`` names no sender."""
    cut = _split_to(st.text, st.start, st.end)
    if cut is not None:
        st.pair(st.start, st.end, sender=not KIND_RE.fullmatch(st.text[st.start : cut].strip()))
    return True


HEADING_FORMS: list[Callable[[HeadState], bool]] = [_from_form, _between_form, _by_form, _plain_form]
"""The ways a heading names its parties, tried in order."""


def _doc_type(text: str, start: int) -> str | None:
    """The kind the heading names near its start (``Memorandum of Conversation``)."""
    tm = KIND_RE.search(text, start)
    if not tm or tm.start() - start >= 40:
        return None
    if tm.group(1) == "Memorandum":
        mm = re.search(r"Memorandum(?: of (?:a )?(?:Telephone )?Conversation| for the Record)?", text)
        return mm.group(0) if mm else "Memorandum"
    return tm.group(1)


def _trailer(st: HeadState) -> DatelineParts | None:
    """The place and date a heading may end with; the parties' words end before them."""
    text = st.text
    trailer = heading_dateline(text) if re.search(r"\d", text[st.start :]) else None
    if trailer is None or trailer.date_span is None:
        return trailer
    lead = trailer.place_span[0] if trailer.place_span else trailer.date_span[0]
    comma = max(text.rfind(",", st.start, lead), text.rfind(" in ", st.start, lead))
    if trailer.place_span is not None:
        st.spans.append(NameSpan(*trailer.place_span, "placeName", None))
    st.spans.append(NameSpan(*trailer.date_span, "date", None))
    if comma > st.start:
        st.end = comma
    return trailer


def analyze(text: str) -> HeadingInfo:
    """Parties, name spans and document type of a heading (markers already removed)."""
    m_num = re.match(r"^\s*(?:No\.\s*)?\d+[A-Z]?\.\s+", text)
    st = HeadState(text, m_num.end() if m_num else 0, len(text), [])
    trailer = _trailer(st)
    any(form(st) for form in HEADING_FORMS)
    date = trailer.date if trailer else None
    return HeadingInfo(st.spans, st.sender, st.recipient, _doc_type(text, st.start), date)
