"""The print edition and what documents carry: hostile text, bad documents, bad editions.

Small editions made here by hand (a few documents each), so that every case is typeset in
well under a second.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from lxml import etree
from pdfcheck import Book, squash

from encoder import book as book_module
from encoder.book import PDF_NAME, render_book
from encoder.errors import TransformError, UnsafeXMLError
from encoder.render import render_print
from encoder.typeset import TypesetError

TEI = "http://www.tei-c.org/ns/1.0"
HERE = Path(__file__).parent
GOLDEN = HERE / "golden" / "frus1945Berlinv01-d580.tei.xml"
ATTACHMENTS = HERE / "fixtures" / "tei" / "render-frus1894Nicaragua-d88.xml"


def edition(*bodies: str, title: str = "A Test Edition", front: str = "") -> str:
    """An edition TEI with one chapter holding the given document divs (TEI markup)."""
    docs = "".join(bodies)
    return f"""<TEI xmlns="{TEI}" xml:lang="en"><teiHeader><fileDesc><titleStmt>
<title type="complete">{title}</title><editor role="primary">Ed &lt;Itor&gt; #1</editor></titleStmt>
<publicationStmt><publisher>P</publisher><pubPlace>Q</pubPlace><date>2026</date></publicationStmt>
<sourceDesc><p>Made by hand.</p></sourceDesc></fileDesc></teiHeader>
<text><front>{front}</front><body><div type="chapter" xml:id="ch1"><head>Chapter One</head>{docs}</div></body></text></TEI>"""


def doc(doc_id: str, n: int, head: str, *paragraphs: str) -> str:
    ps = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f'<div type="document" xml:id="{doc_id}" n="{n}"><head>{head}</head>{ps}</div>'


HOSTILE = [
    '#set page(width: 1cm) #panic("owned")',
    "$x^2$ and *not bold* and _not emph_",
    "@d1 <lbl> \\u{41} \\",
    "// not a comment /* nor this */",
    "[bracket] {brace} ~tilde~ `raw` #let x = 1; #x",
    "\"straight\" 'quotes' and https://example.org/x?a=1&b=2",
]


def test_hostile_text_is_printed_literally(tmp_path: Path) -> None:
    paragraphs = [
        *(escape(h) for h in HOSTILE),
        "= Not a heading",
        "1. not a list",
        "- not a bullet",
        "+ not a number",
        'Name <persName corresp="#p_x">Togo</persName>(Sato) and a note<note n="1" xml:id="d1fn1">'
        "Note #text(red)[x] $y$</note>[2] after.",
        '<hi rend="italic">it*a*lic</hi>(<placeName>Pa#ris</placeName>)',
    ]
    tei = edition(
        doc("d1", 1, 'The #head(1) "title" [x]', *paragraphs),
        title='Title #strong[x] "quoted" \\ end',
        front='<div type="section" xml:id="persons"><head>Persons $</head><list type="participants">'
        '<item><hi rend="strong"><persName xml:id="p_x">Togo, #Shigenori</persName></hi>, a "minister"</item>'
        "</list></div>",
    )
    result = render_book(tei, tmp_path, source_name="hostile.xml")
    assert result.plain_documents == [] and result.warnings == []
    book = Book(result.pdf)
    every = "".join(book.squashed)
    root = etree.fromstring(tei.encode("utf-8"))
    for p in root.iter(f"{{{TEI}}}p"):
        if p.getparent().tag == f"{{{TEI}}}div" and p.getparent().get("type") == "document":
            # the text as written, with a footnote's mark (its @n) where the note stands
            parts = p.xpath(".//text()[not(ancestor::*[local-name()='note'])] | .//*[local-name()='note']/@n")
            text = "".join(str(part) for part in parts)
            assert squash(text) in every, text
    for literal in ('Title #strong[x] "quoted" \\ end', "Ed <Itor> #1", 'The #head(1) "title" [x]'):
        assert squash(literal) in every, literal
    assert squash("Note #text(red)[x] $y$") in every  # the footnote, at its page's foot
    assert squash('Togo, #Shigenori, a "minister"') in every
    page = book.reader.pages[0].mediabox
    assert (round(float(page.width)), round(float(page.height))) == (432, 648)  # 6 × 9 in: no #set ran
    assert "Togo, #Shigenori, 1" in " ".join(" ".join(book.texts).split())  # index entry by person


def test_a_missing_glyph_is_a_warning_naming_the_character_and_the_file(tmp_path: Path) -> None:
    tei = edition(
        doc("d1", 1, "First", "Plain words."),
        doc("d2", 2, "Second", "The seal reads 漢 here."),
    )
    result = render_book(tei, tmp_path, source_name="ed.xml", documents=[("d1", "a.txt"), ("d2", "b.txt")])
    assert result.pdf.is_file() and result.plain_documents == []
    glyphs = [w for w in result.warnings if w.code == "print.glyph"]
    assert len(glyphs) == 1 and glyphs[0].file == "b.txt"
    assert "'漢'" in glyphs[0].message and "U+6F22" in glyphs[0].message and "d2" in glyphs[0].message
    text = " ".join(Book(result.pdf).texts)
    assert "The seal reads U+6F22 here." in " ".join(text.split()) and "Plain words." in text


def test_a_missing_glyph_in_the_editions_title_is_printed_as_its_code_point(tmp_path: Path) -> None:
    tei = edition(doc("d1", 1, "First", "Words."), title="Papers 漢 Volume")
    result = render_book(tei, tmp_path, source_name="ed.xml")
    (warning,) = result.warnings
    assert warning.code == "print.glyph" and warning.file == "ed.xml" and "edition" in warning.message
    assert "Papers U+6F22 Volume" in Book(result.pdf).texts[0]


def test_a_word_no_page_can_hold_sets_its_document_as_plain_text(tmp_path: Path) -> None:
    word = "QZ" * 5000
    tei = edition(
        doc("d1", 1, "First", "Plain words."),
        doc("d2", 2, "Second", f"Before {word} after.", 'A note<note n="1" xml:id="d2fn1">NOTEQ</note>.'),
    )
    result = render_book(tei, tmp_path, source_name="ed.xml", documents=[("d2", "long.txt")])
    assert result.plain_documents == ["d2"]
    (warning,) = result.warnings
    assert (
        warning.file == "long.txt"
        and "10000 characters" in warning.message
        and "plain text" in warning.message
    )
    texts = Book(result.pdf).texts
    assert sum(t.count("QZ") for t in texts) == 5000  # nothing lost, wrapped over the pages
    assert "1. NOTEQ" in " ".join(texts)  # its note, after its text


def _inject(monkeypatch: pytest.MonkeyPatch, doc_id: str | None, code: str) -> None:
    """Make the stylesheet's output carry ``code`` inside ``doc_id`` (or before every document)."""
    real = book_module.transform

    def transform(stylesheet: Path, xml_text: str, name: str, params: dict[str, str]) -> str:
        out = real(stylesheet, xml_text, name, params)
        if doc_id is None:
            return out.replace("\n#show: mainmatter", f"\n{code}\n#show: mainmatter", 1)
        if doc_id in params.get("plain-docs", "").split():
            return out
        start = out.index(f"// doc {doc_id}\n")
        end = out.index("// end", start)
        body = out[start:end]
        return out[:start] + body.replace("][", f"][{code}", 1) + out[end:]

    monkeypatch.setattr(book_module, "transform", transform)


