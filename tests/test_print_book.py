"""The print edition as a book: every document of the dev corpus typeset as one volume.

The edition TEI is assembled from the dev-corpus pages (tests/edition_builder.py: one
chapter per volume, a persons list made from the names in the headings, a terms list) and
typeset once per module. Every expectation is computed from that TEI and checked on the
PDF with pypdf: pages, page labels (the folios), link annotations and bookmarks.
"""

from __future__ import annotations

import re

import pytest
from edition_builder import DEV, TEI_NS, assemble, corpus_pages, encode_pages
from lxml import etree
from pdfcheck import Book, squash

from encoder.book import PDF_NAME, TEI_ATTACHMENT, render_book

NS = {"tei": TEI_NS}
SHORT = "FRUS, Test Volume"


@pytest.fixture(scope="module")
def edition() -> tuple[str, list[tuple[str, str]]]:
    return assemble(encode_pages(corpus_pages(DEV)), short=SHORT)


@pytest.fixture(scope="module")
def book(edition: tuple[str, list[tuple[str, str]]], tmp_path_factory: pytest.TempPathFactory) -> Book:
    tei, documents = edition
    out = tmp_path_factory.mktemp("book")
    result = render_book(tei, out, source_name="dev-edition.xml", documents=documents)
    assert result.pdf == out / PDF_NAME and result.paths == [result.pdf]
    assert result.plain_documents == [], result.warnings  # every real document sets as encoded
    assert not [p for p in out.iterdir() if p.name != PDF_NAME], "temporary files left behind"
    return Book(result.pdf)


@pytest.fixture(scope="module")
def root(edition: tuple[str, list[tuple[str, str]]]) -> etree._Element:
    return etree.fromstring(edition[0].encode("utf-8"))


def text_of(element: etree._Element) -> str:
    """Text of ``element`` leaving out the notes nested in it."""
    out = [element.text or ""]
    for child in element:
        if child.tag != f"{{{TEI_NS}}}note":
            out.append(text_of(child))
        out.append(child.tail or "")
    text = " ".join("".join(out).split())
    return text.replace("( ", "(").replace(" )", ")")  # as the editions close up "( Togo )"


def footnotes(root: etree._Element) -> list[etree._Element]:
    """The TEI's footnotes in document order (inline source lines and nested notes are not)."""
    return root.xpath(
        "//tei:body//tei:note[not(@rend='inline') and not(@place='inline')][not(ancestor::tei:note)]",
        namespaces=NS,
    )


def documents(root: etree._Element) -> list[etree._Element]:
    return root.xpath("//tei:body//tei:div[@type='document']", namespaces=NS)


def doc_title(div: etree._Element) -> str:
    """The heading as the contents print it: the head without notes or a leading number."""
    heads = div.findall(f"{{{TEI_NS}}}head")
    title = text_of(heads[0]) if heads else ""
    n = (div.get("n") or "").strip()
    for prefix in (f"No. {n}.", f"No. {n}", f"{n}."):
        if n and title.startswith(prefix) and title[len(prefix) :].strip():
            return title[len(prefix) :].strip()
    return title


# --- footnotes ---------------------------------------------------------------------------------


def test_every_footnote_stands_on_the_page_of_its_marker(book: Book, root: etree._Element) -> None:
    notes = footnotes(root)
    markers = book.footnote_markers()
    assert len(notes) > 40
    assert len(markers) == len(notes)
    assert [m for m in markers if m.target != m.page] == []  # each marker links to its note
    # The notes in document order fall on the marker pages in page order; each note's
    # opening words must be on that page.
    pages = sorted(m.page for m in markers)
    missing = []
    for note, page in zip(notes, pages, strict=True):
        opening = squash(text_of(note))[:20]
        if opening and opening not in book.squashed[page]:
            missing.append((note.get("{http://www.w3.org/XML/1998/namespace}id"), page + 1, opening))
    assert missing == []


def test_the_page_check_can_fail(book: Book, root: etree._Element) -> None:
    """The same check, pages shifted by one, finds notes away from their page."""
    notes = footnotes(root)
    pages = sorted(m.page for m in book.footnote_markers())
    shifted = [
        (note, page + 1) for note, page in zip(notes, pages, strict=True) if page + 1 < len(book.texts)
    ]
    wrong = [n for n, p in shifted if squash(text_of(n))[:20] not in book.squashed[p]]
    assert len(wrong) > len(shifted) // 2


# --- contents, index, running heads --------------------------------------------------------------


def _folio_after(text: str, title: str, start: int = 0) -> tuple[str, int] | None:
    """The folio printed after ``title`` in contents text (leaders and line breaks between),
    searching from ``start``; with the position after it."""
    chars = [re.escape(c) for c in title if not c.isspace()]  # lines break anywhere, even at a hyphen
    pattern = r"\s*".join(chars) + r"[\s.]*?\s(?P<folio>\d+|[ivxlc]+)\s*(?:\n|$)"
    match = re.compile(pattern).search(text, start)
    return (match["folio"], match.end()) if match else None


def test_contents_page_numbers_point_at_the_documents(book: Book, root: etree._Element) -> None:
    outline = book.outline()
    start = next(page for depth, title, page in outline if title == "Contents")
    end = next(page for depth, title, page in outline if page > start)
    contents = "\n".join(book.texts[start:end])
    checked = 0
    at = 0
    for div in root.xpath("//tei:body//tei:div[@type='document' or tei:head]", namespaces=NS):
        title = doc_title(div) if div.get("type") == "document" else text_of(div.find(f"{{{TEI_NS}}}head"))
        found = _folio_after(contents, title, at)
        assert found is not None, title
        folio, at = found
        page = book.page_of_folio(folio)
        assert squash(title)[:25] in book.squashed[page], (title, folio)
        checked += 1
    assert checked > len(documents(root)) > 50


