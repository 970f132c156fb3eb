"""Datelines and the dates in them → the ISO 8601 values FRUS puts on ``date``.

A dateline is "place, date" as printed under a telegram's heading (``Vologda, April 9,
1918, 8 p.m.``, ``[Washington,] April 9, 1948.``, ``Guatemala City, June 28, 1954, 2254Z.``),
sometimes followed by a ``[Received …]`` line. The parser needs three things from it: where
the place words and the date words are (to wrap them in ``placeName`` and ``date``), and the
value of the date for ``@when`` / ``@from`` + ``@to`` / ``@notBefore`` + ``@notAfter``.

Conventions, each taken from the editors' own TEI (``corpus/dev``):

- a clock time makes a dateTime; with a known place it carries the offset valid there on that
  day (``zoneinfo`` history: ``Washington, June 17, 1958—12:45 a.m.`` → ``…T00:45:00-04:00``),
  an unknown place gets no offset (never guessed). Offsets are whole minutes, cut toward zero
  (``+00:09`` for Paris mean time), as the editors wrote them;
- ``noon`` is 12:00, ``midnight`` 00:00 *of the printed day* (``Peking, September 12, 1918,
  midnight`` → ``1918-09-12T00:00:00``), ``12 a.m.`` 00:00, ``12 p.m.`` 12:00;
- ``1052Z`` keeps the printed date and clock (``…T10:52:00``, as the editors wrote it) and says
  it is UTC the way ENCODING.md asks: ``+00:00``, never a trailing ``Z``. A six-digit
  date-time group ``170545Z`` takes its day from the group (the UTC day may be the printed
  day ± 1);
- ``June 16–17, 1958`` → ``@from``/``@to``; ``June 1958`` → ``1958-06``; ``July —, 1870``
  (day left blank) → ``1870-07``; a date in brackets is still a date (the caller marks
  ``@cert``; the brackets stay outside ``date_span``);
- ``circa``/``ca.``/``about`` X → ``@notBefore``/``@notAfter`` spanning X itself (its first and
  last day): the editors' hedge is kept without inventing a margin;
- ``undated``, ``not dated``, ``[date not declassified]`` → no value, but ``date_span`` still
  covers the phrase, since FRUS wraps it in ``date`` all the same;
- Feb 30, years outside 1776–2099, or a range that ends before it starts → no value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from encoder import places
from encoder.places import zone_offset  # part of this module's API: place → offset
from encoder.vocabulary import MONTH_PATTERN, trailing_marker


@dataclass(frozen=True, slots=True)
class DateValue:
    """The attributes of one TEI ``date`` (only the ones that apply are set)."""

    when: str | None = None
    """``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or ``YYYY-MM-DDThh:mm:ss[±hh:mm]``."""
    not_before: str | None = None
    """Lower bound of an approximate date (``circa``)."""
    not_after: str | None = None
    """Upper bound of an approximate date."""
    from_: str | None = None
    """Start of a printed range (``June 16–17, 1958``)."""
    to: str | None = None
    """End of a printed range."""


@dataclass(frozen=True, slots=True)
class DatelineParts:
    """A dateline taken apart: where the place and date words are, and the date's value."""

    place: str | None
    """The place words exactly as printed; None if absent or withheld."""
    place_span: tuple[int, int] | None
    """Character offsets of ``place`` in the input string."""
    date_span: tuple[int, int] | None
    """Offsets of the date words (``July 8, 1936—5 p.m.``) in the input string."""
    date: DateValue | None
    """None when the words carry no derivable date (``undated``, ``[date not declassified]``)."""


_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
_MONTH = MONTH_PATTERN
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th|d)?\b"
_YEAR = r"(?:17[7-9]\d|1[89]\d\d|20\d\d)(?!\d)"
_DASH = r"(?:[–—-]|\b(?:to|through|and)\b)"
_RANGE_SEP = rf"\s*{_DASH}\s*"
_MDY = rf"{_MONTH}\s+{_DAY}(?:,\s*|\s+){_YEAR}"
_DMY = rf"{_DAY}\s+{_MONTH},?\s+{_YEAR}"
_END = rf"(?:{_MDY}|{_DMY}|{_MONTH}\s*[–—-]+\s*,?\s*{_YEAR}|{_MONTH},?\s+{_YEAR}|{_YEAR})"
_START = rf"(?:{_MDY}|{_DMY}|{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH}|{_MONTH}|{_DAY}|{_YEAR})"
# One date first: it is the common case, and a range start backtracks into the second branch.
_DATE = rf"(?:{_END}|{_START}{_RANGE_SEP}(?:{_END}|{_DAY},?\s+{_YEAR}))"

