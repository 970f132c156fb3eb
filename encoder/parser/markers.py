"""Finding where each footnote's marker stands in the running text.

A copied page loses the superscript: markers are digits glued to the word before them
(``Portsmouth.3``, ``conversations2``) or to a number (``No. 8521`` is telegram 852 and
marker 1). The list below the text is renumbered 1…k, while legacy volumes printed
per-page numbers (the seed's markers run 1, 2, 1, 3, 1, 4). Markers cannot be matched by
number, so they are matched *in order*: every glued digit run is a candidate, and a small
dynamic programme picks, for notes 1…k, candidates in text order that are strong (glued
to a letter rather than split off a number) and whose printed values form a plausible
sequence (each one more than the highest so far, a repeat, or a restart after a page
break). Modern volumes print 1…k, which the same scoring prefers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from ..vocabulary import MONTH_NAME_PATTERN, trailing_marker

# a digit run glued to a letter, closing punctuation or bracket before it
_END = r"(?=$|[\s,;:!?)\]”’\"'—–(]|\.(?!\d))"
_GLUED_RE = re.compile(r"(?<=[^\W\d_]|[.,;:!?)\]”’“‘\"'…])(\d{1,3})" + _END)
# a note the editors inserted between two printed ones: "my 105,75a should"
_SUFFIXED_RE = re.compile(r"(?<=[^\W\d_]|[.,;:!?)\]”’\"'])(\d{1,3})([a-z])" + _END)
# a whole number token of two or more digits: its last digits may be a marker
_NUMBER_RE = re.compile(
    r"(?<![\w.,/–\-”’\"'):;!?\]])(\d{2,})"
    + _END
    + r"|(?<=\d/)(\d{3,4})"
    + _END
    + r"|(?<=[A-Z][–-])(\d{3,})"
    + _END
)
"""A number token; also a paper's number after its series (``C.C.S. 452/214``: paper 452/21
and marker 4) or after a letter and dash (``L–10060``: telegram L–100 and marker 60),
never a date's or a file number's parts."""
_FILE_NO_RE = re.compile(r"\b\d{3}(?:\.[0-9A-Za-z]+)+(?:\s\(?[A-Z][\w.]*\)?){0,4}\s?/[0-9A-Za-z–\-]+")
"""A decimal file number (``711.20 Defense/1756``, ``740.00119 Potsdam/7–2145``): its decimal
part is never a marker, nor is any digit before the slash part ends."""
# clock times ("9:42 p.m.", "2.47 p.m.", "1200 hours"): their digits are never markers
_TIME_RE = re.compile(
    r"\b\d{1,2}:\d{2}\b|\b\d{1,2}(?:\.\d{2})?(?=\s*(?:[ap]\.\s?m\.|o’clock|o'clock))"
    r"|\b\d{3,4}(?=\s*(?:hours|Z\b))|^\s*\d{1,7}\.(?=\s)"
)
_NEG = -1e9


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place that could hold a marker: segment, character span, printed value."""

    seg: int
    start: int
    end: int
    value: int
    strength: float
    suffix: str = ""
    """The letter of an inserted note's marker (``75a``)."""

    @property
    def label(self) -> str:
        """The marker as printed."""
        return f"{self.value}{self.suffix}"

    @property
    def key(self) -> tuple[int, int]:
        return (self.seg, self.start)


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of running text in document order, with spans that hold no markers."""

    text: str
    masked: tuple[tuple[int, int], ...] = ()
    """Spans such as ``[Page 875]`` where digits are not markers."""
    page_before: bool = False
    """True when a page break stands between this segment and the previous one."""
    heading: bool = False
    """True for the document heading (where a spaced source marker may stand)."""
    no_split: bool = False
    """True where numbers are never split into number and marker (datelines, file lines)."""


def has_glued_marker(text: str) -> bool:
    """True when a digit run is glued to a letter somewhere in ``text`` (``Portsmouth.3``
    counts through its period; clock times and paragraph numbers do not)."""
    masked = tuple((m.start(), m.end()) for m in _TIME_RE.finditer(text))
    for m in _GLUED_RE.finditer(text):
        at = m.start()
        if _inside(masked, at):
            continue
        if text[at - 1].isalpha() or (at >= 2 and text[at - 1] in '.,;:)”’"' and text[at - 2].isalpha()):
            return True
    return False


_MONTHS = MONTH_NAME_PATTERN
_DATE_BEFORE_RE = re.compile(rf"(?:(?P<month>{_MONTHS})|{_MONTHS}\s+\d{{1,2}},)\s+$")
"""A month name (a day follows) or a month and day with a comma (a year follows)."""


def _date_part_ok(dated: re.Match[str], rest: str) -> bool:
    """True when ``rest`` is a whole day (after a month) or a year (after month and day)."""
    if not rest or rest.startswith("0"):
        return False
    if dated.group("month"):
        return 1 <= int(rest) <= 31 or _is_year(rest)
    return _is_year(rest)


def _is_year(digits: str) -> bool:
    return len(digits) == 4 and 1700 <= int(digits) <= 2099


def _inside(spans: tuple[tuple[int, int], ...], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


_YEAR_RE = re.compile(r"(?<!\d)(1[7-9]\d\d|20\d\d)(?!\d)")


def text_year(segments: list[Segment]) -> int | None:
    """The year the text names most often: the year of the paper, nearly always."""
    years = Counter(int(y) for seg in segments for y in _YEAR_RE.findall(seg.text))
    return years.most_common(1)[0][0] if years else None


def _far_year(digits: str, year: int | None) -> bool:
    """True when a year after a month is far (over 30 years) from the paper's own year:
    then the digits are more likely a day and a marker than a year."""
    return year is not None and abs(int(digits) - year) > 30


Found = dict[tuple[int, int], Candidate]
"""Candidates of one segment by span (the first rule to claim a span keeps it)."""


def _glued(si: int, seg: Segment, year: int | None, found: Found) -> None:
    """Digits glued to a word or to closing punctuation (``Portsmouth.3``)."""
    text = seg.text
    for m in _GLUED_RE.finditer(text):
        if _inside(seg.masked, m.start()):
            continue
        before = text[m.start() - 1]
        prev2 = text[m.start() - 2] if m.start() >= 2 else " "
        if before.isalpha():
            strength = 4.0
        elif prev2.isdigit():
            strength = 2.0  # "No. 885.1": a number, then the marker (clock times are masked)
        else:
            strength = 3.5
        found[(m.start(), m.end())] = Candidate(si, m.start(), m.end(), int(m.group(1)), strength)


def _pair(si: int, seg: Segment, year: int | None, found: Found) -> None:
    """Two notes marked side by side, their digits run together (``Conversation12``:
    notes 1 and 2): a glued run that reads as two consecutive numbers is also two markers."""
    text = seg.text
    for m in _GLUED_RE.finditer(text):
        digits = m.group(1)
        if len(digits) < 2 or _inside(seg.masked, m.start()) or not text[m.start() - 1].isalpha():
            continue
        for cut in range(1, len(digits)):
            a, b = digits[:cut], digits[cut:]
            if a[0] != "0" and b[0] != "0" and int(b) == int(a) + 1:
                mid = m.start() + cut
                found.setdefault((m.start(), mid), Candidate(si, m.start(), mid, int(a), 3.0))
                found.setdefault((mid, m.end()), Candidate(si, mid, m.end(), int(b), 3.0))


def _suffixed(si: int, seg: Segment, year: int | None, found: Found) -> None:
    """A note the editors inserted between two printed ones (``my 105,75a should``)."""
    for m in _SUFFIXED_RE.finditer(seg.text):
        if not _inside(seg.masked, m.start()):
            found[(m.start(), m.end())] = Candidate(si, m.start(), m.end(), int(m.group(1)), 3.0, m.group(2))


def _split_number(si: int, seg: Segment, m: re.Match[str], found: Found) -> None:
    """The last one to three digits of a number as a marker, where the rest can stand:
    after a month, only what leaves a whole day or year (``February 243``, ``19581``)."""
    digits = m.group(m.lastindex or 1)
    dated = _DATE_BEFORE_RE.search(seg.text[max(0, m.start() - 24) : m.start()])
    for k in range(1, min(3, len(digits) - 1) + 1):
        start = m.end() - k
        if digits[len(digits) - k] == "0" and k > 1:
            continue
        strength = 0.0
        if dated and _date_part_ok(dated, digits[:-k]):
            strength = 2.5 - 0.5 * k  # the shorter marker leaves the longer day
        elif dated:
            continue
        found.setdefault((start, m.end()), Candidate(si, start, m.end(), int(digits[-k:]), strength))


def _numbers(si: int, seg: Segment, year: int | None, found: Found) -> None:
    """Numbers whose last digits may be a marker (``No. 8521``: telegram 852, note 1).
    A year or a day after a month holds none (``in 1961``, ``February 23``); a year far
    from the paper's own after a month is a day and a marker (``December 1841`` in 1941)."""
    if seg.no_split:
        return
    for m in _NUMBER_RE.finditer(seg.text):
        if _inside(seg.masked, m.start()):
            continue
        digits = m.group(m.lastindex or 1)
        dated = _DATE_BEFORE_RE.search(seg.text[max(0, m.start() - 24) : m.start()])
        month = bool(dated and dated.group("month"))
        if _is_year(digits) and month and _far_year(digits, year):
            if 1 <= int(digits[:2]) <= 31:
                found.setdefault(
                    (m.end() - 2, m.end()), Candidate(si, m.end() - 2, m.end(), int(digits[2:]), 1.5)
                )
            continue
        if _is_year(digits) or (month and 1 <= int(digits) <= 31):
            continue
        _split_number(si, seg, m, found)


