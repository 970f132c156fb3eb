"""The block rules for a document's top: source line, number, heading and opener.

An ordered rule table in the manner of markdown-it's block rules: each rule looks at the
cursor's line, and either consumes lines and records what it read, or leaves the state
untouched and returns False. The first rule that matches wins.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import dates
from ..vocabulary import KIND_START_RE, LABEL_RE, strip_trailing_marker
from .inline import PAGE_LINE_RE
from .lines import Line
from .markings import is_marking_line

FILE_LINE_RE = re.compile(
    r"^(?:File No\.\s*)?(?:[A-Z][\w.]*(?:\s[A-Z][\w.]*){0,3}\s)?(?:FW\s)?\d{2,4}[0-9A-Za-z.]*"
    r"(?:\s?\(?[A-Z][A-Za-z.]*\)?(?:\s\d{4})?|\s[a-z0-9]{1,3}){0,4}\s?/[^\s:]+(?::\s+(?P<kind>.{1,60}))?$"
)
"""``761.94/7–2145: Telegram``, ``File No. 861.77/267``, ``740.00119 Potsdam/7–2145``,
``500.A15 a 1/463: Telegram``, ``Paris Peace Conf. 811.001/11: Telegram``."""
NO_LINE_RE = re.compile(r"^No\.\s*(\d+[A-Z]?)\.?$")
"""``No. 580``, ``No. 39.``: the printed document number of older volumes."""
MODERN_HEAD_RE = re.compile(r"^(\d{1,4}[A-Z]?)\.\s+(\S.*)$")
"""``86. Telegram From the Embassy in Lebanon …``: number and heading on one line."""
SERIAL_RE = re.compile(r"^\[?No\.\s*\d+[A-Z]?\.?\]?$")
"""``No. 502.]``, ``No. 1234``: a despatch's own number under its heading (the document
number, ``No. 44.``, stands above the heading and is read by ``_number``)."""
RECEIVED_RE = re.compile(r"^\[Received\b[^\]]*\]\S*$")
AIRGRAM_NO_RE = re.compile(
    r"^[A-Z]{1,3}[-–‑]\d{1,5}\.?$|^(?:[A-Z]\.){2,5}\s?\d{1,6}(?:/\d{1,4})?$|^[A-Z]{2,6}\s\d{1,6}/\d{1,4}$"
)
"""A paper's own number under its heading: an airgram's (``CA–1234``, ``A-57``), a Combined
or Joint Chiefs paper's (``C.C.S. 417/8``), a council paper's (``NSC 5412/2``)."""
INDICATOR_RE = re.compile(r"^[A-Z][A-Za-z]{2,12}(?:-| )\d{1,6}\.?$")
"""A telegram's circuit label under the markings (``Victory-51``, ``War 32887``)."""


@dataclass(slots=True)
class Preamble:
    """What the top of a document said, with the input lines it came from."""

    source_line: Line | None = None
    number_line: Line | None = None
    number: str | None = None
    heading: Line | None = None
    modern: bool = False
    opener: list[tuple[str, list[Line]]] = field(default_factory=list)
    before_head: int = 0
    """How many opener items stand above the heading (``[Extract.]`` over ``Mr. Seward to …``)."""
    """Opener items in order: (``label``|``marking``|``serial``|``received``|``dateline``, lines)."""


@dataclass(slots=True)
class Cursor:
    """The lines of the document and the index of the next unread line."""

    lines: list[Line]
    pos: int = 0

    def skip_blank(self) -> None:
        while self.pos < len(self.lines) and self.lines[self.pos].blank:
            self.pos += 1

    def peek(self, ahead: int = 0) -> Line | None:
        """The ``ahead``-th non-blank line from the cursor, without moving."""
        i = self.pos
        seen = 0
        while i < len(self.lines):
            if not self.lines[i].blank:
                if seen == ahead:
                    return self.lines[i]
                seen += 1
            i += 1
        return None

    def take(self) -> Line:
        """Consume and return the next non-blank line."""
        self.skip_blank()
        ln = self.lines[self.pos]
        self.pos += 1
        return ln


