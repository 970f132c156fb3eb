"""Assemble an edition TEI (the FRUS volume shape ``render_book`` reads) from text pages.

For the print tests and the print benchmark only: the real edition model lives in the
lead's ``encoder/edition.py``. Pages are encoded with the library (``parse_documents``,
``to_tei``); their document divs are wrapped one chapter per source volume, with a small
persons list (built from the names the documents' headings give, so ``persName/@corresp``
links are real) and a terms list. Ids that clash across copies are prefixed, as the
edition does. Volumes reserved for evaluation (``../shared/corpus/RESERVED.md``) are
refused, so no caller can use them by accident.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from encoder.parser import parse_documents
from encoder.tei import to_tei

TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"tei": TEI_NS}
ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev"
OTHER = ROOT / "benchmarks" / "corpus-other"
RESERVED_FILE = ROOT.parent / "shared" / "corpus" / "RESERVED.md"
_FALLBACK_RESERVED = ("frus1864p4", "frus1914-20v01", "frus1919Parisv11", "frus1934v05", "frus1942v06")


def reserved_volumes() -> set[str]:
    """The volume ids kept for evaluation (never encoded here)."""
    if RESERVED_FILE.is_file():
        text = RESERVED_FILE.read_text(encoding="utf-8")
        return set(re.findall(r"^- (frus\S+)", text, re.M))
    return set(_FALLBACK_RESERVED)


def volume_of(path: Path) -> str:
    """``frus1918Russiav03`` for ``frus1918Russiav03_d329.txt``."""
    return path.stem.split("_d")[0]


def corpus_pages(*folders: Path) -> list[Path]:
    """The ``.txt`` pages of the folders, sorted, without reserved volumes."""
    reserved = reserved_volumes()
    pages = [p for folder in folders for p in sorted(folder.glob("*.txt"))]
    return [p for p in pages if volume_of(p) not in reserved]


@dataclass(frozen=True, slots=True)
class Encoded:
    """One document div encoded from a page."""

    volume: str
    source: str
    """The page's file name (what warnings must name)."""
    div: etree._Element


def encode_pages(pages: Iterable[Path]) -> list[Encoded]:
    """Every document of every page, encoded with the library."""
    encoded = []
    for page in pages:
        for doc in parse_documents(page.read_text(encoding="utf-8"), page.name):
            body = to_tei(doc).getroot().find(f"{{{TEI_NS}}}text/{{{TEI_NS}}}body")
            for div in body.findall(f"{{{TEI_NS}}}div"):
                encoded.append(Encoded(volume_of(page), page.name, copy.deepcopy(div)))
    return encoded


def _prefix_ids(div: etree._Element, prefix: str) -> None:
    """Prefix every xml:id in ``div`` and every ``#`` reference to one of them."""
    own = {e.get(XML_ID) for e in div.iter() if e.get(XML_ID)}
    for element in div.iter():
        if element.get(XML_ID):
            element.set(XML_ID, prefix + element.get(XML_ID))
        for attr in ("target", "corresp"):
            value = element.get(attr)
            if value and value.startswith("#") and value[1:] in own:
                element.set(attr, "#" + prefix + value[1:])


def _e(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}")
    for key, value in attrs.items():
        element.set(XML_ID if key == "xml_id" else key, value)
    if text is not None:
        element.text = text
    return element


def _names(divs: Sequence[etree._Element], limit: int) -> list[str]:
    """The first distinct person names in the documents' headings."""
    seen: list[str] = []
    for div in divs:
        for name in div.xpath("tei:head//tei:persName", namespaces=NS):
            text = " ".join("".join(name.itertext()).split())
            if text and len(text) > 2 and text not in seen:
                seen.append(text)
                if len(seen) == limit:
                    return seen
    return seen


TERMS = (("Dept", "Department of State"), ("NIACT", "night action, requiring immediate attention"))


