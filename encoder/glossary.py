"""The edition's persons and terms lists: reading them, and linking documents to them.

A FRUS volume prints both in its front matter, one entry a line:

    Acheson, Dean G., Secretary of State from January 1949
    NIACT, night action, requiring immediate attention

Each entry gets a stable id made from its words (``p_AchesonDeanG``, ``t_NIACT``), so
that permalinks survive a rebuild and a re-ordering of the list. Documents are linked as
the FRUS editors link them: ``persName/@corresp="#p_…"`` on the names of the heading,
signature and correspondence metadata, ``gloss/@target="#t_…"`` where a listed term
stands in the text. A name that matches no entry or more than one stays unlinked, and
the caller gets a warning saying which.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from .edition import Person, Term
from .errors import Diagnostic

TEI_NS = "http://www.tei-c.org/ns/1.0"
_T = f"{{{TEI_NS}}}"
_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
_TERM_SPLIT = re.compile(r"\s*(?:,|\s[—–-]\s|—|\t)\s*")


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def make_id(prefix: str, words: str, taken: set[str]) -> str:
    """``p_`` + the words' letters and digits (accents dropped), unique in ``taken``."""
    base = prefix + ("".join(ch for ch in _ascii(words) if ch.isalnum()) or "x")
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}{n}"
    taken.add(candidate)
    return candidate


def _lines(path: Path, diagnostics: list[Diagnostic]) -> list[tuple[int, str]]:
    """Entries with their line numbers; an indented line continues the entry above it."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        diagnostics.append(Diagnostic("warning", f"cannot read: {exc}", str(path), None, "edition.list"))
        return []
    entries: list[tuple[int, str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[:1].isspace() and entries:
            line, previous = entries[-1]
            entries[-1] = (line, f"{previous} {raw.strip()}")
        else:
            entries.append((number, re.sub(r"[^\S\t]+", " ", raw.strip())))  # a tab may separate
    return entries


def read_persons(path: Path, diagnostics: list[Diagnostic]) -> list[Person]:
    """``Surname, Given names[, Jr.], description`` per line; a line without a readable
    name (no letter before the first comma) is a warning naming its line."""
    taken: set[str] = set()
    persons: list[Person] = []
    for number, entry in _lines(path, diagnostics):
        parts = [p.strip() for p in entry.split(",")]
        if not parts[0] or not any(ch.isalpha() for ch in parts[0]):
            message = f"cannot read a name in this persons line: {entry[:60]!r}"
            diagnostics.append(Diagnostic("warning", message, str(path), number, "edition.persons"))
            continue
        name_parts = parts[:2]
        rest = parts[2:]
        if rest and rest[0].casefold() in _SUFFIXES:
            name_parts.append(rest.pop(0))
        name = ", ".join(p for p in name_parts if p)
        persons.append(Person(make_id("p_", name, taken), name, ", ".join(rest), number))
    return persons


def read_terms(path: Path, diagnostics: list[Diagnostic]) -> list[Term]:
    """``TERM, definition`` (or ``TERM — definition``, or a tab) per line."""
    taken: set[str] = set()
    terms: list[Term] = []
    for number, entry in _lines(path, diagnostics):
        parts = _TERM_SPLIT.split(entry, maxsplit=1)
        if len(parts) != 2 or not parts[0] or not parts[1]:
            message = f"cannot read 'term, definition' in this terms line: {entry[:60]!r}"
            diagnostics.append(Diagnostic("warning", message, str(path), number, "edition.terms"))
            continue
        terms.append(Term(make_id("t_", parts[0], taken), parts[0], parts[1], number))
    return terms


# ------------------------------------------------------------------ matching names


def _tokens(text: str) -> list[str]:
    return [t for t in re.split(r"[\s.]+", _ascii(text).casefold()) if t]


@dataclass(slots=True)
class _Key:
    person: Person
    surname: list[str]
    given: list[str]


class PersonIndex:
    """Finds the list entry a name in a document stands for, by surname and given names.

    ``Acheson``, ``Dean Acheson``, ``D. G. Acheson`` and ``Acheson, Dean`` all find
    ``Acheson, Dean G.``; ``John Acheson`` does not. A surname shared by two entries with
    nothing in the name to tell them apart is ambiguous and stays unlinked.
    """

    def __init__(self, persons: list[Person]) -> None:
        self.keys: list[_Key] = []
        for person in persons:
            surname, _, given = person.name.partition(",")
            given_tokens = [t for t in _tokens(given) if t not in _SUFFIXES]
            self.keys.append(_Key(person, _tokens(surname), given_tokens))

    def match(self, name: str) -> list[Person]:
        """Every entry ``name`` may stand for (one is a link, none or several are not)."""
        if "," in name:
            surname, _, given = name.partition(",")
            s_tokens, g_tokens = _tokens(surname), _tokens(given)
        else:
            tokens = [t for t in _tokens(name) if t not in _SUFFIXES]
            s_tokens, g_tokens = tokens, []
        found: list[Person] = []
        for key in self.keys:
            n = len(key.surname)
            if not key.surname or len(s_tokens) < n or s_tokens[-n:] != key.surname:
                continue
            given = g_tokens or s_tokens[:-n]
            if all(_compatible(g, key.given) for g in given):
                found.append(key.person)
        return found


def _compatible(token: str, given: list[str]) -> bool:
    """A given name or initial in a document agrees with some given name of the entry."""
    if not given:
        return False
    return any(g == token or (len(token) == 1 and g.startswith(token)) for g in given)


# ------------------------------------------------------------------ linking a document


_LINKED_PERSONS = (
    f"{_T}head",
    f"{_T}closer",
    f"{_T}correspDesc",
    f"{_T}dateline",
)


def link_document(
    root: etree._Element, persons: PersonIndex | None, terms: list[Term], source: str
) -> list[Diagnostic]:
    """Link the names and terms of one document's TEI in place; return the warnings."""
    warnings: list[Diagnostic] = []
    if persons is not None and persons.keys:
        for container in (e for tag in _LINKED_PERSONS for e in root.iter(tag)):
            for name in container.iter(f"{_T}persName"):
                _link_person(name, persons, source, warnings)
    if terms:
        _link_terms(root, terms)
    return warnings


