"""``print/``: the print edition (PDF), typeset from the edition's documents in order."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..edition import Edition
from ..files import atomic_write
from ..transform import run_stylesheet
from . import Context

NAME = "print"
SUMMARY = "print/edition.pdf: the print edition"
PRINT_XSL = "print/tei-to-print.xsl"
ENC_NS = "urn:telegram-tei:xslt"


def _edition_xml(edition: Edition) -> str:
    root = etree.Element(f"{{{ENC_NS}}}edition", nsmap={"enc": ENC_NS})
    for position, entry in enumerate(edition.documents, start=1):
        if entry.root is None:
            continue
        document = etree.SubElement(root, f"{{{ENC_NS}}}document", href=entry.page, key=f"e{position}")
        document.set("source", Path(entry.source_file).name)
        document.append(etree.fromstring(etree.tostring(entry.root)))
    return etree.tostring(root, encoding="unicode")


def write(edition: Edition, out_dir: Path, context: Context) -> list[Path]:
    return write_book(edition, out_dir / "print")


def write_book(edition: Edition, target: Path) -> list[Path]:
    """Write ``target/edition.html`` and ``target/edition.pdf``; the PDF last in the list."""
    from ..pdf import html_to_pdf

    html_path = target / "edition.html"
    html = run_stylesheet(
        PRINT_XSL, _edition_xml(edition), str(html_path), {"edition-title": edition.meta.title}
    )
    pdf = html_to_pdf(html.decode("utf-8"), str(html_path))
    target.mkdir(parents=True, exist_ok=True)
    atomic_write(html_path, html)
    atomic_write(target / "edition.pdf", pdf)
    return [html_path, target / "edition.pdf"]