_AMPM = r"(?i:[ap]\.?\s?m\b\.?)"
_CLOCK = rf"\d{{1,2}}(?:[:.]\d{{2}})?\s*{_AMPM}"
_NOON = r"(?:12\s+)?(?i:noon|midnight)"
_ONE_TIME = (
    rf"(?:{_NOON}|{_CLOCK}|(?:\d\d)?\d{{4}}\s?Z\b"
    rf"|\d{{4}}\s*(?i:hours\b|hrs\b\.?)|\d{{1,2}}:\d{{2}}(?![\d.]))"
)
_TZ_NAMES = dict(est=-5, edt=-4, cst=-6, cdt=-5, mst=-7, mdt=-6, pst=-8, pdt=-7, gmt=0, utc=0)
_TZ = r"(?:\s*\(?(?:EST|EDT|CST|CDT|MST|MDT|PST|PDT|GMT|UTC|(?i:local time))\)?)?"
# A range's first time may leave out a.m./p.m. ("10:30–11:15 a.m.").
_FIRST_TIME = rf"(?:{_NOON}|\d{{1,2}}(?:[:.]\d{{2}})?\s*{_AMPM}?){_RANGE_SEP}"
_TIME = rf"(?:\s*[,—–-]\s*|\s+)(?:at\s+)?(?:{_FIRST_TIME})?{_ONE_TIME}{_TZ}"
_WEEKDAY = r"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day),?\s+"
_CIRCA = r"(?P<circa>(?i:circa|ca\.|about|approximately|early|mid-?|late|end of|beginning of)\s*)"
"""Words that make a date approximate: it is stated as the span its words cover
(``late June 1961``: notBefore 1961-06-01, notAfter 1961-06-30), never narrowed by guess."""
_UNDATED = (
    r"(?i:undated|not dated|no date|n\.\s?d\.|date unknown"
    r"|(?:place and )?date not declassified)"
)
_RECEIVED = r"(?:\s*[\[(]\s*Received\b[^\])]*[\])]\.?)*"
_CORE = (
    rf"(?P<open>\[)?(?:(?P<undated>{_UNDATED})|(?P<date>(?:{_WEEKDAY})?{_CIRCA}?{_DATE})"
    rf"(?P<time>{_TIME})?)(?(open)\]|\]?)(?: ?[.,;:])?{_RECEIVED}\s*\Z"
)
_CORE_RE = re.compile(_CORE)
_EXACT = re.compile(rf"\s*{_CORE}")
# Where date words can begin. Trying the big pattern only there (leftmost first) instead of at
# every character is what keeps a call near 10 µs.
_CANDIDATE = re.compile(
    r"(?<![\w.:])(?:\[|\d|(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed"
    r"|thu|fri|sat|sun|circa|ca\.|about|approx|early|mid|late|end|beginning"
    r"|undated|not dated|no date|n\.|date|place))"
)
_WINDOW = 400
"""A dateline's date, time and received note fit in this many final characters."""


def _locate(text: str) -> re.Match[str] | None:
    """The leftmost match of the dateline pattern that runs to the end of ``text``."""
    for c in _CANDIDATE.finditer(text, max(0, len(text) - _WINDOW)):
        m = _CORE_RE.match(text, c.start())
        if m is not None:
            return m
    return None


_TOKEN = re.compile(rf"(?P<mon>{_MONTH})|(?P<num>\d+)|(?P<dash>{_DASH})")
_CLOCK_PARTS = re.compile(
    r"(?P<h>\d{1,2})(?:[:.](?P<mi>\d{2}))?\s*(?:(?P<ap>[ap])\.?\s?m\.?)?"
    r"|(?P<twelve>12\s+)?(?P<word>noon|midnight)"
    r"|(?P<dtg>(?P<dd>\d\d)?(?P<zh>\d\d)(?P<zm>\d\d)\s?z)"
    r"|(?P<hh>\d\d)(?P<hm>\d\d)\s*(?:hours|hrs\.?)",
    re.IGNORECASE,
)
_AT = re.compile(r"^at\s+")
_RANGE_SPLIT = re.compile(_RANGE_SEP)
_TZ_TAIL = re.compile(r"\s*\(?(est|edt|cst|cdt|mst|mdt|pst|pdt|gmt|utc|local time)\)?\s*$", re.IGNORECASE)


