"""The preamble read by :mod:`.preamble` -> the model: source line, number, head, opener.

Each opener item kind (``dateline``, ``label``, ``marking``, ``serial``, ``received``)
has its writer in :data:`OPENER_WRITERS`; the writers record what the item states (a
marking, the telegram's number, the document kind a label names) and queue its running
text as a slot for the inline pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from ..model import Dateline, Document, PageBreak, Seg
from ..vocabulary import KIND_START_RE, SOURCE_LABEL_RE
from . import heading as heading_mod
from . import markings
from .inline import PAGE_LINE_RE
from .lines import Line
from .preamble import FILE_LINE_RE, Preamble
from .slots import Builder, append_received, dateline_names, heading_names, set_attr, set_content


@dataclass(slots=True)
class OpenerState:
    """The document being filled, its slots and its preamble, and the heading's reading."""

    doc: Document
    b: Builder
    pre: Preamble
    info_box: list[heading_mod.HeadingInfo] = field(default_factory=list)


def write_source(st: OpenerState) -> None:
    """The legacy file line (``761.94/7–2145: Telegram``): source note, file number, kind.
    Without one, a ``No. 580`` line is the source note (19th-century volumes)."""
    doc, pre = st.doc, st.pre
    doc.number = pre.number
    if pre.source_line is not None:
        text = pre.source_line.stripped
        m = FILE_LINE_RE.match(text)
        if m:
            doc.file_number = text.split(":")[0].replace("File No.", "").strip()
            if m.group("kind"):
                doc.doc_type = m.group("kind").strip()
        doc.source_inline = []
        st.b.add(text, partial(set_attr, doc, "source_inline"), pre.source_line.no, no_split=True)
    if pre.number_line is None:
        return
    if pre.source_line is None:
        doc.source_inline = []
        st.b.add(pre.number_line.stripped, partial(set_attr, doc, "source_inline"), pre.number_line.no)
    else:
        doc.head_prefix = pre.number_line.stripped


def write_head(st: OpenerState) -> None:
    """The heading: its slot also reads the parties and a trailing place and date."""
    heading = st.pre.heading
    if heading is None:
        return
    st.doc.head = []
    names = partial(heading_names, st.info_box)
    st.b.add(heading.stripped, partial(set_attr, st.doc, "head"), heading.no, heading=True, names=names)


def _dateline(st: OpenerState, at: int, lines: list[Line]) -> None:
    dl = Dateline([], lines[0].no)
    st.doc.opener.append(dl)
    text = " ".join(ln.stripped for ln in lines)
    names = partial(dateline_names, lead=" ".join(ln.stripped for ln in lines[:-1]))
    st.b.add(text, partial(set_content, dl), lines[0].no, names=names, no_split=True)


def _received(st: OpenerState, at: int, lines: list[Line]) -> None:
    opener = st.doc.opener
    if not (opener and isinstance(opener[-1], Dateline)):
        _seg(st, "received", lines)
        return
    st.b.add(" ".join(ln.stripped for ln in lines), partial(append_received, opener[-1]), lines[0].no)


def _label(st: OpenerState, at: int, lines: list[Line]) -> None:
    doc, text = st.doc, " ".join(ln.stripped for ln in lines)
    if doc.source_inline is None and SOURCE_LABEL_RE.match(text):
        # early volumes encode a lone [Extract.] / [Translation.] as the source note
        doc.source_inline = []
        doc.source_after_head = at >= st.pre.before_head
        if not doc.source_after_head:
            doc.before_head -= 1
        st.b.add(text, partial(set_attr, doc, "source_inline"), lines[0].no, no_split=True)
        return
    _seg(st, "label", lines)
    m = KIND_START_RE.match(text.strip("["))
    if m and doc.doc_type is None:
        doc.doc_type = m.group(1).capitalize()


def _marking(st: OpenerState, at: int, lines: list[Line]) -> None:
    _seg(st, "marking", lines)
    st.doc.markings.extend(markings.from_line(" ".join(ln.stripped for ln in lines)))


def _serial(st: OpenerState, at: int, lines: list[Line]) -> None:
    _seg(st, "serial", lines)
    st.doc.serial = re.sub(r"\D", "", " ".join(ln.stripped for ln in lines))


def _page(st: OpenerState, at: int, lines: list[Line]) -> None:
    m = PAGE_LINE_RE.match(lines[0].stripped)
    if m:
        st.doc.opener.append(PageBreak(m.group(1), lines[0].no))
        st.b.pending_page = True


_RENDITION = {"label": "center", "marking": "left", "serial": "left", "received": "right"}
"""Where FRUS sets each opener line."""


def _seg(st: OpenerState, kind: str, lines: list[Line]) -> None:
    seg = Seg([], _RENDITION[kind], kind, smallcaps=(kind == "marking"), line=lines[0].no)
    st.doc.opener.append(seg)
    text = " ".join(ln.stripped for ln in lines)
    st.b.add(text, partial(set_content, seg), lines[0].no, label=(kind == "label"))


OPENER_WRITERS: dict[str, Callable[[OpenerState, int, list[Line]], None]] = {
    "dateline": _dateline,
    "received": _received,
    "label": _label,
    "marking": _marking,
    "serial": _serial,
    "page": _page,
}
"""The writer of each opener item kind the preamble rules record."""


def write_opener(st: OpenerState) -> None:
    """Every opener item, in order; a modern document's dateline stands after the head."""
    st.doc.dateline_in_opener = not st.pre.modern
    st.doc.before_head = st.pre.before_head
    for at, (kind, lines) in enumerate(st.pre.opener):
        OPENER_WRITERS[kind](st, at, lines)