def _spaced(si: int, seg: Segment, year: int | None, found: Found) -> None:
    """A spaced marker at the very end of a heading (``Lebanon 1``)."""
    m = trailing_marker(seg.text, "spaced") if seg.heading else None
    if m:
        found.setdefault((m.start(), m.end()), Candidate(si, m.start(), m.end(), int(m.group("spaced")), 1.0))


CANDIDATE_RULES: list[Callable[[int, Segment, int | None, Found], None]] = [
    _glued,
    _pair,
    _suffixed,
    _numbers,
    _spaced,
]
"""The places a marker may stand, strongest kind first."""


def candidates(segments: list[Segment]) -> list[Candidate]:
    """Every place in the text that could be a footnote marker, in text order."""
    out: list[Candidate] = []
    year = text_year(segments)
    for si, seg in enumerate(segments):
        masked = seg.masked + tuple(
            (m.start(), m.end()) for rx in (_TIME_RE, _FILE_NO_RE) for m in rx.finditer(seg.text)
        )
        seg = Segment(seg.text, masked, seg.page_before, seg.heading, seg.no_split)
        found: Found = {}
        for rule in CANDIDATE_RULES:
            rule(si, seg, year, found)
        out.extend(sorted(found.values(), key=lambda c: (c.start, -c.end)))
    return out


