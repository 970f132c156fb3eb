"""The seed telegram's hard spots, and its golden TEI (reviewed by hand against ENCODING.md)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from encoder.model import NoteRef, PageBreak, Paragraph
from encoder.parser import parse_documents
from encoder.resources import sample_files
from encoder.tei import serialize, to_tei

SEED = next(p for p in sample_files() if p.name == "frus1945Berlinv01-d580.txt")
GOLDEN = Path(__file__).parent / "golden" / "frus1945Berlinv01-d580.tei.xml"
TEI = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def doc():
    return parse_documents(SEED.read_text(encoding="utf-8"), SEED.name)[0]


def test_source_line_number_and_kind(doc) -> None:
    assert doc.file_number == "761.94/7–2145"
    assert doc.doc_type == "Telegram"
    assert doc.number == "580" and doc.xml_id == "d580"


def test_heading_parties(doc) -> None:
    assert (doc.sender.person, doc.sender.office) == (
        "Togo",
        "Japanese Minister of Foreign Affairs",
    )
    assert (doc.recipient.person, doc.recipient.office) == (
        "Sato",
        "Japanese Ambassador in the Soviet Union",
    )


def test_marking_and_serial(doc) -> None:
    assert [m.text for m in doc.markings] == ["very secret"]
    assert doc.serial == "890"


def test_markers_keep_printed_numbers_and_list_order(doc) -> None:
    refs = [
        x.note
        for blk in doc.body
        if isinstance(blk, Paragraph)
        for x in blk.content
        if isinstance(x, NoteRef)
    ]
    assert [n.index for n in refs] == [1, 2, 3, 4, 5, 6]
    assert [n.n for n in refs] == ["1", "2", "1", "3", "1", "4"]


def test_marker_glued_to_a_number(doc) -> None:
    para = doc.body[1]
    i = next(i for i, x in enumerate(para.content) if isinstance(x, NoteRef) and x.note.index == 3)
    assert para.content[i - 1].endswith("telegram No. 852")


def test_page_break_between_paragraphs(doc) -> None:
    assert any(isinstance(b, PageBreak) and b.n == "875" for b in doc.body)
    assert doc.pages == ["875"]


def _canonical(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n")


def test_golden_tei() -> None:
    doc = parse_documents(SEED.read_text(encoding="utf-8"), SEED.name)[0]
    assert _canonical(serialize(to_tei(doc))) == _canonical(GOLDEN.read_bytes())


def test_no_text_lost() -> None:
    """Every word of the page (notes included) is in the TEI's text, and nothing more."""
    root = etree.fromstring(GOLDEN.read_bytes())
    text = root.find("t:text", TEI)
    words = re.compile(r"[^\W\d_]+")
    page = SEED.read_text(encoding="utf-8")
    page = re.sub(r"\[Page [^\]]*\]", "", page)
    assert Counter(words.findall(" ".join(text.itertext()))) == Counter(words.findall(page))