_BRACKETED_RE = re.compile(r"\s*\[([^\[\]]+)\]\.?\s*")
"""A dateline the editors supplied whole, in brackets (``[Geneva, Switzerland, August 16,
1872.]``)."""


def _unbracket(text: str) -> tuple[str, int]:
    """The words inside an editors' bracket around the whole dateline, and their offset."""
    m = _BRACKETED_RE.fullmatch(text)
    return (m.group(1), m.start(1)) if m else (text, 0)


def _shift(span: tuple[int, int] | None, by: int) -> tuple[int, int] | None:
    return (span[0] + by, span[1] + by) if span else None


def parse_dateline(text: str) -> DatelineParts:
    """Place words, date words and the date value of a dateline; one the editors supplied
    whole in brackets is read inside them (the brackets stay outside both spans)."""
    inner, at = _unbracket(text)
    if at:
        parts = _parse_dateline(inner)
        return DatelineParts(
            parts.place, _shift(parts.place_span, at), _shift(parts.date_span, at), parts.date
        )
    return _parse_dateline(text)


def _parse_dateline(text: str) -> DatelineParts:
    """Place words, date words and the date value of a dateline (wrapped lines may be joined).

    Forgiving: whatever stands before the date is the place. Call :func:`looks_like_dateline`
    first to decide whether a line is a dateline at all.
    """
    m = _locate(text)
    if m is None:
        return DatelineParts(None, None, None, None)
    where = places.place_span(text, m.start())
    place = text[where[0] : where[1]] if where else None
    if m.group("undated"):
        return DatelineParts(place, where, m.span("undated"), None)
    end = m.end("time") if m.group("time") else m.end("date")
    return DatelineParts(place, where, (m.start("date"), end), _value(m, place))


def heading_dateline(head: str) -> DatelineParts | None:
    """The place and date a memorandum's heading ends with (``…, Department of State,
    Washington, July 3, 19581``; a glued footnote mark is allowed), which modern volumes repeat
    as the dateline. The place is the last segment before the date (after a comma or ``in``)
    and only when it names a known place; None when the heading does not end with a date."""
    # a footnote mark glued to the heading's last word: "19581" (1958 + note 1), "p.m.1"
    note = trailing_marker(head, "glued", "year")
    end = note.start() if note else len(head)
    parts = parse_dateline(head[:end])
    if parts.date_span is None or parts.place_span is None:
        return None
    s, e = parts.place_span
    comma, within = head.rfind(",", s, e), head.rfind(" in ", s, e)
    cut = max(s, comma + 1 if comma >= 0 else s, within + 4 if within >= 0 else s)
    while cut < e and head[cut].isspace():
        cut += 1
    words = head[cut:e]
    place = words if places.zone_for(words) and places.place_words_ok(words) else None
    value = parse_date(head[slice(*parts.date_span)], place) if parts.date else None
    return DatelineParts(place, (cut, e) if place else None, parts.date_span, value)


def parse_date(text: str, place: str | None = None) -> DateValue | None:
    """The value of date words alone (``June 16, 1958—2 p.m.``); None if not a date.

    ``place`` gives a clock time its offset when the place's zone is known.
    """
    m = _EXACT.match(text)
    if m is None or m.group("undated"):
        return None
    return _value(m, place)


def looks_like_dateline(line: str) -> bool:
    """True for a line (or joined wrapped lines) that is a dateline: optional place words,
    then a date with a year, optional time, '.', '(Received …)'. Strict, so that a body
    sentence that merely ends with a date is not taken for one."""
    if len(line) > 300:
        return False
    line = _unbracket(line)[0]
    m = _locate(line)
    if m is None:
        return False
    before = line[: m.start()]
    withheld = places.WITHHELD.search(before) is not None
    span = places.place_span(line, m.start())
    if span and not places.place_words_ok(line[span[0] : span[1]]):
        return False
    if m.group("undated"):
        return span is not None or withheld or "place" in m.group("undated").lower()
    value = _value(m, None)
    if value is None:
        return False
    shown = value.when or value.from_ or value.not_before or ""
    return len(shown) >= 10 or (len(shown) == 7 and (span is not None or withheld))