def _pages_between(segments: list[Segment], a: Candidate | None, b: Candidate) -> bool:
    first = 0 if a is None else a.seg + 1
    if any(seg.page_before for seg in segments[first : b.seg + 1]):
        return True
    seg = segments[b.seg]
    lo = a.end if a is not None and a.seg == b.seg else 0
    return any(lo <= s < b.start for s, _ in seg.masked if seg.text[s : s + 5] == "[Page")


@dataclass(frozen=True, slots=True)
class _Step:
    """What scoring one candidate for note ``i`` needs to know of the path so far."""

    i: int
    base: int
    top: int
    prev: Candidate | None
    repeat_ok: bool
    """True when this note repeats an earlier one's text ("Not printed.")."""


def _gain(segments: list[Segment], c: Candidate, st: _Step) -> float | None:
    """How much taking candidate ``c`` for the note adds to a path; None: not allowed."""
    if st.prev is not None and c.seg == st.prev.seg and c.start < st.prev.end:
        return None
    if c.value == 0 and not segments[c.seg].heading:
        return None
    fits_count = c.value in (st.top + 1, st.i + st.base) or (st.repeat_ok and c.value <= st.top)
    if c.strength < 1.0 and not fits_count:
        return None  # digits split off a number only where the count says so
    gain = c.strength + (1.0 if c.value == st.i + st.base else 0.0)
    if c.suffix:
        return gain + (3.0 if c.value == st.top else -3.0)  # "75a" right after "75"
    if c.value == st.top + 1:
        # the count backs a split-off digit less than a digit glued to a word
        return gain + (3.0 if c.strength >= 1.0 else 2.0)
    if st.prev is None:
        return gain + (1.0 if c.value <= 3 and c.strength >= 3 else 0.0)
    if _pages_between(segments, st.prev, c) and c.value <= 3:
        return gain + 2.0
    if c.value <= st.top:
        return gain + (2.5 if st.repeat_ok else 0.5)
    return gain - 3.0


