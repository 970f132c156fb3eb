"""Print HTML → PDF, behind one function so the engine (WeasyPrint today) can be swapped.

WeasyPrint supports what the print edition needs from CSS paged media (TOOLCHAIN.md §6):
``float: footnote``, ``string-set`` running heads, ``target-counter`` page references and
page counters. It is imported on first use because importing it costs about a second that
HTML-only runs should not pay.

One repair is done here because the engine does not guarantee it: a footnote must sit at
the foot of the page that holds its marker. WeasyPrint 70 sometimes moves a note to the
next page when the layout backtracks (tables, widows and orphans, ``break-after: avoid``;
upstream issue Kozea/WeasyPrint#1564). After layout, the pages are checked; each block
whose note strayed gets ``break-before: page`` and the document is laid out again, a few
times at most (a break costs white space at the foot of a page, never a misplaced note).
The check reads WeasyPrint's page boxes, an internal structure: if it changes shape, the
repair is skipped and the first layout is kept.

The print HTML is made by our own stylesheet and refers to nothing outside itself, so the
URL fetcher allows only ``data:`` URLs: no file or network access, whatever a document says.
WeasyPrint logs its warnings to the ``weasyprint`` logger (with a NullHandler), so nothing
reaches stderr unless the application configures logging.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .errors import TransformError

MAX_REPAIRS = 3
"""Layouts to redo at most for footnotes that left their marker's page (each one costs a
full layout, so every stray found in a pass is repaired in that pass)."""


def html_to_pdf(html: str, name: str) -> bytes:
    """Lay out ``html`` (a complete page with its CSS inlined) and return the PDF bytes.

    ``name`` is the HTML file the text belongs to; errors are :class:`TransformError` naming it.
    """
    try:
        from weasyprint import HTML
        from weasyprint.urls import URLFetcher
    except ImportError as exc:  # pragma: no cover - broken install
        raise TransformError(f"WeasyPrint is not available: {exc}", name) from None
    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=False)
    try:
        source = HTML(string=html, base_url=None, url_fetcher=fetcher)
        document = source.render()
        repaired: set[int] = set()
        for _ in range(MAX_REPAIRS):
            blocks = [b for b in _stray_blocks(document) if id(b) not in repaired]
            if not blocks:
                break
            for block in blocks:
                repaired.add(id(block))
                style = (block.get("style") or "").strip().rstrip(";")
                block.set("style", f"{style}; break-before: page" if style else "break-before: page")
            document = source.render()
        pdf = document.write_pdf()
    except Exception as exc:  # the engine's own exceptions are many and undocumented
        raise TransformError(f"PDF layout failed: {type(exc).__name__}: {exc}", name) from None
    if not pdf:
        raise TransformError("PDF layout produced no output", name)
    return bytes(pdf)


def _walk(box: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """Every box under ``box`` with the boxes above it, depth first."""
    yield box, path
    for child in getattr(box, "children", None) or ():
        yield from _walk(child, (*path, box))


def _stray_blocks(document: Any) -> list[Any]:
    """The HTML elements of the blocks to move, for notes not on their marker's page.

    Calls are the ``::footnote-call`` boxes in the text, bodies the ``::footnote-marker``
    boxes in each page's footnote area; both point at the footnote's element. The block is
    the deepest plain block box above the call (a paragraph, list item, heading, or the
    box around a table).
    """
    try:
        call_page: dict[int, int] = {}
        call_path: dict[int, tuple[Any, ...]] = {}
        body_page: dict[int, int] = {}
        for number, page in enumerate(document.pages):
            for box, path in _walk(page._page_box):
                tag = str(getattr(box, "element_tag", "") or "")
                element = getattr(box, "element", None)
                if element is None:
                    continue
                if tag.endswith("::footnote-call") and id(element) not in call_page:
                    call_page[id(element)] = number
                    call_path[id(element)] = path
                elif tag.endswith("::footnote-marker"):
                    body_page.setdefault(id(element), number)
        blocks: list[Any] = []
        for key, page in call_page.items():
            if body_page.get(key) == page:
                continue
            block = None
            for box in call_path[key][1:]:
                if type(box).__name__ != "BlockBox":
                    break
                block = box
            element = getattr(block, "element", None)
            if (
                element is not None
                and str(block.element_tag) not in {"html", "body", "main"}
                and all(element is not b for b in blocks)
            ):
                blocks.append(element)
        return blocks
    except (AttributeError, TypeError, KeyError):  # internal structure changed: no repair
        return []
