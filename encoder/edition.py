"""The edition: one ordered collection of documents, loaded once and handed to every output.

A build reads its inputs (an edition folder, loose files, or a FRUS-style volume TEI
file), encodes or loads each document exactly once and collects the result here. Every
output (HTML, print, CMIF, tables, …) receives the same :class:`Edition` and never reads
the input again: the order of the documents, their keys, their page names and their
metadata are decided once, in this module, so the index, prev/next, the contents, the
PDF bookmarks and every export agree.

Order inside a chapter (issue 8): by document number where every document of the chapter
has one, in natural order (39 before 129, 75a after 75); else by date; else by the
natural order of the file names. Ties keep input order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .errors import Diagnostic

# ------------------------------------------------------------------ metadata


@dataclass(slots=True)
class EditionMeta:
    """What ``edition.toml`` says of the edition as a whole (all optional but the title)."""

    title: str = "telegram-tei edition"
    subtitle: str = ""
    short_title: str = ""
    """For running heads; the title when empty."""
    editors: list[str] = field(default_factory=list)
    publisher: str = ""
    place: str = ""
    date: str = ""
    licence: str = ""
    licence_url: str = ""
    identifier: str = ""
    """A short id such as ``frus1945Berlinv01``: the edition TEI's ``xml:id`` and bag id."""
    base_url: str = ""
    """Where the edition will live (permalinks, citations, canonical links); ends in ``/``."""
    language: str = "en"
    title_given: bool = False
    """True when the title came from the user (``edition.toml`` or ``--title``)."""


@dataclass(slots=True)
class Person:
    """One entry of the persons list the volume prints in its front matter."""

    id: str
    """Stable ``xml:id`` (``p_AchesonDeanG``), derived from the name."""
    name: str
    """As listed, surname first: ``Acheson, Dean G.``."""
    description: str = ""
    line: int = 0
    """Line of ``persons.txt`` (or of the volume TEI) it was read from."""


@dataclass(slots=True)
class Term:
    """One entry of the abbreviations and terms list."""

    id: str
    term: str
    definition: str = ""
    line: int = 0


@dataclass(slots=True)
class Party:
    """A sender or a recipient as the document's header names them."""

    name: str
    kind: str = "person"
    """``person`` (a ``persName``) or ``office`` (an office or an organisation)."""
    ref: str = ""
    """``#p_…`` when linked to the persons list."""


@dataclass(slots=True)
class DocMeta:
    """What every edition-level output needs of one document, read from its TEI once.

    Kept small and picklable: index pages, tables, CMIF and the order are made from
    these, never from copies of the trees.
    """

    xml_id: str
    number: str = ""
    """``div/@n`` as printed (``580``, ``75a``); empty for an unnumbered document."""
    title: str = ""
    """The head's text without its notes."""
    doc_type: str = ""
    """Telegram, Memorandum of Conversation, … (``keywords`` of the document type)."""
    subtype: str = ""
    """``div/@subtype``: ``historical-document`` or ``editorial-note``."""
    date_when: str = ""
    """The dateline's ``@when`` (ISO 8601, possibly with time and offset)."""
    date_min: str = ""
    date_max: str = ""
    """``frus:doc-dateTime-min/max``: the span the document's date stands for."""
    date_text: str = ""
    """The dateline's date as printed."""
    place: str = ""
    """The dateline's ``placeName``."""
    senders: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)
    markings: dict[str, list[str]] = field(default_factory=dict)
    """``classification``/``precedence``/``handling`` → the terms as printed."""
    persons: list[Party] = field(default_factory=list)
    """Every person the document names (heading, signature, text), in order, unique."""
    signers: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    """``pb/@n`` in order: the FRUS pages this document stands on."""
    source: str = ""
    """The source note's text."""

    @property
    def sort_date(self) -> str:
        """The earliest ISO date known for the document ('' when undated)."""
        return self.date_min or self.date_when


@dataclass(slots=True)
class Entry:
    """One document of the edition: where it came from, where it goes, what it says."""

    key: str
    """Unique in the edition: the document's ``xml:id``, prefixed when two clash."""
    meta: DocMeta
    source_file: str
    """The input as the user named it (every message about the document names it)."""
    tei_path: str = ""
    """Relative to the output folder (``tei/d580.xml``); '' for a volume-TEI input."""
    page: str = ""
    """The HTML page's file name (``d580.html``)."""
    chapter: Chapter | None = field(default=None, repr=False)
    root: etree._Element | None = field(default=None, repr=False)
    """The document's ``TEI`` element, built or parsed once. Outputs read, never modify."""
    valid: bool = True
    position: int = 0
    """1-based place in the edition's order."""

    @property
    def div(self) -> etree._Element | None:
        """The ``div[@type='document']`` of the document (its text as the volume holds it)."""
        if self.root is None:
            return None
        found = self.root.find(".//{http://www.tei-c.org/ns/1.0}div[@type='document']")
        return found


@dataclass(slots=True)
class Chapter:
    """A chapter (a folder of the edition); chapters nest."""

    id: str
    title: str
    """'' for the unnamed first chapter of top-level files."""
    entries: list[Entry] = field(default_factory=list)
    children: list[Chapter] = field(default_factory=list)
    parent: Chapter | None = field(default=None, repr=False)
    source: str = ""
    """The folder the chapter was read from."""

    def walk(self) -> Iterator[Chapter]:
        """This chapter, then its sub-chapters depth first."""
        yield self
        for child in self.children:
            yield from child.walk()

    def all_entries(self) -> Iterator[Entry]:
        """Documents of this chapter and its sub-chapters, in edition order."""
        yield from self.entries
        for child in self.children:
            yield from child.all_entries()

    @property
    def trail(self) -> list[Chapter]:
        """The chapters from the top down to this one (for breadcrumbs)."""
        chain: list[Chapter] = []
        node: Chapter | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]


