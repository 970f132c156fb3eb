"""The edition as one TEI file, both ways: :class:`Edition` → volume TEI, and back.

The shape is the Office of the Historian's own volume files: a ``TEI`` whose header
holds the edition's title, editors, publisher and licence; ``front`` holds the persons
(``div[@xml:id='persons']//list[@type='participants']``) and terms
(``div[@xml:id='terms']//list[@type='terms']``) lists; ``body`` holds the chapters as
``div[@type='chapter']`` (sub-chapters nested as ``div[@type='subchapter']``), each
holding its documents' ``div[@type='document']`` exactly as the per-document files do.

Document ids are unique in the edition: a document whose key differs from its ``xml:id``
(two "No. 44" from two volumes) has every id inside it prefixed, and its internal
pointers follow.

:func:`load_edition` reads such a file (a FRUS volume, or our own ``edition.xml``) or a
set of per-document TEI files into an :class:`Edition`, so ``render`` makes the same
edition from TEI as ``build`` does from text.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from . import __version__
from .docmeta import read_meta
from .edition import Chapter, Edition, EditionMeta, Entry, Person, Term, clean_title
from .errors import EncoderError, TransformError

if TYPE_CHECKING:
    from .xrefs import IdMap

TEI_NS = "http://www.tei-c.org/ns/1.0"
FRUS_NS = "http://history.state.gov/frus/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"t": TEI_NS}
_T = f"{{{TEI_NS}}}"
_NSMAP = {None: TEI_NS, "frus": FRUS_NS}
DEFAULT_LICENCE = "https://creativecommons.org/publicdomain/zero/1.0/"


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    names = {"xml_id": XML_ID, "xml_lang": XML_LANG}
    element = etree.SubElement(parent, f"{_T}{tag}", {names.get(k, k): v for k, v in attrs.items()})
    if text:
        element.text = text
    return element


# ------------------------------------------------------------------ Edition → TEI


def edition_header(edition: Edition) -> etree._Element:
    """The ``teiHeader`` of the edition, from ``edition.toml`` (or its defaults)."""
    meta = edition.meta
    header = etree.Element(f"{_T}teiHeader", nsmap=_NSMAP)
    file_desc = _sub(header, "fileDesc")
    title_stmt = _sub(file_desc, "titleStmt")
    _sub(title_stmt, "title", meta.title, type="complete")
    if meta.subtitle:
        _sub(title_stmt, "title", meta.subtitle, type="sub")
    if meta.short_title:
        _sub(title_stmt, "title", meta.short_title, type="short")
    for editor in meta.editors:
        _sub(title_stmt, "editor", editor, role="primary")
    publication = _sub(file_desc, "publicationStmt")
    _sub(publication, "publisher", meta.publisher or "telegram-tei")
    if meta.place:
        _sub(publication, "pubPlace", meta.place)
    if meta.date:
        _sub(publication, "date", meta.date)
    if meta.identifier:
        _sub(publication, "idno", meta.identifier, type="frus")
    if meta.base_url:
        _sub(publication, "idno", meta.base_url, type="url")
    availability = _sub(publication, "availability", status="free")
    licence = _sub(availability, "licence", target=meta.licence_url or DEFAULT_LICENCE)
    licence.text = meta.licence or (
        "The texts are works of the United States government and in the public domain. "
        "This encoding is dedicated to the public domain (CC0 1.0)."
    )
    source = _sub(file_desc, "sourceDesc")
    count = len(edition.documents)
    _sub(source, "p", f"Made with telegram-tei {__version__} from {count} document{'s' * (count != 1)}.")
    profile = _sub(header, "profileDesc")
    lang = _sub(_sub(profile, "langUsage"), "language", meta.language, ident=meta.language)
    lang.text = "English" if meta.language == "en" else meta.language
    return header


_LISTS = (
    ("persons", "Persons", "participants", "persName"),
    ("terms", "Abbreviations and Terms", "terms", "term"),
)
"""The front-matter lists as FRUS volumes hold them: div id, head, list type, entry element."""


def _front(edition: Edition) -> etree._Element | None:
    entries = {
        "persons": [(p.id, p.name, p.description) for p in edition.persons],
        "terms": [(t.id, t.term, t.definition) for t in edition.terms],
    }
    if not any(entries.values()):
        return None
    front = etree.Element(f"{_T}front")
    for div_id, head, list_type, tag in _LISTS:
        if not entries[div_id]:
            continue
        div = _sub(front, "div", type="section", xml_id=div_id)
        _sub(div, "head", head)
        listing = _sub(div, "list", type=list_type)
        for entry_id, label, description in entries[div_id]:
            hi = _sub(_sub(listing, "item"), "hi", rend="strong")
            _sub(hi, tag, label, xml_id=entry_id)
            if description:
                hi.tail = f", {description}"
    return front


def document_div(entry: Entry, ids: IdMap | None = None) -> etree._Element | None:
    """A copy of the entry's document div with its ids made unique in the edition.

    ``ids`` is the edition's :class:`~encoder.xrefs.IdMap` (computed when not given, for
    this entry alone). Pointers in the tree are already in edition form after
    :func:`encoder.xrefs.link_edition`; a pointer still naming one of the document's own
    ids (an edition that was never linked) follows the rename.
    """
    div = entry.div
    if div is None:
        return None
    div = copy.deepcopy(div)
    if ids is None:
        from .xrefs import edition_ids

        ids = edition_ids(Edition(EditionMeta(), [Chapter("ch", "", [entry])]))
    mine = ids.edition_id.get(entry.key, {})
    if not div.get(XML_ID):
        div.set(XML_ID, mine.get("", entry.key))
    for element in div.iter():
        value = element.get(XML_ID) if isinstance(element.tag, str) else None
        if value is not None and value in mine:
            element.set(XML_ID, mine[value])
    for element in div.iter():
        if not isinstance(element.tag, str):
            continue
        for attr in ("target", "corresp", "ref"):
            value = element.get(attr)
            if value and value.startswith("#") and value[1:] in mine and value[1:] not in ids.owner:
                element.set(attr, f"#{mine[value[1:]]}")
    return div


def _chapter_div(chapter: Chapter, depth: int, ids: IdMap) -> etree._Element:
    div = etree.Element(f"{_T}div", {"type": "chapter" if depth == 0 else "subchapter", XML_ID: chapter.id})
    if chapter.title:
        _sub(div, "head", chapter.title)
    for entry in chapter.entries:
        doc = document_div(entry, ids)
        if doc is not None:
            div.append(doc)
    for child in chapter.children:
        div.append(_chapter_div(child, depth + 1, ids))
    return div


def edition_tree(edition: Edition) -> etree._ElementTree:
    """The whole edition as one TEI document (see the module docstring for its shape)."""
    root = etree.Element(f"{_T}TEI", nsmap=_NSMAP)
    root.set(XML_LANG, edition.meta.language or "en")
    if edition.meta.identifier:
        root.set(XML_ID, _ncname(edition.meta.identifier))
    root.append(edition_header(edition))
    text = _sub(root, "text")
    front = _front(edition)
    if front is not None:
        text.append(front)
    body = _sub(text, "body")
    from .xrefs import edition_ids

    ids = edition_ids(edition)
    for chapter in edition.chapters:
        body.append(_chapter_div(chapter, 0, ids))
    if not len(body):
        _sub(body, "p")
    return etree.ElementTree(root)


def _ncname(text: str) -> str:
    cleaned = "".join(ch if ch.isalnum() or ch in "_-." else "_" for ch in text)
    return cleaned if cleaned[:1].isalpha() or cleaned[:1] == "_" else f"e{cleaned}"


# ------------------------------------------------------------------ TEI → Edition


def is_volume(root: etree._Element) -> bool:
    """A volume file: chapters, a front with lists, or more than one document."""
    if root.tag != f"{_T}TEI":
        return False
    if root.find(f"{_T}text/{_T}front") is not None:
        return True
    if root.xpath(
        "t:text/t:body//t:div[@type=('chapter')] | t:text/t:body/t:div[@type='chapter']", namespaces=NS
    ):
        return True
    return len(root.xpath("t:text//t:div[@type='document']", namespaces=NS)) > 1


def load_edition(paths: Sequence[Path], *, title: str | None = None) -> Edition:
    """An edition from TEI: one volume file, or per-document files as one chapter.

    Files are parsed through :mod:`encoder.safexml` (no DTDs, entities or network). A
    file that is not TEI P5 raises :class:`TransformError` naming it.
    """
    from .safexml import parse_user_xml

    trees = [(Path(p), parse_user_xml(Path(p)).getroot()) for p in paths]
    for path, root in trees:
        if root.tag != f"{_T}TEI":
            qname = etree.QName(root)
            where = f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname
            raise TransformError(
                f"not a TEI P5 document: the root element is {where}, not {{{TEI_NS}}}TEI", str(path)
            )
    volumes = [(p, r) for p, r in trees if is_volume(r)]
    if volumes and len(trees) > 1:
        raise EncoderError("give one volume TEI file alone, or per-document TEI files", str(volumes[0][0]))
    if volumes:
        edition = _from_volume(*volumes[0])
    else:
        edition = Edition(EditionMeta(), [Chapter("ch1", "")])
        for path, root in trees:
            edition.chapters[0].entries.append(
                Entry(read_meta(root).xml_id, read_meta(root), str(path), root=root)
            )
        edition.meta.title = _common_monograph([r for _, r in trees]) or edition.meta.title
    if title and clean_title(title):
        edition.meta.title = clean_title(title)
        edition.meta.title_given = True
    edition.finish()
    from .xrefs import link_edition

    link_edition(edition)  # ids unique in the edition, "Document 145" → ref (see xrefs)
    return edition


def _common_monograph(roots: Sequence[etree._Element]) -> str:
    """The monograph every file cites (``sourceDesc//bibl/title[@level='m']``), if one."""
    cited: set[str] = set()
    for root in roots:
        titles = root.xpath("t:teiHeader/t:fileDesc/t:sourceDesc//t:bibl/t:title[@level='m']", namespaces=NS)
        cited.add(" ".join(" ".join(titles[0].itertext()).split()) if titles else "")
    return next(iter(cited)) if len(cited) == 1 else ""


def _meta_from_header(root: etree._Element) -> EditionMeta:
    def first(path: str) -> str:
        found = root.xpath(f"string(({path})[1])", namespaces=NS)
        return " ".join(str(found).split())

    stmt = "t:teiHeader/t:fileDesc/t:titleStmt"
    pub = "t:teiHeader/t:fileDesc/t:publicationStmt"
    meta = EditionMeta(
        title=first(f"{stmt}/t:title[@type='complete'] | {stmt}/t:title[not(@type)]") or EditionMeta().title,
        subtitle=first(f"{stmt}/t:title[@type='sub' or @type='volume']"),
        short_title=first(f"{stmt}/t:title[@type='short']"),
        editors=[
            " ".join(" ".join(e.itertext()).split()) for e in root.xpath(f"{stmt}/t:editor", namespaces=NS)
        ],
        publisher=first(f"{pub}/t:publisher"),
        place=first(f"{pub}/t:pubPlace"),
        date=first(f"{pub}/t:date"),
        licence=first(f"{pub}/t:availability/t:licence"),
        licence_url=first(f"{pub}/t:availability/t:licence/@target"),
        identifier=first(f"{pub}/t:idno[@type='frus'] | /t:TEI/@xml:id"),
        base_url=first(f"{pub}/t:idno[@type='url']"),
        language=root.get(XML_LANG) or "en",
        title_given=True,
    )
    return meta


def _list_entries(root: etree._Element, list_type: str, tag: str) -> list[tuple[str, str, etree._Element]]:
    """(label, description, entry element) of each item of a front-matter list."""
    found: list[tuple[str, str, etree._Element]] = []
    for item in root.xpath(f"t:text/t:front//t:list[@type='{list_type}']/t:item", namespaces=NS):
        element = item.find(f".//{_T}{tag}")
        if element is None:
            continue
        label = " ".join(" ".join(element.itertext()).split())
        rest = " ".join("".join(item.itertext()).split())[len(label) :].lstrip(" ,")
        found.append((label, rest, element))
    return found


def _from_volume(path: Path, root: etree._Element) -> Edition:
    edition = Edition(_meta_from_header(root))
    for label, rest, element in _list_entries(root, "participants", "persName"):
        edition.persons.append(
            Person(
                element.get(XML_ID) or f"p{len(edition.persons) + 1}", label, rest, element.sourceline or 0
            )
        )
    for label, rest, element in _list_entries(root, "terms", "term"):
        edition.terms.append(
            Term(element.get(XML_ID) or f"t{len(edition.terms) + 1}", label, rest, element.sourceline or 0)
        )
    body = root.find(f"{_T}text/{_T}body")
    if body is not None:
        loose = Chapter("ch0", "", source=str(path))
        _collect(body, loose, path, edition.meta)
        if loose.entries:
            edition.chapters.append(Chapter("ch0", "", loose.entries, source=str(path)))
        edition.chapters.extend(loose.children)
    return edition


def _collect(container: etree._Element, chapter: Chapter, path: Path, meta: EditionMeta) -> None:
    for n, div in enumerate(container.iterfind(f"{_T}div"), start=1):
        if div.get("type") == "document":
            chapter.entries.append(
                Entry(div.get(XML_ID, ""), read_meta(div), str(path), root=_wrap(div, meta))
            )
            continue
        head = div.find(f"{_T}head")
        title = " ".join(" ".join(head.itertext()).split()) if head is not None else ""
        child = Chapter(div.get(XML_ID) or f"{chapter.id}-{n}", title, parent=chapter, source=str(path))
        _collect(div, child, path, meta)
        if child.entries or child.children:
            chapter.children.append(child)


def _wrap(div: etree._Element, meta: EditionMeta) -> etree._Element:
    """A per-document TEI around a volume's document div (header: its title, the volume)."""
    root = etree.Element(f"{_T}TEI", nsmap=_NSMAP)
    header = _sub(root, "teiHeader")
    file_desc = _sub(header, "fileDesc")
    head = div.find(f"{_T}head")
    _sub(
        _sub(file_desc, "titleStmt"),
        "title",
        " ".join(" ".join(head.itertext()).split()) if head is not None else "",
    )
    _sub(_sub(file_desc, "publicationStmt"), "p", meta.publisher or "")
    bibl = _sub(_sub(file_desc, "sourceDesc"), "bibl")
    _sub(bibl, "title", meta.title, level="m")
    body = _sub(_sub(root, "text"), "body")
    body.append(copy.deepcopy(div))
    return root
