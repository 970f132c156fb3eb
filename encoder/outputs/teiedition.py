"""``tei/edition.xml``: the whole edition as one TEI file, the shape of a FRUS volume.

Repositories that take one file per edition, and ``telegram-tei render``, read it. Made
from the edition in memory (:func:`encoder.editiontei.edition_tree`), never from disk.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..edition import Edition
from ..editiontei import edition_tree
from ..files import atomic_write
from . import Context

NAME = "tei"
SUMMARY = "tei/edition.xml: the whole edition as one TEI file (header, chapters, persons, terms)"
FILE = "tei/edition.xml"


def serialize_edition(edition: Edition) -> bytes:
    """The edition TEI as UTF-8 bytes with an XML declaration."""
    return etree.tostring(edition_tree(edition), encoding="UTF-8", xml_declaration=True, pretty_print=True)


def write(edition: Edition, out_dir: Path, context: Context) -> list[Path]:
    target = out_dir / FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(target, serialize_edition(edition))
    return [target]