@dataclass(slots=True)
class Edition:
    """The whole edition, in order. Built once per run; every output reads it."""

    meta: EditionMeta
    chapters: list[Chapter] = field(default_factory=list)
    persons: list[Person] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    """Edition-level warnings (duplicate chapters, numbers used twice, unlinked names)."""

    @property
    def documents(self) -> list[Entry]:
        """Every document, in edition order (chapters in order, depth first)."""
        return [e for chapter in self.chapters for e in chapter.all_entries()]

    def walk_chapters(self) -> Iterator[Chapter]:
        for chapter in self.chapters:
            yield from chapter.walk()

    def by_key(self) -> dict[str, Entry]:
        return {e.key: e for e in self.documents}

    def finish(self) -> None:
        """Order every chapter, give each document a unique key, a page and a position.

        Called once after all documents are added; idempotent.
        """
        for chapter in self.walk_chapters():
            chapter.entries = order_entries(chapter.entries)
            for entry in chapter.entries:
                entry.chapter = chapter
        _assign_keys(self.documents)
        for position, entry in enumerate(self.documents, start=1):
            entry.position = position
            entry.page = f"{entry.key}.html"
        self._warn_duplicates()

    def _warn_duplicates(self) -> None:
        titles: dict[str, int] = {}
        for chapter in self.walk_chapters():
            if chapter.title:
                titles[chapter.title.casefold()] = titles.get(chapter.title.casefold(), 0) + 1
            if chapter.title and not any(True for _ in chapter.all_entries()):
                self.warn(f"chapter '{chapter.title}' holds no document", chapter.source, "edition.empty")
            numbers: dict[str, list[Entry]] = {}
            for entry in chapter.entries:
                if entry.meta.number:
                    numbers.setdefault(entry.meta.number, []).append(entry)
            for number, same in numbers.items():
                if len(same) > 1:
                    files = ", ".join(e.source_file for e in same)
                    self.warn(
                        f"document number {number} is used {len(same)} times in one chapter: {files}",
                        same[1].source_file,
                        "edition.number",
                    )
        for title, count in titles.items():
            if count > 1:
                self.warn(f"{count} chapters have the title '{title}'", "", "edition.chapter")

    def warn(self, message: str, file: str = "", code: str = "edition", line: int | None = None) -> None:
        self.diagnostics.append(Diagnostic("warning", message, file, line, code))


_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MAX_TITLE = 200


def clean_title(text: str) -> str:
    """A user's title as one line of at most 200 characters that XML can carry ('' if blank).

    The serializers escape it, so a title is always text, never markup.
    """
    return " ".join(_NOT_XML.sub(" ", text).split())[:_MAX_TITLE].rstrip()


# ------------------------------------------------------------------ order


_NUMBER = re.compile(r"(\d+)([A-Za-z]*)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Split digits from the rest so that ``d39`` < ``d129`` and ``75`` < ``75a`` < ``76``."""
    parts = re.split(r"(\d+)", text.casefold())
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts if p != "")


def order_entries(entries: list[Entry]) -> list[Entry]:
    """Number order when every document has a number; else date order when every one is
    dated; else natural order of file names. ``sorted`` is stable, so ties keep input order."""
    if entries and all(_NUMBER.fullmatch(e.meta.number) for e in entries):
        return sorted(entries, key=lambda e: natural_key(e.meta.number))
    if entries and all(e.meta.sort_date for e in entries):
        return sorted(entries, key=lambda e: (e.meta.sort_date, natural_key(Path(e.source_file).name)))
    return sorted(entries, key=lambda e: natural_key(Path(e.source_file).name))


_KEY_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def _assign_keys(entries: list[Entry]) -> None:
    """Keys are the ``xml:id`` where it is unique in the edition; a clash is resolved by
    prefixing the chapter's id (``ch2-d44``), then a counter. Deterministic: it depends
    only on the order."""

    def base_of(entry: Entry) -> str:
        return _xml_id(entry.meta.xml_id.strip() or Path(entry.source_file).stem)

    counts: dict[str, int] = {}
    for entry in entries:
        counts[base_of(entry)] = counts.get(base_of(entry), 0) + 1
    taken: set[str] = set()
    tried: dict[str, int] = {}
    """Key → the last counter tried: every smaller one is taken already (linear, not
    quadratic, when thousands of documents share an id)."""
    for entry in entries:
        base = base_of(entry)
        key = base
        if counts[base] > 1 and entry.chapter is not None:
            key = f"{entry.chapter.id}-{base}"
        n = tried.get(key.casefold(), 1)
        candidate = key if n == 1 else f"{key}-{n}"
        while candidate.casefold() in taken or candidate.casefold() == "index":
            n += 1
            candidate = f"{key}-{n}"
        tried[key.casefold()] = n
        taken.add(candidate.casefold())
        entry.key = candidate


def _xml_id(text: str) -> str:
    """``text`` made an NCName: unsafe runs become ``_``, a leading digit gets a ``d``."""
    cleaned = _KEY_UNSAFE.sub("_", text).strip("_.-") or "doc"
    return cleaned if re.match(r"[A-Za-z_]", cleaned) else f"d{cleaned}"