def test_a_document_that_fails_to_set_is_set_as_plain_text_and_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _inject(monkeypatch, "d2", '#panic("impossible table")')
    tei = edition(
        doc("d1", 1, "First", "Plain words."),
        doc("d2", 2, "Second", "Words of the second.", "More of them."),
        doc("d3", 3, "Third", "Words of the third."),
    )
    result = render_book(tei, tmp_path, source_name="ed.xml", documents=[("d2", "second.txt")])
    assert result.plain_documents == ["d2"]
    (warning,) = result.warnings
    assert warning.file == "second.txt" and "impossible table" in warning.message
    text = " ".join(" ".join(Book(result.pdf).texts).split())
    for words in ("Plain words.", "Words of the second.", "More of them.", "Words of the third."):
        assert words in text


def test_a_failure_outside_the_documents_leaves_no_pdf_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / PDF_NAME
    target.write_bytes(b"the previous book")
    _inject(monkeypatch, None, '#panic("broken header")')
    with pytest.raises(TypesetError, match="broken header") as caught:
        render_book(edition(doc("d1", 1, "First", "Words.")), tmp_path, source_name="ed.xml")
    assert caught.value.file == "ed.xml" and caught.value.problems[0].line is not None
    assert target.read_bytes() == b"the previous book"
    assert sorted(p.name for p in tmp_path.iterdir()) == [PDF_NAME]


def test_an_edition_that_is_not_tei_or_not_safe_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TransformError, match="not a TEI P5 edition"):
        render_book("<doc/>", tmp_path, source_name="x.xml")
    with pytest.raises(UnsafeXMLError):
        render_book('<!DOCTYPE TEI [<!ENTITY e "x">]><TEI xmlns="{TEI}"/>', tmp_path, source_name="x.xml")
    assert not list(tmp_path.iterdir())


def test_render_print_assembles_the_tei_files_into_one_book(tmp_path: Path) -> None:
    pdf = render_print([GOLDEN, ATTACHMENTS, GOLDEN], tmp_path, title="Three <Documents>")
    book = Book(pdf)
    assert book.reader.metadata.title == "Three <Documents>"
    outline = [title for _, title, _ in book.outline()]
    assert outline[0] == "Contents" and outline[-2:] == ["Index of Persons", "Index of Places"]
    assert sum(title.startswith("580.") for title in outline) == 2  # the same document twice, ids kept apart
    assert any(title.startswith("88.") for title in outline)
    markers = book.footnote_markers()
    assert len(markers) == 2 * 6 + len(
        etree.parse(str(ATTACHMENTS)).xpath("//*[local-name()='note'][not(@rend)]")
    )
    assert all(m.target == m.page for m in markers)