Rule = Callable[[Cursor, Preamble], bool]


def _source(cur: Cursor, pre: Preamble) -> bool:
    ln = cur.peek()
    if ln is None or pre.source_line or pre.heading:
        return False
    text = ln.stripped
    nxt = cur.peek(1)
    if FILE_LINE_RE.match(text):
        pre.source_line = cur.take()
        return True
    # an archival citation standing alone above a heading ("Policy Planning Staff Files")
    if (
        nxt is not None
        and len(text) < 70
        and _CITATION_END_RE.search(strip_trailing_marker(text, "glued"))
        and not MODERN_HEAD_RE.match(text)
    ):
        pre.source_line = cur.take()
        return True
    return False


_CITATION_END_RE = re.compile(
    r"\b(?i:files?|papers|records|collection|archives?)\b\.?$|^[A-Z][\w./–-]*(?: [A-Z][\w./–-]*){0,4} Files: \S"
)
"""How an archival citation alone above a heading ends (``INR–NIE files``, ``J.C.S. Files``),
or the collection and folder it names (``IO Files: US/A/AC. 18/151``)."""


def _number(cur: Cursor, pre: Preamble) -> bool:
    ln = cur.peek()
    if ln is None or pre.number_line or pre.heading:
        return False
    m = NO_LINE_RE.match(ln.stripped)
    if not m:
        return False
    pre.number_line = cur.take()
    pre.number = m.group(1)
    return True


def _heading(cur: Cursor, pre: Preamble) -> bool:
    ln = cur.peek()
    if ln is None or pre.heading:
        return False
    m = MODERN_HEAD_RE.match(ln.stripped)
    if m and pre.source_line is None and pre.number_line is None:
        pre.number = m.group(1)
        pre.modern = True
    pre.before_head = len(pre.opener)
    pre.heading = cur.take()
    # a heading the copy wrapped: "… (Smith) to the" / "Secretary of State1"
    while _continues_heading(cur, pre.heading.stripped):
        nxt = cur.take()
        pre.heading = Line(f"{pre.heading.stripped} {nxt.stripped}", pre.heading.no)
    return True


_OPEN_END_RE = re.compile(r"(?:\b(?:to|the|of|and|from|in|at|for|on|with|between|by)|[,(—–-])$")
_GOES_ON_RE = re.compile(r"^(?:to|of|and|in|at|on|for|the)\s")


_TITLE_RUN_RE = re.compile(
    r"^[A-Z][\w’'.\-]*(?:\s+(?:[A-Z][\w’'.\-]*|of|the|and|in|at|for|to|de|von|van))*"
    r"(?:\s*\([A-Z][^()]*\))?\d{0,2}$"
)
"""The rest of a long heading the copy wrapped: title words only, a person in parentheses
and a marker at most (``Ambassador (Halifax)1``, ``Secretary of State Dulles``)."""


def _continues_heading(cur: Cursor, text: str) -> bool:
    """True when the next line finishes a heading cut in two: the heading ends on a word
    that cannot end one (``to the``), or the next line goes on with one (``of State``).
    Only a line that follows without a blank line, and that no opener rule claims."""
    if cur.pos >= len(cur.lines) or cur.lines[cur.pos].blank:
        return False
    nxt = cur.lines[cur.pos].stripped
    if len(text) + len(nxt) > 400:
        return False
    cues = (
        _OPEN_END_RE.search(text)
        or _GOES_ON_RE.match(nxt)
        or nxt.startswith("(")
        or text.count("(") > text.count(")")
        or (
            len(text) >= 55
            and len(nxt) < 50
            and _TITLE_RUN_RE.match(nxt)
            and (" " in nxt or "(" in nxt)
            and not KIND_START_RE.match(nxt)
        )
    )
    if not cues:
        return False
    if any(r.match(nxt) for r in (LABEL_RE, SERIAL_RE, RECEIVED_RE, FILE_LINE_RE)):
        return False
    return not (is_marking_line(nxt) or dates.looks_like_dateline(nxt))


