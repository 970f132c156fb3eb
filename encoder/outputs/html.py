"""``html/``: the reading edition — an index page and one page per document.

Pages follow the edition's order (prev/next); page names are the documents' edition
keys. Every page is made before any is written, so a document that fails leaves the
folder as it was.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..edition import Edition
from ..files import atomic_write
from ..transform import run_stylesheet
from . import Context

NAME = "html"
SUMMARY = "html/: the reading edition (contents, one page a document)"
HTML_XSL = "html/tei-to-html.xsl"
INDEX_XSL = "html/index.xsl"
INDEX_NAME = "index.html"
ENC_NS = "urn:telegram-tei:xslt"


def _index_xml(edition: Edition) -> str:
    """The wrapper ``<enc:edition><enc:document href=…><TEI/>…`` the index stylesheet reads."""
    root = etree.Element(f"{{{ENC_NS}}}edition", nsmap={"enc": ENC_NS})
    for entry in edition.documents:
        if entry.root is None:
            continue
        document = etree.SubElement(root, f"{{{ENC_NS}}}document", href=entry.page)
        document.set("source", Path(entry.source_file).name)
        document.append(etree.fromstring(etree.tostring(entry.root)))
    return etree.tostring(root, encoding="unicode")


def write(edition: Edition, out_dir: Path, context: Context) -> list[Path]:
    return write_site(edition, out_dir / "html")


def write_site(edition: Edition, target: Path) -> list[Path]:
    """Write the site into ``target``; the index first in the returned list, then the pages."""
    documents = [e for e in edition.documents if e.root is not None]
    title = edition.meta.title
    pages: list[tuple[Path, bytes]] = []
    for n, entry in enumerate(documents):
        params = {
            "edition-title": title,
            "index-href": INDEX_NAME,
            "prev-href": documents[n - 1].page if n > 0 else "",
            "next-href": documents[n + 1].page if n + 1 < len(documents) else "",
        }
        xml_text = etree.tostring(entry.root, encoding="unicode")
        pages.append((target / entry.page, run_stylesheet(HTML_XSL, xml_text, entry.source_file, params)))
    index = target / INDEX_NAME
    pages.insert(
        0, (index, run_stylesheet(INDEX_XSL, _index_xml(edition), str(index), {"edition-title": title}))
    )
    target.mkdir(parents=True, exist_ok=True)
    for path, data in pages:
        atomic_write(path, data)
    return [path for path, _ in pages]
