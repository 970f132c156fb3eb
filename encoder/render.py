"""The render stage: TEI files → the HTML reading edition and the PDF print edition.

The print edition is typeset by :mod:`encoder.book` from one edition TEI; here the TEI
files are only assembled into that shape (:func:`_edition_tei`).

TEI given to ``render`` may come from users, so each file is parsed with
:func:`encoder.safexml.parse_user_xml` (no DTDs, entities or network) and checked to be a
TEI P5 document before Saxon sees it. Python decides what the stylesheets should not:
the order of the edition (document number order when every file's number is an integer,
otherwise the order given), and the page file names (the TEI file's stem made safe and
unique). Stylesheets in ``xslt/`` know only TEI and the small edition wrapper
``<enc:edition><enc:document href=… key=…><TEI/>…`` that the index and print editions read.

Every output file is written to a temporary file in the same folder and moved into place,
so a failed run never leaves half a page behind.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from . import __version__
from .errors import TransformError
from .outputs import atomic_write, safe_stem
from .safexml import parse_user_xml
from .transform import stylesheet_path, transform

TEI_NS = "http://www.tei-c.org/ns/1.0"
ENC_NS = "urn:telegram-tei:xslt"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
"""The namespace of the stylesheets' own functions and of the edition wrapper."""

HTML_XSL = "html/tei-to-html.xsl"
INDEX_XSL = "html/index.xsl"

INDEX_NAME = "index.html"
PDF_NAME = "edition.pdf"

DEFAULT_TITLE = "telegram-tei edition"
"""The edition's title when the caller gives none and the files cite no common monograph."""

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MAX_TITLE = 200
_RESERVED = {"index"}


@dataclass(frozen=True, slots=True)
class _Source:
    """One TEI input, parsed, with the page name it gets in the HTML edition."""

    path: Path
    """The file as the caller named it (used in every error message)."""
    tree: etree._ElementTree
    """The parsed, checked TEI."""
    number: str
    """``@n`` of the file's first document div ('' when there is none)."""
    page: str = ""
    """The page's file name in the HTML edition (``<safe stem>.html``)."""


def _load(path: Path) -> _Source:
    """Parse one TEI file safely and refuse anything that is not TEI P5."""
    tree = parse_user_xml(path)
    root = tree.getroot()
    if root.tag != f"{{{TEI_NS}}}TEI":
        qname = etree.QName(root)
        where = f"{{{qname.namespace}}}{qname.localname}" if qname.namespace else qname.localname
        raise TransformError(
            f"not a TEI P5 document: the root element is {where}, not {{{TEI_NS}}}TEI",
            str(path),
        )
    numbers = root.xpath("string((tei:text//tei:div[@type='document'])[1]/@n)", namespaces={"tei": TEI_NS})
    return _Source(path=path, tree=tree, number=str(numbers).strip())


def _ordered(sources: list[_Source]) -> list[_Source]:
    """Document-number order when every number is an integer, else the order given."""
    if sources and all(re.fullmatch(r"[0-9]{1,9}", s.number) for s in sources):
        return sorted(sources, key=lambda s: int(s.number))  # stable: ties keep input order
    return list(sources)


