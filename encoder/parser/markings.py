"""Classification, precedence and handling markings, wherever a style puts them.

Legacy volumes print them as small-capital lines under the heading, which a copy gives in
lower case (``very secret``, ``us urgent``, ``informal and secret``); modern volumes give
them only inside the source note (``Source: … Top Secret; Niact; Limit Distribution.``).
"""

from __future__ import annotations

import re

from ..model import Marking
from ..vocabulary import MARKING_CORE, MARKING_KIND, MARKING_PATTERN, MARKING_WORDS

_KIND = MARKING_KIND
_IN_NOTE_RE = re.compile(MARKING_PATTERN, re.IGNORECASE)

_RUN_RE = re.compile(rf"{_IN_NOTE_RE.pattern}(?:[\s,]+{_IN_NOTE_RE.pattern})*", re.IGNORECASE)
"""One part of a marking list, possibly several markings run together (``Niact Immediate``)."""


def is_marking_line(text: str) -> bool:
    """True for a short opener line made only of marking words (``us urgent``)."""
    words = re.findall(r"[A-Za-z]+", text)
    if not words or len(words) > 8 or re.search(r"[0-9:]", text):
        return False
    if re.sub(r"[A-Za-z\s,.;/—–\-]", "", text):
        return False
    low = [w.lower() for w in words]
    return all(w in MARKING_WORDS for w in low) and any(w in MARKING_CORE for w in low)


def kind_of(text: str) -> str:
    """The kind of a marking phrase: classification, precedence or handling."""
    low = " ".join(text.lower().split()).strip(" .,;")
    if low in _KIND:
        return _KIND[low]
    for word, kind in sorted(_KIND.items(), key=lambda kv: -len(kv[0])):
        if word in low:
            return kind
    return "handling"


def from_line(text: str) -> list[Marking]:
    """The markings a marking line states (``TOP SECRET; NIACT`` is two), as printed."""
    parts = [" ".join(p.split()).strip(" .,") for p in re.split(r"[;/—–]", text)]
    return [Marking(p, kind_of(p)) for p in parts if p]


def from_source_note(text: str) -> list[Marking]:
    """The markings named in a modern source note, after its archival citation.

    Only the sentences after the citation are read (``Source: …, 783A.00/6–1658. Top
    Secret; Niact.``) and only up to the first sentence that is not a marking list
    (``Drafted by …``), so that ordinary words later in the note are not taken.
    """
    body = re.sub(r"^\s*\[?Source:\s*", "", text)
    found: list[Marking] = []
    seen: set[str] = set()
    for sentence in re.split(r"(?<=[.])\s+", body):
        parts = [p.strip(" .") for p in sentence.split(";")]
        hits = [h for p in parts if p and _RUN_RE.fullmatch(p) for h in _IN_NOTE_RE.findall(p)]
        if not hits:
            continue
        for p in hits:
            if p.lower() not in seen:
                seen.add(p.lower())
                found.append(Marking(p, kind_of(p)))
    return found