def doc_datetime_bounds(value: DateValue) -> tuple[str, str] | None:
    """``frus:doc-dateTime-min``/``max`` as ``update-frus-doc-dates.xsl`` computes them: the
    first of from/notBefore/when and of to/notAfter/when, widened to the first/last second
    they cover, a value without offset taken as -05:00, then adjusted to -05:00."""
    low = value.from_ or value.not_before or value.when
    high = value.to or value.not_after or value.when
    if not low or not high:
        return None
    lo, hi = _widen(low, high=False), _widen(high, high=True)
    if lo is None or hi is None:
        return None
    return lo.astimezone(_EST).isoformat(), hi.astimezone(_EST).isoformat()


# ---------------------------------------------------------------- the value of date words


def _value(m: re.Match[str], place: str | None) -> DateValue | None:
    """The DateValue of a located match (groups ``date``, ``circa``, ``time``)."""
    text, circa = m.group("date"), m.group("circa")
    if circa:
        text = text[text.index(circa) + len(circa) :]
    ends = _date_ends(text)
    if ends is None:
        return None
    first, last = ends
    if circa:
        return DateValue(not_before=_iso(first or last, edge=False), not_after=_iso(last, True))
    if first is not None:
        return DateValue(from_=_iso(first), to=_iso(last))
    timed = _with_time(last, m.group("time"), place) if m.group("time") and len(last) == 3 else None
    if isinstance(timed, tuple):
        return DateValue(from_=timed[0], to=timed[1])
    return DateValue(when=timed or _iso(last))


def _date_ends(text: str) -> tuple[tuple[int, ...] | None, tuple[int, ...]] | None:
    """(start, end) of the date words as (y[, m[, d]]) tuples; start is None for one date."""
    tokens = [(t.lastgroup, t.group()) for t in _TOKEN.finditer(text)]
    sides: list[dict[str, int]] = [{}]
    for i, (kind, word) in enumerate(tokens):
        if kind == "mon":
            sides[-1]["m"] = _MONTHS[word[:3].lower()]
        elif kind == "num":
            sides[-1]["y" if int(word) > 999 else "d"] = int(word)
        elif not _blank_day(tokens, i, sides[-1]):
            sides.append({})
    if len(sides) > 2:
        return None
    end = sides[-1]
    if "y" not in end or not 1776 <= end["y"] <= 2099:
        return None
    if len(sides) == 1:
        one = _checked(end)
        return (None, one) if one else None
    start = sides[0]
    if "m" not in end and "d" in end:
        end["m"] = start.get("m", 0)
    if "m" not in start and "d" in start:
        start["m"] = end.get("m", 0)
    if "y" not in start:
        start["y"] = end["y"] - (1 if start.get("m", 0) > end.get("m", 13) else 0)
    a, b = _checked(start), _checked(end)
    if not a or not b or _iso(a, edge=False) > _iso(b, edge=True):
        return None
    return a, b


def _blank_day(tokens: list[tuple[str | None, str]], i: int, side: dict[str, int]) -> bool:
    """Whether the dash at ``i`` stands for a day left blank (``July —, 1870``)."""
    after = tokens[i + 1] if i + 1 < len(tokens) else ("", "")
    before = tokens[i - 1][0] if i else ""
    return before == "mon" and "d" not in side and after[0] == "num" and int(after[1]) > 999


def _checked(side: dict[str, int]) -> tuple[int, ...] | None:
    """(y,), (y, m) or (y, m, d) when that is a real date, else None (Feb 30, day alone)."""
    y, m, d = side.get("y"), side.get("m"), side.get("d")
    if y is None or not 1776 <= y <= 2099 or (d is not None and not m):
        return None
    if not m:
        return (y,)
    if d is None:
        return (y, m)
    try:
        date(y, m, d)
    except ValueError:
        return None
    return (y, m, d)