def test_index_page_numbers_point_at_pages_naming_the_person_or_place(
    book: Book, root: etree._Element
) -> None:
    outline = book.outline()
    persons_at = next(page for depth, title, page in outline if title == "Index of Persons")
    places_at = next(page for depth, title, page in outline if title == "Index of Places")
    persons_text = " ".join(" ".join(book.texts[persons_at:places_at]).split())
    places_text = " ".join(" ".join(book.texts[places_at:]).split())
    names = [text_of(p) for p in root.xpath("//tei:front//tei:persName[@xml:id]", namespaces=NS)]
    places = sorted({text_of(p) for p in root.xpath("//tei:body//tei:placeName", namespaces=NS)} - {""})
    checked = 0
    for text, wanted in ((persons_text, names), (places_text, places)):
        for name in wanted:
            match = re.search(re.escape(name) + r", ((?:(?:\d+|[ivxlc]+)(?:, )?)+)", text)
            assert match, name
            for folio in match[1].split(", "):
                assert squash(name) in book.squashed[book.page_of_folio(folio)], (name, folio)
                checked += 1
    assert checked > len(names) + len(places)


def test_running_heads_folios_and_rectos(book: Book, root: etree._Element) -> None:
    outline = book.outline()
    chapters = [
        (title, page) for depth, title, page in outline if depth == 0 and title.startswith("Documents from")
    ]
    assert len(chapters) == len(root.xpath("//tei:body/tei:div[@type='chapter']", namespaces=NS))
    assert all(page % 2 == 0 for _, page in chapters)  # physical pages 1, 3, …: rectos
    assert book.labels[chapters[0][1]] == "1" and book.labels[0] == "i"
    assert all(re.fullmatch(r"[ivxlc]+", label) for label in book.labels[: chapters[0][1]])
    openings = {page for _, page in chapters}
    checked = 0
    for page in range(chapters[0][1], len(book.texts)):
        text = book.texts[page].strip()
        if page in openings or not text or page >= next(p for _, t, p in outline if t == "Index of Persons"):
            continue
        first = text.split("\n")[0]
        if page % 2 == 1:  # a verso: folio, then the short title
            assert first.startswith(book.labels[page]) and SHORT.lower() in first.lower(), (page + 1, first)
        else:  # a recto: the chapter, then the folio
            chapter = max((t for t, p in chapters if p <= page), key=lambda t: dict(chapters)[t])
            assert first.endswith(book.labels[page]) and chapter.lower() in first.lower(), (page + 1, first)
        checked += 1
    assert checked > 20


def test_bookmarks_nest_documents_under_their_chapters(book: Book, root: etree._Element) -> None:
    outline = book.outline()
    expected: list[tuple[int, str]] = [(0, "Contents"), (0, "Persons"), (0, "Abbreviations and Terms")]
    for chapter in root.xpath("//tei:body/tei:div[@type='chapter']", namespaces=NS):
        expected.append((0, text_of(chapter.find(f"{{{TEI_NS}}}head"))))
        for div in chapter.xpath(".//tei:div[@type='document']", namespaces=NS):
            n = (div.get("n") or "").strip()
            expected.append((1, " ".join(((f"{n}." if n else "") + " " + doc_title(div)).split())))
    expected += [(0, "Index of Persons"), (0, "Index of Places")]
    assert [(depth, " ".join(title.split())) for depth, title, _ in outline] == expected


# --- the file ----------------------------------------------------------------------------------


def test_pdf_a_and_ua_metadata_structure_fonts_and_attached_tei(
    book: Book, edition: tuple[str, list[tuple[str, str]]]
) -> None:
    reader = book.reader
    xmp = reader.xmp_metadata.stream.get_data().decode("utf-8")
    assert "<pdfaid:part>3</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog and bool(catalog["/MarkInfo"]["/Marked"])
    assert catalog["/Lang"] == "en"
    info = reader.metadata
    assert info.title == "Foreign Relations of the United States: Test Volume"
    assert info.author == "Jane Doe, Richard Roe"
    assert SHORT in (info.get("/Keywords") or "")
    fonts = 0
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
            fonts += 1
    assert fonts > 0
    attached = reader.attachments[TEI_ATTACHMENT]
    assert attached == [edition[0].encode("utf-8")]


def test_title_page_imprint_and_front_lists(book: Book, root: etree._Element) -> None:
    assert book.texts[0].strip() == "Foreign Relations of the United States: Test Volume"
    title_page = " ".join(book.texts[2].split())
    for words in (
        "Documents from the Development Corpus",
        "Edited by Jane Doe Richard Roe",
        "Washington",
        "2026",
    ):
        assert words in title_page
    imprint = " ".join(book.texts[3].split())
    assert "CC0 1.0" in imprint and "Made with telegram-tei" in imprint and "PDF/A-3b" in imprint
    persons_page = next(page for depth, title, page in book.outline() if title == "Persons")
    for person in root.xpath("//tei:front//tei:persName", namespaces=NS)[:5]:
        assert squash(text_of(person)) in book.squashed[persons_page]


def test_no_heading_is_left_alone_at_the_foot_of_a_page(book: Book, root: etree._Element) -> None:
    """Each document's heading shares its page with the first words of its text."""
    pages = [page for depth, _, page in book.outline() if depth == 1]
    docs = documents(root)
    assert len(pages) == len(docs)
    checked = 0
    for div, page in zip(docs, pages, strict=True):
        first = div.find(f"{{{TEI_NS}}}p")
        # the words before any element (a note's mark would stand between them on the page)
        words = squash(first.text or "")[:15] if first is not None else ""
        if words:
            assert words in book.squashed[page], (div.get("n"), page + 1, words)
            checked += 1
    assert checked > 50
