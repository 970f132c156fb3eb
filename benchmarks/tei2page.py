#!/usr/bin/env python3
"""Turn FRUS TEI document divs into the plain text of their history.state.gov page.

    python tei2page.py GOLD_DIR OUT_DIR

Reads every ``GOLD_DIR/<id>.gold.xml`` (a FRUS ``div type="document"`` wrapped in
a ``<doc>`` element) and writes ``OUT_DIR/<id>.txt``: the text a reader gets by
copying that document's page on history.state.gov. Nothing else is written.

The shape of the output was calibrated on the 84 pairs in ``shared/corpus/dev``
(TEI next to a real copy of the page). It is the *clean* form most copies show:

* Blocks are separated by one blank line: the legacy source line ("No. 41.",
  "File No. 861.77/267", "793.94/11974: Telegram"), the head, each opener line
  (marking such as "top secret", labels such as "[Telegram]" or "No. 190.]"), the
  dateline, each paragraph, each list, a page break standing between paragraphs
  ("[Page 240]"), the closer.
* An ``lb`` is a line break; so the head "No. 86.<lb/>Mr. Gresham to Mr. Baker."
  gives two lines, and a dateline gives "Place, date" then "[Received …]".
* Highlighting is dropped, text keeps its case: small capitals are a CSS effect,
  so ``<hi rend="smallcaps">top secret</hi>`` copies as "top secret" and
  ``<hi rend="smallcaps">Sir</hi>`` as "Sir".
* A footnote leaves its printed number (``@n``) glued to the preceding text, with
  no space before it ("Embtel 4756.2", legacy per-page marks such as "299 55").
  The notes are listed at the end, renumbered 1., 2., 3. … in document order,
  each on one line indented by two spaces ("  1. Not printed.").
* A page break inside running text shows inline as " [Page N] ".
* Unlabelled list items show as "  • item"; a labelled list shows each label on a
  line of its own above its item.
* The closer (salute, signature, its lines split at ``lb``) follows the last
  paragraph after a blank line, and is followed by a single line break only
  (the footnote list or an attachment comes right under it).

Whitespace is normalised the way a browser does: runs collapse to one space,
lines are stripped. Straight quotes, which the Office has since replaced in its
files, are turned into curly ones.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"

#: Sentinel characters used while building inline text; they survive whitespace
#: collapsing and are turned into the real thing at the end.
LINE_BREAK = "\u2028"  # an lb: a line break inside a block
GLUE = "\u2060"  # a footnote mark: eat the whitespace before it
BULLET = "\u2063"  # start of an unlabelled list item: "  • "
CELL = "\u2062"  # between two table cells: a tab


def local(el) -> str:
    """The element's local name ('' for comments and processing instructions)."""
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


@dataclass
class Block:
    """One visual block of the page: its kind and its text (may hold line breaks)."""

    kind: str
    text: str


