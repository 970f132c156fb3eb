"""Cross-references inside an edition: "Document 145" and "p. 857" become TEI ``ref``.

FRUS links a reference to another document of the same volume as
``<ref target="#d145">Document 145</ref>`` and a page reference as
``<ref target="#pg_857">p. 857</ref>``. Whether a target is in the edition is known only
once the whole edition is (a chapter folder may hold document 145 after document 146), so
this runs over the edition's trees after :meth:`Edition.finish` and before any output:
``build.encode_edition`` and ``editiontei.load_edition`` call :func:`link_edition`.

What it does, in order:

1. **Ids unique in the edition.** A document whose key differs from its ``xml:id`` (two
   "No. 44" from two volumes) has its ids renamed to the key (``d44fn1`` → ``ch2-d44fn1``)
   and any other id that an earlier document already uses (``pg_152`` of two volumes) gets
   the key as a prefix (``d87-pg_152``). Pointers inside the document follow. After this
   the trees can be put side by side in ``tei/edition.xml`` as they are.
2. **Existing pointers** (``ref target="#d145"`` of a FRUS volume file, or
   ``frus1870_d145.xml#pg_857`` of our own per-document files) are resolved to the
   edition's ids.
3. **Text** "Document 145" / "see Document 145" and "p. 857" / "pp. 862–864" become a
   ``ref`` when the document or the page is in the edition. A number is looked up in the
   referring document's top-level chapter first (the dev corpus as one edition holds
   several "No. 44", one per volume), then in the whole edition when it is unique there.
   A reference that names another volume or book in the same sentence ("vol. ii, p. 25",
   "Foreign Relations, 1964–1968, vol. I, Document 347", "Gleijeses, Shattered Hope,
   p. 340") stays text: a page reference links only after nothing, or after "Ante,",
   "Post,", "see", "also", "cf." in its sentence.

The per-document TEI files are already written when this runs (each was validated as it
was written); :func:`file_form` gives a document's tree as its own file should hold it
(targets into other documents become ``other.xml#id``, which the per-file Schematron
rule on ``#`` pointers leaves alone), and the build rewrites the files that changed.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from .edition import Edition, Entry

TEI_NS = "http://www.tei-c.org/ns/1.0"
_T = f"{{{TEI_NS}}}"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
POINTER_ATTRS = ("target", "corresp")

_DOCUMENT = re.compile(r"\b(?:Document|Doc\.)\s+(\d+[a-z]?)\b")
_PAGES = re.compile(r"\b(pp?\.)\s*(\d+)(?:\s*[–—-]\s*(\d+))?\b")
_ELSEWHERE = re.compile(
    r"\b(?:vol|vols|volume|volumes|Foreign Relations|ibid|op\. cit|pages?)\b\.?", re.IGNORECASE
)
_PAGE_LEAD = re.compile(r"^(?:\W*(?:ante|post|see|also|cf)\W*)*$", re.IGNORECASE)
_SENTENCE = re.compile(r"(?:[.;:!?]\s|\(|\))(?=[^.;:!?()]*$)")


@dataclass(slots=True)
class IdMap:
    """The edition's ids: each document's own ``xml:id``s (as its file holds them) and the
    id each has in the edition (``tei/edition.xml``, the HTML pages' cross-links).

    A document whose key differs from its ``xml:id`` (two "No. 44" of two volumes) has its
    ids renamed after the key (``d44fn1`` → ``ch2-d44fn1``); any other id an earlier
    document already holds (``pg_152`` of two volumes) gets the key as a prefix
    (``d87-pg_152``). Deterministic: it depends only on the edition's order.
    """

    edition_id: dict[str, dict[str, str]] = field(default_factory=dict)
    """entry key → {own id → edition id}."""
    owner: dict[str, tuple[Entry, str]] = field(default_factory=dict)
    """edition id → (entry, own id)."""

    def of(self, entry: Entry, own: str) -> str:
        return self.edition_id.get(entry.key, {}).get(own, own)


def edition_ids(edition: Edition) -> IdMap:
    """The :class:`IdMap` of ``edition`` (every document div's ids, in edition order)."""
    ids = IdMap()
    for entry in edition.documents:
        div = entry.div
        if div is None:
            continue
        old = div.get(XML_ID, "")
        mine: dict[str, str] = {}
        for element in div.iter():
            value = element.get(XML_ID) if isinstance(element.tag, str) else None
            if value is None:
                continue
            new = value
            if old and entry.key != old:
                new = entry.key + value[len(old) :] if value.startswith(old) else f"{entry.key}-{value}"
            n = 1
            while new in ids.owner:
                n += 1
                new = f"{entry.key}-{value}" if n == 2 else f"{entry.key}-{value}-{n}"
            mine[value] = new
            ids.owner[new] = (entry, value)
        if not old:
            ids.owner.setdefault(entry.key, (entry, ""))
            mine[""] = entry.key
        ids.edition_id[entry.key] = mine
    return ids


@dataclass(slots=True)
class XrefResult:
    """What :func:`link_edition` did: the id map, the entries whose files change, counts."""

    ids: IdMap
    changed: list[Entry] = field(default_factory=list)
    documents: int = 0
    pages: int = 0


def link_edition(edition: Edition) -> XrefResult:
    """Resolve pointers and link references in every document of ``edition``.

    Afterwards every ``#`` pointer inside a document's tree is in edition form (an id of
    :func:`edition_ids`); the trees' own ``xml:id``s are untouched (see :func:`file_form`
    and :func:`editiontei.document_div` for the two ways they are written).
    """
    ids = edition_ids(edition)
    result = XrefResult(ids)
    entries = [e for e in edition.documents if e.div is not None]
    index = _Index(entries, ids)
    for entry in entries:
        if _link(entry, index, result):
            entry.root = entry.root  # keep the linked tree: a stored entry would read its file again
            result.changed.append(entry)
    return result


# ------------------------------------------------------------------ lookup


class _Index:
    """Numbers, pages and ids of the edition, per top-level chapter and overall."""

    def __init__(self, entries: Iterable[Entry], ids: IdMap) -> None:
        self.ids = ids
        self.scoped: dict[tuple[str, str, str], list[str]] = {}
        self.whole: dict[tuple[str, str], list[str]] = {}
        self.files: dict[str, Entry] = {}
        for entry in entries:
            top = top_chapter(entry)
            div = entry.div
            assert div is not None
            if entry.meta.number:
                self._add("n", top, entry.meta.number, ids.of(entry, div.get(XML_ID, "")))
            for element in div.iter():
                value = element.get(XML_ID) if isinstance(element.tag, str) else None
                if not value:
                    continue
                self._add("id", top, value, ids.of(entry, value))
                if element.tag == f"{_T}pb" and element.get("n"):
                    self._add("pg", top, element.get("n", ""), ids.of(entry, value))
            # per-document files point into each other by file name: the file the build
            # wrote, or the file a render read
            for name in (entry.tei_path, entry.source_file):
                if name.endswith(".xml"):
                    self.files.setdefault(Path(name).name, entry)

    def _add(self, kind: str, top: str, name: str, target: str) -> None:
        self.scoped.setdefault((kind, top, name), []).append(target)
        self.whole.setdefault((kind, name), []).append(target)

    def find(self, kind: str, top: str, name: str) -> str:
        """The edition id of document number / page / own id ``name`` seen from chapter
        ``top``: unique in that chapter, else unique in the edition, else ''."""
        hits = self.scoped.get((kind, top, name), [])
        if len(hits) == 1:
            return hits[0]
        every = self.whole.get((kind, name), [])
        return every[0] if not hits and len(every) == 1 else ""


def top_chapter(entry: Entry) -> str:
    """The id of the entry's top-level chapter ('' when it has none)."""
    return entry.chapter.trail[0].id if entry.chapter is not None else ""


# ------------------------------------------------------------------ linking


def _link(entry: Entry, index: _Index, result: XrefResult) -> bool:
    """Pointers to edition form, references in the text to ``ref``; True when the
    document's own file must change (a link added or a pointer into another file)."""
    div = entry.div
    assert div is not None
    top = top_chapter(entry)
    own = index.ids.edition_id.get(entry.key, {})
    changed = False
    for element in div.iter():
        if not isinstance(element.tag, str):
            continue
        for attr in POINTER_ATTRS:
            target = (element.get(attr) or "").strip()
            if not target or " " in target:
                continue
            if target.startswith("#") and target[1:] in own:
                element.set(attr, f"#{own[target[1:]]}")
            elif attr == "target" and element.tag in (f"{_T}ref", f"{_T}ptr"):
                new = _resolve_pointer(target, index, top)
                if new:
                    element.set(attr, new)
                    changed = changed or not target.startswith(tuple(index.files))
    for element in list(div.iter()):
        if not isinstance(element.tag, str) or element.tag in (f"{_T}ref", f"{_T}ptr"):
            continue
        if any(a.tag in (f"{_T}ref", f"{_T}ptr") for a in element.iterancestors()):
            continue
        if element.text and _scan_text(element, None, index, top, result):
            changed = True
        for child in list(element):
            if child.tail and _scan_text(element, child, index, top, result):
                changed = True
    return changed


def _resolve_pointer(target: str, index: _Index, top: str) -> str:
    """``#d145`` / ``#pg_857`` / ``file.xml#pg_857`` → ``#<edition id>``, or ''."""
    file, _, frag = target.partition("#")
    if file:
        entry = index.files.get(file)
        if entry is None or entry.div is None:
            return ""
        own = frag or entry.div.get(XML_ID, "")
        mapped = index.ids.edition_id.get(entry.key, {}).get(own)
        return f"#{mapped}" if mapped else ""
    found = index.find("id", top, frag)
    return f"#{found}" if found else ""


def _scan_text(
    parent: etree._Element, child: etree._Element | None, index: _Index, top: str, result: XrefResult
) -> bool:
    """Wrap references in ``parent.text`` (child None) or ``child.tail`` in ``ref``s."""
    text = parent.text if child is None else child.tail
    assert text is not None
    pieces = list(_pieces(text, index, top, result))
    if len(pieces) == 1 and isinstance(pieces[0], str):
        return False
    lead = pieces[0] if isinstance(pieces[0], str) else ""
    rest = pieces[1:] if isinstance(pieces[0], str) else pieces
    position = 0 if child is None else parent.index(child) + 1
    if child is None:
        parent.text = lead
    else:
        child.tail = lead
    last: etree._Element | None = None
    for piece in rest:
        if isinstance(piece, str):
            assert last is not None
            last.tail = (last.tail or "") + piece
            continue
        parent.insert(position, piece)
        position += 1
        last = piece
    return True


def _pieces(text: str, index: _Index, top: str, result: XrefResult) -> Iterable[str | etree._Element]:
    matches: list[tuple[int, int, str]] = []
    for m in _DOCUMENT.finditer(text):
        if _elsewhere(text[: m.start()]):
            continue
        found = index.find("n", top, m.group(1))
        if found:
            matches.append((m.start(), m.end(), found))
            result.documents += 1
    for m in _PAGES.finditer(text):
        before = _sentence(text[: m.start()])
        if _elsewhere(before) or not _PAGE_LEAD.match(before):
            continue
        found = index.find("pg", top, m.group(2))
        if found:
            matches.append((m.start(), m.end(), found))
            result.pages += 1
    matches.sort()
    at = 0
    for start, end, target in matches:
        if start < at:
            continue
        yield text[at:start]
        ref = etree.Element(f"{_T}ref", target=f"#{target}")
        ref.text = text[start:end]
        yield ref
        at = end
    yield text[at:]


def _sentence(before: str) -> str:
    cut = _SENTENCE.search(before)
    return before[cut.end() :] if cut else before


def _elsewhere(before: str) -> bool:
    """True when the sentence so far names another volume or book."""
    return bool(_ELSEWHERE.search(_sentence(before)))


# ------------------------------------------------------------------ per-document files


def file_form(entry: Entry, ids: IdMap) -> etree._Element:
    """A copy of the entry's tree as its own TEI file holds it: its own ids as they are,
    pointers into itself as ``#own``, pointers into another document of the edition as
    ``that-file.xml#id`` (``that-file.xml`` for the document itself), so that each file's
    ``#`` pointers resolve inside it."""
    assert entry.root is not None
    root = copy.deepcopy(entry.root)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attr in POINTER_ATTRS:
            target = element.get(attr) or ""
            found = ids.owner.get(target[1:]) if target.startswith("#") else None
            if found is None:
                continue
            other, own = found
            if other is entry:
                element.set(attr, f"#{own}")
            elif other.tei_path and other.div is not None:
                name = Path(other.tei_path).name
                element.set(attr, name if own in ("", other.div.get(XML_ID)) else f"{name}#{own}")
    return root
