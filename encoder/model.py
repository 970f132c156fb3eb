"""The document model: the contract between parsing and writing TEI.

The parser fills these plain objects from text and knows nothing of XML; the TEI writer
turns them into elements and knows nothing of text layout. Every block keeps the input
line it started on, so that any later finding can name ``file:line``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DateValue
from .errors import Diagnostic

# ---------------------------------------------------------------- inline content


@dataclass(slots=True)
class NoteRef:
    """A footnote marker in running text, resolved to its footnote."""

    note: Footnote
    """The footnote the marker points at; the note is written where the marker stood."""


@dataclass(slots=True)
class PageBreak:
    """``[Page N]``: the printed page ``n`` begins here (between blocks or mid-sentence)."""

    n: str
    """The page number as printed: ``875``, ``XIV``."""
    line: int = 0
    """Input line of the marker."""


@dataclass(slots=True)
class Hi:
    """Text the print set apart; ``rend`` is a FRUS ``hi/@rend`` value (``italic`` …)."""

    rend: str
    content: list[Inline]


@dataclass(slots=True)
class Name:
    """A name in a heading, dateline or signature.

    ``kind`` is the TEI element (``persName``, ``gloss`` for an office, ``placeName``);
    ``role`` is ``from`` or ``to`` when the name says who sent or received the document.
    """

    kind: str
    content: list[Inline]
    role: str | None = None


@dataclass(slots=True)
class DateSpan:
    """A date as printed, with what could be read of it in ISO 8601.

    ``value`` is None where the words were kept but no date could honestly be derived
    ("undated", "[date not declassified]").
    """

    content: list[Inline]
    value: DateValue | None = None
    type: str | None = None
    """A FRUS ``date/@type`` such as ``received-date``."""

    @property
    def dated(self) -> bool:
        """True when the words gave a date value that bounds the document."""
        v = self.value
        return v is not None and bool(v.when or v.not_before or v.from_)


@dataclass(slots=True)
class MarkerOnly:
    """A footnote marker whose note the copy does not include (a page cut short).

    The printed digits are kept (as ``anchor/@n``) rather than left in the words or
    dropped; no note text is invented.
    """

    n: str


@dataclass(slots=True)
class LineBreak:
    """A line the print broke on purpose (a wrapped dateline, a title under a name)."""


Inline = str | NoteRef | PageBreak | Hi | Name | DateSpan | LineBreak | MarkerOnly

# ----------------------------------------------------------------- footnotes


@dataclass(slots=True)
class Footnote:
    """One note of the page's footnote list, once its marker has been found."""

    index: int
    """Position in the list, 1-based: the ``xml:id`` counter (``d580fn3``)."""
    n: str
    """The marker as printed in the text (legacy volumes number per page: 1, 2, 1 …)."""
    content: list[Inline]
    line: int = 0
    is_source: bool = False
    """True for the modern source note (``1. Source: Department of State …``)."""


# ----------------------------------------------------------------- blocks


@dataclass(slots=True)
class Paragraph:
    """A paragraph of running text; ``rend`` carries a FRUS ``p/@rend`` when known."""

    content: list[Inline]
    line: int = 0
    rend: str | None = None


@dataclass(slots=True)
class ListItem:
    """One item of a list: its printed label (``1.``, ``A.``, ``—``) and its text."""

    label: str | None
    content: list[Inline]
    line: int = 0


@dataclass(slots=True)
class ListBlock:
    """A list of labelled items (numbered points, participants, subjects)."""

    items: list[ListItem]
    line: int = 0
    type: str | None = None
    """A FRUS ``list/@type``: ``participants``, ``subject``, ``simple`` …"""
    head: list[Inline] | None = None
    """The line that names the list (``PARTICIPANTS:``), as FRUS's ``list/head``."""


@dataclass(slots=True)
class Seg:
    """A line of the opener that is neither heading nor dateline.

    Marking lines (``very secret``), the legacy ``[Telegram]`` label and a despatch's own
    number (``No. 502.]``). ``rendition`` is ``left`` or ``center`` as FRUS places it.
    """

    content: list[Inline]
    rendition: str | None = None
    type: str | None = None
    """``marking``, ``label``, ``serial`` or ``received``."""
    smallcaps: bool = False
    """True when the print set the words in small capitals (marking lines)."""
    line: int = 0