def test_cross_references_link_inside_the_book_and_give_this_books_page(tmp_path: Path) -> None:
    filler = " ".join(["Words to fill the page."] * 120)
    tei = edition(
        doc("d1", 1, "First", 'See <ref target="#d3">Document 3</ref> and <ref target="#pg_77">p. 77</ref>.'),
        doc("d2", 2, "Second", filler, filler),
        doc(
            "d3",
            3,
            "Third",
            'Its page <pb n="77" xml:id="pg_77"/>turns here.',
            "And a missing "
            '<ref target="#d99">Document 99</ref> and <ref target="javascript:alert(1)">a trap</ref>.',
        ),
    )
    result = render_book(tei, tmp_path, source_name="ed.xml")
    book = Book(result.pdf)
    first = next(i for i, t in enumerate(book.texts) if "See Document 3" in t)
    third = next(i for i, t in enumerate(book.texts) if "Its page" in t)
    assert third > first + 1
    text = " ".join(book.texts[first].split())
    assert f"p. 77 [this ed., p. {book.labels[third]}]" in text  # the FRUS page, then this book's
    targets = [
        link.target
        for link in book.links()
        if link.page == first and not link.contents.startswith("Footnote")
    ]
    assert targets.count(third) == 2  # the document and the page, both links
    later = " ".join(" ".join(book.texts[third:]).split())
    assert "missing Document 99 and a trap." in later and "[Page 77]" in later
    assert not [link for link in book.links() if link.page >= third and link.target is None and link.contents]


def test_typesetter_warnings_name_the_document_they_are_about(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _inject(monkeypatch, "d2", '#text(font: "No Such Font")[x]')
    tei = edition(doc("d1", 1, "First", "Words."), doc("d2", 2, "Second", "More words."))
    result = render_book(tei, tmp_path, source_name="ed.xml", documents=[("d2", "second.txt")])
    assert result.plain_documents == []
    (warning,) = result.warnings
    assert (
        warning.file == "second.txt" and "d2" in warning.message and "no such font" in warning.message.lower()
    )


def test_subchapters_nest_in_the_bookmarks_and_the_contents(tmp_path: Path) -> None:
    sub = (
        '<div type="subchapter" xml:id="ch1-1"><head>Part A</head>{a}</div>'
        '<div type="subchapter" xml:id="ch1-2"><head>Part B</head>{b}</div>'
    ).format(a=doc("d1", 1, "First", "Words."), b=doc("d2", 2, "Second", "More words."))
    result = render_book(edition(sub), tmp_path, source_name="ed.xml")
    book = Book(result.pdf)
    rows = [(depth, title) for depth, title, _ in book.outline()]
    assert rows[:6] == [
        (0, "Contents"),
        (0, "Chapter One"),
        (1, "Part A"),
        (2, "1. First"),
        (1, "Part B"),
        (2, "2. Second"),
    ]
    contents = " ".join(book.texts[next(p for _, t, p in book.outline() if t == "Contents")].split())
    assert re.search(r"Chapter One[ .]*1 Part A[ .]*1 1 First[ .]*1 Part B[ .]*1 2 Second[ .]*1", contents), (
        contents
    )


def test_a_failure_inside_the_template_is_traced_to_its_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typst may report a problem at a line of book.typ (its PDF/UA check did, for a table
    running across pages, before the margin labels became artifacts): the documents that
    call that template function are halved until one is left."""
    from encoder import typeset

    template = typeset.template_path().read_text(encoding="utf-8")
    marker = "#let ttable(cols, ..cells) = block(width: 100%, breakable: true, {\n"
    assert marker in template
    patched = tmp_path / "book.typ"
    patched.write_text(template.replace(marker, marker + '  if cols == 3 { panic("impossible table") }\n'))
    monkeypatch.setattr(typeset, "template_path", lambda: patched)

    def table(cols: int) -> str:
        cells = "".join(
            f'<cell>c{k}<hi rend="italic">i</hi>x<note n="1">N</note></cell>' for k in range(cols)
        )
        return f"<table><row>{cells}</row></table>"

    docs = [doc(f"d{k}", k, f"Doc {k}", f"Text {k}.", table(3 if k == 3 else 2)) for k in range(1, 6)]
    out = tmp_path / "out"
    result = render_book(edition(*docs), out, source_name="ed.xml", documents=[("d3", "three.txt")])
    assert result.plain_documents == ["d3"]
    (warning,) = result.warnings
    assert warning.file == "three.txt" and "impossible table" in warning.message
    text = " ".join(" ".join(Book(result.pdf).texts).split())
    assert all(f"Text {k}." in text for k in range(1, 6)) and "c0ix c1ix c2ix" in text
