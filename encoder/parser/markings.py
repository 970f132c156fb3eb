"""Classification, precedence and handling markings, wherever a style puts them.

Legacy volumes print them as small-capital lines under the heading, which a copy gives in
lower case (``very secret``, ``us urgent``, ``informal and secret``); modern volumes give
them only inside the source note (``Source: … Top Secret; Niact; Limit Distribution.``).
"""

from __future__ import annotations

import re

from ..model import Marking

CLASSIFICATION = (
    "top secret",
    "secret",
    "confidential",
    "restricted",
    "limited official use only",
    "limited official use",
    "official use only",
    "unclassified",
    "no classification marking",
    "very secret",
    "strictly confidential",
    "most secret",
    "personal and secret",
    "personal and confidential",
    "informal and secret",
    "secret and personal",
    "secret and confidential",
    "strictly secret",
    "private and confidential",
)
PRECEDENCE = (
    "flash",
    "niact",
    "operational immediate",
    "immediate",
    "priority",
    "routine",
    "us urgent",
    "urgent",
    "triple priority",
    "most immediate",
    "important",
)
HANDLING = (
    "exdis",
    "nodis",
    "limdis",
    "eyes only",
    "noforn",
    "sensitive",
    "personal",
    "private",
    "for the secretary",
    "plain",
    "gray",
    "green",
    "confidential file",
    "rybat",
    "limit distribution",
    "limited distribution",
    "security information",
)
_KIND = {w: "classification" for w in CLASSIFICATION}
_KIND.update({w: "precedence" for w in PRECEDENCE})
_KIND.update({w: "handling" for w in HANDLING})

_VOCAB = {
    "top",
    "secret",
    "confidential",
    "restricted",
    "limited",
    "official",
    "use",
    "only",
    "unclassified",
    "very",
    "strictly",
    "most",
    "personal",
    "and",
    "informal",
    "private",
    "flash",
    "niact",
    "operational",
    "immediate",
    "priority",
    "routine",
    "us",
    "urgent",
    "triple",
    "important",
    "exdis",
    "nodis",
    "limdis",
    "eyes",
    "noforn",
    "sensitive",
    "for",
    "the",
    "secretary",
    "plain",
    "gray",
    "green",
    "not",
    "to",
    "be",
    "distributed",
    "mostly",
    "highly",
    "rybat",
    "security",
    "information",
}
_CORE = {
    "secret",
    "confidential",
    "restricted",
    "unclassified",
    "urgent",
    "priority",
    "niact",
    "immediate",
    "flash",
    "routine",
    "exdis",
    "nodis",
    "limdis",
    "noforn",
    "private",
    "personal",
    "plain",
    "gray",
    "green",
}
_IN_NOTE_RE = re.compile(
    r"(?<![A-Za-z])("
    + "|".join(sorted((re.escape(w) for w in _KIND), key=len, reverse=True))
    + r")(?![A-Za-z])",
    re.IGNORECASE,
)

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
    return all(w in _VOCAB for w in low) and any(w in _CORE for w in low)


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