def _iso(parts: tuple[int, ...], edge: bool | None = None) -> str:
    """``YYYY[-MM[-DD]]``; with ``edge`` False/True the first/last day the parts cover."""
    if edge is not None and len(parts) < 3:
        y, m = parts[0], (parts[1] if len(parts) > 1 else (12 if edge else 1))
        last = (date(y + m // 12, m % 12 + 1, 1) - timedelta(days=1)).day
        parts = (y, m, last if edge else 1)
    return "-".join(f"{p:04d}" if i == 0 else f"{p:02d}" for i, p in enumerate(parts))


# A clock reading: (hour 0–23, minute, UTC day of a date-time group or None, kind), kind being
# "a"/"p" (printed half-day, hour already converted), "24" (a 24-hour reading), "z" (UTC),
# "word" (noon, midnight) or "" (a bare number, which only a range's second time can complete).
_Clock = tuple[int, int, int | None, str]


def _with_time(day: tuple[int, ...], text: str, place: str | None) -> str | tuple[str, str] | None:
    """The dateTime (or a from/to pair for ``10:30–11:15 a.m.``) of a day and its time words."""
    text = _AT.sub("", text.strip(" \t\r\n,—–-"))
    tz = _TZ_TAIL.search(text)
    fixed = _TZ_NAMES.get(tz.group(1).lower()) if tz else None
    if tz:
        text = text[: tz.start()]
    clocks = [_clock(piece) for piece in _RANGE_SPLIT.split(text)]
    if len(clocks) > 2 or any(c is None for c in clocks):
        return None
    readings = [c for c in clocks if c is not None]
    if len(readings) == 2 and readings[0][3] in ("", "24") and readings[0][0] <= 12:
        # "10:30–11:15 a.m." / "11:30–1 p.m.": the first time borrows the second's half-day
        (h, mi, _, _), second = readings[0], readings[1]
        ap = "p" if second[0] >= 12 else "a"
        if _hour(h, ap) * 60 + mi > second[0] * 60 + second[1]:
            ap = "a"
        readings[0] = (_hour(h, ap), mi, None, ap)
    stamps = [_stamp(day, c, place, fixed) for c in readings]
    if stamps[0] is None or stamps[-1] is None:
        return None
    return stamps[0] if len(stamps) == 1 else (stamps[0], stamps[1])


def _hour(h: int, ap: str) -> int:
    return h % 12 + (12 if ap == "p" else 0)


def _clock(text: str) -> _Clock | None:
    """One clock reading of the time words, or None when it is no valid time."""
    m = _CLOCK_PARTS.fullmatch(text.strip())
    if m is None:
        return None
    if m.group("word"):
        return (12 if m.group("word").lower() == "noon" else 0), 0, None, "word"
    if m.group("dtg"):
        h, mi, dd = int(m.group("zh")), int(m.group("zm")), int(m.group("dd") or 0)
        return (h, mi, dd or None, "z") if h < 24 and mi < 60 else None
    if m.group("hh"):
        h, mi = int(m.group("hh")), int(m.group("hm"))
        return (h, mi, None, "24") if h < 24 and mi < 60 else None
    h, mi = int(m.group("h")), int(m.group("mi") or 0)
    ap = (m.group("ap") or "").lower()
    if mi > 59 or h > 23 or (ap and not 1 <= h <= 12):
        return None
    if ap:
        return _hour(h, ap), mi, None, ap
    return h, mi, None, ("24" if m.group("mi") else "")


def _stamp(day: tuple[int, ...], clock: _Clock, place: str | None, fixed: int | None) -> str | None:
    """``YYYY-MM-DDThh:mm:00`` plus the offset (zone name printed, UTC group, or the place's)."""
    h, mi, utc_day, kind = clock
    if not kind:
        return None  # a bare "5" with no a.m./p.m. is no time
    when = datetime(day[0], day[1], day[2], h, mi)
    if kind == "z":
        fixed = 0
        near = [when + timedelta(days=k) for k in (0, 1, -1)]
        when = next((w for w in near if w.day == utc_day), when) if utc_day else when
    if fixed is not None:
        return when.isoformat() + places.format_offset(timedelta(hours=fixed))
    return when.isoformat() + (zone_offset(place, when) or "")


# ---------------------------------------------------------------------- frus:doc-dateTime

_EST = timezone(timedelta(hours=-5))
_VALUE = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d:\d\d)(:\d\d(?:\.\d+)?)?)?)?)?(Z|[+-]\d\d:\d\d)?")


def _widen(value: str, high: bool) -> datetime | None:
    """The first (or last) second a TEI date value covers, as an aware datetime."""
    m = _VALUE.fullmatch(value.strip())
    if m is None:
        return None
    y, mo, d, hm, sec, tz = m.groups()
    try:
        if d is None:
            day = _iso((int(y), int(mo) if mo else (12 if high else 1)), edge=high)
        else:
            day = f"{y}-{mo}-{d}"
        clock = f"{hm}{sec or (':59' if high else ':00')}" if hm else ("23:59:59" if high else "")
        return datetime.fromisoformat(f"{day}T{clock or '00:00:00'}{tz or '-05:00'}")
    except ValueError:
        return None