def _safe_stem(path: Path) -> str:
    """The file's stem with ``.xml`` and a trailing ``.tei`` removed, made URL- and file-safe
    by the same rule as every output name (:func:`encoder.outputs.safe_stem`)."""
    name = path.name
    for suffix in (".xml", ".tei"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return safe_stem(f"{name}.html")


def _with_pages(sources: list[_Source]) -> list[_Source]:
    """Give each source a unique page name (case-insensitively, never ``index.html``)."""
    taken: set[str] = set(_RESERVED)
    named: list[_Source] = []
    for source in sources:
        stem = base = _safe_stem(source.path)
        counter = 1
        while stem.lower() in taken:
            counter += 1
            stem = f"{base}-{counter}"
        taken.add(stem.lower())
        named.append(_Source(source.path, source.tree, source.number, f"{stem}.html"))
    return named


def _prepare(tei_files: Sequence[Path]) -> list[_Source]:
    return _with_pages(_ordered([_load(Path(p)) for p in tei_files]))


def _edition_xml(sources: Sequence[_Source], keyed: bool) -> str:
    """The edition wrapper the index and print stylesheets read; ``key`` prefixes ids."""
    root = etree.Element(f"{{{ENC_NS}}}edition", nsmap={"enc": ENC_NS})
    for position, source in enumerate(sources, start=1):
        document = etree.SubElement(root, f"{{{ENC_NS}}}document", href=source.page)
        document.set("source", source.path.name)
        if keyed:
            document.set("key", f"e{position}")
        document.append(copy.deepcopy(source.tree.getroot()))
    return etree.tostring(root, encoding="unicode")


def _make_dir(out_dir: Path) -> None:
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        message = f"cannot create the output folder: {exc.strerror or exc}"
        raise TransformError(message, str(out_dir)) from None


def _run(stylesheet: str, xml_text: str, name: str, params: Mapping[str, str] | None = None) -> bytes:
    return transform(stylesheet_path(stylesheet), xml_text, name, params).encode("utf-8")


def _one_line(text: str) -> str:
    """``text`` as one line without characters XML cannot carry, at most 200 characters."""
    return " ".join(_NOT_XML.sub(" ", text).split())[:_MAX_TITLE].rstrip()


def _edition_title(sources: Sequence[_Source], title: str | None) -> str:
    """The ``edition-title`` parameter, the same for the index and every page.

    The caller's title when it is not blank; else the monograph title when every file cites
    the same one (``sourceDesc//bibl/title[@level='m']``); else "telegram-tei edition",
    which names the tool and never a source the documents may not come from. The
    serializer escapes the value, so a title is always text, never markup.
    """
    given = _one_line(title or "")
    if given:
        return given
    cited: set[frozenset[str]] = set()
    for source in sources:
        titles = source.tree.xpath(
            "/tei:TEI/tei:teiHeader/tei:fileDesc/tei:sourceDesc//tei:bibl/tei:title[@level='m']",
            namespaces={"tei": TEI_NS},
        )
        cited.add(frozenset(_one_line("".join(t.itertext())) for t in titles) - {""})
    if len(cited) == 1:
        (only,) = cited
        if len(only) == 1:
            return next(iter(only))
    return DEFAULT_TITLE


def render_html(tei_files: Sequence[Path], out_dir: Path, *, title: str | None = None) -> list[Path]:
    """Write out_dir/index.html and one page per document; return the written paths.

    The index comes first in the returned list, then the pages in edition order. Each page
    links to the index and to its neighbours; the index links to every page. Every page is
    made before any is written, so a document that fails leaves the folder as it was.
    ``title`` names the edition (index heading, page titles, navigation); when it is None
    or blank it is derived from the TEI (see :func:`_edition_title`).
    """
    sources = _prepare(tei_files)
    edition_title = _edition_title(sources, title)
    pages: list[tuple[Path, bytes]] = []
    for position, source in enumerate(sources):
        params = {
            "edition-title": edition_title,
            "index-href": INDEX_NAME,
            "prev-href": sources[position - 1].page if position > 0 else "",
            "next-href": sources[position + 1].page if position + 1 < len(sources) else "",
        }
        xml_text = etree.tostring(source.tree, encoding="unicode")
        pages.append((out_dir / source.page, _run(HTML_XSL, xml_text, str(source.path), params)))
    index = out_dir / INDEX_NAME
    index_html = _run(
        INDEX_XSL, _edition_xml(sources, keyed=False), str(index), {"edition-title": edition_title}
    )
    pages.insert(0, (index, index_html))
    _make_dir(out_dir)
    for target, html in pages:
        atomic_write(target, html)
    return [target for target, _ in pages]


def _prefixed(div: etree._Element, prefix: str) -> etree._Element:
    """A copy of ``div`` with every xml:id and every ``#`` reference to one of them prefixed."""
    div = copy.deepcopy(div)
    own = {e.get(XML_ID) for e in div.iter() if e.get(XML_ID)}
    for element in div.iter():
        if element.get(XML_ID):
            element.set(XML_ID, prefix + element.get(XML_ID))
        for attr in ("target", "corresp"):
            value = (element.get(attr) or "").strip()
            if value.startswith("#") and value[1:] in own:
                element.set(attr, "#" + prefix + value[1:])
    return div


def _edition_tei(sources: Sequence[_Source], title: str) -> tuple[str, list[tuple[str, str]]]:
    """The edition as one TEI document (FRUS volume shape), and (document id, file) pairs.

    Minimal on purpose: the title, one unnamed chapter, the documents in edition order.
    A file whose ids are already taken by an earlier file gets them prefixed (``e3-d580``),
    so that every id, and every link inside a document, stays unique and right.
    """
    tei = f"{{{TEI_NS}}}"
    root = etree.Element(f"{tei}TEI", nsmap={None: TEI_NS})
    root.set(XML_LANG, "en")
    title_stmt = etree.SubElement(
        etree.SubElement(etree.SubElement(root, f"{tei}teiHeader"), f"{tei}fileDesc"), f"{tei}titleStmt"
    )
    etree.SubElement(title_stmt, f"{tei}title", type="complete").text = title
    file_desc = title_stmt.getparent()
    publication = etree.SubElement(file_desc, f"{tei}publicationStmt")
    etree.SubElement(publication, f"{tei}publisher").text = "telegram-tei"
    source_desc = etree.SubElement(file_desc, f"{tei}sourceDesc")
    chapter = etree.SubElement(
        etree.SubElement(etree.SubElement(root, f"{tei}text"), f"{tei}body"), f"{tei}div", type="chapter"
    )
    chapter.set(XML_ID, "ch1")
    taken: set[str] = {"ch1"}
    documents: list[tuple[str, str]] = []
    count = 0
    for position, source in enumerate(sources, start=1):
        divs = source.tree.getroot().xpath(
            "tei:text/tei:body//tei:div[@type='document'][not(ancestor::tei:div[@type='document'])]",
            namespaces={"tei": TEI_NS},
        )
        if not divs:  # a file without document divs is one document
            body = source.tree.getroot().find(f"{tei}text/{tei}body")
            div = etree.Element(f"{tei}div", type="document")
            div.extend(copy.deepcopy(child) for child in (body if body is not None else ()))
            divs = [div]
        ids = {e.get(XML_ID) for d in divs for e in d.iter() if e.get(XML_ID)}
        prefix = f"e{position}-" if ids & taken else ""
        for div in divs:
            div = _prefixed(div, prefix)
            if not div.get(XML_ID):
                div.set(XML_ID, f"e{position}-doc{len(documents) + 1}")
            taken |= {e.get(XML_ID) for e in div.iter() if e.get(XML_ID)}
            chapter.append(div)
            documents.append((div.get(XML_ID), source.path.name))
            count += 1
    etree.SubElement(
        source_desc, f"{tei}p"
    ).text = f"Made with telegram-tei {__version__} from {count} documents."
    return etree.tostring(root, encoding="unicode"), documents


def render_print(tei_files: Sequence[Path], out_dir: Path, *, title: str | None = None) -> Path:
    """Write out_dir/edition.pdf, the print edition of the TEI files; return its path.

    The files become one edition TEI (one unnamed chapter, documents in edition order)
    that :func:`encoder.book.render_book` typesets. ``title`` is the edition's title on
    the title page and in the PDF metadata, as for :func:`render_html`.
    """
    from .book import render_book

    sources = _prepare(tei_files)
    edition, documents = _edition_tei(sources, _edition_title(sources, title))
    result = render_book(edition, out_dir, source_name=str(out_dir / PDF_NAME), documents=documents)
    return result.pdf
