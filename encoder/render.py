"""Rendering TEI files directly, as a library call: the HTML site or the PDF book.

``telegram-tei render`` and ``build`` go through the outputs registry; these two
functions are the short way for a script that holds TEI files and wants one edition in
a folder of its own. Each loads the files once as an :class:`~encoder.edition.Edition`
(safely: no DTDs, entities or network) and writes into ``out_dir`` itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .editiontei import load_edition
from .outputs.html import write_site
from .outputs.print import write_book


def render_html(tei_files: Sequence[Path], out_dir: Path, *, title: str | None = None) -> list[Path]:
    """Write ``out_dir/index.html`` and one page per document; the index first in the list."""
    return write_site(load_edition([Path(p) for p in tei_files], title=title), out_dir)


def render_print(tei_files: Sequence[Path], out_dir: Path, *, title: str | None = None) -> Path:
    """Write ``out_dir/edition.pdf`` (and its print HTML); return the PDF's path."""
    return write_book(load_edition([Path(p) for p in tei_files], title=title), out_dir)[-1]
