"""Print HTML → PDF, behind one function so the engine (WeasyPrint today) can be swapped.

WeasyPrint supports what the print edition needs from CSS paged media (TOOLCHAIN.md §6):
``float: footnote``, ``string-set`` running heads, ``target-counter`` page references and
page counters. It is imported on first use because importing it costs about a second that
HTML-only runs should not pay.

Two repairs are done here, after layout, because the engine cannot be asked for them:

* A footnote must sit at the foot of the page that holds its marker. WeasyPrint 70 breaks
  this on purpose when the line that ends a page is a block's ``orphans``-th line: to keep
  that line it moves the page's last footnotes to the next page, whatever block their
  markers are in (``layout/block.py``, "report footnotes"; upstream Kozea/WeasyPrint#1564).
  The block that ends such a page is moved whole to the next page instead; it costs the
  two lines it had there, never a misplaced note. If that does not help (or the block is
  the only one on its page), the block holding the marker is moved, as a last resort.
* A heading must not end a page. print.css asks for that with ``break-after: avoid``,
  which the engine does not always honour (and when it backtracks for it, a note may
  stray; the first rule catches that). So a page that still ends with a document's opening
  (source line, heading, opener, dateline), an attachment's heading or a page marker gets
  that run moved to the next page; when the run opens a document or an attachment, the
  whole document or attachment moves, so its rule and running head go with it.

A move is ``break-before: page`` on the element; the document is then laid out again. All
problems found in one layout are repaired together, a few passes at most (each pass costs
a full layout). The checks read WeasyPrint's page boxes, an internal structure: if it
changes shape, nothing is repaired and the first layout is kept.

The print HTML is made by our own stylesheet and refers to nothing outside itself, so the
URL fetcher allows only ``data:`` URLs: no file or network access, whatever a document says.
WeasyPrint logs its warnings to the ``weasyprint`` logger (with a NullHandler), so nothing
reaches stderr unless the application configures logging.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .errors import TransformError

MAX_REPAIRS = 3
"""Layouts to redo at most (each one costs a full layout, so every problem found in a pass
is repaired in that pass)."""

_KEEP_CLASSES = frozenset({"source-note", "doc-head", "attachment-head", "head", "pb"})
"""Classes of blocks that belong with what follows them (print HTML from tei-to-print.xsl)."""
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CONTAINERS = frozenset({"article", "section", "div"})
"""Elements a run of opening blocks may climb to when it opens them."""
_TOP = frozenset({"html", "body", "main"})


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
        moved: set[int] = set()
        for _ in range(MAX_REPAIRS):
            elements = [e for e in blocks_to_move(document, moved) if id(e) not in moved]
            if not elements:
                break
            for element in elements:
                moved.add(id(element))
                style = (element.get("style") or "").strip().rstrip(";")
                element.set("style", f"{style}; break-before: page" if style else "break-before: page")
            document = source.render()
        pdf = document.write_pdf()
    except Exception as exc:  # the engine's own exceptions are many and undocumented
        raise TransformError(f"PDF layout failed: {type(exc).__name__}: {exc}", name) from None
    if not pdf:
        raise TransformError("PDF layout produced no output", name)
    return bytes(pdf)


@dataclass(frozen=True, slots=True)
class _Leaf:
    """A block holding lines of text on one page, with the elements it sits in."""

    element: Any
    chain: tuple[Any, ...]
    """The elements from the root down to ``element`` (inclusive), one per level."""
    below_top: bool
    """True when something is laid out above the block's first line on this page, so that
    moving the block to the next page can help."""


def _walk(box: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, tuple[Any, ...]]]:
    """Every box under ``box`` with the boxes above it, depth first."""
    yield box, path
    for child in getattr(box, "children", None) or ():
        yield from _walk(child, (*path, box))


def _chain(path: tuple[Any, ...]) -> tuple[Any, ...]:
    """The distinct elements of a box path, outermost first."""
    elements: list[Any] = []
    for box in path:
        element = getattr(box, "element", None)
        if element is not None and (not elements or elements[-1] is not element):
            elements.append(element)
    return tuple(elements)


def _page_flow(page: Any) -> tuple[list[_Leaf], dict[int, tuple[Any, ...]], set[int]]:
    """One page's text blocks in order, its footnote calls (with their box paths), its notes.

    Only the page's main flow counts: the footnote area and the margin boxes are skipped.
    """
    leaves: list[_Leaf] = []
    calls: dict[int, tuple[Any, ...]] = {}
    notes: set[int] = set()
    top = page._page_box.content_box_y()
    for box, path in _walk(page._page_box):
        kind = type(box).__name__
        above = {type(b).__name__ for b in path}
        if kind == "MarginBox" or "MarginBox" in above:
            continue
        tag = str(getattr(box, "element_tag", "") or "")
        element = getattr(box, "element", None)
        in_footnotes = "FootnoteAreaBox" in above
        if element is not None and tag.endswith("::footnote-call") and not in_footnotes:
            calls.setdefault(id(element), path)
        elif element is not None and tag.endswith("::footnote-marker"):
            notes.add(id(element))
        elif kind == "LineBox" and path and not in_footnotes and "LineBox" not in above:
            # (a line inside an inline-block is part of its parent's line, not a block)
            chain = _chain((*path, box))
            if chain and (not leaves or leaves[-1].element is not chain[-1]):
                leaves.append(_Leaf(chain[-1], chain, box.position_y > top + 1))
    return leaves, calls, notes


def _classes(element: Any) -> set[str]:
    return set(str(element.get("class") or "").split())


def _keeps_with_next(leaf: _Leaf) -> bool:
    """True for a block that must not end a page: headings, source lines, opener lines."""
    element = leaf.element
    if str(element.tag) in _HEADINGS or _classes(element) & _KEEP_CLASSES:
        return True
    above = [_classes(e) for e in leaf.chain[:-1]]
    if any("opener" in c for c in above) or "opener" in _classes(element):
        return True
    return "dateline" in _classes(element) and not any("closer" in c for c in above)


def _first_child(element: Any) -> Any:
    return next(iter(element), None)


def _movable(leaf: _Leaf) -> Any:
    """The element to give ``break-before``: the block, or what it opens (see module doc)."""
    chain = leaf.chain
    index = len(chain) - 1
    if str(chain[index].tag) in {"td", "th"} and index > 0:  # rows break, cells do not
        index -= 1
        while index > 0 and str(chain[index].tag) != "tr":
            index -= 1
    while (
        index > 0
        and str(chain[index - 1].tag) in _CONTAINERS
        and str(chain[index - 1].tag) not in _TOP
        and _first_child(chain[index - 1]) is chain[index]
    ):
        index -= 1
    return chain[index]


def _call_block(path: tuple[Any, ...]) -> Any:
    """The element of the deepest plain block box above a footnote call (the old repair)."""
    block = None
    for box in path[1:]:
        if type(box).__name__ != "BlockBox":
            break
        block = box
    element = getattr(block, "element", None)
    if element is None or str(getattr(block, "element_tag", "")) in _TOP:
        return None
    return element


def blocks_to_move(document: Any, moved: set[int] | frozenset[int] = frozenset()) -> list[Any]:
    """The elements to push to the next page: see the module docstring for the two rules.

    ``moved`` holds the ids of elements already moved in earlier passes; a block that was
    moved and still ends a page with a stray note is not moved again, its marker's block is.
    """
    try:
        flows = [_page_flow(page) for page in document.pages]
        note_page: dict[int, int] = {}
        for number, (_, _, notes) in enumerate(flows):
            for key in notes:
                note_page.setdefault(key, number)
        result: list[Any] = []

        def add(element: Any) -> None:
            if element is not None and all(element is not e for e in result):
                result.append(element)

        for number, (leaves, calls, _) in enumerate(flows):
            strays = [path for key, path in calls.items() if note_page.get(key, number) != number]
            if strays and leaves:
                last = leaves[-1]
                target = _movable(last) if last.below_top else None
                if target is not None and id(target) not in moved:
                    add(target)
                else:
                    for path in strays:
                        add(_call_block(path))
            if number + 1 < len(flows) and leaves:
                run = 0
                while run < len(leaves) and _keeps_with_next(leaves[-1 - run]):
                    run += 1
                if run and leaves[-run].below_top:
                    add(_movable(leaves[-run]))
        return result
    except (AttributeError, TypeError, KeyError):  # internal structure changed: no repair
        return []