def _link_person(name: etree._Element, persons: PersonIndex, source: str, warnings: list[Diagnostic]) -> None:
    if name.get("corresp"):
        return
    text = " ".join("".join(t for t in name.itertext()).split())
    if not text:
        return
    found = persons.match(text)
    if len(found) == 1:
        name.set("corresp", f"#{found[0].id}")
        return
    if found:
        ids = ", ".join(p.name for p in found[:3])
        message = f"name '{text}' matches {len(found)} entries of the persons list ({ids}); left unlinked"
    else:
        message = f"name '{text}' matches no entry of the persons list; left unlinked"
    warnings.append(Diagnostic("warning", message, source, name.sourceline, "edition.person"))


def _term_pattern(terms: list[Term]) -> re.Pattern[str] | None:
    words = sorted({t.term for t in terms if t.term}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(w) for w in words) + r")(?![\w-])")


_TERM_HOSTS = {f"{_T}p", f"{_T}item", f"{_T}seg", f"{_T}hi", f"{_T}note"}


def _link_terms(root: etree._Element, terms: list[Term]) -> None:
    """Wrap the first occurrence of each listed term in each paragraph in ``gloss``.

    Only text directly inside a paragraph, list item, note or ``hi`` is linked, never a
    name, a date or a term already linked; the words themselves stay as they are.
    """
    pattern = _term_pattern(terms)
    if pattern is None:
        return
    ids = {t.term: t.id for t in terms}
    for host in [e for e in root.iter(*_TERM_HOSTS)]:
        _wrap_in(host, pattern, ids)


def _wrap_in(host: etree._Element, pattern: re.Pattern[str], ids: dict[str, str]) -> None:
    # host.text first, then each child's tail: both belong to ``host``.
    slots: list[tuple[etree._Element | None, str]] = [(None, host.text or "")]
    slots += [(child, child.tail or "") for child in host]
    for owner, text in reversed(slots):
        found = list(pattern.finditer(text))
        if not found:
            continue
        pieces: list[etree._Element] = []
        before = text[: found[0].start()]
        for n, match in enumerate(found):
            gloss = etree.Element(f"{_T}gloss", target=f"#{ids[match.group(1)]}")
            gloss.text = match.group(1)
            end = found[n + 1].start() if n + 1 < len(found) else len(text)
            gloss.tail = text[match.end() : end]
            pieces.append(gloss)
        if owner is None:
            host.text = before
            for offset, piece in enumerate(pieces):
                host.insert(offset, piece)
        else:
            owner.tail = before
            index = host.index(owner)
            for offset, piece in enumerate(pieces, start=1):
                host.insert(index + offset, piece)
