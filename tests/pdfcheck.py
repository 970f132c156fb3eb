"""Reading a typeset book back with pypdf: page texts, folios, links, footnote markers.

Text is compared without white space and hyphens, because the typesetter breaks lines
(and hyphenates words) wherever it likes, and inserts zero-width break points into long
runs of characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

_SQUASH = re.compile(r"[\s\u00ad\u200b\-‐]+")


def squash(text: str) -> str:
    """``text`` without white space, soft hyphens, zero-width spaces and hyphens."""
    return _SQUASH.sub("", text)


@dataclass(frozen=True, slots=True)
class Link:
    """A link annotation: the page it is on, the page it leads to, its alternate text."""

    page: int
    target: int | None
    contents: str


class Book:
    """A PDF read once: its pages' text, page labels (folios) and link annotations."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.reader = PdfReader(str(path))
        self.texts = [page.extract_text() or "" for page in self.reader.pages]
        self.squashed = [squash(t) for t in self.texts]
        self.labels = list(self.reader.page_labels)
        self._page_of = {page.indirect_reference.idnum: i for i, page in enumerate(self.reader.pages)}

    def page_of_folio(self, folio: str) -> int:
        """The 0-based page whose label is ``folio`` (folios are unique in the book)."""
        hits = [i for i, label in enumerate(self.labels) if label == folio]
        assert len(hits) == 1, (folio, hits)
        return hits[0]

    def links(self) -> list[Link]:
        found = []
        for number, page in enumerate(self.reader.pages):
            for annotation in page.get("/Annots", []) or []:
                annotation = annotation.get_object()
                if annotation.get("/Subtype") != "/Link":
                    continue
                dest = annotation.get("/Dest")
                dest = dest.get_object() if dest is not None else None
                target = None
                if dest is not None and len(dest) and hasattr(dest[0], "idnum"):
                    target = self._page_of.get(dest[0].idnum)
                found.append(Link(number, target, str(annotation.get("/Contents", ""))))
        return found

    def footnote_markers(self) -> list[Link]:
        """The links from a footnote's marker to its note (Typst's alternate text 'Footnote …')."""
        return [link for link in self.links() if link.contents.startswith("Footnote")]

    def outline(self) -> list[tuple[int, str, int]]:
        """(depth, title, 0-based page) of every bookmark, in order."""
        rows: list[tuple[int, str, int]] = []

        def walk(items: list, depth: int) -> None:
            for item in items:
                if isinstance(item, list):
                    walk(item, depth + 1)
                else:
                    rows.append((depth, item.title, self.reader.get_destination_page_number(item)))

        walk(self.reader.outline, 0)
        return rows