@dataclass
class Page:
    """Collects the blocks of one document page and its footnotes, in order."""

    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    # ------------------------------------------------------------------ blocks
    def add(self, kind: str, text: str) -> None:
        """Append a block, unless it has no visible text."""
        text = finish(text)
        if text:
            self.blocks.append(Block(kind, text))

    def container(self, el) -> None:
        """Render the children of a div-like element (div, postscript, attachment)."""
        for child in el:
            name = local(child)
            if name == "pb":
                if not self._is_last(child):
                    self.add("pb", page_mark(child))
            elif name == "note" and child.get("rend") == "inline":
                self.add("source" if child.get("type") == "source" else "p", self.inline(child))
            elif name == "note":
                # a footnote standing between blocks: keep its mark with the previous block
                mark = self.footnote(child).replace(GLUE, "")
                if self.blocks:
                    self.blocks[-1].text += mark
            elif name == "head":
                self.add("head", self.inline(child))
            elif name == "opener":
                self.opener(child)
            elif name == "dateline":
                self.add("dateline", self.inline(child))
            elif name in ("p", "ab"):
                self.paragraph(child, "p")
            elif name == "list":
                self.list_(child)
            elif name == "quote":
                self.quote(child)
            elif name == "table":
                self.table(child)
            elif name == "closer":
                self.closer(child)
            elif name in ("postscript", "attachment", "div"):
                self.container(child)
            elif name in ("salute", "signed", "seg", "byline", "epigraph", "trailer"):
                self.add("p", self.inline(child))
            elif name in ("figure", "graphic", "milestone", "anchor"):
                continue
            else:
                self.paragraph(child, "p")

    @staticmethod
    def _is_last(pb) -> bool:
        """True when no text follows this page break in the document.

        The one complete dev page with a page break at the very end of the document
        (frus1870 d41, closing its postscript) does not show it."""
        return not any(t.strip() for t in pb.xpath("following::text()"))

    def opener(self, el) -> None:
        """Each seg and dateline of an opener is a line of its own; loose text too."""
        loose: list[str] = [el.text or ""]
        for child in el:
            name = local(child)
            if name in ("seg", "dateline", "salute", "signed", "byline", "p"):
                self.add("opener", "".join(loose))
                loose = []
                self.add("dateline" if name == "dateline" else "opener", self.inline(child))
            else:
                loose.append(self.piece(child))
            loose.append(child.tail or "")
        self.add("opener", "".join(loose))

    def closer(self, el) -> None:
        """The closer is one block: salute, signature, dateline, each on its own line(s)."""
        lines: list[str] = [el.text or ""]
        for child in el:
            name = local(child)
            if name in ("salute", "signed", "dateline", "seg", "p", "ab"):
                lines.append(LINE_BREAK + self.inline(child) + LINE_BREAK)
            elif name == "pb":
                lines.append(LINE_BREAK + page_mark(child) + LINE_BREAK)
            else:
                lines.append(self.piece(child))
            lines.append(child.tail or "")
        self.add("closer", "".join(lines))

    def paragraph(self, el, kind: str) -> None:
        """A paragraph; a list, block quote or table inside it splits it in parts."""
        parts: list[str] = [el.text or ""]
        for child in el:
            name = local(child)
            if (
                name == "list"
                or (name == "quote" and is_block_quote(child))
                or name == "table"
                or (name == "note" and child.get("rend") == "inline")
            ):
                self.add(kind, "".join(parts))
                parts = []
                if name == "list":
                    self.list_(child)
                elif name == "quote":
                    self.quote(child)
                elif name == "table":
                    self.table(child)
                else:
                    self.add("p", self.inline(child))
            else:
                parts.append(self.piece(child))
            parts.append(child.tail or "")
        self.add(kind, "".join(parts))

    def quote(self, el) -> None:
        """A block quote: its paragraphs are ordinary paragraphs of the page."""
        if not is_block_quote(el):
            self.add("p", self.inline(el))
            return
        self.container(el)

    def list_(self, el) -> None:
        """A list is one block: its head (a block of its own), then one line per entry.

        Unlabelled items show as "  • item"; a label shows on a line above its item.
        A nested list follows its item's line."""
        head = el.find(f"{{{TEI}}}head")
        if head is not None:
            self.add("listhead", self.inline(head))
        lines = self._list_lines(el)
        self.add("list", LINE_BREAK.join(lines))

    def _list_lines(self, el) -> list[str]:
        lines: list[str] = []
        label = None
        for child in el:
            name = local(child)
            if name == "label":
                label = finish(self.inline(child))
                lines.append(label)
            elif name == "item":
                text, nested = self._item(child)
                text = finish(text).replace("\n", LINE_BREAK)
                if label is None:
                    if text:
                        lines.append(BULLET + text)
                elif text:
                    lines.append(text)
                lines.extend(nested)
                label = None
            elif name == "pb":
                # the site renders only the items of a list: a page break standing
                # between items is not shown (frus1952-54Guat d106, page 204)
                continue
            elif name == "note":
                mark = self.footnote(child)  # registered even with nothing to glue to
                if lines:
                    lines[-1] += mark
        return lines

    def _item(self, el) -> tuple[str, list[str]]:
        """An item's own text, and the lines of the lists nested in it."""
        parts: list[str] = [el.text or ""]
        nested: list[str] = []
        for child in el:
            if local(child) == "list":
                nested.extend(self._list_lines(child))
            elif local(child) == "p":
                parts.append(" " + self.inline(child) + " ")
            else:
                parts.append(self.piece(child))
            parts.append(child.tail or "")
        return "".join(parts), nested

    def table(self, el) -> None:
        """A table: its head, then one line per row, cells separated by a tab.

        No dev page has a table, so this layout is the browser's usual copy of an
        HTML table, not a calibrated one."""
        head = el.find(f"{{{TEI}}}head")
        if head is not None:
            self.add("p", self.inline(head))
        rows = []
        for row in el.iter(f"{{{TEI}}}row"):
            cells = [finish(self.inline(c)).replace("\n", " ") for c in row if local(c) == "cell"]
            rows.append(CELL.join(cells))
        self.add("table", LINE_BREAK.join(r for r in rows if r.strip()))

    # ------------------------------------------------------------------ inline
    def inline(self, el) -> str:
        """The running text of an element, with marks for notes, lb and pb."""
        parts = [el.text or ""]
        for child in el:
            parts.append(self.piece(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def piece(self, child) -> str:
        """The running text one child element contributes (its tail excluded)."""
        name = local(child)
        if not name:
            return ""
        if name == "note":
            if child.get("rend") == "inline":
                return " " + self.inline(child) + " "
            return self.footnote(child)
        if name == "lb":
            return LINE_BREAK
        if name == "pb":
            return " " + page_mark(child) + " "
        if name in ("figure", "graphic", "anchor", "milestone", "gap"):
            return ""
        if name == "list":
            # a list inside running text that cannot be split out (e.g. in a head)
            return " " + " ".join(finish(t) for t in self._list_lines(child)) + " "
        if name == "p":
            return LINE_BREAK + self.inline(child) + LINE_BREAK
        return self.inline(child)

    def footnote(self, note) -> str:
        """Register a footnote; return its mark as it shows in the text (``@n``)."""
        index = len(self.notes)
        self.notes.append("")  # reserve the place: notes inside notes come after
        paras = [c for c in note if local(c) == "p"]
        if paras:
            texts = [finish(self.inline(p)) for p in paras]
            lead = finish(note.text or "")
            text = (lead + " " if lead else "") + "\n".join(t for t in texts if t)
        else:
            text = finish(self.inline(note))
        self.notes[index] = text
        mark = note.get("n") or str(index + 1)
        return GLUE + mark

    # ------------------------------------------------------------------ output
    def text(self) -> str:
        """The page text: the blocks, then the renumbered footnote list."""
        out: list[str] = []
        prev: Block | None = None
        for block in self.blocks:
            if prev is not None:
                out.append("\n" if prev.kind == "closer" and block.kind != "p" else "\n\n")
            out.append(block.text)
            prev = block
        if self.notes:
            if prev is not None:
                out.append("\n" if prev.kind == "closer" else "\n\n")
            items = []
            for i, note in enumerate(self.notes, 1):
                prefix = f"  {i}. "
                lines = note.split("\n")
                items.append(prefix + lines[0] + "".join("\n" + " " * len(prefix) + ln for ln in lines[1:]))
            out.append("\n".join(items))
        # copies end with the last character of text, no final line break
        return "".join(out)


def is_block_quote(el) -> bool:
    """A quote with paragraphs (or other blocks) in it is shown as separate blocks."""
    return el.find(f"{{{TEI}}}p") is not None or el.find(f"{{{TEI}}}list") is not None


def page_mark(pb) -> str:
    """The page-break marker the site shows."""
    return f"[Page {(pb.get('n') or '').strip()}]"


def curly(text: str) -> str:
    """Straight quotes as the current FRUS files (and so the site) print them."""
    text = re.sub(r"(^|[\s(\[—–-])'", "\\1\u2018", text)
    text = text.replace("'", "\u2019")
    text = re.sub(r'(^|[\s(\[—–-])"', "\\1\u201c", text)
    return text.replace('"', "\u201d")


def finish(text: str) -> str:
    """Normalise the whitespace of built text; resolve line breaks and note glue."""
    text = re.sub(r"[ \t\r\n\f\v\u00a0]*" + GLUE, "", text)
    text = re.sub(r"[ \t\r\n\f\v]+", " ", text)
    lines = [ln.strip() for ln in text.split(LINE_BREAK)]
    # the Office has since removed stray spaces before closing punctuation
    # ("Stevenson </hi>, volume" shows as "Stevenson, volume")
    lines = [re.sub(r"(?<=\S) +(?=[,;:](\s|$))", "", ln) for ln in lines]
    # drop empty lines made by lb at the start or end of a block, or by doubled lb
    lines = [ln.replace(BULLET, "  \u2022 ").replace(CELL, "\t") for ln in lines if ln]
    return curly("\n".join(lines))


def convert(path: Path) -> str:
    """The page text of the first document div in one gold file."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True, remove_pis=True)
    tree = etree.parse(str(path), parser)
    divs = tree.xpath("//t:div[@type='document']", namespaces={"t": TEI})
    div = divs[0] if divs else tree.getroot()
    page = Page()
    page.container(div)
    return page.text()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    src, dst = Path(args[0]), Path(args[1])
    dst.mkdir(parents=True, exist_ok=True)
    count = 0
    for path in sorted(src.glob("*.gold.xml")):
        doc_id = path.name[: -len(".gold.xml")]
        (dst / f"{doc_id}.txt").write_text(convert(path), encoding="utf-8")
        count += 1
    print(f"wrote {count} page texts to {dst}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