_SKIP_COST = 2.5
"""What leaving a note without a marker costs a path (the copy lost the marker)."""
_BEAM = 200
"""The paths kept after each note, to keep the search small on long pages."""
State = dict[int, tuple[float, int, tuple | None]]
"""Last candidate index (or -1) -> (score, highest value so far, back pointer)."""


def _advance(
    segments: list[Segment], cands: list[Candidate], states: State, step: tuple[int, int, bool]
) -> State:
    """The paths after one more note: each path either skips it or takes a later candidate."""
    i, base, repeat_ok = step
    nxt: State = {}
    for last, (score, top, back) in states.items():
        skip = (score - _SKIP_COST, top, (last, None, back))
        if last not in nxt or skip[0] > nxt[last][0]:
            nxt[last] = skip
        st = _Step(i, base, top, cands[last] if last >= 0 else None, repeat_ok)
        for j in range(last + 1, len(cands)):
            gain = _gain(segments, cands[j], st)
            if gain is None:
                continue
            if j not in nxt or score + gain > nxt[j][0]:
                nxt[j] = (score + gain, max(top, cands[j].value), (last, j, back))
    if len(nxt) > _BEAM:
        nxt = dict(sorted(nxt.items(), key=lambda kv: -kv[1][0])[:_BEAM])
    return nxt


def _sequence(
    segments: list[Segment], cands: list[Candidate], k: int, texts: list[str]
) -> list[Candidate | None]:
    """Markers printed per page (legacy volumes): the most plausible ordered choice."""
    # volumes that mark the source note 0 ("Lebanon0") count the other notes from 1
    base = 0 if any(c.value == 0 and segments[c.seg].heading for c in cands) else 1
    states: State = {-1: (0.0, 0, None)}
    for i in range(k):
        # the print may repeat a marker for a note said twice ("Not printed."): the web
        # list then repeats the note's text, so a repeated value is plausible only there
        repeat_ok = bool(texts) and texts[i] in texts[:i]
        states = _advance(segments, cands, states, (i, base, repeat_ok))
    _last, (_score, _top, back) = max(states.items(), key=lambda kv: kv[1][0])
    picks: list[Candidate | None] = []
    while back is not None:
        _prev_last, j, back = back
        picks.append(cands[j] if j is not None else None)
    picks.reverse()
    return picks


def place_markers(
    segments: list[Segment], count: int, texts: list[str] | None = None
) -> list[Candidate | None]:
    """For notes 1…count, the candidate holding each one's marker (None: not found).

    ``texts`` are the notes' texts, used to recognise a marker printed twice.
    """
    if count == 0:
        return []
    return _sequence(segments, candidates(segments), count, texts or [])