@dataclass(slots=True)
class Dateline:
    """Place and date of writing, and a ``[Received …]`` line that follows it."""

    content: list[Inline]
    line: int = 0


@dataclass(slots=True)
class Table:
    """A table whose copy kept its columns as tab-separated cells."""

    rows: list[list[list[Inline]]]
    """Rows of cells; each cell is inline content."""
    line: int = 0


Block = Paragraph | PageBreak | ListBlock | Table


def plain_text(items: list[Inline]) -> str:
    """The words of inline content, notes left out, a line break as a space, blanks squashed."""
    out: list[str] = []
    for x in items:
        if isinstance(x, str):
            out.append(x)
        elif isinstance(x, (Name, Hi, DateSpan)):
            out.append(plain_text(x.content))
        elif isinstance(x, LineBreak):
            out.append(" ")
    return re.sub(r"\s+", " ", "".join(out)).strip()


@dataclass(slots=True)
class Closer:
    """The end of a letter or telegram: complimentary close and signature."""

    salute: list[Inline] | None = None
    lead: list[Inline] | None = None
    """Words over the signature that are not a salutation (``For the Secretary of State:``);
    FRUS writes them as the closer's own text, then a line break."""
    signed: list[Inline] | None = None
    office: list[Inline] | None = None
    """The signer's office on the line under the name (``Secretary of State``): written
    after ``signed`` as an element of its own, so that ``signed`` holds the name only."""
    dateline: Dateline | None = None
    """A dateline at the end (``British Embassy, Washington, October 17, 1914.``)."""
    line: int = 0


@dataclass(slots=True)
class Party:
    """Sender or recipient as the heading names them."""

    person: str | None = None
    office: str | None = None


@dataclass(slots=True)
class Marking:
    """A classification, precedence or handling word as the document prints it."""

    text: str
    kind: str
    """``classification``, ``precedence`` or ``handling``."""


@dataclass(slots=True)
class Part:
    """The shape shared by a document and each of its attachments (enclosures)."""

    head: list[Inline] | None = None
    opener: list[Seg | Dateline | PageBreak] = field(default_factory=list)
    before_head: int = 0
    """How many leading opener items stand above the head (an enclosure's ``[Translation.]``)."""
    dateline_in_opener: bool = True
    """Legacy volumes put the dateline in ``opener``; modern ones right after ``head``."""
    body: list[Block] = field(default_factory=list)
    closer: Closer | None = None
    postscript: list[Block] = field(default_factory=list)
    """Lines after the signature that are not an attachment (an address line …)."""
    line: int = 0


@dataclass(slots=True)
class Document(Part):
    """One FRUS document (telegram, despatch, memorandum, editorial note …)."""

    xml_id: str = "d1"
    number: str | None = None
    """The printed document number (``580``), when the text shows one."""
    number_cert: str | None = None
    """``None`` when the number was read; ``low`` when it was only numbered in sequence."""
    subtype: str = "historical-document"
    doc_type: str | None = None
    """``Telegram``, ``Despatch``, ``Memorandum of Conversation``, ``Editorial Note`` …"""
    file_number: str | None = None
    """The decimal file number of legacy volumes (``761.94/7–2145``)."""
    source_inline: list[Inline] | None = None
    source_after_head: bool = False
    """True when the inline source note stands under the head, where the page prints it
    (an 1861 ``[Translation.]`` label); else it is the div's first child."""
    """The legacy source line, written as the div's first child (``note rend="inline"``)."""
    head_prefix: str | None = None
    """A ``No. 580`` line written at the start of the head, before a line break."""
    serial: str | None = None
    """The telegram's own number (``890``), read from the start of the first paragraph."""
    sender: Party | None = None
    recipient: Party | None = None
    place: str | None = None
    """Where the document was written, as its first dateline (else its heading) names it."""
    date: DateValue | None = None
    """When it was written: the value of the first dated dateline (else of the heading)."""
    date_text: str | None = None
    """The words of that date as printed."""
    date_bounds: tuple[str, str] | None = None
    """``frus:doc-dateTime-min`` and ``-max``: the date widened and put at -05:00."""
    markings: list[Marking] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    attachments: list[Part] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    """Printed page numbers of the ``[Page N]`` markers, in order."""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    source_name: str = ""
    """The input file's name, for provenance and messages."""
    encoding: str = "utf-8"
    """The character encoding the input was read in."""
    first_line: int = 1
    last_line: int = 1
