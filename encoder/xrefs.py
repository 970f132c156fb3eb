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
class XrefResult:
    """What :func:`link_edition` did: the entries whose trees changed, and counts."""

    changed: list[Entry] = field(default_factory=list)
    documents: int = 0
    pages: int = 0
    renamed_ids: int = 0


def link_edition(edition: Edition) -> XrefResult:
    """Make ids unique, resolve pointers and link references in every document of ``edition``."""
    result = XrefResult()
    entries = [e for e in edition.documents if e.div is not None]
    changed: set[str] = set()
    taken: set[str] = set()
    for entry in entries:
        if _unique_ids(entry, taken, result):
            changed.add(entry.key)
    index = _Index(entries)
    for entry in entries:
        if _link(entry, index, result):
            changed.add(entry.key)
    result.changed = [e for e in entries if e.key in changed]
    return result


# ------------------------------------------------------------------ ids


def _unique_ids(entry: Entry, taken: set[str], result: XrefResult) -> bool:
    div = entry.div
    assert div is not None
    old = div.get(XML_ID, "")
    renamed: dict[str, str] = {}
    if not old:
        div.set(XML_ID, entry.key)
        renamed[""] = entry.key
    for element in div.iter():
        value = element.get(XML_ID) if isinstance(element.tag, str) else None
        if value is None:
            continue
        new = value
        if old and entry.key != old:
            new = entry.key + value[len(old) :] if value.startswith(old) else f"{entry.key}-{value}"
        n = 1
        while new in taken:
            n += 1
            new = f"{entry.key}-{value}" if n == 2 else f"{entry.key}-{value}-{n}"
        taken.add(new)
        if new != value:
            renamed[value] = new
            element.set(XML_ID, new)
    if not renamed:
        return False
    result.renamed_ids += len(renamed)
    for element in entry.root.iter() if entry.root is not None else ():
        if not isinstance(element.tag, str):
            continue
        for attr in POINTER_ATTRS:
            value = element.get(attr)
            if value and value.startswith("#") and value[1:] in renamed:
                element.set(attr, f"#{renamed[value[1:]]}")
    return True


# ------------------------------------------------------------------ lookup


class _Index:
    """Numbers and pages of the edition, per top-level chapter and overall."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.numbers: dict[tuple[str, str], list[str]] = {}
        self.pages: dict[tuple[str, str], list[str]] = {}
        self.ids: dict[str, Entry] = {}
        self.files: dict[str, Entry] = {}
        self.fnumbers: dict[str, list[str]] = {}
        self.fpages: dict[str, list[str]] = {}
        for entry in entries:
            top = top_chapter(entry)
            div = entry.div
            assert div is not None
            if entry.meta.number:
                self.numbers.setdefault((top, entry.meta.number), []).append(div.get(XML_ID, ""))
                self.fnumbers.setdefault(entry.meta.number, []).append(div.get(XML_ID, ""))
            for element in div.iter():
                if not isinstance(element.tag, str):
                    continue
                value = element.get(XML_ID)
                if value:
                    self.ids[value] = entry
                if element.tag == f"{_T}pb" and element.get("n") and value:
                    self.pages.setdefault((top, element.get("n", "")), []).append(value)
                    self.fpages.setdefault(element.get("n", ""), []).append(value)
            if entry.tei_path:
                self.files[Path(entry.tei_path).name] = entry
            self.files.setdefault(Path(entry.source_file).name, entry)

    def _find(
        self, scoped: dict[tuple[str, str], list[str]], whole: dict[str, list[str]], top: str, n: str
    ) -> str:
        hits = scoped.get((top, n), [])
        if len(hits) == 1:
            return hits[0]
        if not hits and len(whole.get(n, [])) == 1:
            return whole[n][0]
        return ""

    def document(self, top: str, number: str) -> str:
        return self._find(self.numbers, self.fnumbers, top, number)

    def page(self, top: str, page: str) -> str:
        return self._find(self.pages, self.fpages, top, page)


def top_chapter(entry: Entry) -> str:
    """The id of the entry's top-level chapter ('' when it has none)."""
    return entry.chapter.trail[0].id if entry.chapter is not None else ""


# ------------------------------------------------------------------ linking


def _link(entry: Entry, index: _Index, result: XrefResult) -> bool:
    div = entry.div
    assert div is not None
    top = top_chapter(entry)
    own = {e.get(XML_ID) for e in div.iter() if isinstance(e.tag, str) and e.get(XML_ID)}
    changed = False
    for ref in list(div.iter(f"{_T}ref", f"{_T}ptr")):
        new = _resolve_pointer(ref.get("target", ""), own, index, top)
        if new and new != ref.get("target"):
            ref.set("target", new)
            changed = True
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


def _resolve_pointer(target: str, own: set[str | None], index: _Index, top: str) -> str:
    """``#d145`` / ``#pg_857`` / ``file.xml#pg_857`` → ``#<edition id>``, or '' to leave."""
    target = target.strip()
    if not target or " " in target:
        return ""
    file, _, frag = target.partition("#")
    if file:
        entry = index.files.get(file) if file.endswith(".xml") else None
        if entry is None or entry.div is None:
            return ""
        return f"#{frag}" if frag and frag in index.ids else f"#{entry.div.get(XML_ID)}"
    if frag in own or frag in index.ids:
        return ""
    doc = re.fullmatch(r"d(\d+[a-z]?)", frag)
    if doc:
        found = index.document(top, doc.group(1))
        return f"#{found}" if found else ""
    page = re.fullmatch(r"pg_(\w+)", frag)
    if page:
        found = index.page(top, page.group(1))
        return f"#{found}" if found else ""
    return ""


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
        found = index.document(top, m.group(1))
        if found:
            matches.append((m.start(), m.end(), found))
            result.documents += 1
    for m in _PAGES.finditer(text):
        before = _sentence(text[: m.start()])
        if _elsewhere(before) or not _PAGE_LEAD.match(before):
            continue
        found = index.page(top, m.group(2))
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


def id_owners(edition: Edition) -> dict[str, Entry]:
    """Every id of every document div → its entry (after :func:`link_edition`, ids are unique)."""
    owners: dict[str, Entry] = {}
    for entry in edition.documents:
        if entry.div is None:
            continue
        for element in entry.div.iter():
            if isinstance(element.tag, str) and element.get(XML_ID):
                owners.setdefault(element.get(XML_ID, ""), entry)
    return owners


def file_form(entry: Entry, owners: dict[str, Entry]) -> etree._Element:
    """A copy of the entry's tree as its own TEI file holds it: every ``#id`` that is in
    another document of the edition becomes ``that-file.xml#id`` (``that-file.xml`` for
    the document itself), so each file's ``#`` pointers resolve inside it."""
    assert entry.root is not None
    root = copy.deepcopy(entry.root)
    for ref in root.iter(f"{_T}ref", f"{_T}ptr"):
        target = ref.get("target", "")
        other = owners.get(target[1:]) if target.startswith("#") else None
        if other is None or other is entry or not other.tei_path:
            continue
        name = Path(other.tei_path).name
        is_div = other.div is not None and other.div.get(XML_ID) == target[1:]
        ref.set("target", name if is_div else f"{name}{target}")
    return root