def _label(cur: Cursor, pre: Preamble) -> bool:
    ln = cur.peek()
    if ln is None:
        return False
    text = ln.stripped
    if not pre.heading:
        # a label over the heading ("[Extract.]" / "Mr. Seward to Mr. Dayton")
        nxt = cur.peek(1)
        if LABEL_RE.match(text) and nxt is not None and not LABEL_RE.match(nxt.stripped):
            pre.opener.append(("label", [cur.take()]))
            return True
        return False
    rules = [("label", LABEL_RE), ("serial", SERIAL_RE), ("serial", AIRGRAM_NO_RE), ("received", RECEIVED_RE)]
    if any(k == "marking" for k, _ in pre.opener):
        rules.append(("serial", INDICATOR_RE))
    for kind, regex in rules:
        if regex.match(text):
            pre.opener.append((kind, [cur.take()]))
            return True
    if is_marking_line(text):
        pre.opener.append(("marking", [cur.take()]))
        return True
    return False


def _dateline(cur: Cursor, pre: Preamble) -> bool:
    """A dateline, possibly wrapped over up to three lines by the copy."""
    if not pre.heading or any(kind == "dateline" for kind, _ in pre.opener):
        return False
    first = cur.peek()
    if first is None or len(first.stripped) > 160:
        return False
    for count in (1, 2, 3):
        parts = [cur.peek(k) for k in range(count)]
        if any(p is None for p in parts):
            break
        joined = strip_trailing_marker(" ".join(p.stripped for p in parts if p is not None), "glued")
        if len(joined) > 200:
            break
        if dates.looks_like_dateline(joined):
            # a longer join that is still a dateline wins ("… July 22, 1870. (Received August" / "3.)")
            best = count
            for more in range(count + 1, 4):
                extra = [cur.peek(k) for k in range(more)]
                if any(p is None for p in extra):
                    break
                j2 = strip_trailing_marker(" ".join(p.stripped for p in extra if p is not None), "glued")
                last = extra[-1]
                if last is not None and RECEIVED_RE.match(last.stripped):
                    break
                if dates.looks_like_dateline(j2) and len(j2) <= 200:
                    best = more
                else:
                    break
            pre.opener.append(("dateline", [cur.take() for _ in range(best)]))
            return True
    return False


def _page(cur: Cursor, pre: Preamble) -> bool:
    """A page break in the preamble, kept where it stands: over the heading (a document that
    begins a printed page), or between the heading and the dateline or marking lines under
    it (an e-volume's ``[Page 1]``); the preamble goes on after it. Not over a file line or
    number line, whose source note the TEI writes first."""
    ln = cur.peek()
    nxt = cur.peek(1)
    if ln is None or nxt is None or not PAGE_LINE_RE.match(ln.stripped):
        return False
    text = nxt.stripped
    if pre.heading is None:
        fits = not any(r.match(text) for r in (PAGE_LINE_RE, FILE_LINE_RE, NO_LINE_RE))
    else:
        fits = bool(dates.looks_like_dateline(text) or is_marking_line(text) or LABEL_RE.match(text))
    if not fits:
        return False
    pre.opener.append(("page", [cur.take()]))
    return True


RULES: list[Rule] = [_source, _number, _label, _page, _heading, _dateline]
"""The preamble rules in order; the loop stops at the first line no rule takes."""


def read_preamble(cur: Cursor) -> Preamble:
    """Run the rules until none matches: what remains is the document's body."""
    pre = Preamble()
    while True:
        cur.skip_blank()
        if cur.pos >= len(cur.lines):
            break
        if not any(rule(cur, pre) for rule in RULES):
            break
    return pre
