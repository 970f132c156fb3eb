"""A compact, readable dump of a parsed document, for the plain-text rule fixtures."""

from __future__ import annotations

from encoder.model import (
    Dateline,
    DateSpan,
    Document,
    Hi,
    LineBreak,
    ListBlock,
    MarkerOnly,
    Name,
    NoteRef,
    PageBreak,
    Paragraph,
    Part,
    Seg,
    Table,
)


def inline(items: list, *, note_text: bool = False, plain: bool = False) -> str:
    """Inline content as text; notes as ``{n}`` (``{n|text}`` with ``note_text``); with
    ``plain``, names and highlights show their words only."""
    out = []
    for x in items:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, NoteRef):
            text = "|" + inline(x.note.content, note_text=True, plain=True) if note_text else ""
            out.append("{" + x.note.n + text + "}")
        elif plain and isinstance(x, (Name, Hi, DateSpan)):
            out.append(inline(x.content, note_text=note_text, plain=True))
        elif isinstance(x, PageBreak):
            out.append(f"<pb {x.n}>")
        elif isinstance(x, LineBreak):
            out.append(" / ")
        elif isinstance(x, MarkerOnly):
            out.append(f"<anchor {x.n}>")
        elif isinstance(x, Name):
            out.append(f"<{x.kind}{'=' + x.role if x.role else ''}>{inline(x.content)}</>")
        elif isinstance(x, DateSpan):
            v = x.value
            attrs = " ".join(
                f"{k}={val}"
                for k, val in (
                    ("when", v and v.when),
                    ("from", v and v.from_),
                    ("to", v and v.to),
                    ("notBefore", v and v.not_before),
                    ("notAfter", v and v.not_after),
                )
                if val
            )
            out.append(f"<date {attrs}>{inline(x.content)}</>")
        elif isinstance(x, Hi):
            out.append(f"<{x.rend}>{inline(x.content)}</>")
    return "".join(out)


def _opener(items: list, lines: list[str], indent: str) -> None:
    for item in items:
        if isinstance(item, Seg):
            lines.append(f"{indent}opener {item.type}: {inline(item.content)}")
        elif isinstance(item, Dateline):
            lines.append(f"{indent}dateline: {inline(item.content)}")
        elif isinstance(item, PageBreak):
            lines.append(f"{indent}opener pb: {item.n}")


def _part(part: Part, lines: list[str], indent: str = "") -> None:
    _opener(part.opener[: part.before_head], lines, indent)
    if part.head is not None:
        lines.append(f"{indent}head: {inline(part.head)}")
    _opener(part.opener[part.before_head :], lines, indent)
    for blk in part.body:
        if isinstance(blk, Paragraph):
            lines.append(f"{indent}p: {inline(blk.content)}")
        elif isinstance(blk, PageBreak):
            lines.append(f"{indent}pb: {blk.n}")
        elif isinstance(blk, Table):
            for row in blk.rows:
                lines.append(f"{indent}table: " + " | ".join(inline(c) for c in row))
        elif isinstance(blk, ListBlock):
            kind = f" {blk.type}" if blk.type else ""
            if blk.head is not None:
                lines.append(f"{indent}list head{kind}: {inline(blk.head)}")
            for it in blk.items:
                lines.append(
                    f"{indent}item{kind}: {(it.label + ' ') if it.label else ''}{inline(it.content)}"
                )
    if part.closer:
        if part.closer.salute:
            lines.append(f"{indent}salute: {inline(part.closer.salute)}")
        if part.closer.lead:
            lines.append(f"{indent}closer lead: {inline(part.closer.lead)}")
        if part.closer.signed:
            lines.append(f"{indent}signed: {inline(part.closer.signed)}")
        if part.closer.office:
            lines.append(f"{indent}office: {inline(part.closer.office)}")
        if part.closer.dateline is not None:
            lines.append(f"{indent}closer dateline: {inline(part.closer.dateline.content)}")
    for blk in part.postscript:
        if isinstance(blk, Paragraph):
            lines.append(f"{indent}postscript: {inline(blk.content)}")


def dump(doc: Document) -> str:
    lines: list[str] = []
    if doc.source_inline is not None:
        lines.append(f"source: {inline(doc.source_inline)}")
    if doc.number:
        lines.append(f"number: {doc.number}")
    if doc.doc_type:
        lines.append(f"type: {doc.doc_type}")
    if doc.markings:
        lines.append("markings: " + "; ".join(f"{m.text} ({m.kind})" for m in doc.markings))
    _part(doc, lines)
    for att in doc.attachments:
        lines.append("attachment:")
        _part(att, lines, "  ")
    return "\n".join(lines)
