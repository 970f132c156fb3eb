"""What a single line looks like: a signature, a heading, an address, a salutation.

Shared by the block rules (:mod:`.body` keeps such lines apart when it joins wrapped
lines), the closer rules (:mod:`.closer`), the note list and the document splitter. Each
predicate reads one line of text; the words come from :mod:`encoder.vocabulary`.
"""

from __future__ import annotations

import re

from ..vocabulary import CLOSING_WORDS, SALUTE_RE, strip_trailing_marker

_NAME_WORD = (
    r"(?:(?:(?:Mc)?[A-Z][a-z]{0,2}\.){2,4}|[A-Z][\w’'\-]*(?:\[[a-z’'\-]+\.?\])?\.?|[A-Z]\.|Mc[A-Z][\w’']*\.?"
    r"|de|van|von|da|del|la|le|du|y)"
)
"""A word of a signature; ``C[ordell] H[ull]`` keeps the editors' completion in brackets."""
_NAME_RE = re.compile(rf"^[“\"]?{_NAME_WORD}(?:,?\s+{_NAME_WORD}){{0,5}}[.,”\"]*$")
_INITIALS_RE = re.compile(r"(?:(?:Mc)?[A-Z][a-z]{0,2}\.){2,4}")
"""Initials as a signature: ``H.A.K.``, ``McG.B.``."""
ADDRESS_RE = re.compile(
    r"&c\.|\bEsq\.|^His Excellency|^Her Excellency|^To the\b|^Hon\.|^Honorable\b|^The Honorable\b"
)
"""Address lines that follow a signature in 19th-century despatches (a postscript)."""


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


def is_caps_signature(text: str) -> bool:
    """True for a signature in capitals (``JOHN LOTHROP MOTLEY.``), as 19th-century print has."""
    t = strip_trailing_marker(text.strip(), "glued").strip('“”"')
    letters = re.sub(r"[^A-Za-z]", "", t)
    return is_name_line(t) and len(letters) >= 3 and letters.isupper() and " " in t.strip(". ")


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
