"""``print/edition.pdf``: the print edition, typeset from the edition TEI by Typst.

The edition is written as one TEI document (:func:`encoder.outputs.teiedition.serialize_edition`,
the shape of a FRUS volume) and handed to :func:`encoder.book.render_book`, which runs the
XSLT 3.0 stylesheets in ``xslt/print/`` to Typst markup and typesets it (PDF/A-3b with the
edition TEI attached, tagged PDF/UA-1). A document that cannot be set is set as plain text
and reported with its input file; the PDF is written only when whole.
"""

from __future__ import annotations

from pathlib import Path

from ..edition import Edition
from . import Context

NAME = "print"
SUMMARY = "print/edition.pdf: the print edition (Typst; PDF/A-3b, tagged PDF/UA-1)"


def write(edition: Edition, out_dir: Path, context: Context) -> list[Path]:
    return write_book(edition, out_dir / "print", context)


def write_book(edition: Edition, target: Path, context: Context | None = None) -> list[Path]:
    """Typeset the edition into ``target/edition.pdf``; warnings go to ``context``."""
    from ..book import render_book
    from .teiedition import serialize_edition

    documents = [(e.key, e.source_file) for e in edition.documents]
    result = render_book(
        serialize_edition(edition).decode("utf-8"),
        target,
        source_name=str(target / "edition.xml"),
        documents=documents,
    )
    if context is not None:
        context.warnings.extend(result.warnings)
    return list(result.paths)