def assemble(
    documents: Sequence[Encoded],
    *,
    title: str = "Foreign Relations of the United States: Test Volume",
    subtitle: str | None = "Documents from the Development Corpus",
    short: str | None = "FRUS, Test Volume",
    editors: Sequence[str] = ("Jane Doe", "Richard Roe"),
    persons: int = 12,
    chapters: bool = True,
) -> tuple[str, list[tuple[str, str]]]:
    """The edition TEI as a string, and (document xml:id, source file) for every document.

    One chapter per volume in first-seen order (``chapters=False``: one unnamed chapter);
    a document whose ids are already taken gets them prefixed (``r2_d580``).
    """
    root = etree.Element(f"{{{TEI_NS}}}TEI", nsmap={None: TEI_NS, "frus": FRUS_NS})
    root.set(XML_ID, "frusTestv01")
    root.set("{http://www.w3.org/XML/1998/namespace}lang", "en")
    header = _e(root, "teiHeader")
    file_desc = _e(header, "fileDesc")
    title_stmt = _e(file_desc, "titleStmt")
    _e(title_stmt, "title", title, type="complete")
    if subtitle:
        _e(title_stmt, "title", subtitle, type="sub")
    if short:
        _e(title_stmt, "title", short, type="short")
    for editor in editors:
        _e(title_stmt, "editor", editor, role="primary")
    pub = _e(file_desc, "publicationStmt")
    _e(pub, "publisher", "Office of the Historian (test build)")
    _e(pub, "pubPlace", "Washington")
    _e(pub, "date", "2026")
    _e(pub, "idno", "frusTestv01", type="frus")
    availability = _e(pub, "availability")
    _e(availability, "licence", "CC0 1.0", target="https://creativecommons.org/publicdomain/zero/1.0/")
    source_desc = _e(file_desc, "sourceDesc")
    _e(source_desc, "p", f"Made with telegram-tei 0.1.0 from {len(documents)} documents.")
    lang_usage = _e(_e(header, "profileDesc"), "langUsage")
    _e(lang_usage, "language", "English", ident="en")
    text = _e(root, "text")

    divs = [copy.deepcopy(d.div) for d in documents]
    taken: set[str] = set()
    for k, div in enumerate(divs):
        ids = {e.get(XML_ID) for e in div.iter() if e.get(XML_ID)}
        copy_no = 1
        prefix = ""
        while ids & taken or not ids:
            copy_no += 1
            prefix = f"r{copy_no}_"
            if not {prefix + i for i in ids} & taken:
                break
        if prefix:
            _prefix_ids(div, prefix)
        if div.get(XML_ID) is None:
            div.set(XML_ID, f"doc{k + 1}")
        taken |= {e.get(XML_ID) for e in div.iter() if e.get(XML_ID)}

    front = _e(text, "front")
    names = _names(divs, persons)
    if names:
        section = _e(front, "div", type="section", xml_id="persons")
        _e(section, "head", "Persons")
        items = _e(section, "list", type="participants")
        for number, name in enumerate(names, start=1):
            item = _e(items, "item")
            strong = _e(item, "hi", rend="strong")
            _e(strong, "persName", name, xml_id=f"p_{number}")
            strong.tail = ", a person named in the documents"
        for div in divs:
            for pers in div.xpath(".//tei:persName[not(@corresp)]", namespaces=NS):
                text_ = " ".join("".join(pers.itertext()).split())
                if text_ in names:
                    pers.set("corresp", f"#p_{names.index(text_) + 1}")
    terms = _e(front, "div", type="section", xml_id="terms")
    _e(terms, "head", "Abbreviations and Terms")
    term_list = _e(terms, "list", type="terms")
    for term, gloss in TERMS:
        item = _e(term_list, "item")
        strong = _e(item, "hi", rend="strong")
        _e(strong, "term", term, xml_id=f"t_{term}")
        strong.tail = f", {gloss}"

    body = _e(text, "body")
    chapter_of: dict[str, etree._Element] = {}
    for encoded, div in zip(documents, divs, strict=True):
        key = encoded.volume if chapters else ""
        chapter = chapter_of.get(key)
        if chapter is None:
            number = len(chapter_of) + 1
            chapter = _e(body, "div", type="chapter", xml_id=f"ch{number}")
            if chapters:
                _e(chapter, "head", f"Documents from {encoded.volume}")
            chapter_of[key] = chapter
        chapter.append(div)
    mapping = [(div.get(XML_ID), encoded.source) for encoded, div in zip(documents, divs, strict=True)]
    return etree.tostring(root, encoding="unicode"), mapping


def repeated(documents: Sequence[Encoded], n: int) -> list[Encoded]:
    """``n`` documents taken from ``documents`` in turn (copies get fresh ids on assembly)."""
    return [documents[k % len(documents)] for k in range(n)]
